// The same integration suite on a desktop VS Code, through @vscode/test-electron. It downloads VS Code from
// Microsoft's update service, so it only works where that is reachable; here `npm test` runs the suite through
// code-server instead. Reports "not run" (exit 2) instead of failing when the download cannot happen.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

// convex, vsce, ovsx and @vscode/test-electron need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();
const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');

execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({
    version: process.env.VSCODE_VERSION ?? 'stable',
    cachePath: path.join(repoRoot, '.vscode-test'),
  });
} catch (err) {
  console.log(
    `desktop: NOT RUN — desktop VS Code could not be downloaded (${String(err.message ?? err).split('\n')[0]}).`,
  );
  console.log('Run `npm run test:integration` for the same suite in code-server.');
  process.exit(2);
}
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-desktop-'));
fs.cpSync(path.join(repoRoot, 'sample'), path.join(workspace, 'sample'), { recursive: true });
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'integration', 'index.js'),
    launchArgs: [path.join(workspace, 'sample'), '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`desktop: integration suite failed: ${err}`);
  process.exit(1);
}
