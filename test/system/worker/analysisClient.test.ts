import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { spawnNodeWorker } from '../../../src/worker/nodeWorker';

// A real worker thread standing in for the analyzer: "hang.tsx" never finishes (as a pathological file would),
// "crash.tsx" kills the worker, anything else is answered with its path and the worker's thread id.
const WORKER = `const { parentPort, threadId } = require('node:worker_threads');
parentPort.postMessage({ id: 0, ready: true });
parentPort.on('message', (r) => {
  if (r.path === 'hang.tsx') for (;;) {}
  if (r.path === 'crash.tsx') process.exit(3);
  parentPort.postMessage({ id: r.id, ok: true, analysis: { findings: [{ code: r.path + '#' + threadId }], facts: {} } });
});`;

describe('analysis worker client (real worker threads)', () => {
  let file: string;
  let client: AnalysisClient;

  before(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-worker-')), 'worker.js');
    fs.writeFileSync(file, WORKER);
  });

  afterEach(() => client.dispose());

  const codeOf = (o: Awaited<ReturnType<AnalysisClient['analyse']>>): string =>
    o.kind === 'analysed' ? String((o.analysis.findings[0] as { code: string }).code) : o.kind;

  it('answers from the worker; a file over its budget gets "tooCostly" and the next file a fresh worker', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 300 });
    const first = codeOf(await client.analyse('a.tsx', '', {}));
    assert.match(first, /^a\.tsx#\d+$/);
    // While the worker spins, this thread keeps running: the timer below fires long before the budget.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const hung = await client.analyse('hang.tsx', '', {});
    clearInterval(ticker);
    assert.deepEqual(hung, { kind: 'tooCostly', budgetMs: 300 });
    assert.ok(ticks >= 5, `the host thread was blocked (${ticks} ticks)`);
    const after = codeOf(await client.analyse('b.tsx', '', {}));
    assert.match(after, /^b\.tsx#\d+$/);
    assert.notEqual(after.split('#')[1], first.split('#')[1], 'a new worker answers after the stopped one');
    assert.equal(client.spawned, 2);
  });

  it('a worker that dies fails only the request in flight; queued ones run on a new worker', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    const [crashed, next] = await Promise.all([client.analyse('crash.tsx', '', {}), client.analyse('c.tsx', '', {})]);
    assert.equal(crashed.kind, 'failed');
    assert.doesNotMatch(
      crashed.kind === 'failed' ? crashed.reason : '',
      /could not start/,
      'a worker that was ready crashed; it did not fail to start',
    );
    assert.match(codeOf(next), /^c\.tsx#/);
  });

  it('puts an interactive request ahead of queued background ones', async () => {
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    const order: string[] = [];
    const track = (p: Promise<unknown>, name: string) => p.then(() => order.push(name));
    await Promise.all([
      track(client.analyse('bg1.tsx', '', {}, 'background'), 'bg1'),
      track(client.analyse('bg2.tsx', '', {}, 'background'), 'bg2'),
      track(client.analyse('bg3.tsx', '', {}, 'background'), 'bg3'),
      track(client.analyse('edit.tsx', '', {}, 'interactive'), 'edit'),
    ]);
    // bg1 was already running when the edit arrived; the edit goes next, before bg2 and bg3.
    assert.deepEqual(order, ['bg1', 'edit', 'bg2', 'bg3']);
  });

  it('a worker that cannot start fails the request with a clear reason', async () => {
    client = new AnalysisClient({
      spawn: () => {
        throw new Error('no workers here');
      },
      budgetMs: 100,
    });
    const outcome = await client.analyse('a.tsx', '', {});
    assert.equal(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.reason : '', /could not start: no workers here/);
  });
});

describe('analysis worker client: a worker that dies before it is ready', () => {
  it('reports that it could not start (the host then analyses in its own thread)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-worker-')), 'broken.js');
    fs.writeFileSync(file, 'throw new Error("cannot load the analysis bundle");');
    const client = new AnalysisClient({ spawn: () => spawnNodeWorker(file), budgetMs: 5000 });
    try {
      const outcome = await client.analyse('a.tsx', '', {});
      assert.equal(outcome.kind, 'failed');
      assert.match(
        outcome.kind === 'failed' ? outcome.reason : '',
        /^the analysis worker could not start: .*cannot load/,
      );
    } finally {
      client.dispose();
    }
  });
});
