// Runs inside code-server's Node extension host. The harness (scripts/test-integration.mjs) copies this folder
// into the extensions dir with `tests.js` (the bundled suite) and a `node_modules` link to the repo's, and tells it
// where to write results through CLERK_CONVEX_TEST_RESULTS. Without that variable it does nothing.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The test runner's own channel: the extension under test hands its test hooks here (src/features/testHooks.ts)
 * instead of putting them on its exports, so a release install exposes nothing. Only test sessions have this.
 */
let hooks;
const channel = {
  registerHooks(h) {
    hooks = h;
  },
  hooks: () => hooks,
};

exports.activate = function activate(context) {
  context.subscriptions.push(require('vscode').commands.registerCommand('clerkConvexBench.openBareWebview', openBareWebview));
  if (process.env.CLERK_CONVEX_BENCH_EXTENSION) {
    void benchActivation(context);
    return channel;
  }
  const resultFile = process.env.CLERK_CONVEX_TEST_RESULTS;
  if (!resultFile) return channel;
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
  return channel;
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
    // Onstartup-finished is not quiet yet: the page is still drawing the workbench on the same (2-core) machine.
    // Waiting keeps the figure about our bundle rather than about what else the machine was doing.
    await new Promise((r) => setTimeout(r, Number(process.env.CLERK_CONVEX_BENCH_SETTLE_MS || 3000)));
    for (let i = 0; i < rounds; i++) {
      const file = path.join(ours, 'dist', `extension.bench-${i}.js`);
      // A distinct source per round: V8 may not reuse what it compiled for an identical one in an earlier round.
      fs.writeFileSync(file, `${fs.readFileSync(path.join(ours, 'dist', 'extension.js'), 'utf8')}\n// round ${i}\n`);
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

/**
 * The bench's reference for the token panel's first paint: the least a webview panel can be (a nonce'd script
 * that adds one input), opened the same way from the Command Palette in the same session.
 */
function openBareWebview() {
  const vscode = require('vscode');
  const panel = vscode.window.createWebviewPanel('clerkConvexBench.bare', 'Bare Webview', vscode.ViewColumn.Beside, { enableScripts: true });
  const nonce = require('node:crypto').randomBytes(16).toString('base64');
  panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'">
<title>Bare Webview</title></head><body><main id="app"></main>
<script nonce="${nonce}">const i = document.createElement('textarea'); i.id = 'bare-input'; i.setAttribute('aria-label', 'bare'); document.getElementById('app').append(i);</script>
</body></html>`;
}
