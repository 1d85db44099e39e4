// Installs and starts a pinned code-server (a real VS Code served to a browser) in a git-ignored cache,
// the way @vscode/test-electron caches desktop VS Code in .vscode-test/. Used by `npm start`, the
// integration and UI test layers and the bench.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// VSCODE_TEST_CACHE moves the cache (tests of the installer's failure path use a throw-away one).
export const cacheRoot = process.env.VSCODE_TEST_CACHE ? path.resolve(process.env.VSCODE_TEST_CACHE) : path.join(repoRoot, '.vscode-test');
const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const readyMarker = path.join(installDir, '.installed');

export class SetupError extends Error {}

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function nodeBinIn(dir) {
  return path.join(dir, 'node_modules', 'node', 'bin');
}

export function codeServerPaths(dir = installDir) {
  return {
    node: path.join(nodeBinIn(dir), 'node'),
    entry: path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function run(cmd, args, opts) {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (res.status !== 0) {
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new SetupError(`\`${cmd} ${args.join(' ')}\` failed (exit ${res.status ?? res.signal}).\n${tail}`);
  }
  return res;
}

/** Installs code-server on first use; returns the paths to run it. Never leaves a half-installed tree behind. */
export function ensureCodeServer() {
  if (fs.existsSync(readyMarker)) return codeServerPaths();
  fs.mkdirSync(cacheRoot, { recursive: true });
  const staging = `${installDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ private: true, name: 'code-server-cache' }));
  // Saved, not --no-save: a second install would otherwise prune the first as extraneous.
  const npmArgs = ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error'];
  try {
    log(`installing Node ${NODE_MAJOR} (npm package "node") into ${path.relative(repoRoot, installDir)} …`);
    run('npm', [...npmArgs, `node@${NODE_MAJOR}`], { cwd: staging });
    const env = { ...process.env, PATH: `${nodeBinIn(staging)}${path.delimiter}${process.env.PATH}` };
    const v = run(path.join(nodeBinIn(staging), 'node'), ['--version'], { env }).stdout.trim();
    log(`installing code-server@${CODE_SERVER_VERSION} with Node ${v} (takes a few minutes the first time) …`);
    run('npm', [...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: staging, env });
    if (!fs.existsSync(codeServerPaths(staging).entry)) throw new SetupError('code-server installed but its entry.js is missing.');
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    const hint = /gssapi/.test(String(err.message))
      ? 'Install the Debian package libkrb5-dev (apt-get install -y libkrb5-dev) and run again.'
      : 'Check that the npm registry is reachable and that python3, make and g++ are installed, then run again.';
    throw new SetupError(`Could not install code-server ${CODE_SERVER_VERSION}: ${err.message}\n${hint}`);
  }
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.renameSync(staging, installDir);
  fs.writeFileSync(readyMarker, new Date().toISOString());
  return codeServerPaths();
}

/** Resolves when the port can be bound on 127.0.0.1; rejects with a message that says what to do otherwise. */
export function checkPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err) => {
      reject(new SetupError(err.code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use. Stop whatever listens there or choose another port with PORT=<n>.`
        : `Cannot listen on 127.0.0.1:${port}: ${err.message}`));
    });
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Prepares a user-data dir whose settings make a quiet, trusted workbench (tests can opt into Restricted Mode).
 */
export function writeUserSettings(userDataDir, settings = {}) {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...settings,
  }, null, 2));
}

/** Installs a .vsix (or copies an unpacked extension folder) into an extensions dir using code-server's own CLI. */
export function installExtension(paths, extensionsDir, userDataDir, vsix) {
  run(paths.node, [paths.entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force']);
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers HTTP. `workspaceTrust` keeps VS Code's trust
 * model on (without it, --disable-workspace-trust makes every folder trusted, whatever the settings say).
 */
export async function startCodeServer({ paths, port, userDataDir, extensionsDir, folder, env = {}, logFile, workspaceTrust = false }) {
  const args = [paths.entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (folder) args.push(folder);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(paths.node, args, { stdio: ['ignore', out, out], env: { ...process.env, ...env }, detached: false });
  let exited = null;
  child.once('exit', (code, sig) => { exited = code ?? sig; });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== null) throw new SetupError(`code-server exited early (${exited}).${logFile ? ` See ${logFile}.` : ''}`);
    try {
      const res = await fetch(url + 'healthz');
      if (res.ok) return { child, url, stop: () => stopChild(child) };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopChild(child);
  throw new SetupError(`code-server did not answer on ${url} within 60 s.${logFile ? ` See ${logFile}.` : ''}`);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 3000).unref();
  });
}

export function workbenchUrl(base, folder) {
  return `${base}?folder=${encodeURIComponent(folder)}`;
}
