// `npm start`: build, package and install the extension into a real VS Code (code-server, pinned, cached in
// .vscode-test/), open the sample project with the lesson's walkthrough, and print the URL. 127.0.0.1 only.
import fs from 'node:fs';
import path from 'node:path';
import {
  checkPortFree,
  ensureCodeServer,
  installExtension,
  repoRoot,
  SetupError,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './lib/codeServer.mjs';
import { buildAndPackage } from './lib/buildAndPackage.mjs';
import { superviseServer } from './lib/superviseServer.mjs';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

await runUnderToolsNode();

const port = Number(process.env.PORT ?? 8080);
const home = path.join(repoRoot, '.vscode-test', 'start');

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new SetupError(`PORT=${process.env.PORT} is not a port number.`);
  await checkPortFree(port);
  const paths = ensureCodeServer();
  const vsix = buildAndPackage();
  // A fresh profile each start, so the walkthrough opens as it does after a first install; the workspace copy
  // is kept, so the learner's edits to the sample survive restarts (delete .vscode-test/start/workspace to reset).
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  fs.rmSync(userDataDir, { recursive: true, force: true });
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  // The sample's copy lives inside this repository: VS Code would otherwise ask about the parent git repository.
  writeUserSettings(userDataDir, {
    'security.workspace.trust.enabled': true,
    'clerkConvex.sample.offerPackageInstall': true,
    'git.openRepositoryInParentFolders': 'never',
  });
  installExtension(paths, extensionsDir, userDataDir, vsix);
  const workspace = path.join(home, 'workspace', 'sample');
  if (!fs.existsSync(workspace)) fs.cpSync(path.join(repoRoot, 'sample'), workspace, { recursive: true });
  const logFile = path.join(home, 'code-server.log');
  const server = await startCodeServer({ paths, port, userDataDir, extensionsDir, logFile });
  const url = workbenchUrl(server.url, workspace);
  console.log(`\nVS Code is running with the extension installed and the sample project open:\n\n  ${url}\n`);
  console.log(`(log: ${path.relative(repoRoot, logFile)}; Ctrl+C stops it)`);
  superviseServer(server, { logFile });
}

main().catch((err) => {
  console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
  process.exit(1);
});
