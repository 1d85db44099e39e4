import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { spawnNodeWorker, type NodeWorkerOptions } from '../../../src/worker/nodeWorker';

// The real Node worker entry (bundled here with its analyzer inlined) under the resource limits it is spawned with:
// its heap stays small through a scan's worth of analyses, and a worker that a limit kills on a big file fails
// that file's analysis ("could not tell" in the index), never passes it.

const MB = 2 ** 20;

/** A client file of many Convex-gated components, about 22 lines each (the bench's shape). */
function clientFile(components: number): string {
  const parts = [
    '"use client";\nimport { useState } from "react";\nimport { useConvexAuth, useQuery, Authenticated } from "convex/react";\nimport { api } from "@/convex/_generated/api";\n',
  ];
  for (let i = 0; i < components; i++) {
    parts.push(`
export function Item${i}({ id }: { id: string }) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const items = useQuery(api.items.list, isAuthenticated ? { id } : "skip");
  const [open, setOpen] = useState(false);
  if (isLoading) return <p>Loading…</p>;
  return (
    <Authenticated>
      <section className="card" onClick={() => setOpen(!open)}>
        <h2>{\`Item \${id} #${i}\`}</h2>
        <ul>{items?.map((item: { _id: string; name: string }) => <li key={item._id}>{item.name}</li>)}</ul>
      </section>
    </Authenticated>
  );
}
`);
  }
  return parts.join('');
}

describe('the Node analysis worker under its resource limits (real worker thread)', function () {
  this.timeout(180_000);
  let dir: string;
  let bundle: string;
  let client: AnalysisClient | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-worker-limits-'));
    bundle = path.join(dir, 'worker.js');
    await build({
      entryPoints: [path.resolve(__dirname, '../../../src/bundles/analysisWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      outfile: bundle,
      logLevel: 'silent',
    });
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
    if ((await analyse(c, clientFile(1)), await heapTotal()) === 0) this.skip();
    // Analyses that keep much of what they allocate alive for a while (a large file's tree) are what makes V8 grow
    // an uncapped young generation towards its default maximum (192 MB on Node 24).
    const text = clientFile(250);
    let peak = 0;
    for (let i = 0; i < 12; i++) {
      const outcome = await analyse(c, text);
      assert.equal(outcome.kind === 'done' && outcome.value.kind, 'analysed');
      peak = Math.max(peak, await heapTotal());
    }
    // Node 24: 82 MB with the cap (the file's tree is alive while it is analysed), 187 MB without.
    assert.ok(peak < 130 * MB, `the worker's heap committed ${Math.round(peak / MB)} MB`);
  });

  it('a worker its heap limit kills on a big file fails that analysis, never passes it; the next runs on a fresh one', async () => {
    // A tight old generation stands in for any limit a large enough file could reach.
    const { client: c } = start({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const small = await analyse(c, clientFile(1));
    assert.equal(small.kind === 'done' && small.value.kind, 'analysed', 'the analyzer loads within the limit');
    const big = await analyse(c, clientFile(4000));
    assert.equal(big.kind, 'failed', `the outcome was ${big.kind === 'done' ? big.value.kind : big.kind}`);
    const next = await analyse(c, clientFile(1));
    assert.equal(next.kind === 'done' && next.value.kind, 'analysed');
    assert.equal(c.spawned, 2, 'the file after it ran on a fresh worker');
  });
});
