import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AnalysisClient, type WorkerOutcome } from '../../../src/worker/analysisClient';
import { spawnNodeWorker } from '../../../src/worker/nodeWorker';
import type { AnalyseResult, WorkerPort } from '../../../src/worker/protocol';

// A real worker thread standing in for the analyzer: "hang.tsx" never finishes (as a pathological file would),
// "crash.tsx" kills the worker, "sleep-N.tsx" blocks the thread for N ms without using CPU (a thread the OS does
// not schedule on a busy machine), "once-N.tsx" does that only while the marker file named in its text exists
// (it removes it), "other.tsx" answers with a reply of another kind; anything else is answered with its path and
// the worker's thread id. WORKER_READY_AFTER delays the worker's "ready" (a parser load on a busy machine); `stamp`
// puts the thread's CPU time in each reply, as the real worker does where its Node can read it.
const WORKER = `const { parentPort, threadId, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const stamped = (m) => {
  if (!(workerData && workerData.stamp)) return m;
  const u = process.threadCpuUsage();
  return { ...m, cpuMs: (u.user + u.system) / 1000 };
};
const reply = (m) => parentPort.postMessage(stamped(m));
if (workerData && workerData.readyAfter) sleep(workerData.readyAfter);
reply({ id: 0, ready: true });
parentPort.on('message', (r) => {
  const p = r.params.path;
  if (p === 'hang.tsx') for (;;) {}
  if (p === 'crash.tsx') process.exit(3);
  if (p === 'other.tsx') return reply({ id: r.id, kind: 'list', ok: true, result: { paths: [], truncated: false } });
  const sleepy = /^sleep-(\\d+)\\.tsx$/.exec(p);
  if (sleepy) sleep(Number(sleepy[1]));
  const once = /^once-(\\d+)\\.tsx$/.exec(p);
  if (once && fs.existsSync(r.params.source.text)) { fs.rmSync(r.params.source.text); sleep(Number(once[1])); }
  reply({ id: r.id, kind: 'analyse', ok: true, result: { kind: 'analysed', analysis: { findings: [{ code: p + '#' + threadId }], facts: {} }, fingerprint: '', crossFile: false } });
});`;

type Outcome = WorkerOutcome<AnalyseResult>;

