// A worker_threads worker as a WorkerPort (Node extension host; in the web build node:worker_threads is empty).
import * as threads from 'node:worker_threads';
import type { WorkerHeap, WorkerPort, WorkerReply } from './protocol';

export interface NodeWorkerOptions {
  /** Passed to module.enableCompileCache() inside the worker, where its Node has it. */
  compileCacheDir?: string;
  resourceLimits?: threads.ResourceLimits;
}

/** Node ≥ 22.19 / 24.6: the worker thread's own CPU time, read by the OS even while the thread is busy. */
type CpuUsage = () => Promise<{ user: number; system: number }>;

/** Node ≥ 22.16: the worker's V8 heap statistics, read by its own isolate. */
type HeapStatistics = () => Promise<{ used_heap_size: number; total_heap_size: number }>;

/*
 * The worker keeps V8's default young generation. Capped at 4 MB (for the host's memory while indexing), about one
 * scavenge ran in every analysis of a 300-line file (gc performance entries in the worker), and the round trip cost
 * more than the analysis: in one bench period (load 6-11) the worker took 2.68x (cap 4 MB) and 2.74x (16 MB) the
 * time of the same analysis in the host's thread, 1.32x without a cap; the peak RSS growth while indexing the
 * 5,000-file monorepo was 72.2 MB with the 4 MB cap and 76.8 MB without (one run each).
 */

export function spawnNodeWorker(file: string, options: NodeWorkerOptions = {}): WorkerPort {
  const worker = new threads.Worker(file, {
    workerData: { compileCacheDir: options.compileCacheDir },
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
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
