// The Debian packages the harness needs (a browser, headers for code-server's native modules, fonts), installed
// by the harness itself with apt when it may (root, or sudo without a password), so the README's two commands
// are all a user runs. Where it may not, it stops with the one command that would do it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { SetupError } from './setupError.mjs';

const APT_TIMEOUT_MS = 15 * 60_000;

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** True when dpkg says the package is installed; true as well where there is no dpkg (not ours to judge). */
function dpkgInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  if (res.error) return true;
  return res.status === 0 && /install ok installed/.test(res.stdout);
}

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** What each layer needs, with a check that tells whether it is there and the reason shown when it is not. */
export const NEEDS = {
  chromium: {
    pkg: 'chromium',
    why: "the browser the integration and UI layers drive (Debian's, never a download)",
    present: () => CHROMIUM_CANDIDATES.some((p) => fs.existsSync(p)),
  },
  fonts: {
    pkg: 'fonts-dejavu-core',
    why: 'fonts, so the workbench in Chromium renders text and screenshots are readable',
    present: () => dpkgInstalled('fonts-dejavu-core'),
  },
  krb5: {
    pkg: 'libkrb5-dev',
    why: "headers code-server's native module (kerberos) compiles against",
    present: () => fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h'),
  },
  python3: {
    pkg: 'python3',
    why: "node-gyp, which builds code-server's native modules",
    present: () => commandExists('python3'),
  },
  make: {
    pkg: 'make',
    why: "node-gyp, which builds code-server's native modules",
    present: () => commandExists('make'),
  },
  gxx: { pkg: 'g++', why: "node-gyp, which builds code-server's native modules", present: () => commandExists('g++') },
};

function log(msg) {
  process.stderr.write(`[system packages] ${msg}\n`);
}

export const defaultDeps = {
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  canSudo: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
  hasApt: () => commandExists('apt-get'),
  run: (cmd, args) =>
    spawnSync(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: APT_TIMEOUT_MS,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }),
  log,
};

/** The command a user without root or sudo rights would run themselves. */
export function manualCommand(pkgs) {
  return `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * Installs whichever of `needs` are missing, saying what and why; throws one SetupError naming the exact command
 * to run where it cannot. `deps` lets tests stand in for root, sudo and apt.
 */
export function ensureSystemPackages(needs, deps = defaultDeps) {
  const missing = needs.filter((n) => !n.present());
  if (!missing.length) return [];
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  const reasons = missing.map((n) => `  ${n.pkg}: ${n.why}`).join('\n');
  if (!deps.hasApt()) {
    throw new SetupError(
      `These packages are missing:\n${reasons}\nThe harness installs them with apt on Debian or Ubuntu, and this machine has no apt-get: ` +
        "install them with your system's package manager and run again.",
    );
  }
  const sudo = deps.isRoot() ? [] : deps.canSudo() ? ['sudo', '-n'] : null;
  if (!sudo) {
    throw new SetupError(
      `These Debian packages are missing:\n${reasons}\nThe harness installs them itself as root or with sudo, ` +
        `and here it is neither root nor allowed sudo without a password. Run this, then run again:\n\n  ${manualCommand(pkgs)}\n`,
    );
  }
  deps.log(
    `installing ${pkgs.join(', ')} with apt-get${sudo.length ? ' (sudo)' : ''}, because they are missing:\n${reasons}`,
  );
  // A second run of the harness may be using apt at the same moment: wait for its lock instead of failing.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  for (const args of [
    ['update', '-qq', ...lock],
    ['install', '-y', '-qq', ...lock, ...pkgs],
  ]) {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    const res = deps.run(cmd, rest);
    if (res.status !== 0) {
      const tail = `${res.stdout ?? ''}\n${res.stderr ?? ''}${res.error ? `\n${res.error.message}` : ''}`
        .trim()
        .split('\n')
        .slice(-15)
        .join('\n');
      throw new SetupError(
        `\`${[cmd, ...rest].join(' ')}\` failed (exit ${res.status ?? res.signal ?? 'none'}):\n${tail}\n` +
          `Check that Debian's package mirrors are reachable, then run again, or install them yourself:\n\n  ${manualCommand(pkgs)}\n`,
      );
    }
  }
  const still = missing.filter((n) => !n.present());
  if (still.length) {
    throw new SetupError(
      `apt-get installed ${pkgs.join(' ')}, yet ${still.map((n) => n.pkg).join(', ')} still looks missing. Install it yourself and run again:\n\n  ${manualCommand(still.map((n) => n.pkg))}\n`,
    );
  }
  deps.log(`installed ${pkgs.join(', ')}`);
  return pkgs;
}
