// A worker_threads worker as a WorkerPort (Node extension host; in the web build node:worker_threads is empty).
import * as threads from 'node:worker_threads';
import type { WorkerPort, WorkerReply } from './protocol';

export interface NodeWorkerOptions {
  /** Passed to module.enableCompileCache() inside the worker, where its Node has it. */
  compileCacheDir?: string;
}

/** Node ≥ 22.19 / 24.6: the worker thread's own CPU time, read by the OS even while the thread is busy. */
type CpuUsage = () => Promise<{ user: number; system: number }>;

/**
 * The worker's young generation, capped: the workspace scan reads thousands of files and parses the kept ones, all
 * short-lived, and V8's default lets that garbage grow the extension host's memory by tens of MB before a
 * scavenge (measured for the bench's 5,000-file monorepo in this Node: peak RSS growth ~45-65 MB by default,
 * ~33-46 MB capped at 4 MB; the analysis of a 300- or 5,000-line file no slower).
 */
const YOUNG_GENERATION_MB = 4;

export function spawnNodeWorker(file: string, options: NodeWorkerOptions = {}): WorkerPort {
  const worker = new threads.Worker(file, {
    workerData: { compileCacheDir: options.compileCacheDir },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  // The worker never keeps a process alive on its own (tests, the bench's one-shot processes).
  worker.unref();
  const cpuUsage = (worker as { cpuUsage?: CpuUsage }).cpuUsage;
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
    terminate: () => void worker.terminate(),
  };
}
