// Entry of the analysis worker in the browser build (dist/web/analysisWorker.js): a Web Worker with the analyzer
// inlined. It has no disk, so it serves no pre-filter requests (the host reads those files itself).
import type { WorkerReply, WorkerRequest } from '../worker/protocol';
import { serveAnalysis } from '../worker/serve';
import { warmUpUnlessAsked } from '../worker/warmUp';

const self = globalThis as unknown as {
  addEventListener(type: 'message', listener: (e: { data: WorkerRequest }) => void): void;
  postMessage(reply: WorkerReply): void;
};
const onRequest = (listener: (request: WorkerRequest) => void): void =>
  self.addEventListener('message', (e) => listener(e.data));
// Started while the edit that asked for it waits out its debounce: that idle time makes the first analysis a warm one.
warmUpUnlessAsked(onRequest, (run) => setTimeout(run, 0));
serveAnalysis({ onRequest, reply: (reply) => self.postMessage(reply) });
