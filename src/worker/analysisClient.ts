// The host's side of the analysis worker: one request at a time, each with a time budget. A file that takes longer
// than its budget costs the worker its life (terminated, a fresh one starts with the next request), never the host.
import type { AnalysisContext, FileAnalysis } from '../analysis/types';
import type { AnalyseReply, WorkerPort } from './protocol';

export type AnalysisOutcome =
  | { kind: 'analysed'; analysis: FileAnalysis }
  /** Still running when the budget ran out: the worker was stopped. */
  | { kind: 'tooCostly'; budgetMs: number }
  /** The worker failed (could not start, crashed, or reported an error). */
  | { kind: 'failed'; reason: string };

export type Priority = 'interactive' | 'background';

interface Job {
  path: string;
  text: string;
  context: AnalysisContext;
  resolve: (outcome: AnalysisOutcome) => void;
}

export interface AnalysisClientOptions {
  spawn: () => WorkerPort;
  budgetMs: number;
}

export class AnalysisClient {
  private worker: WorkerPort | undefined;
  private readonly queue: Job[] = [];
  private running: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | undefined;
  private nextId = 1;
  private disposed = false;
  /** How many workers were started (the bench and tests read it). */
  spawned = 0;

  constructor(private readonly options: AnalysisClientOptions) {}

  /** Interactive requests (an edited document) go ahead of background ones (the workspace scan). */
  analyse(path: string, text: string, context: AnalysisContext, priority: Priority = 'interactive'): Promise<AnalysisOutcome> {
    if (this.disposed) return Promise.resolve({ kind: 'failed', reason: 'the analysis worker was stopped' });
    return new Promise((resolve) => {
      const job: Job = { path, text, context, resolve };
      if (priority === 'interactive') {
        const firstBackground = this.queue.findIndex((j) => (j as Job & { background?: boolean }).background);
        this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
      } else {
        this.queue.push(Object.assign(job, { background: true }));
      }
      this.pump();
    });
  }

  /** Starts the worker (if none runs) so that the next request does not wait for its start-up. */
  prestart(): void {
    if (this.disposed || this.worker) return;
    try {
      this.ensureWorker();
    } catch {
      // Reported by the first request, which tries again.
    }
  }

  dispose(): void {
    this.disposed = true;
    this.stopWorker();
    const pending = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    for (const job of pending) job.resolve({ kind: 'failed', reason: 'the analysis worker was stopped' });
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: WorkerPort;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      job.resolve({ kind: 'failed', reason: `the analysis worker could not start: ${err instanceof Error ? err.message : String(err)}` });
      this.pump();
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.finish(id, { kind: 'tooCostly', budgetMs: this.options.budgetMs }, true), this.options.budgetMs);
    this.running = { id, job, timer };
    worker.post({ id, path: job.path, text: job.text, context: job.context });
  }

  private finish(id: number, outcome: AnalysisOutcome, killWorker: boolean): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if (killWorker) this.stopWorker();
    running.job.resolve(outcome);
    this.pump();
  }

  private ensureWorker(): WorkerPort {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    this.spawned++;
    let started = false;
    worker.onReply((reply: AnalyseReply) => {
      if (this.worker !== worker) return;
      started = true;
      if ('ready' in reply) return;
      this.finish(reply.id, reply.ok ? { kind: 'analysed', analysis: reply.analysis } : { kind: 'failed', reason: reply.error }, false);
    });
    worker.onFailure((reason) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // A worker that dies before it said it was ready never started (a host that cannot load worker scripts).
      const why = started ? reason : `the analysis worker could not start: ${reason}`;
      if (this.running) this.finish(this.running.id, { kind: 'failed', reason: why }, false);
    });
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
  }
}