describe('analysis worker client (real worker threads)', () => {
  let file: string;
  let client: AnalysisClient;

  before(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-worker-')), 'worker.js');
    fs.writeFileSync(file, WORKER);
  });

  afterEach(() => client.dispose());

  const analyse = (p: string, text = ''): Promise<Outcome> =>
    client.request('analyse', { path: p, source: { text }, context: {} }, 'interactive');
  const codeOf = (o: Outcome): string =>
    o.kind === 'done' && o.value.kind === 'analysed' ? String(o.value.analysis.findings[0]?.code) : o.kind;
  /** A Node worker port without its CPU clock (as a Web Worker has none). */
  const withoutCpuClock = (port: WorkerPort): WorkerPort => ({
    post: (r) => port.post(r),
    onReply: (l) => port.onReply(l),
    onFailure: (l) => port.onFailure(l),
    terminate: () => port.terminate(),
  });
  /**
   * A Node worker port whose CPU clock says what the test makes the worker do, whatever this Node can read:
   * "spinning" uses a core all the time (CPU time grows with the clock), "starved" gets none, "slow" gets a tenth of
   * a core (a machine at load 20 on two cores).
   */
  const withCpuClock = (mode: 'spinning' | 'starved' | 'slow') => (): WorkerPort => {
    const start = performance.now();
    const share = { spinning: 1, starved: 0, slow: 0.1 }[mode];
    return {
      ...withoutCpuClock(spawnNodeWorker(file)),
      cpuTimeMs: async () => (performance.now() - start) * share,
    };
  };

  it('answers from the worker; a file over its CPU budget gets "tooCostly" and the next file a fresh worker', async () => {
    client = new AnalysisClient({ spawn: withCpuClock('spinning'), budgetMs: 300 });
    const first = codeOf(await analyse('a.tsx'));
    assert.match(first, /^a\.tsx#\d+$/);
    // While the worker spins, this thread keeps running: the timer below fires long before the budget.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const hung = await analyse('hang.tsx');
    clearInterval(ticker);
    assert.deepEqual(hung, { kind: 'tooCostly', budgetMs: 300 });
    assert.ok(ticks >= 5, `the host thread was blocked (${ticks} ticks)`);
    const after = codeOf(await analyse('b.tsx'));
    assert.match(after, /^b\.tsx#\d+$/);
    assert.notEqual(after.split('#')[1], first.split('#')[1], 'a new worker answers after the stopped one');
    assert.equal(client.spawned, 2);
  });

  it('a worker the machine does not schedule for longer than the budget is waited for, not called too costly', async () => {
    // The thread sleeps 900 ms (no CPU) on a 300 ms budget: its CPU time, not the clock, is the evidence.
    client = new AnalysisClient({ spawn: withCpuClock('starved'), budgetMs: 300 });
    assert.match(codeOf(await analyse('sleep-900.tsx')), /^sleep-900\.tsx#/);
    assert.equal(client.spawned, 1, 'the worker was not stopped');
  });

  it("the budget's clock starts once the worker is ready: a slow parser load is not the file's cost", async () => {
    // No CPU clock here: only where the clock starts decides. The worker takes 900 ms to be ready, the budget is 300.
    client = new AnalysisClient({
      spawn: () => withoutCpuClock(spawnWithData(file, { readyAfter: 900 })),
      budgetMs: 300,
    });
    assert.match(codeOf(await analyse('a.tsx')), /^a\.tsx#/);
    assert.equal(client.spawned, 1);
  });

  it('without a CPU clock, a file out of time gets a second try on a fresh worker before "tooCostly"', async () => {
    const marker = path.join(path.dirname(file), `marker-${process.pid}`);
    fs.writeFileSync(marker, '');
    client = new AnalysisClient({ spawn: () => withoutCpuClock(spawnNodeWorker(file)), budgetMs: 300 });
    // Starved once (the marker), then fine: analysed on the second try.
    assert.match(codeOf(await analyse('once-900.tsx', marker)), /^once-900\.tsx#/);
    assert.equal(client.spawned, 2, 'the first try cost its worker');
    // Out of time twice: too costly.
    assert.deepEqual(await analyse('hang.tsx'), { kind: 'tooCostly', budgetMs: 300 });
    assert.equal(client.spawned, 3, 'each try stopped its worker');
  });

  it('a request that still gets CPU time, a sliver at a time, is waited for past the wait cap (campaign run 13)', async () => {
    // 1.5 s of waiting, a tenth of a core: 150 ms of CPU, under the 200 ms budget, and the cap is 700 ms.
    client = new AnalysisClient({ spawn: withCpuClock('slow'), budgetMs: 200, waitCapMs: 700 });
    assert.match(codeOf(await analyse('sleep-1500.tsx')), /^sleep-1500\.tsx#/);
    assert.equal(client.spawned, 1, 'the worker was not stopped');
  });

  it('a request that never gets its CPU time is given up as "timedOut" (could not tell), not "tooCostly"', async () => {
    client = new AnalysisClient({ spawn: withCpuClock('starved'), budgetMs: 200, waitCapMs: 700 });
    const outcome = await analyse('sleep-5000.tsx');
    assert.equal(outcome.kind, 'timedOut');
    assert.match(codeOf(await analyse('c.tsx')), /^c\.tsx#/, 'a fresh worker serves the next request');
  });

  it("reads the worker thread's own CPU time where this Node can (worker.cpuUsage), and decides by it", async function () {
    const probe = spawnNodeWorker(file);
    const hasClock = typeof probe.cpuTimeMs === 'function';
    probe.terminate();
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const expected = major > 24 || (major === 24 && minor >= 6) || (major === 22 && minor >= 19) || major === 23;
    assert.equal(
      hasClock,
      expected,
      `Node ${process.versions.node}: worker.cpuUsage() ${hasClock ? 'is' : 'is not'} there`,
    );
    if (!hasClock) return; // this Node has none: the tests above cover the second try it falls back on
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 300 });
    assert.match(codeOf(await analyse('sleep-900.tsx')), /^sleep-900\.tsx#/);
    assert.deepEqual(await analyse('hang.tsx'), { kind: 'tooCostly', budgetMs: 300 });
  });

  it("with CPU stamps in its replies, decides by the thread's CPU time and asks for it only when a budget runs out", async function () {
    const threadCpu = (process as { threadCpuUsage?: unknown }).threadCpuUsage;
    const probe = new Worker(file, { workerData: {} });
    const hasClock = typeof (probe as { cpuUsage?: unknown }).cpuUsage === 'function';
    await probe.terminate();
    if (typeof threadCpu !== 'function' || !hasClock) return this.skip(); // the fallback is the test above
    let asked = 0;
    client = new AnalysisClient({
      spawn: () => {
        const worker = new Worker(file, { workerData: { stamp: true } });
        worker.unref();
        const usage = worker as unknown as { cpuUsage(): Promise<{ user: number; system: number }> };
        return {
          ...spawnWithPort(worker),
          cpuTimeMs: async () => {
            asked++;
            const { user, system } = await usage.cpuUsage();
            return (user + system) / 1000;
          },
        };
      },
      budgetMs: 300,
    });
    assert.match(codeOf(await analyse('a.tsx')), /^a\.tsx#/);
    assert.equal(asked, 0, 'a request within its budget never interrupts the worker');
    assert.match(codeOf(await analyse('sleep-900.tsx')), /^sleep-900\.tsx#/, 'asleep is not costly');
    assert.ok(asked >= 1, 'the budget ran out on the clock: the CPU time was read then');
    assert.equal(client.spawned, 1, 'the sleeping worker was not stopped');
    assert.deepEqual(await analyse('hang.tsx'), { kind: 'tooCostly', budgetMs: 300 });
    assert.match(codeOf(await analyse('b.tsx')), /^b\.tsx#/);
    assert.equal(client.spawned, 2, 'the costly file cost its worker');
  });

  it('a reply of another kind than asked is a failure, not a result', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    const outcome = await analyse('other.tsx');
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.reason : '', /answered a list request to a analyse request/);
  });

  it('a worker that dies fails only the request in flight; queued ones run on a new worker', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    const [crashed, next] = await Promise.all([analyse('crash.tsx'), analyse('c.tsx')]);
    assert.equal(crashed.kind, 'failed', 'a worker that was ready crashed; it did not fail to start');
    assert.match(codeOf(next), /^c\.tsx#/);
  });

  it('puts an interactive request ahead of queued background ones', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    const order: string[] = [];
    const track = (p: Promise<unknown>, name: string) => p.then(() => order.push(name));
    const req = (p: string, priority: 'interactive' | 'background') =>
      client.request('analyse', { path: p, source: { text: '' }, context: {} }, priority);
    await Promise.all([
      track(req('bg1.tsx', 'background'), 'bg1'),
      track(req('bg2.tsx', 'background'), 'bg2'),
      track(req('bg3.tsx', 'background'), 'bg3'),
      track(req('edit.tsx', 'interactive'), 'edit'),
    ]);
    // bg1 was already running when the edit arrived; the edit goes next, before bg2 and bg3.
    assert.deepEqual(order, ['bg1', 'edit', 'bg2', 'bg3']);
  });

  it('a worker that cannot start is "unavailable", with a clear reason', async () => {
    client = new AnalysisClient({
      spawn: () => {
        throw new Error('no workers here');
      },
      budgetMs: 100,
    });
    const outcome = await analyse('a.tsx');
    assert.equal(outcome.kind, 'unavailable');
    assert.match(outcome.kind === 'unavailable' ? outcome.reason : '', /could not start: no workers here/);
  });
});

/** spawnNodeWorker with the stub's own workerData (the real one passes the compile cache's folder). */
function spawnWithData(file: string, workerData: unknown): WorkerPort {
  const worker = new Worker(file, { workerData });
  worker.unref();
  return spawnWithPort(worker);
}

function spawnWithPort(worker: Worker): WorkerPort {
  return {
    post: (r) => worker.postMessage(r),
    onReply: (l) => worker.on('message', l),
    onFailure: (l) => {
      worker.on('error', (e) => l(e.message));
      worker.on('exit', (c) => l(`the worker exited (code ${c})`));
    },
    terminate: () => void worker.terminate(),
  };
}

describe('analysis worker client: a worker that dies before it is ready', () => {
  it('is "unavailable" (the host then analyses in its own thread)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-worker-')), 'broken.js');
    fs.writeFileSync(file, 'throw new Error("cannot load the analysis bundle");');
    const client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    try {
      const outcome = await client.request('analyse', { path: 'a.tsx', source: { text: '' }, context: {} });
      assert.equal(outcome.kind, 'unavailable');
      assert.match(
        outcome.kind === 'unavailable' ? outcome.reason : '',
        /^the analysis worker could not start: .*cannot load/,
      );
    } finally {
      client.dispose();
    }
  });
});
