// Installs and starts a pinned code-server (a real VS Code served to a browser) in a git-ignored cache,
// the way @vscode/test-electron caches desktop VS Code in .vscode-test/. Used by `npm start`, the
// integration and UI test layers and the bench.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './setupError.mjs';
import { ensureSystemPackages, NEEDS } from './systemPackages.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// VSCODE_TEST_CACHE moves the cache (tests of the installer's failure path use a throw-away one).
export const cacheRoot = process.env.VSCODE_TEST_CACHE
  ? path.resolve(process.env.VSCODE_TEST_CACHE)
  : path.join(repoRoot, '.vscode-test');
const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const readyMarker = path.join(installDir, '.installed');

export { SetupError };

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

/**
 * The environment of a plain shell: without what npm exports to the scripts it runs (`npm_config_user_agent`
 * names npm's Node, and code-server's postinstall takes the Node major from it), `NODE`, `INIT_CWD`, the
 * project's node_modules/.bin folders on PATH, and the tools' Node that scripts/lib/toolsNode.mjs put first on
 * PATH (so VS Code's terminals see the machine's own Node, as the learner's would).
 */
export function cleanEnv(env = process.env) {
  const out = {};
  const toolsNodeDir = env[TOOLS_NODE_DIR_ENV];
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || /^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD' || k === TOOLS_NODE_DIR_ENV) continue;
    out[k] = v;
  }
  if (out.PATH)
    out.PATH = out.PATH.split(path.delimiter)
      .filter((d) => !/[\\/]node_modules[\\/]\.bin$/.test(d) && !/node-gyp-bin$/.test(d) && d !== toolsNodeDir)
      .join(path.delimiter);
  return out;
}

/** Names the folder of the tools' Node when scripts/lib/toolsNode.mjs put it first on PATH. */
export const TOOLS_NODE_DIR_ENV = 'CLERK_CONVEX_TOOLS_NODE_DIR';

const NPM_TIMEOUT_MS = 20 * 60_000;

function run(cmd, args, opts) {
  const res = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: NPM_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    ...opts,
  });
  if (res.status !== 0) {
    const why =
      res.error?.code === 'ETIMEDOUT'
        ? `did not finish within ${NPM_TIMEOUT_MS / 60000} minutes`
        : `exit ${res.status ?? res.signal}`;
    const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new SetupError(`\`${cmd} ${args.join(' ')}\` failed (${why}).\n${tail}`);
  }
  return res;
}

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the install lock, waiting while another live run holds it (it may finish the install for us) and
 * clearing what a run that stopped half-way left behind: its lock, its staging folder, an unmarked install.
 */
function lockInstall(lockFile, waitMs) {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number(fs.readFileSync(lockFile, 'utf8').trim() || NaN);
    if (!pidAlive(holder)) {
      log(
        `an earlier install (process ${holder}) stopped before it finished; clearing what it left and starting again`,
      );
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (fs.existsSync(readyMarker)) return;
    if (!told) log(`another run (process ${holder}) is installing code-server into ${installDir}; waiting for it …`);
    told = true;
    if (Date.now() > deadline) {
      throw new SetupError(
        `Another run (process ${holder}) has been installing code-server into ${installDir} for over ${waitMs >= 60_000 ? `${Math.round(waitMs / 60_000)} minutes` : `${Math.round(waitMs / 1000)} s`}. ` +
          `Wait for it or stop it (kill ${holder}), then run again.`,
      );
    }
    sleepSync(2000);
  }
}

function clearLeftovers() {
  for (const name of fs.readdirSync(cacheRoot)) {
    const m = name.match(new RegExp(`^code-server-${CODE_SERVER_VERSION.replace(/\./g, '\\.')}\\.partial-(\\d+)$`));
    if (m && !pidAlive(Number(m[1]))) {
      log(`removing a half-finished install left by an earlier run: ${path.join(cacheRoot, name)}`);
      fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
    }
  }
  if (fs.existsSync(installDir) && !fs.existsSync(readyMarker)) {
    log(`removing ${installDir}: it has no ${path.basename(readyMarker)} marker, so its install never finished`);
    fs.rmSync(installDir, { recursive: true, force: true });
  }
}

/** What code-server's install needs from the system: headers and a compiler for its native modules. */
const BUILD_NEEDS = [NEEDS.krb5, NEEDS.python3, NEEDS.make, NEEDS.gxx];

/**
 * Installs code-server on first use; returns the paths to run it. Never leaves a half-installed tree behind:
 * it installs into a staging folder and renames it into place only when complete. `opts.systemPackages` lets
 * tests stand in for the apt step.
 */
