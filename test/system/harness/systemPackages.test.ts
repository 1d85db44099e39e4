// The harness installs the Debian packages a layer needs when it may (root, or sudo without a password) and
// otherwise stops with the one command to run. Root, sudo and apt are stood in for here; the real apt run is
// what `npm test` does on a fresh machine.
import assert from 'node:assert/strict';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Need {
  pkg: string;
  why: string;
  present: () => boolean;
}
interface RunResult {
  status: number | null;
  stdout?: string;
  stderr?: string;
}
interface Deps {
  isRoot: () => boolean;
  canSudo: () => boolean;
  hasApt: () => boolean;
  run: (cmd: string, args: string[]) => RunResult;
  log: (msg: string) => void;
}
interface SystemPackages {
  ensureSystemPackages(needs: Need[], deps?: Deps): string[];
  NEEDS: Record<string, Need>;
}
interface Browser {
  chromiumPath(systemPackages?: (needs: Need[]) => unknown): string;
}

const load = <T>(name: string) => import(path.join(root, 'scripts', 'lib', name)) as Promise<T>;

/** A machine where `installed` lists what is there; apt-get install adds packages to it unless `aptFails`. */
function machine(opts: {
  root?: boolean;
  sudo?: boolean;
  apt?: boolean;
  installed?: string[];
  aptFails?: string;
  installDoesNothing?: boolean;
}) {
  const installed = new Set(opts.installed ?? []);
  const calls: string[] = [];
  const logs: string[] = [];
  const deps: Deps = {
    isRoot: () => opts.root ?? false,
    canSudo: () => opts.sudo ?? false,
    hasApt: () => opts.apt ?? true,
    run: (cmd, args) => {
      calls.push([cmd, ...args].join(' '));
      if (opts.aptFails && args.includes(opts.aptFails))
        return { status: 100, stdout: '', stderr: "E: Temporary failure resolving 'deb.debian.org'" };
      if (args.includes('install') && !opts.installDoesNothing)
        for (const a of args) if (!a.startsWith('-')) installed.add(a);
      return { status: 0, stdout: '', stderr: '' };
    },
    log: (m) => logs.push(m),
  };
  const need = (pkg: string): Need => ({ pkg, why: `why ${pkg}`, present: () => installed.has(pkg) });
  return { deps, calls, logs, need, installed };
}

function setupError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    assert.equal((err as Error).constructor.name, 'SetupError', String(err));
    return err as Error;
  }
  assert.fail('expected a SetupError');
}

