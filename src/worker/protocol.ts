// The messages between the extension host and the analysis worker. Plain data only (structured clone).
import type { AnalysisContext, FileAnalysis } from '../analysis/types';

export interface AnalyseRequest {
  id: number;
  path: string;
  text: string;
  context: AnalysisContext;
}

export type AnalyseReply =
  | { id: number; ok: true; analysis: FileAnalysis }
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded the analyzer and serves requests. */
  | { id: 0; ready: true };

/** What the host side needs of a worker, whichever kind (worker_threads in Node, a Web Worker in the browser). */
export interface WorkerPort {
  post(request: AnalyseRequest): void;
  onReply(listener: (reply: AnalyseReply) => void): void;
  /** The worker died (an error it did not catch, or it exited): every request in flight is lost. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}
