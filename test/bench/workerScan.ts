// A Node harness for the analysis worker's share of the monorepo row (host.ts): the built worker bundle
// (dist/analysisWorker.js, run `npm run build:release` first) spawned as src/worker/nodeWorker.ts spawns it, driven
// through the host's AnalysisClient the way the workspace index's first scan drives it (list, pre-filter in
// batches of 250 with one ahead, analyse each kept file), over the same generated 5,000-file monorepo. It reports
// this process's RSS growth (peak and at the end), the worker's heap (V8's statistics, sampled) and where the
// time went. Run: node scripts/tools-node.mjs tsx test/bench/workerScan.ts [runs]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as threads from 'node:worker_threads';
import { AnalysisClient } from '../../src/worker/analysisClient';
import { spawnNodeWorker } from '../../src/worker/nodeWorker';
import type { DiskFile } from '../../src/worker/protocol';
import { generateFile } from './analysis.bench';
import { generateMonorepo } from './host';

const BATCH = 250; // src/features/services/workspaceScan.ts's PREFILTER_BATCH
const MB = 2 ** 20;

interface HeapStats {
  used_heap_size: number;
  total_heap_size: number;
  malloced_memory: number;
  external_memory?: number;
}

/** The worker threads this process starts, for their heap statistics (Node 22.16+: worker.getHeapStatistics()). */
const workers: (threads.Worker & { getHeapStatistics?: () => Promise<HeapStats> })[] = [];
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, which nodeWorker.ts reads
const workerThreads = require('node:worker_threads') as { Worker: typeof threads.Worker };
const Spawned = workerThreads.Worker;
workerThreads.Worker = class extends Spawned {
  constructor(...args: ConstructorParameters<typeof Spawned>) {
    super(...args);
    workers.push(this);
  }
};

/** WORKER_YOUNG_MB: a young generation cap to try (resourceLimits.maxYoungGenerationSizeMb). */
/** WORKER_COMPILE_CACHE: a folder for Node's compile cache, as the extension passes its global storage's. */
const limits = () => ({
  ...(process.env.WORKER_YOUNG_MB || process.env.WORKER_OLD_MB
    ? {
        resourceLimits: {
          maxYoungGenerationSizeMb: Number(process.env.WORKER_YOUNG_MB || 16),
          ...(process.env.WORKER_OLD_MB ? { maxOldGenerationSizeMb: Number(process.env.WORKER_OLD_MB) } : {}),
        },
      }
    : {}),
  ...(process.env.WORKER_COMPILE_CACHE ? { compileCacheDir: process.env.WORKER_COMPILE_CACHE } : {}),
});

