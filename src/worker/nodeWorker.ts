// A worker_threads worker as a WorkerPort (Node extension host; in the web build node:worker_threads is empty).
import * as threads from 'node:worker_threads';
import type { AnalyseReply, WorkerPort } from './protocol';

export interface NodeWorkerOptions {
  /** Passed to module.enableCompileCache() inside the worker, where its Node has it. */
  compileCacheDir?: string;
}

export function spawnNodeWorker(file: string, options: NodeWorkerOptions = {}): WorkerPort {
  const worker = new threads.Worker(file, { workerData: { compileCacheDir: options.compileCacheDir } });
  // The worker never keeps a process alive on its own (tests, the bench's one-shot processes).
  worker.unref();
  return {
    post: (request) => worker.postMessage(request),
    onReply: (listener) => worker.on('message', (m: AnalyseReply) => listener(m)),
    onFailure: (listener) => {
      worker.on('error', (err) => listener(err.message));
      worker.on('exit', (code) => listener(`the worker exited (code ${code})`));
    },
    terminate: () => void worker.terminate(),
  };
}
