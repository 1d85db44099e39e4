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
// it runs with its young generation capped, and a worker that a limit kills on a big file fails
// that file's analysis ("could not tell" in the index), never passes it.

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

  /** A client on the real worker. */
  const start = (options?: NodeWorkerOptions): { client: AnalysisClient } => {
    const c = new AnalysisClient({ spawn: () => spawnNodeWorker(bundle, options), budgetMs: 60_000 });
    client = c;
    return { client: c };
  };
  // The worker thread itself, seen as the port posts to it.
  const seen: Worker[] = [];
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

  it('spawns the worker with its young generation capped, and it analyses a large file many times under the cap', async () => {
    // What the cap buys (a smaller committed heap while a scan runs) depends on V8's collector and the machine: the
    // bench's monorepo rows measure it. Here, that the worker really runs under the cap: the thread reports the limits
    // it was started with, and analyses that keep a large tree alive still finish there.
    const { client: c } = start();
    const first = await analyse(c, generateFile(20));
    assert.equal(first.kind === 'done' && first.value.kind, 'analysed');
    assert.equal(seen.at(-1)?.resourceLimits?.maxYoungGenerationSizeMb, 16);
    const text = generateFile(4000);
    for (let i = 0; i < 12; i++) {
      const outcome = await analyse(c, text);
      assert.equal(outcome.kind === 'done' && outcome.value.kind, 'analysed');
    }
    assert.equal(c.spawned, 1, 'no analysis needed a fresh worker');
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
