// Integration layer: the bundled mocha suite (test/integration) runs INSIDE the real VS Code extension host of
// code-server, next to our installed VSIX, loaded by the small runner extension in test/runner-extension.
import fs from 'node:fs';
import path from 'node:path';
import { SetupError, repoRoot } from './lib/codeServer.mjs';
import { buildAndPackage } from './lib/buildAndPackage.mjs';
import { extensionHostLog, launchBrowser, openSession } from './lib/session.mjs';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

// convex, vsce, ovsx and @vscode/test-electron need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();

// About 6 minutes on a quiet 2-core machine; three times that under load (scripts/load.mjs) is still a pass.
const TIMEOUT_MS = 30 * 60_000;

export async function runIntegration({ vsix }) {
  const testsBundle = path.join(path.dirname(vsix), 'integration-tests.js');
  if (!fs.existsSync(testsBundle))
    throw new SetupError(`${testsBundle} is missing: let the script build and package (unset VSIX).`);
  // The runner extension folder: its code, the bundled suite, and the repo's node_modules for mocha.
  const stage = fs.mkdtempSync(path.join(repoRoot, '.vscode-test', 'runner-'));
  const runnerDir = path.join(stage, 'runner');
  fs.cpSync(path.join(repoRoot, 'test', 'runner-extension'), runnerDir, { recursive: true });
  fs.copyFileSync(testsBundle, path.join(runnerDir, 'tests.js'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(runnerDir, 'node_modules'), 'dir');
  const resultFile = path.join(stage, 'results.json');

  const session = await openSession({
    vsix,
    label: 'integration',
    // A learner's project may live anywhere, inside a folder the extension leaves out within a project too.
    workspaceParent: 'build',
    extraExtensions: [runnerDir],
    env: {
      CLERK_CONVEX_TEST_RESULTS: resultFile,
      ...(process.env.GREP ? { CLERK_CONVEX_TEST_GREP: process.env.GREP } : {}),
    },
  });
  const { browser, page } = await launchBrowser();
  let results;
  try {
    // The remote extension host starts once a workbench page is open. On a busy machine the workbench's first
    // load takes longer than Playwright's default 30 s; the suite's own deadline below still bounds the run.
    await page.goto(session.url, { timeout: 180_000 });
    const deadline = Date.now() + TIMEOUT_MS;
    let lastProgress = '';
    while (Date.now() < deadline) {
      if (fs.existsSync(resultFile)) {
        results = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
        break;
      }
      const tmp = resultFile + '.tmp';
      if (fs.existsSync(tmp)) {
        try {
          const p = JSON.parse(fs.readFileSync(tmp, 'utf8')).progress;
          if (p && p !== lastProgress) {
            lastProgress = p;
          }
        } catch {
          /* being written */
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!results) {
      throw new SetupError(
        `The integration suite did not finish within ${TIMEOUT_MS / 60000} minutes (last: ${lastProgress || 'nothing ran'}).\n` +
          extensionHostLog(session.userDataDir).slice(-4000),
      );
    }
    if (results.error)
      throw new SetupError(
        `The integration suite could not run: ${results.error}\n${extensionHostLog(session.userDataDir).slice(-4000)}`,
      );
    for (const t of results.tests) {
      const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
      console.log(`  ${mark} ${t.title}${t.durationMs ? ` (${t.durationMs} ms)` : ''}`);
      if (t.error) console.log(`      ${t.error.split('\n').slice(0, 8).join('\n      ')}`);
    }
    return results;
  } finally {
    await browser.close();
    // A failed or unfinished run keeps its folder: the extension host's log is there.
    await session.stop({
      keep: Boolean(process.env.KEEP_SESSION) || !results || Boolean(results.error) || results.failed > 0,
    });
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const vsix = process.env.VSIX ?? buildAndPackage();
    console.log('Integration tests (inside the real VS Code extension host, code-server):');
    const r = await runIntegration({ vsix });
    console.log(`integration: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
    process.exit(r.failed > 0 || r.passed === 0 ? 1 : 0);
  } catch (err) {
    console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
    process.exit(1);
  }
}
