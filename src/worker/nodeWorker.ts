// A worker_threads worker as a WorkerPort (Node extension host; in the web build node:worker_threads is empty).
import * as threads from 'node:worker_threads';
import type { WorkerHeap, WorkerPort, WorkerReply } from './protocol';

export interface NodeWorkerOptions {
  /** Passed to module.enableCompileCache() inside the worker, where its Node has it. */
  compileCacheDir?: string;
  /** In place of the worker's own limits (tests: a limit a big file reaches). */
  resourceLimits?: threads.ResourceLimits;
}

/** Node ≥ 22.19 / 24.6: the worker thread's own CPU time, read by the OS even while the thread is busy. */
type CpuUsage = () => Promise<{ user: number; system: number }>;

/** Node ≥ 22.16: the worker's V8 heap statistics, read by its own isolate. */
type HeapStatistics = () => Promise<{ used_heap_size: number; total_heap_size: number }>;

/*
 * The worker's young generation is capped at 16 MB (V8's default maximum is 192 MB on Node 24). Uncapped, V8 grows it
 * while a scan's analyses keep much of what they allocate alive: the worker's committed heap reached 53.5 MB while
 * indexing the bench's 5,000-file monorepo in the real host, and 187 MB after a dozen analyses of a 5,500-line file
 * (test/system/worker/workerLimits.test.ts). With the cap, test/bench/workerScan.ts's scan of that monorepo peaked
 * at 36-38 MB committed (52 MB without), and the median CPU time of a 300-line file's analysis stayed where it was
 * (1.5-2.2 ms against 1.6-1.9 ms, three alternated runs each at load 16-19). Smaller caps cost more: at 4 or 8 MB
 * a scavenge ran in most analyses of such a file (median 2.1-2.7 ms) for a heap of 26-30 MB. The old generation
 * keeps its default limit: no file the worker analysed before can make it run out of memory now; one that did
 * would end that analysis as "could not tell" (the worker's failure path), never as a pass.
 */
const RESOURCE_LIMITS: threads.ResourceLimits = { maxYoungGenerationSizeMb: 16 };

export function spawnNodeWorker(file: string, options: NodeWorkerOptions = {}): WorkerPort {
  const worker = new threads.Worker(file, {
    workerData: { compileCacheDir: options.compileCacheDir },
    resourceLimits: options.resourceLimits ?? RESOURCE_LIMITS,
  });
  // The worker never keeps a process alive on its own (tests, the bench's one-shot processes).
  worker.unref();
  const cpuUsage = (worker as { cpuUsage?: CpuUsage }).cpuUsage;
  const heapStatistics = (worker as { getHeapStatistics?: HeapStatistics }).getHeapStatistics;
  return {
    post: (request) => worker.postMessage(request),
    onReply: (listener) => worker.on('message', (m: WorkerReply) => listener(m)),
    onFailure: (listener) => {
      worker.on('error', (err) => listener(err.message));
      worker.on('exit', (code) => listener(`the worker exited (code ${code})`));
    },
    ...(typeof cpuUsage === 'function'
      ? {
          cpuTimeMs: async () => {
            const { user, system } = await cpuUsage.call(worker);
            return (user + system) / 1000;
          },
        }
      : {}),
    ...(typeof heapStatistics === 'function'
      ? {
          heapBytes: async (): Promise<WorkerHeap> => {
            const s = await heapStatistics.call(worker);
            return { used: s.used_heap_size, total: s.total_heap_size };
          },
        }
      : {}),
    terminate: () => void worker.terminate(),
  };
}
