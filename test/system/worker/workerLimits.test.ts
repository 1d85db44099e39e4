import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { buildAnalysisWorker } from './workerBundle';
import { spawnNodeWorker, type NodeWorkerOptions } from '../../../src/worker/nodeWorker';
import { generateFile } from '../../unit/analysis/generatedFile';

// The real Node worker entry (bundled here with its analyzer inlined) under the resource limits it is spawned with:
// its heap stays small through a scan's worth of analyses, and a worker that a limit kills on a big file fails
// that file's analysis ("could not tell" in the index), never passes it.

const MB = 2 ** 20;

describe('the Node analysis worker under its resource limits (real worker thread)', function () {
  this.timeout(180_000);
  let dir: string;
  let bundle: string;
  let client: AnalysisClient | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-worker-limits-'));
    bundle = path.join(dir, 'worker.js');
    await buildAnalysisWorker(bundle);
  });
  afterEach(() => client?.dispose());
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A client on the real worker, and the worker thread's committed heap (bytes; 0 where Node cannot read it). */
  const start = (options?: NodeWorkerOptions): { client: AnalysisClient; heapTotal: () => Promise<number> } => {
    const c = new AnalysisClient({ spawn: () => spawnNodeWorker(bundle, options), budgetMs: 60_000 });
    client = c;
    return { client: c, heapTotal: async () => (await seen.at(-1)?.getHeapStatistics?.())?.total_heap_size ?? 0 };
  };
  // The worker thread itself, seen as the port posts to it (whatever the port offers): Node 22.16+ reads its heap.
  const seen: (Worker & { getHeapStatistics?: () => Promise<{ total_heap_size: number }> })[] = [];
  const post = Worker.prototype.postMessage;
  before(() => {
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      if (seen.at(-1) !== this) seen.push(this);
      return post.apply(this, args);
    };
  });
  after(() => {
    Worker.prototype.postMessage = post;
  });
  const analyse = (c: AnalysisClient, text: string) =>
    c.request('analyse', { path: 'components/Items.tsx', source: { text }, context: {} });

  it("keeps the worker's committed heap small through many analyses (its young generation is capped)", async function () {
    const { client: c, heapTotal } = start();
    // A thread whose Node cannot read a worker's heap (before 22.16) has nothing to show here.
    if ((await analyse(c, generateFile(20)), await heapTotal()) === 0) this.skip();
    // Analyses that keep much of what they allocate alive for a while (a large file's tree) are what makes V8 grow
    // an uncapped young generation towards its default maximum (192 MB on Node 24).
    const text = generateFile(4000);
    let peak = 0;
    for (let i = 0; i < 12; i++) {
      const outcome = await analyse(c, text);
      assert.equal(outcome.kind === 'done' && outcome.value.kind, 'analysed');
      peak = Math.max(peak, await heapTotal());
    }
    // Node 24: 65-77 MB with the cap (the file's tree is alive while it is analysed), 182 MB without.
    assert.ok(peak < 120 * MB, `the worker's heap committed ${Math.round(peak / MB)} MB`);
  });

  it('a worker its heap limit kills on a big file fails that analysis, never passes it; the next runs on a fresh one', async () => {
    // A tight old generation stands in for any limit a large enough file could reach.
    const { client: c } = start({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const small = await analyse(c, generateFile(20));
    assert.equal(small.kind === 'done' && small.value.kind, 'analysed', 'the analyzer loads within the limit');
    const big = await analyse(c, generateFile(90000));
    assert.equal(big.kind, 'failed', `the outcome was ${big.kind === 'done' ? big.value.kind : big.kind}`);
    const next = await analyse(c, generateFile(20));
    assert.equal(next.kind === 'done' && next.value.kind, 'analysed');
    assert.equal(c.spawned, 2, 'the file after it ran on a fresh worker');
  });
});