async function scanOnce(root: string, bundle: string): Promise<Record<string, number>> {
  const base = process.memoryUsage().rss;
  const baseHeap = process.memoryUsage().heapTotal;
  let peak = base;
  let peakWorkerHeap = 0;
  let peakWorkerTotal = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    void workers
      .at(-1)
      ?.getHeapStatistics?.()
      .then((s) => {
        peakWorkerHeap = Math.max(peakWorkerHeap, s.used_heap_size);
        peakWorkerTotal = Math.max(peakWorkerTotal, s.total_heap_size);
      })
      .catch(() => undefined);
  }, 20);
  const t0 = performance.now();
  const client = new AnalysisClient({ spawn: () => spawnNodeWorker(bundle, limits()), budgetMs: 3000 });
  const times: Record<string, number> = {};
  const mark = (name: string, since: number): number => {
    const now = performance.now();
    times[name] = (times[name] ?? 0) + now - since;
    return now;
  };
  try {
    let t = performance.now();
    const stop = process.env.WORKER_SCAN_STOP; // idle | list | prefilter: where a partial scan stops (which step costs what)
    if (stop === 'idle') await client.request('analyse', { path: 'a.ts', source: { text: '' }, context: {} });
    const listed = await client.request('list', { root, limit: stop === 'idle' ? 0 : 10_000 });
    if (listed.kind !== 'done') throw new Error(`list: ${listed.kind}`);
    t = mark('listMs', t);
    const paths = listed.value.paths;
    const disk = (p: string): DiskFile => ({ path: p, fsPath: `${root}/${p}` });
    const prefilter = (start: number) =>
      client.request('prefilter', { files: paths.slice(start, start + BATCH).map(disk), maxBytes: 1024 * 1024 });
    let analysed = 0;
    let ahead = paths.length > 0 && stop !== 'list' ? prefilter(0) : undefined;
    for (let start = 0; ahead; start += BATCH) {
      t = performance.now();
      const kept = await ahead;
      t = mark('prefilterWaitMs', t);
      ahead = start + BATCH < paths.length ? prefilter(start + BATCH) : undefined;
      if (kept.kind !== 'done') throw new Error(`prefilter: ${kept.kind}`);
      const batch = paths.slice(start, start + BATCH);
      if (stop === 'list' || stop === 'prefilter') continue;
      // The index's lanes: several analyses asked for at once; the client runs them one at a time.
      await Promise.all(
        kept.value.kept.map(async (i) => {
          const o = await client.request('analyse', {
            path: batch[i],
            source: { ...disk(batch[i]), maxBytes: 1024 * 1024, scanned: true },
            context: {},
          });
          if (o.kind === 'done' && o.value.kind === 'analysed') analysed++;
          else throw new Error(`analyse ${batch[i]}: ${o.kind === 'done' ? o.value.kind : o.kind}`);
        }),
      );
      mark('analyseMs', t);
    }
    const ms = performance.now() - t0;
    const end = process.memoryUsage().rss;
    peak = Math.max(peak, end);
    const w = workers.at(-1);
    if (!w) throw new Error('no worker was started');
    const endHeap = await w.getHeapStatistics?.();
    // The worker thread's CPU time (start-up included): what the load of the machine changes least.
    const workerCpuMs = (await client.cpuTimeMs()) ?? 0;
    const snapshotTo = process.env.WORKER_SCAN_SNAPSHOT; // a file: the worker's heap after the scan (a full GC first)
    if (snapshotTo) await pipeline(await w.getHeapSnapshot(), fs.createWriteStream(snapshotTo));
    return {
      listed: paths.length,
      analysed,
      ms,
      workerCpuMs,
      ...times,
      peakRssGrowthMB: (peak - base) / MB,
      endRssGrowthMB: (end - base) / MB,
      // This (the host's) thread's committed heap: the rest of the growth is the worker's.
      endHostHeapTotalGrowthMB: (process.memoryUsage().heapTotal - baseHeap) / MB,
      peakWorkerHeapMB: peakWorkerHeap / MB,
      peakWorkerHeapTotalMB: peakWorkerTotal / MB,
      endWorkerHeapMB: (endHeap?.used_heap_size ?? 0) / MB,
      endWorkerExternalMB: (endHeap?.external_memory ?? 0) / MB,
      workers: client.spawned,
    };
  } finally {
    clearInterval(sampler);
    client.dispose();
  }
}

/**
 * The keystroke's analysis under the same worker options: a 300-line provider file analysed again and again (the
 * editor's text), the median round trip and the worker's CPU time per analysis, after a warm-up.
 */
async function editsOnce(bundle: string): Promise<Record<string, number>> {
  const client = new AnalysisClient({ spawn: () => spawnNodeWorker(bundle, limits()), budgetMs: 60_000 });
  const text = generateFile(300);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  try {
    const once = async (): Promise<[number, number]> => {
      const cpu0 = (await client.cpuTimeMs()) ?? 0;
      const t0 = performance.now();
      const o = await client.request('analyse', { path: 'components/P.tsx', source: { text }, context: {} });
      const ms = performance.now() - t0;
      if (o.kind !== 'done' || o.value.kind !== 'analysed') throw new Error(`analyse: ${o.kind}`);
      return [ms, ((await client.cpuTimeMs()) ?? 0) - cpu0];
    };
    for (let i = 0; i < 100; i++) await once();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [w, c] = await once();
      wall.push(w);
      cpu.push(c);
    }
    return {
      medianRoundTripMs: median(wall),
      medianWorkerCpuMs: median(cpu),
      meanWorkerCpuMs: cpu.reduce((a, b) => a + b) / cpu.length,
    };
  } finally {
    client.dispose();
  }
}

async function main(): Promise<void> {
  const bundle = path.resolve(__dirname, '../../dist/analysisWorker.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: npm run build:release`);
  const given = process.argv[2];
  if (given && fs.existsSync(given)) {
    // One scan in this fresh process: a second one would start from the first's RSS. The worker inherits this
    // process's execArgv, and tsx's loader (which runs this file) would load into it too; the host's has none.
    process.execArgv.splice(0);
    const result = process.env.WORKER_SCAN_STOP === 'edits' ? await editsOnce(bundle) : await scanOnce(given, bundle);
    const r = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    process.stdout.write(`${JSON.stringify({ load: os.loadavg()[0], ...r })}\n`);
    return;
  }
  const runs = Number(given ?? 3);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-worker-scan-'));
  try {
    generateMonorepo(root);
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, root], { stdio: 'inherit' });
      if (child.status !== 0) throw new Error(`run ${i + 1} failed (${child.status})`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main();
