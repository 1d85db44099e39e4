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
 * The worker's young generation is capped at 16 MB (V8's default maximum is 192 MB on Node 24). Uncapped, V8 grows
 * it while analyses keep much of what they allocate alive: 182 MB committed after a dozen analyses of a 4,000-line
 * file, 65-77 MB with the cap (test/system/worker/workerLimits.test.ts). Indexing the bench's 5,000-file monorepo in
 * the real host (load 17-22), the worker's committed heap peaked at 53.5 MB without the cap and 40.3 MB with it, the
 * process's peak RSS growth 87.9 MB and 83.6 MB (one run each). The median CPU time of a 300-line file's analysis
 * stayed where it was (1.5-2.2 ms against 1.6-1.9 ms, three alternated runs at load 16-19, test/bench/workerScan.ts);
 * caps of 4 or 8 MB cost more (2.1-2.7 ms) for a scan heap of 26-30 MB instead of 33-38. The old generation keeps
 * its default limit, so no file is more likely to exhaust the worker than before; a worker that does die ends that
 * analysis as "could not tell" (the failure path), never as a pass.
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
