// The host's side of the analysis worker: one request at a time, each with a time budget. A file that takes longer
// than its budget costs the worker its life (terminated, a fresh one starts with the next request), never the host.
import type { AnalysisContext, FileAnalysis } from '../analysis/types';
import type { AuthConfigInfo, ProjectSnapshot } from '../project/types';
import {
  PROJECTS_KEPT,
  type AnalyseReply,
  type Listed,
  type OkReply,
  type PrefilterResult,
  type RequestBody,
  type ScanFile,
  type WorkerPort,
} from './protocol';

/** How a request ended, whatever it asked for. */
export type WorkerOutcome<T> =
  | { kind: 'done'; value: T }
  /** Still running when the budget ran out: the worker was stopped. */
  | { kind: 'tooCostly'; budgetMs: number }
  /** The worker failed (could not start, crashed, or reported an error). */
  | { kind: 'failed'; reason: string };

export type AnalysisOutcome =
  { kind: 'analysed'; analysis: FileAnalysis } | Exclude<WorkerOutcome<never>, { kind: 'done' }>;

export type Priority = 'interactive' | 'background';

interface Job {
  body: RequestBody;
  background: boolean;
  resolve: (outcome: WorkerOutcome<OkReply>) => void;
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
  private readonly projectKeys = new WeakMap<ProjectSnapshot, number>();
  private nextProjectKey = 1;
  /** Keys of the snapshots the current worker holds, least recently used first (it evicts in the same order). */
  private workerProjects: number[] = [];
  /** How many workers were started (the bench and tests read it). */
  spawned = 0;

  constructor(private readonly options: AnalysisClientOptions) {}

  /** Interactive requests (an edited document) go ahead of background ones (the workspace scan). */
  async analyse(
    path: string,
    text: string,
    context: AnalysisContext,
    priority: Priority = 'interactive',
  ): Promise<AnalysisOutcome> {
    const outcome = await this.request({ kind: 'analyse', path, text, context }, priority);
    return outcome.kind === 'done'
      ? { kind: 'analysed', analysis: (outcome.value as Extract<OkReply, { analysis: unknown }>).analysis }
      : outcome;
  }

  /** Reads `files` in the worker and keeps those worth analysing (a Node worker only; see PrefilterRequest). */
  async prefilter(files: ScanFile[], maxBytes: number): Promise<WorkerOutcome<PrefilterResult>> {
    const outcome = await this.request({ kind: 'prefilter', files, maxBytes }, 'background');
    return outcome.kind === 'done'
      ? { kind: 'done', value: (outcome.value as Extract<OkReply, { prefiltered: unknown }>).prefiltered }
      : outcome;
  }

  /** The source files of a local folder, listed by the worker (a Node worker only; see ListRequest). */
  async listSources(root: string, limit: number): Promise<WorkerOutcome<Listed>> {
    const outcome = await this.request({ kind: 'list', root, limit }, 'background');
    return outcome.kind === 'done'
      ? { kind: 'done', value: (outcome.value as Extract<OkReply, { listed: unknown }>).listed }
      : outcome;
  }

  /** The providers of auth.config files, read in the worker (in the given order). */
  async readAuthConfigs(
    files: { text: string; path: string; uri: string }[],
  ): Promise<WorkerOutcome<AuthConfigInfo[]>> {
    const outcome = await this.request({ kind: 'authConfigs', files }, 'interactive');
    return outcome.kind === 'done'
      ? { kind: 'done', value: (outcome.value as Extract<OkReply, { authConfigs: unknown }>).authConfigs }
      : outcome;
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

  private request(body: RequestBody, priority: Priority): Promise<WorkerOutcome<OkReply>> {
    if (this.disposed) return Promise.resolve({ kind: 'failed', reason: 'the analysis worker was stopped' });
    return new Promise((resolve) => {
      const job: Job = { body, background: priority === 'background', resolve };
      if (job.background) {
        this.queue.push(job);
      } else {
        const firstBackground = this.queue.findIndex((j) => j.background);
        this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
      }
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: WorkerPort;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      job.resolve({
        kind: 'failed',
        reason: `the analysis worker could not start: ${err instanceof Error ? err.message : String(err)}`,
      });
      this.pump();
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(
      () => this.finish(id, { kind: 'tooCostly', budgetMs: this.options.budgetMs }, true),
      this.options.budgetMs,
    );
    this.running = { id, job, timer };
    worker.post({ ...this.withProjectKey(job.body), id });
  }

  /** An analysis's project snapshot goes to the worker once; later requests name it by key. */
  private withProjectKey(body: RequestBody): RequestBody {
    if (body.kind !== 'analyse' || !body.context.project) return body;
    const project = body.context.project;
    let key = this.projectKeys.get(project);
    if (key === undefined) this.projectKeys.set(project, (key = this.nextProjectKey++));
    const held = this.workerProjects.indexOf(key);
    if (held !== -1) this.workerProjects.splice(held, 1);
    this.workerProjects.push(key);
    if (this.workerProjects.length > PROJECTS_KEPT) this.workerProjects.shift();
    if (held === -1) return { ...body, projectKey: key };
    const { project: _sent, ...context } = body.context;
    return { ...body, context, projectKey: key };
  }

  private finish(id: number, outcome: WorkerOutcome<OkReply>, killWorker: boolean): void {
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
    this.workerProjects = [];
    let started = false;
    worker.onReply((reply: AnalyseReply) => {
      if (this.worker !== worker) return;
      started = true;
      if ('ready' in reply) return;
      this.finish(reply.id, reply.ok ? { kind: 'done', value: reply } : { kind: 'failed', reason: reply.error }, false);
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
