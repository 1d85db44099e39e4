// The harness's bad-input paths (issue: a taken port, a missing browser or a failed code-server install each end in
// one clear message that says what to do, nothing hangs, nothing is left half-installed). They run the real scripts,
// in child processes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const lib = (name: string) => JSON.stringify(path.join(root, 'scripts', 'lib', name));

function runNode(code: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
}

describe('harness setup errors', () => {
  it('npm start on a taken port says which port and how to pick another, without starting anything', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, PORT: String(port) },
      });
      assert.equal(res.status, 1);
      assert.match(res.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(res.stderr, /PORT=<n>/);
      assert.doesNotMatch(res.stderr, /at .*\.mjs:\d+/, 'one message, not a stack trace');
    } finally {
      blocker.close();
    }
  });

  it('a CHROMIUM_PATH that points nowhere is reported, not replaced by another browser', () => {
    const res = runNode(
      `import { chromiumPath } from ${lib('browser.mjs')};
      try { chromiumPath(() => { throw new Error('must not install when CHROMIUM_PATH is set'); }); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`,
      { CHROMIUM_PATH: '/nonexistent/chromium' },
    );
    assert.match(res.stdout, /^SetupError: No Chromium found at \/nonexistent\/chromium \(CHROMIUM_PATH\)\./);
    assert.match(res.stdout, /apt-get install -y chromium/);
  });

  describe('installing code-server', () => {
    let cache: string;
    beforeEach(() => {
      cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fail-'));
    });
    afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

    /**
     * ensureCodeServer in a child process with a throw-away cache, the apt step stood in for, and npm's own
     * user config (a HOME of its own) pointing at a registry nobody listens on: npm fails at once.
     */
    function install(opts = '{}', env: Record<string, string> = {}) {
      const home = path.join(cache, 'home');
      fs.mkdirSync(home, { recursive: true });
      fs.writeFileSync(
        path.join(home, '.npmrc'),
        `registry=http://127.0.0.1:9/\nfetch-retries=0\ncache=${path.join(cache, 'npm-cache')}\n`,
      );
      return runNode(
        `import { ensureCodeServer } from ${lib('codeServer.mjs')};
        try { ensureCodeServer({ systemPackages: () => [], ...${opts} }); console.log('installed'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`,
        { VSCODE_TEST_CACHE: cache, HOME: home, ...env },
      );
    }
    const leftovers = () => fs.readdirSync(cache).filter((f) => f.startsWith('code-server'));

    it('with no registry: one message naming the registry and what to check, and no half-installed tree', () => {
      // An inherited npm_config_registry (what `npm test` passes on) must not reach the nested install: the user's
      // own config does.
      const res = install('{}', { npm_config_registry: 'https://registry.npmjs.org/' });
      assert.match(res.stdout, /^SetupError: Could not install code-server 4\.139\.1 into /);
      assert.match(res.stdout, /The npm registry \(http:\/\/127\.0\.0\.1:9\/\) could not be reached/);
      assert.deepEqual(leftovers(), []);
    });

    it('asks for the build packages before npm runs, and stops there when they cannot be installed', () => {
      const res = install(
        `{ systemPackages: (needs) => { console.log('needs ' + needs.map((n) => n.pkg).join(' ')); throw new (class SetupError extends Error {})('no sudo'); } }`,
      );
      assert.match(res.stdout, /^needs libkrb5-dev python3 make g\+\+\nSetupError: no sudo/);
      assert.deepEqual(leftovers(), [], 'no staging folder: npm never started');
    });

    it('clears what a run that stopped half-way left (lock, staging folder, unmarked install), saying so', () => {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
        encoding: 'utf8',
      });
      const pid = Number(dead.stdout);
      fs.mkdirSync(path.join(cache, `code-server-4.139.1.partial-${pid}`, 'node_modules'), { recursive: true });
      fs.mkdirSync(path.join(cache, 'code-server-4.139.1', 'node_modules'), { recursive: true });
      fs.writeFileSync(path.join(cache, 'code-server-4.139.1.lock'), String(pid));
      const res = install();
      assert.match(res.stderr, new RegExp(`earlier install \\(process ${pid}\\) stopped before it finished`));
      assert.match(res.stderr, /removing a half-finished install left by an earlier run/);
      assert.match(res.stderr, /no \.installed marker, so its install never finished/);
      assert.match(res.stdout, /^SetupError: Could not install code-server/);
      assert.deepEqual(leftovers(), []);
    });

    it('while another live run installs, waits for it and then says who holds the install, instead of racing it', () => {
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      try {
        fs.writeFileSync(path.join(cache, 'code-server-4.139.1.lock'), String(other.pid));
        const res = install('{ lockWaitMs: 1500 }');
        assert.match(res.stderr, new RegExp(`another run \\(process ${other.pid}\\) is installing code-server`));
        assert.match(
          res.stdout,
          new RegExp(
            `^SetupError: Another run \\(process ${other.pid}\\) has been installing .*\\(kill ${other.pid}\\)`,
          ),
        );
        assert.deepEqual(leftovers(), ['code-server-4.139.1.lock'], "the other run's lock is not ours to remove");
      } finally {
        other.kill();
      }
    });
  });
});
