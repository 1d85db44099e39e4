// The harness's bad-input paths (issue: a taken port, a missing browser or a failed code-server install each end in
// one clear message that says what to do, and nothing hangs). They run the real scripts, in child processes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const lib = (name: string) => JSON.stringify(path.join(root, 'scripts', 'lib', name));

function runNode(code: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env },
  });
}

describe('harness setup errors', () => {
  it('npm start on a taken port says which port and how to pick another, without starting anything', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
        cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PORT: String(port) },
      });
      assert.equal(res.status, 1);
      assert.match(res.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(res.stderr, /PORT=<n>/);
      assert.doesNotMatch(res.stderr, /at .*\.mjs:\d+/, 'one message, not a stack trace');
    } finally {
      blocker.close();
    }
  });

  it('a missing browser names the path it looked at and the apt-get command', () => {
    const res = runNode(`import { chromiumPath } from ${lib('browser.mjs')};
      try { chromiumPath(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`, { CHROMIUM_PATH: '/nonexistent/chromium' });
    assert.match(res.stdout, /^SetupError: No Chromium found at \/nonexistent\/chromium\./);
    assert.match(res.stdout, /apt-get install -y chromium/);
  });

  it('a failed code-server install says what failed and what to do, and leaves no half-installed tree', () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-fail-'));
    // A registry nobody listens on: npm fails at once instead of installing.
    const res = runNode(`import { ensureCodeServer } from ${lib('codeServer.mjs')};
      try { ensureCodeServer(); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }`,
    { VSCODE_TEST_CACHE: cache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: path.join(cache, 'npm') });
    assert.match(res.stdout, /^SetupError: Could not install code-server 4\.139\.1:/);
    assert.match(res.stdout, /npm registry is reachable/);
    const left = fs.readdirSync(cache).filter((f) => f.startsWith('code-server'));
    assert.deepEqual(left, [], `left behind: ${left.join(', ')}`);
    fs.rmSync(cache, { recursive: true, force: true });
  });
});
