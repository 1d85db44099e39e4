// The heavy pure parts load on first use: the Babel parser with the analyzer (dist/analysis.js) and jose with the
// token checks (dist/crypto.js), the runner of the learner's own functions (dist/ownFunction.js), and the token
// panel's core with the first panel (dist/panelCore.js). In the Node build scripts/build.mjs turns these imports into
// a plain require() of the sibling file; the browser build bundles them in (there is no file system to load from).
import { isNodeHost } from './project/host';

export type AnalysisBundle = typeof import('./bundles/analysis');
export type CryptoBundle = typeof import('./bundles/crypto');

export type OwnFunctionBundle = typeof import('./bundles/ownFunction');
export type DeploymentBundle = typeof import('./bundles/deployment');
export type PanelCoreBundle = typeof import('./bundles/panelCore');
export type JoinsBundle = typeof import('./bundles/joins');

let analysis: Promise<AnalysisBundle> | undefined;
let crypto: Promise<CryptoBundle> | undefined;
let ownFunction: Promise<OwnFunctionBundle> | undefined;
let deployment: Promise<DeploymentBundle> | undefined;
let panel: PanelCoreBundle | undefined;
let joinsBundle: JoinsBundle | undefined;

export function loadAnalysis(): Promise<AnalysisBundle> {
  return (analysis ??= import('./bundles/analysis').catch((err: unknown) => {
    analysis = undefined; // the next caller tries again
    throw err;
  }));
}

export function loadCrypto(): Promise<CryptoBundle> {
  return (crypto ??= import('./bundles/crypto').catch((err: unknown) => {
    crypto = undefined;
    throw err;
  }));
}

/**
 * The exercise's runner for the learner's own functions (a child process, a loopback server, ConvexHttpClient):
 * Node hosts only. (The web build resolves the import below to a shim: scripts/build.mjs, webNoOwnFunction.)
 */
export function loadOwnFunction(): Promise<OwnFunctionBundle> {
  if (!isNodeHost())
    return Promise.reject(new Error('Running your own functions needs the desktop app or a remote extension host.'));
  return (ownFunction ??= import('./bundles/ownFunction').catch((err: unknown) => {
    ownFunction = undefined;
    throw err;
  }));
}

/** "Ask my deployment" (the real ConvexHttpClient and the gated transport): Node hosts only, like the runner. */
export function loadDeployment(): Promise<DeploymentBundle> {
  if ((process.platform as string) === 'web')
    return Promise.reject(new Error('Asking your deployment needs the desktop app or a remote extension host.'));
  return (deployment ??= import('./bundles/deployment').catch((err: unknown) => {
    deployment = undefined;
    throw err;
  }));
}

/**
 * The token panel's core (src/bundles/panelCore.ts), required the first time a panel (or the language-model tool's
 * token check) needs it: synchronously, because the panel is built synchronously (a command, the serializer), and
 * the file is small. Activation never calls this, so dist/extension.js does not carry the panel's core.
 */
export function panelCore(): PanelCoreBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load (see above)
  return (panel ??= require('./bundles/panelCore') as PanelCoreBundle);
}

/**
 * The cross-file joins (src/bundles/joins.ts), required the first time an analysis's sites are joined with the
 * index's functions: synchronously, because the index joins while it stores a result. Activation never joins.
 */
export function joins(): JoinsBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load (see above)
  return (joinsBundle ??= require('./bundles/joins') as JoinsBundle);
}
