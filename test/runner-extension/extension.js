// Runs inside code-server's Node extension host. The harness (scripts/test-integration.mjs) copies this folder
// into the extensions dir with `tests.js` (the bundled suite) and a `node_modules` link to the repo's, and tells it
// where to write results through CLERK_CONVEX_TEST_RESULTS. Without that variable it does nothing.
const fs = require('node:fs');
const path = require('node:path');

exports.activate = function activate(context) {
  if (process.env.CLERK_CONVEX_BENCH_EXTENSION) return benchActivation(context);
  const resultFile = process.env.CLERK_CONVEX_TEST_RESULTS;
  if (!resultFile) return;
  const write = (data) => fs.writeFileSync(resultFile + '.tmp', JSON.stringify(data, null, 2));
  const finish = (data) => {
    write(data);
    fs.renameSync(resultFile + '.tmp', resultFile);
  };
  setTimeout(() => {
    let suite;
    try {
      suite = require(path.join(__dirname, 'tests.js'));
    } catch (err) {
      finish({ error: `Could not load the test bundle: ${err && err.stack || err}` });
      return;
    }
    suite.run({ reportTo: (event) => write({ progress: event }) }).then(
      (results) => finish(results),
      (err) => finish({ error: String(err && err.stack || err) }),
    );
  }, 0);
};

exports.deactivate = function deactivate() {};

/**
 * Bench mode: times module load + activate() of our release bundle in this real extension host. Our extension
 * is not installed in a bench session, so each round loads a fresh copy of dist/extension.js, activates it with
 * this host's real ExtensionContext (pointed at our files), then disposes everything it registered.
 */
async function benchActivation(context) {
  const { performance } = require('node:perf_hooks');
  const vscode = require('vscode');
  const ours = process.env.CLERK_CONVEX_BENCH_EXTENSION;
  const resultFile = process.env.CLERK_CONVEX_BENCH_RESULTS;
  const rounds = Number(process.env.CLERK_CONVEX_BENCH_ROUNDS || 15);
  const samples = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const file = path.join(ours, 'dist', `extension.bench-${i}.js`);
      fs.copyFileSync(path.join(ours, 'dist', 'extension.js'), file);
      const subscriptions = [];
      // A plain object, not a Proxy: ExtensionContext's own properties are non-configurable.
      const ctx = { subscriptions, extensionUri: vscode.Uri.file(ours), extensionPath: ours, asAbsolutePath: (rel) => path.join(ours, rel) };
      for (const key of ['globalState', 'workspaceState', 'secrets', 'storageUri', 'globalStorageUri', 'logUri', 'extensionMode',
        'environmentVariableCollection', 'extension', 'storagePath', 'globalStoragePath', 'logPath']) {
        Object.defineProperty(ctx, key, { get: () => context[key] });
      }
      const t0 = performance.now();
      const mod = require(file);
      const t1 = performance.now();
      const ret = mod.activate(ctx);
      const t2 = performance.now();
      await Promise.resolve(ret);
      samples.push({ load: t1 - t0, activate: t2 - t1 });
      for (const d of subscriptions) { try { d.dispose(); } catch { /* keep measuring */ } }
      // Let deferred work scheduled by activate() settle before the next round.
      await new Promise((r) => setTimeout(r, 300));
    }
    fs.writeFileSync(resultFile, JSON.stringify({ samples, node: process.version }));
  } catch (err) {
    fs.writeFileSync(resultFile, JSON.stringify({ error: String(err && err.stack || err) }));
  }
}
