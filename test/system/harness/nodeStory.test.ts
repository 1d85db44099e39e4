// One Node story: the packages that declare Node 22 are optionalDependencies, so npm on Node 20.19 skips them
// without a warning and scripts/postinstall.mjs installs them on the tools' Node; scripts started on an older Node
// run again on that Node; VS Code's terminals keep the machine's own Node. And `npm start` ends quietly with
// status 0 on Ctrl+C (the terminal sends SIGINT to the whole process group, code-server included).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeSatisfies } from '../../../src/project/nodeEngine';

const root = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(__dirname, 'fixtures');

interface LockEntry {
  version?: string;
  optional?: boolean;
  dev?: boolean;
  engines?: { node?: string } | string[];
}
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  optionalDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const enginesNode = (e: LockEntry) => (Array.isArray(e.engines) ? undefined : e.engines?.node);

interface ToolsNode {
  meetsToolsFloor(version?: string): boolean;
  TOOLS_NODE_FLOOR: { major: number; minor: number };
  missingTools(root: string): string[];
  toolsEnv(node: string, env?: Record<string, string | undefined>): Record<string, string>;
}
interface CodeServer {
  cleanEnv(env?: Record<string, string | undefined>): Record<string, string>;
}
const load = <T>(name: string) => import(path.join(root, 'scripts', 'lib', name)) as Promise<T>;
/** A terminal's environment: not already on the tools' Node (npm test itself may run there). */
const terminalEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  delete env.CLERK_CONVEX_TOOLS_NODE_DIR;
  return env;
};

