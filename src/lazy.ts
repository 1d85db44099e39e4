// Heavy parts (the Babel parser, jose, the code behind commands) live in their own bundles so activation stays cheap.
// In the Node build scripts/build.mjs turns these imports into require() of dist/analysis.js,
// dist/crypto.js and dist/features.js, loaded on first use; the browser build bundles them in (there is no file
// system to load from).
export type AnalysisBundle = typeof import('./bundles/analysis');
export type CryptoBundle = typeof import('./bundles/crypto');
export type FeaturesBundle = typeof import('./bundles/features');
export type OwnFunctionBundle = typeof import('./bundles/ownFunction');

let analysis: Promise<AnalysisBundle> | undefined;
let crypto: Promise<CryptoBundle> | undefined;
let features: Promise<FeaturesBundle> | undefined;
let ownFunction: Promise<OwnFunctionBundle> | undefined;

export function loadAnalysis(): Promise<AnalysisBundle> {
  return (analysis ??= import('./bundles/analysis'));
}

export function loadCrypto(): Promise<CryptoBundle> {
  return (crypto ??= import('./bundles/crypto'));
}

/** The code behind commands (token panel host, exercise, insert commands): loaded when a command first runs. */
export function loadFeatures(): Promise<FeaturesBundle> {
  return (features ??= import('./bundles/features'));
}

/**
 * The exercise's runner for the learner's own functions (a child process, a loopback server, ConvexHttpClient):
 * Node hosts only. The web build defines process.platform as "web", so the import below is dead code there.
 */
export function loadOwnFunction(): Promise<OwnFunctionBundle> {
  if ((process.platform as string) === 'web') return Promise.reject(new Error('Running your own functions needs the desktop app or a remote extension host.'));
  return (ownFunction ??= import('./bundles/ownFunction'));
}
