// Entry of the analysis worker in the browser build (dist/web/analysisWorker.js): a Web Worker with the analyzer
// inlined. It has no disk, so it serves no pre-filter requests (the host reads those files itself).
import type { AnalyseReply, WorkerRequest } from '../worker/protocol';
import { serveAnalysis } from '../worker/serve';

const self = globalThis as unknown as {
  addEventListener(type: 'message', listener: (e: { data: WorkerRequest }) => void): void;
  postMessage(reply: AnalyseReply): void;
};
serveAnalysis({
  onRequest: (listener) => self.addEventListener('message', (e) => listener(e.data)),
  reply: (reply) => self.postMessage(reply),
});
