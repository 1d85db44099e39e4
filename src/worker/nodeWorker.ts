// A worker_threads worker as a WorkerPort (Node extension host; in the web build node:worker_threads is empty).
import * as threads from 'node:worker_threads';
import type { WorkerPort, WorkerReply } from './protocol';

export interface NodeWorkerOptions {
  /** Passed to module.enableCompileCache() inside the worker, where its Node has it. */
  compileCacheDir?: string;
}

/** Node ≥ 22.19 / 24.6: the worker thread's own CPU time, read by the OS even while the thread is busy. */
type CpuUsage = () => Promise<{ user: number; system: number }>;

export function spawnNodeWorker(file: string, options: NodeWorkerOptions = {}): WorkerPort {
  const worker = new threads.Worker(file, { workerData: { compileCacheDir: options.compileCacheDir } });
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
