// A Web Worker as a WorkerPort (the browser's web-worker extension host, e.g. vscode.dev).
import type { WorkerReply, WorkerPort } from './protocol';

interface BrowserWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: { data: WorkerReply }) => void): void;
  addEventListener(type: 'error', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}

/** Throws where the host cannot start workers (a web extension served by a remote server, as in code-server). */
export function spawnWebWorker(url: string): WorkerPort {
  const WorkerCtor = (globalThis as unknown as { Worker?: new (url: string) => BrowserWorker }).Worker;
  if (!WorkerCtor) throw new Error('this host has no Worker');
  const worker = new WorkerCtor(url);
  return {
    post: (request) => worker.postMessage(request),
    onReply: (listener) => worker.addEventListener('message', (e) => listener(e.data)),
    onFailure: (listener) => worker.addEventListener('error', (e) => listener(e.message || 'the worker failed')),
    terminate: () => worker.terminate(),
  };
}
