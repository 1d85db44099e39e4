// One esbuild run, four outputs: the Node extension (with its lazily loaded heavy bundles and the analysis worker),
// the web-worker extension for vscode.dev (with its Web Worker), the webview's browser bundle, and the integration
// test bundle.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glyphsOf, literalsIn, subsetCodicons, subsetFontTo } from './lib/codiconSubset.mjs';
import { runnerBundleOptions } from './lib/runnerBundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const release = args.has('--release');
const watch = args.has('--watch');
const dist = path.join(root, 'dist');

/**
 * In the Node build, the lazily loaded heavy parts stay out of dist/extension.js: `import('./bundles/analysis')`
 * from src/lazy.ts (and `import('./analysis')` from the worker entry) becomes a plain require() of the sibling
 * dist/analysis.js, dist/crypto.js, dist/ownFunction.js or dist/deployment.js; so do lazy.ts's synchronous
 * `require('./bundles/panelCore')` (dist/panelCore.js, the token panel's core, loaded with the first panel) and
 * `require('./bundles/joins')` (dist/joins.js, the cross-file joins, loaded with the first analysis).
 */
const LAZY_IMPORTERS = [`${path.sep}lazy.ts`, `${path.sep}analysisWorker.ts`];
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/(bundles\/)?(analysis|crypto|ownFunction|deployment|panelCore|joins)$/ }, (a) =>
      LAZY_IMPORTERS.some((suffix) => a.importer.endsWith(suffix))
        ? { path: `./${path.basename(a.path)}.js`, external: true }
        : undefined,
    );
  },
};

/** The web build's worker is a Web Worker: its Node-only adapter is swapped for nothing there. */
const webWorkerShims = {
  name: 'web-worker-shims',
  setup(build) {
    build.onResolve({ filter: /^node:worker_threads$/ }, () => ({
      path: path.join(root, 'src', 'shims', 'workerThreads.web.ts'),
    }));
  },
};

/**
 * One `require("vscode")` for the whole bundle: esbuild would emit one per importing module, and each goes through
 * the extension host's module interceptor (measured: ~0.6 ms apiece in code-server's host).
 */
const singleVscodeRequire = {
  name: 'single-vscode-require',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) =>
      a.namespace === 'vscode-shim' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-shim' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-shim' }, () => ({
      contents: 'export * from "vscode";',
      loader: 'js',
    }));
  },
};

/** Lists every test/integration/*.test.ts so the bundled suite can load them after mocha's globals exist. */
const integrationTests = {
  name: 'integration-tests',
  setup(build) {
    build.onResolve({ filter: /^virtual:integration-tests$/ }, () => ({
      path: 'integration-tests',
      namespace: 'virtual',
    }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const dir = path.join(root, 'test', 'integration');
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      const lines = files.map((f) => `  ${JSON.stringify(f)}: () => require(${JSON.stringify(path.join(dir, f))}),`);
      return { contents: `export const testFiles = {\n${lines.join('\n')}\n};`, resolveDir: dir, loader: 'js' };
    });
  },
};

/** Nothing can start a process in a web-worker host: the web build gets a stand-in that says so. */
const webNoOwnFunction = {
  name: 'web-no-own-function',
  setup(build) {
    build.onResolve({ filter: /^\.\/bundles\/ownFunction$/ }, () => ({
      path: path.join(root, 'src', 'shims', 'ownFunction.web.ts'),
    }));
    build.onResolve({ filter: /^\.\/bundles\/deployment$/ }, () => ({
      path: path.join(root, 'src', 'shims', 'deployment.web.ts'),
    }));
  },
};

const common = {
  bundle: true,
  minify: release,
  sourcemap: release ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': release ? '"production"' : '"development"' },
};

const builds = [
  {
    ...common,
    entryPoints: {
      extension: 'src/extension.ts',
      analysis: 'src/bundles/analysis.ts',
      crypto: 'src/bundles/crypto.ts',
      analysisWorker: 'src/bundles/analysisWorker.ts',
      ownFunction: 'src/bundles/ownFunction.ts',
      deployment: 'src/bundles/deployment.ts',
      panelCore: 'src/bundles/panelCore.ts',
      joins: 'src/bundles/joins.ts',
    },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    supported: { 'dynamic-import': false },
    plugins: [lazyBundles, singleVscodeRequire],
    metafile: true,
  },
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', analysisWorker: 'src/bundles/analysisWorker.web.ts' },
    outdir: path.join(dist, 'web'),
    platform: 'browser',
    format: 'cjs',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
    define: { ...common.define, 'process.platform': '"web"' },
    alias: {
      'node:fs': './src/shims/fs.web.ts',
      'node:http': './src/shims/empty.ts',
      'node:net': './src/shims/empty.ts',
      'node:https': './src/shims/empty.ts',
      'node:zlib': './src/shims/empty.ts',
      'node:dns': './src/shims/empty.ts',
      'node:child_process': './src/shims/childProcess.web.ts',
    },
    plugins: [webWorkerShims, webNoOwnFunction],
  },
  {
    ...common,
    ...runnerBundleOptions(root, { outdir: dist, minify: release }),
  },
  {
    ...common,
    entryPoints: { panel: 'src/webview/main.ts' },
    outdir: path.join(dist, 'webview'),
    platform: 'browser',
    format: 'esm',
    loader: { '.ttf': 'file' },
  },
];

if (!release) {
  builds.push({
    ...common,
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: path.join(root, 'out', 'integration'),
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    plugins: [integrationTests],
  });
}

async function copyAssets() {
  const codicons = path.join(root, 'node_modules', '@vscode', 'codicons', 'dist');
  const out = path.join(dist, 'webview');
  fs.mkdirSync(out, { recursive: true });
  const used = literalsIn([path.join(root, 'src', 'webview'), path.join(root, 'src', 'protocol')]);
  const sheet = subsetCodicons(fs.readFileSync(path.join(codicons, 'codicon.css'), 'utf8'), used);
  fs.writeFileSync(path.join(out, 'codicon.css'), sheet);
  fs.writeFileSync(
    path.join(out, 'codicon.ttf'),
    await subsetFontTo(fs.readFileSync(path.join(codicons, 'codicon.ttf')), glyphsOf(sheet)),
  );
  const css = path.join(root, 'src', 'webview', 'panel.css');
  if (fs.existsSync(css)) fs.copyFileSync(css, path.join(out, 'panel.css'));
}

fs.rmSync(dist, { recursive: true, force: true });
await copyAssets();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  const [node] = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeActivationInputs(node.metafile);
}

/**
 * What dist/extension.js holds, bytes per source file (out/, not shipped): the bench splits the activation bundle
 * into the feature adapters and the rest with it.
 */
function writeActivationInputs(metafile) {
  const output = metafile.outputs[path.relative(root, path.join(dist, 'extension.js')).split(path.sep).join('/')];
  if (!output) throw new Error('esbuild reported no dist/extension.js');
  const inputs = Object.fromEntries(
    Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]),
  );
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'out', 'activation-bundle.json'),
    JSON.stringify({ bytes: output.bytes, inputs }, null, 1),
  );
}
