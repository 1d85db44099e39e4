// Which Node runs the repository's tools. convex (1.49 and later), @vscode/vsce 4, ovsx 1 and
// @vscode/test-electron 3 declare Node 22 or later (Node 20 reached its end of life in April 2026), while Node 20.19
// is still what many machines (and this project's CI) have. On such a Node:
// - package.json lists those packages as optionalDependencies, which npm skips without a word when their engines
//   do not match, and the postinstall script (scripts/postinstall.mjs) installs them with a Node that does;
// - the npm scripts that run them start themselves again on that Node (runUnderToolsNode), with it first on PATH
//   for every tool they start, but not for the VS Code they serve: its terminals see the machine's own Node.
// That Node is the Node 24 the harness installs for code-server anyway (or, before code-server is installed, the
// same npm package "node" installed on its own into the cache).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, cleanEnv, codeServerPaths, NODE_MAJOR, repoRoot, TOOLS_NODE_DIR_ENV } from './codeServer.mjs';
import { SetupError } from './setupError.mjs';

/** The tools' Node floor on the 22 line: eslint 10 and mocha 12 want 22.13 there (and eslint skips 23). */
export const TOOLS_NODE_FLOOR = { major: 22, minor: 13 };

/** Whether a Node version (`v20.20.2`) runs every tool as they declare: 22.13+ on the 22 line, or 24 and later. */
export function meetsToolsFloor(version = process.version) {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major >= 24 || (major === TOOLS_NODE_FLOOR.major && minor >= TOOLS_NODE_FLOOR.minor);
}

const standalone = () => path.join(cacheRoot, `node-${NODE_MAJOR}`);
const binIn = (dir) => path.join(dir, 'node_modules', 'node', 'bin', 'node');

function log(msg) {
  process.stderr.write(`[tools] ${msg}\n`);
}

/**
 * The Node 24 that runs the tools: code-server's when it is installed, else one installed on its own into the
 * cache (npm package "node", about 120 MB, once).
 */
export function ensureToolsNode() {
  const codeServerNode = codeServerPaths().node;
  if (fs.existsSync(codeServerNode)) return codeServerNode;
  const own = binIn(standalone());
  if (fs.existsSync(own)) return own;
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = `${standalone()}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ private: true, name: 'tools-node', allowScripts: { node: true } }),
  );
  log(`installing Node ${NODE_MAJOR} (npm package "node") into ${standalone()} for the tools …`);
  const res = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error', `node@${NODE_MAJOR}`],
    { cwd: staging, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (res.status !== 0 || !fs.existsSync(binIn(staging))) {
    fs.rmSync(staging, { recursive: true, force: true });
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new SetupError(
      `Could not install Node ${NODE_MAJOR} for the tools (npm install node@${NODE_MAJOR} failed).\n${tail}\n` +
        `Check that the npm registry is reachable, or run with Node ${TOOLS_NODE_FLOOR.major}.${TOOLS_NODE_FLOOR.minor}+ or ${NODE_MAJOR}.`,
    );
  }
  // Another run may have finished first: either copy will do.
  if (!fs.existsSync(own)) fs.renameSync(staging, standalone());
  else fs.rmSync(staging, { recursive: true, force: true });
  return own;
}

/** The environment for a process on the tools' Node: that Node first on PATH, remembered so cleanEnv() drops it. */
export function toolsEnv(node, env = process.env) {
  const dir = path.dirname(node);
  return { ...env, PATH: `${dir}${path.delimiter}${env.PATH ?? ''}`, [TOOLS_NODE_DIR_ENV]: dir };
}

/**
 * Starts this script again on the tools' Node when the current one is older, and ends this process with the
 * result; returns (doing nothing) when the current Node will do. Ctrl+C reaches both processes (they share the
 * terminal's process group): this one waits for the other to finish and ends with its status, so a script that
 * stops cleanly on Ctrl+C ends with 0. A SIGTERM sent to this process alone is passed on.
 * `opts.force` starts it again even on a new enough Node (tests); `opts.node` names the Node to use.
 */
export async function runUnderToolsNode(opts = {}) {
  if (!opts.force && meetsToolsFloor()) return;
  // Already started again on the tools' Node: never a second time.
  if (process.env[TOOLS_NODE_DIR_ENV] === path.dirname(process.execPath)) return;
  let node;
  try {
    node = opts.node ?? ensureToolsNode();
    if (!opts.quiet)
      log(
        `Node ${process.version} is older than the tools need; running ${path.basename(process.argv[1])} with ${node}`,
      );
    if (!opts.force) ensureToolsInstalled(node);
  } catch (err) {
    console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
    process.exit(1);
  }
  process.exit(await runToEnd(node, [...process.execArgv, ...process.argv.slice(1)], toolsEnv(node)));
}

/**
 * Runs a command with this terminal and returns its exit status once it ends; when it ends on a signal this
 * process ends on the same signal. Ctrl+C reaches both (one process group), so this one only waits for the other;
 * a SIGTERM or SIGHUP sent to this process alone is passed on.
 */
export async function runToEnd(cmd, args, env) {
  const child = spawn(cmd, args, { stdio: 'inherit', env });
  const ignore = () => {};
  const passTerm = () => child.kill('SIGTERM');
  const passHup = () => child.kill('SIGHUP');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', passTerm);
  process.on('SIGHUP', passHup);
  const [code, signal] = await new Promise((resolve) => {
    child.once('error', (err) => {
      console.error(`✗ could not start ${cmd}: ${err.message}`);
      resolve([127, null]);
    });
    child.once('exit', (c, s) => resolve([c, s]));
  });
  process.off('SIGINT', ignore);
  process.off('SIGTERM', passTerm);
  process.off('SIGHUP', passHup);
  if (signal) process.kill(process.pid, signal);
  return code ?? 1;
}

/** The packages npm leaves out on an older Node: the optionalDependencies not installed at their pinned version. */
export function missingTools(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.entries(pkg.optionalDependencies ?? {})
    .filter(([name, version]) => {
      const manifest = path.join(root, 'node_modules', name, 'package.json');
      return !fs.existsSync(manifest) || JSON.parse(fs.readFileSync(manifest, 'utf8')).version !== version;
    })
    .map(([name]) => name);
}

/**
 * Installs the packages npm skipped (see missingTools) with `npm install` run on the tools' Node, so their
 * engines match and npm has nothing to warn about; the lockfile stays as it is. Throws a SetupError on failure.
 */
export function ensureToolsInstalled(node, root = repoRoot) {
  const missing = missingTools(root);
  if (missing.length === 0) return;
  log(`installing ${missing.join(', ')} with Node ${NODE_MAJOR} (${node}): they need Node 22 or later`);
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: toolsEnv(node, cleanEnv()),
  });
  if (res.status !== 0 || missingTools(root).length)
    throw new SetupError(
      `Could not install ${missing.join(', ')} with Node ${NODE_MAJOR} (npm install exited ${res.status ?? res.signal}).`,
    );
}