describe('harness: system packages', () => {
  let sp: SystemPackages;
  before(async () => {
    sp = await load<SystemPackages>('systemPackages.mjs');
  });

  it('does nothing when everything is there', () => {
    const m = machine({ root: true, installed: ['chromium'] });
    assert.deepEqual(sp.ensureSystemPackages([m.need('chromium')], m.deps), []);
    assert.deepEqual(m.calls, []);
  });

  it('as root: apt-get update, then installs only what is missing, saying what and why', () => {
    const m = machine({ root: true, installed: ['fonts-dejavu-core'] });
    const got = sp.ensureSystemPackages([m.need('chromium'), m.need('fonts-dejavu-core')], m.deps);
    assert.deepEqual(got, ['chromium']);
    assert.equal(m.calls.length, 2);
    assert.match(m.calls[0], /^apt-get update\b/);
    assert.match(m.calls[1], /^apt-get install -y .*\bchromium$/);
    assert.doesNotMatch(m.calls[1], /fonts-dejavu-core/);
    assert.match(m.logs[0], /installing chromium with apt-get/);
    assert.match(m.logs[0], /chromium: why chromium/);
  });

  it('with passwordless sudo: the same through sudo -n', () => {
    const m = machine({ sudo: true });
    sp.ensureSystemPackages([m.need('libkrb5-dev')], m.deps);
    assert.match(m.calls[0], /^sudo -n apt-get update/);
    assert.match(m.calls[1], /^sudo -n apt-get install -y .*libkrb5-dev$/);
  });

  it('without root and without sudo: one message with the exact command, and nothing run', () => {
    const m = machine({});
    const err = setupError(() => sp.ensureSystemPackages([m.need('chromium'), m.need('fonts-dejavu-core')], m.deps));
    assert.match(err.message, /neither root nor allowed sudo without a password/);
    assert.ok(
      err.message.includes('sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core'),
      err.message,
    );
    assert.match(err.message, /chromium: why chromium/);
    assert.deepEqual(m.calls, []);
  });

  it("without apt-get: says which packages and that the system's package manager must install them", () => {
    const m = machine({ root: true, apt: false });
    const err = setupError(() => sp.ensureSystemPackages([m.need('libkrb5-dev')], m.deps));
    assert.match(err.message, /no apt-get/);
    assert.match(err.message, /libkrb5-dev: why libkrb5-dev/);
    assert.deepEqual(m.calls, []);
  });

  it("when apt cannot reach the mirrors: the failing command, apt's words, and the command to run later", () => {
    const m = machine({ root: true, aptFails: 'update' });
    const err = setupError(() => sp.ensureSystemPackages([m.need('chromium')], m.deps));
    assert.match(err.message, /`apt-get update .*` failed \(exit 100\)/);
    assert.match(err.message, /Temporary failure resolving/);
    assert.ok(err.message.includes('sudo apt-get install -y chromium'));
    assert.equal(m.calls.length, 1, 'stops after the failed update');
  });

  it('when apt says it installed a package that still is not there, it says so instead of going on', () => {
    const m = machine({ root: true, installDoesNothing: true });
    const err = setupError(() => sp.ensureSystemPackages([m.need('chromium')], m.deps));
    assert.match(err.message, /still looks missing/);
  });

  it('the real needs: chromium and fonts for the browser, headers and a compiler for code-server', () => {
    assert.deepEqual(
      ['chromium', 'fonts', 'krb5', 'python3', 'make', 'gxx'].map((k) => sp.NEEDS[k].pkg),
      ['chromium', 'fonts-dejavu-core', 'libkrb5-dev', 'python3', 'make', 'g++'],
    );
    for (const n of Object.values(sp.NEEDS)) assert.equal(typeof n.present(), 'boolean');
  });

  it('the browser asks for chromium and fonts only, before it looks for the binary', async () => {
    const { chromiumPath } = await load<Browser>('browser.mjs');
    const saved = process.env.CHROMIUM_PATH;
    delete process.env.CHROMIUM_PATH;
    try {
      let asked: string[] = [];
      const err = setupError(() =>
        chromiumPath((needs) => {
          asked = needs.map((n) => n.pkg);
          const m = machine({});
          return sp.ensureSystemPackages(
            needs.map((n) => m.need(n.pkg)),
            m.deps,
          );
        }),
      );
      assert.deepEqual(asked, ['chromium', 'fonts-dejavu-core']);
      assert.ok(err.message.includes('sudo apt-get install -y chromium fonts-dejavu-core'));
    } finally {
      if (saved !== undefined) process.env.CHROMIUM_PATH = saved;
    }
  });
});

describe("harness: the nested npm install gets a plain shell's environment", () => {
  it("drops npm's exported variables (whatever their case), NODE, INIT_CWD and the project's .bin folders", async () => {
    const { cleanEnv } = await load<{ cleanEnv(env: Record<string, string>): Record<string, string> }>(
      'codeServer.mjs',
    );
    const env = cleanEnv({
      HOME: '/home/u',
      npm_config_user_agent: 'npm/11.6.2 node/v20.19.0 linux x64 workspaces/false',
      npm_config_registry: 'https://example.invalid/',
      NPM_CONFIG_USERCONFIG: '/x/.npmrc',
      npm_lifecycle_event: 'test',
      npm_node_execpath: '/usr/bin/node',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      NODE: '/usr/bin/node',
      INIT_CWD: '/repo',
      PATH: [
        '/repo/node_modules/.bin',
        '/node_modules/.bin',
        '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
        '/usr/local/bin',
        '/usr/bin',
      ].join(path.delimiter),
      LANG: 'C.UTF-8',
    });
    assert.deepEqual(env, {
      HOME: '/home/u',
      LANG: 'C.UTF-8',
      PATH: ['/usr/local/bin', '/usr/bin'].join(path.delimiter),
    });
  });
});
