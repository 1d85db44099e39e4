// The worker's side: answers each request with the analysis of its text. Runs inside the worker only.
import { analyze } from '../analysis/analyze';
import type { AnalyseReply, AnalyseRequest } from './protocol';

export interface WorkerSelf {
  onRequest(listener: (request: AnalyseRequest) => void): void;
  reply(reply: AnalyseReply): void;
}

export function serveAnalysis(self: WorkerSelf): void {
  self.reply({ id: 0, ready: true });
  self.onRequest((request) => {
    try {
      self.reply({ id: request.id, ok: true, analysis: analyze(request.path, request.text, request.context) });
    } catch (err) {
      // analyze() never throws by contract; if it ever does, the host logs this instead of waiting for the budget.
      self.reply({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