export function ensureCodeServer(opts = {}) {
  if (fs.existsSync(readyMarker)) return codeServerPaths();
  fs.mkdirSync(cacheRoot, { recursive: true });
  const lockFile = `${installDir}.lock`;
  lockInstall(lockFile, opts.lockWaitMs ?? 30 * 60_000);
  try {
    if (fs.existsSync(readyMarker)) return codeServerPaths();
    clearLeftovers();
    (opts.systemPackages ?? ensureSystemPackages)(BUILD_NEEDS);
    installInto(installDir);
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
  return codeServerPaths();
}

function installInto(target) {
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ private: true, name: 'code-server-cache' }));
  // Saved, not --no-save: a second install would otherwise prune the first as extraneous.
  const npmArgs = ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error'];
  const base = cleanEnv();
  const started = Date.now();
  try {
    log(`installing Node ${NODE_MAJOR} (npm package "node") into ${target} …`);
    run('npm', [...npmArgs, `node@${NODE_MAJOR}`], { cwd: staging, env: base });
    const env = { ...base, PATH: `${nodeBinIn(staging)}${path.delimiter}${base.PATH ?? ''}` };
    const v = run(path.join(nodeBinIn(staging), 'node'), ['--version'], { env }).stdout.trim();
    log(`installing code-server@${CODE_SERVER_VERSION} with Node ${v} (about 4 minutes and 620 MB, once) …`);
    run('npm', [...npmArgs, `code-server@${CODE_SERVER_VERSION}`], { cwd: staging, env });
    if (!fs.existsSync(codeServerPaths(staging).entry))
      throw new SetupError('code-server installed but its entry.js is missing.');
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new SetupError(
      `Could not install code-server ${CODE_SERVER_VERSION} into ${target}: ${err.message}\n${installHint(String(err.message), base)}`,
    );
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staging, target);
  fs.writeFileSync(readyMarker, new Date().toISOString());
  log(
    `code-server ${CODE_SERVER_VERSION} is installed (${Math.round((Date.now() - started) / 1000)} s); later runs reuse it`,
  );
}

function installHint(output, env) {
  if (/gssapi/.test(output))
    return 'Install the Debian package libkrb5-dev (sudo apt-get install -y libkrb5-dev) and run again.';
  if (
    /E(CONNREFUSED|NOTFOUND|AI_AGAIN|TIMEDOUT|CONNRESET|HOSTUNREACH|NETUNREACH)|network|fetch failed|socket hang up/i.test(
      output,
    )
  ) {
    const registry =
      spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8', env }).stdout?.trim() || 'the npm registry';
    return `The npm registry (${registry}) could not be reached. Check the network or your npm registry setting (npm config get registry), then run again.`;
  }
  if (/requires node v/i.test(output))
    return 'code-server saw the wrong Node version; report this with the output above.';
  return 'Check that the npm registry is reachable and that python3, make and g++ are installed, then run again.';
}

/** Resolves when the port can be bound on 127.0.0.1; rejects with a message that says what to do otherwise. */
export function checkPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err) => {
      reject(
        new SetupError(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on 127.0.0.1 is already in use. Stop whatever listens there or choose another port with PORT=<n>.`
            : `Cannot listen on 127.0.0.1:${port}: ${err.message}`,
        ),
      );
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
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'chat.disableAIFeatures': true,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        // Test sessions copy the sample without its packages; the journey test and `npm start` turn the offer back on.
        'clerkConvex.sample.offerPackageInstall': false,
        ...settings,
      },
      null,
      2,
    ),
  );
}

/** Installs a .vsix (or copies an unpacked extension folder) into an extensions dir using code-server's own CLI. */
export function installExtension(paths, extensionsDir, userDataDir, vsix) {
  run(
    paths.node,
    [
      paths.entry,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: cleanEnv() },
  );
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it answers HTTP. `workspaceTrust` keeps VS Code's trust
 * model on (without it, --disable-workspace-trust makes every folder trusted, whatever the settings say).
 */
export async function startCodeServer({
  paths,
  port,
  userDataDir,
  extensionsDir,
  folder,
  env = {},
  logFile,
  workspaceTrust = false,
}) {
  const args = [
    paths.entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (folder) args.push(folder);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(paths.node, args, {
    stdio: ['ignore', out, out],
    env: { ...cleanEnv(), ...env },
    detached: false,
  });
  let exited = null;
  child.once('exit', (code, sig) => {
    exited = code ?? sig;
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== null)
      throw new SetupError(`code-server exited early (${exited}).${logFile ? ` See ${logFile}.` : ''}`);
    try {
      const res = await fetch(url + 'healthz');
      if (res.ok) return { child, url, stop: () => stopChild(child) };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopChild(child);
  throw new SetupError(`code-server did not answer on ${url} within 60 s.${logFile ? ` See ${logFile}.` : ''}`);
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    }, 3000).unref();
  });
}

export function workbenchUrl(base, folder) {
  return `${base}?folder=${encodeURIComponent(folder)}`;
}