describe('one Node story: npm install on Node 20.19 and on the tools’ Node', () => {
  it('on Node 20.19 and 20.20 npm installs only packages that accept them (so it prints no EBADENGINE)', () => {
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = enginesNode(entry);
      if (entry.optional || range === undefined) continue;
      for (const v of ['v20.19.0', 'v20.20.2'])
        if (nodeSatisfies(range, v) !== true) refused.push(`${where || '(root)'} ${range} on ${v}`);
    }
    assert.deepEqual(refused, []);
  });

  it('the packages that need Node 22 are optional, reached only through the optionalDependencies', () => {
    const needs22 = Object.entries(lock.packages)
      .filter(([where, e]) => where && nodeSatisfies(enginesNode(e) ?? '*', 'v20.19.0') === false)
      .map(([where]) => where.replace(/^.*node_modules\//, ''));
    for (const name of ['convex', '@vscode/vsce', 'ovsx', '@vscode/test-electron'])
      assert.ok(needs22.includes(name), `${name} declares Node 22 (else it need not be optional)`);
    for (const name of needs22)
      assert.equal(lock.packages[`node_modules/${name}`]?.optional ?? true, true, `${name} is optional`);
    for (const name of Object.keys(manifest.optionalDependencies))
      assert.equal(manifest.devDependencies[name], undefined, `${name} is listed once`);
  });

  it('the tools’ Node (22.13 and later on the 22 line, or 24) satisfies every package, the root included', async () => {
    const { meetsToolsFloor, TOOLS_NODE_FLOOR } = await load<ToolsNode>('toolsNode.mjs');
    const floor = `v${TOOLS_NODE_FLOOR.major}.${TOOLS_NODE_FLOOR.minor}.0`;
    for (const v of [floor, 'v24.0.0', 'v24.11.1']) {
      assert.equal(meetsToolsFloor(v), true, v);
      const refused = Object.entries(lock.packages)
        .filter(([, e]) => enginesNode(e) !== undefined && nodeSatisfies(enginesNode(e) as string, v) !== true)
        .map(([where, e]) => `${where || '(root)'} ${enginesNode(e)}`);
      assert.deepEqual(refused, [], `on ${v}`);
    }
    for (const v of ['v20.19.0', 'v20.20.2', 'v22.12.0', 'v23.11.0', 'v18.20.0', 'nonsense'])
      assert.equal(meetsToolsFloor(v), false, v);
    assert.equal(nodeSatisfies(manifest.engines.node, 'v20.19.0'), true);
    assert.equal(nodeSatisfies(manifest.engines.node, 'v22.12.0'), false, 'mocha and eslint need 22.13 on the 22 line');
    assert.equal(nodeSatisfies(manifest.engines.node, 'v23.11.0'), false, 'eslint 10 leaves out Node 23');
  });

  it('after npm install every optional package is in node_modules at its pinned version', async () => {
    const { missingTools } = await load<ToolsNode>('toolsNode.mjs');
    assert.deepEqual(missingTools(root), []);
  });

  it('VS Code’s environment drops the tools’ Node from PATH, so terminals there see the machine’s Node', async () => {
    const { toolsEnv } = await load<ToolsNode>('toolsNode.mjs');
    const { cleanEnv } = await load<CodeServer>('codeServer.mjs');
    const node = path.join('/cache', 'node-24', 'node_modules', 'node', 'bin', 'node');
    const env = toolsEnv(node, { PATH: ['/usr/local/bin', '/usr/bin'].join(path.delimiter), HOME: '/root' });
    assert.equal(env.PATH?.split(path.delimiter)[0], path.dirname(node));
    const clean = cleanEnv(env);
    assert.equal(clean.PATH, ['/usr/local/bin', '/usr/bin'].join(path.delimiter));
    assert.equal(clean.CLERK_CONVEX_TOOLS_NODE_DIR, undefined);
    assert.equal(clean.HOME, '/root');
  });

  it('a script started again on the tools’ Node ends with that run’s status, with that Node first on PATH', () => {
    for (const code of [0, 7]) {
      const r = spawnSync(process.execPath, [path.join(fixtures, 'exitWith.mjs')], {
        env: terminalEnv({ CODE: String(code) }),
        encoding: 'utf8',
      });
      assert.equal(r.status, code, r.stderr);
      const out = JSON.parse(r.stdout) as { toolsDir: string; path0: string };
      assert.equal(out.toolsDir, path.dirname(process.execPath));
      assert.equal(out.path0, path.dirname(process.execPath));
    }
  });
});

/** Starts `cmd` as a process-group leader, as a terminal does; resolves with its output once it ends. */
function inTerminal(cmd: string, args: string[], env: Record<string, string | undefined>, cwd = root) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<number>((resolve, reject) => {
    const onData = () => {
      const m = /ready (\d+)/.exec(stdout);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.once('exit', () => reject(new Error(`ended before it was ready:\n${stdout}\n${stderr}`)));
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  /** Ctrl+C: SIGINT to every process of the terminal's foreground group. */
  const ctrlC = () => process.kill(-(child.pid as number), 'SIGINT');
  return { ready, ended, ctrlC };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start and Ctrl+C', function () {
  this.timeout(60_000);
  const fixture = path.join(fixtures, 'serveStandIn.mjs');

  it('Ctrl+C stops code-server and ends with status 0, printing no error', async () => {
    const run = inTerminal(process.execPath, [fixture], terminalEnv());
    const standIn = await run.ready;
    run.ctrlC();
    const { code, signal, stderr } = await run.ended;
    assert.deepEqual({ code, signal, stderr }, { code: 0, signal: null, stderr: '' });
    assert.equal(alive(standIn), false, 'the code-server stand-in has ended');
  });

  it('the same when start.mjs was started again on the tools’ Node (an older Node on PATH)', async () => {
    const run = inTerminal(process.execPath, [fixture], terminalEnv({ REEXEC: '1' }));
    await run.ready;
    run.ctrlC();
    const { code, signal, stderr } = await run.ended;
    assert.deepEqual({ code, signal, stderr }, { code: 0, signal: null, stderr: '' });
  });

  it('the same through npm (npm start): npm ends with 0 and prints no error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
    try {
      // The repository's own start script, pointed at the stand-in: npm runs it through sh, and dash ends itself
      // with SIGINT after a Ctrl+C unless it exec'd node (npm would then end on SIGINT too: status 130).
      assert.match(manifest.scripts.start, /^exec node scripts\/start\.mjs$/);
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({
          name: 'start-stand-in',
          private: true,
          scripts: { start: manifest.scripts.start.replace('scripts/start.mjs', JSON.stringify(fixture)) },
        }),
      );
      const run = inTerminal('npm', ['start'], terminalEnv({ REEXEC: '1' }), dir);
      await run.ready;
      run.ctrlC();
      const { code, signal, stderr } = await run.ended;
      assert.equal(signal, null);
      assert.equal(code, 0, stderr);
      assert.doesNotMatch(stderr, /npm error|code-server stopped/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('code-server ending on its own with an error status is reported, with status 1', async () => {
    const run = inTerminal(process.execPath, [fixture], terminalEnv({ STAND_IN: 'crash' }));
    await run.ready;
    const { code, stderr } = await run.ended;
    assert.equal(code, 1);
    assert.match(stderr, /code-server stopped unexpectedly \(3\)\. See code-server\.log\./);
  });
});
