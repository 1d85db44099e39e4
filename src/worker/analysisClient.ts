// The host's side of the analysis worker: one request at a time, each with a time budget. A file that takes longer
// than its budget costs the worker its life (terminated, a fresh one starts with the next request), never the host.
//
// The budget is CPU time, not the wall clock: on a busy machine (the sample's own `npm install` beside the editor)
// a worker can wait seconds for a core, and a wall-clock budget then calls an ordinary file too costly. So when
// the budget has passed on the clock, the worker's own CPU time decides (Node's worker.cpuUsage()); where that
// cannot be read (a Web Worker), a request out of time gets a second try on a fresh worker before it is called
// too costly. The clock starts once the worker is ready: loading the parser is not the file's cost.
import type { ProjectSnapshot } from '../project/types';
import {
  PROJECTS_KEPT,
  RESULT_OF,
  type OkReply,
  type ParamsOf,
  type ResultOf,
  type WorkerHeap,
  type WorkerKind,
  type WorkerPort,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';

/** How a request ended, whatever it asked for. */
export type WorkerOutcome<T> =
  | { kind: 'done'; value: T }
  /** It used its whole budget of CPU time (or ran out of time twice, where CPU time cannot be read): stopped. */
  | { kind: 'tooCostly'; budgetMs: number }
  /** Still running after `waitedMs` without having used its budget: the machine too busy to tell. Stopped. */
  | { kind: 'timedOut'; waitedMs: number }
  /** The worker failed (crashed, reported an error, answered something else, did not start in time). */
  | { kind: 'failed'; reason: string }
  /** No worker can start in this host (a web extension served remotely): the caller works in its own thread. */
  | { kind: 'unavailable'; reason: string };

export type Priority = 'interactive' | 'background';

/** A queued request; `settle` is typed for its own kind, so nothing downstream casts a reply. */
interface Job {
  kind: WorkerKind;
  request: (id: number) => WorkerRequest;
  background: boolean;
  /** Tries so far that ran out of time without CPU evidence (a Web Worker's second try). */
  outOfTime: number;
  settle(reply: OkReply | Exclude<WorkerOutcome<never>, { kind: 'done' }>): void;
}

/** CPU time a request must gain between two looks of the budget to count as still running (ms). */
const PROGRESS_MS = 5;

interface Running {
  id: number;
  job: Job;
  timer?: ReturnType<typeof setTimeout>;
  /** When the budget's clock started (the worker was ready), and the worker's CPU time then. */
  startedAt?: number;
  cpuAtStart?: Promise<number | undefined>;
  /** The CPU time the request had used at the budget's last look (ms): whether it still moves decides the wait cap. */
  usedAtLastLook?: number;
}

export interface AnalysisClientOptions {
  spawn: () => WorkerPort;
  /** CPU time a request may use. */
  budgetMs: number;
  /**
   * Wall-clock time after which a request that has not used its budget, and gets no CPU time between two looks, is
   * given up as "timed out" (10× budget). One still getting CPU time is starved, not stuck: it is waited for.
   */
  waitCapMs?: number;
  /** How long a worker may take to load before its request fails (30 s). */
  startupMs?: number;
}

const STOPPED = 'the analysis worker was stopped';

export class AnalysisClient {
  private worker: WorkerPort | undefined;
  private ready = false;
  private readonly queue: Job[] = [];
  private running: Running | undefined;
  private startupTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private disposed = false;
  private readonly projectKeys = new WeakMap<ProjectSnapshot, number>();
  private nextProjectKey = 1;
  /** Keys of the snapshots the current worker holds, least recently used first (it evicts in the same order). */
  private workerProjects: number[] = [];
  /** The current worker's CPU time in its last reply (WorkerReply.cpuMs), where it sends it. */
  private workerCpuMs: number | undefined;
  /** How many workers were started (the bench and tests read it). */
  spawned = 0;

  constructor(private readonly options: AnalysisClientOptions) {}

  /**
   * Sends one request; interactive requests (an edited document) go ahead of background ones (the workspace
   * scan). Never rejects.
   */
  request<K extends WorkerKind>(
    kind: K,
    params: ParamsOf<K>,
    priority: Priority = 'background',
  ): Promise<WorkerOutcome<ResultOf<K>>> {
    if (this.disposed) return Promise.resolve({ kind: 'failed', reason: STOPPED });
    return new Promise((resolve) => {
      const pick = RESULT_OF[kind];
      const job: Job = {
        kind,
        background: priority === 'background',
        outOfTime: 0,
        request: (id) => this.withProjectKey(id, kind, params),
        settle: (reply) => {
          if (!('ok' in reply)) return resolve(reply);
          const value = pick(reply);
          resolve(
            value === undefined
              ? { kind: 'failed', reason: `the worker answered a ${reply.kind} request to a ${kind} request` }
              : { kind: 'done', value },
          );
        },
      };
      this.enqueue(job);
      this.pump();
    });
  }

  /** The CPU time (ms) the current worker's thread has used, where the port can tell. */
  async cpuTimeMs(): Promise<number | undefined> {
    try {
      return await this.worker?.cpuTimeMs?.();
    } catch {
      return undefined; // it exited meanwhile
    }
  }

  /** The current worker's V8 heap, where the port can tell (bench, tests). */
  async heapBytes(): Promise<WorkerHeap | undefined> {
    try {
      return await this.worker?.heapBytes?.();
    } catch {
      return undefined; // it exited meanwhile
    }
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
    const pending = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    if (this.running?.timer) clearTimeout(this.running.timer);
    this.running = undefined;
    this.stopWorker();
    for (const job of pending) job.settle({ kind: 'failed', reason: STOPPED });
  }

  private enqueue(job: Job, first = false): void {
    if (first) {
      this.queue.unshift(job);
    } else if (job.background) {
      this.queue.push(job);
    } else {
      const firstBackground = this.queue.findIndex((j) => j.background);
      this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
    }
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: WorkerPort;
    try {
      worker = this.ensureWorker();
    } catch (err) {
      job.settle({
        kind: 'unavailable',
        reason: `the analysis worker could not start: ${err instanceof Error ? err.message : String(err)}`,
      });
      this.pump();
      return;
    }
    const id = this.nextId++;
    this.running = { id, job };
    worker.post(job.request(id));
    if (this.ready) this.startClock(this.running);
  }

  /** The budget's clock for the request running on a ready worker. */
  private startClock(running: Running): void {
    running.startedAt = performance.now();
    // The worker was idle since its last reply: the CPU time it sent then is where this request's starts. Asked
    // for only when it sent none (asking interrupts the worker's thread and wakes this one, on every request).
    const known = this.workerCpuMs;
    running.cpuAtStart = known !== undefined ? Promise.resolve(known) : this.worker?.cpuTimeMs?.();
    running.timer = setTimeout(() => void this.outOfTime(running), this.options.budgetMs);
  }

  /** The budget has passed on the clock: the CPU time the worker used decides whether it is spent. */
  private async outOfTime(running: Running): Promise<void> {
    const worker = this.worker;
    const waited = performance.now() - (running.startedAt ?? 0);
    const budget = this.options.budgetMs;
    let used: number | undefined;
    try {
      const [start, now] = await Promise.all([running.cpuAtStart, worker?.cpuTimeMs?.()]);
      if (start !== undefined && now !== undefined) used = now - start;
    } catch {
      used = undefined; // the worker exited meanwhile: its failure (or its reply) settles the request
    }
    if (this.running !== running) return;
    if (used === undefined) {
      // No CPU evidence: one more try on a fresh worker, whose start-up is not counted, before "too costly".
      if (running.job.outOfTime++ === 0) return this.retry(running);
      return this.finish(running.id, { kind: 'tooCostly', budgetMs: budget }, true);
    }
    if (used >= budget) return this.finish(running.id, { kind: 'tooCostly', budgetMs: budget }, true);
    // A busy machine hands the worker a sliver of a core (at load 20, 30 s of waiting held under 3 s of CPU): while
    // its CPU time still grows it is working, and the budget ends the wait. Only a worker that stopped getting any
    // is given up. PROGRESS_MS keeps a worker asleep in Atomics.wait (a few µs of CPU per look) from counting.
    const moving = running.usedAtLastLook !== undefined && used - running.usedAtLastLook >= PROGRESS_MS;
    running.usedAtLastLook = used;
    if (waited >= (this.options.waitCapMs ?? budget * 10) && !moving)
      return this.finish(running.id, { kind: 'timedOut', waitedMs: Math.round(waited) }, true);
    // Starved, not costly: wait for the rest of the budget in CPU time.
    running.timer = setTimeout(() => void this.outOfTime(running), Math.max(50, budget - used));
  }

  private retry(running: Running): void {
    if (running.timer) clearTimeout(running.timer);
    this.running = undefined;
    this.stopWorker();
    this.enqueue(running.job, true);
    this.pump();
  }

  /** An analysis's project snapshot goes to the worker once; later requests name it by key. */
  private withProjectKey<K extends WorkerKind>(id: number, kind: K, params: ParamsOf<K>): WorkerRequest {
    const request = { id, kind, params } as WorkerRequest;
    if (request.kind !== 'analyse' || !request.params.context.project) return request;
    const body = request.params;
    const project = request.params.context.project;
    let key = this.projectKeys.get(project);
    if (key === undefined) this.projectKeys.set(project, (key = this.nextProjectKey++));
    const held = this.workerProjects.indexOf(key);
    if (held !== -1) this.workerProjects.splice(held, 1);
    this.workerProjects.push(key);
    if (this.workerProjects.length > PROJECTS_KEPT) this.workerProjects.shift();
    if (held === -1) return { id, kind: 'analyse', params: { ...body, projectKey: key } };
    const { project: _sent, ...context } = body.context;
    return { id, kind: 'analyse', params: { ...body, context, projectKey: key } };
  }

  private finish(
    id: number,
    outcome: OkReply | Exclude<WorkerOutcome<never>, { kind: 'done' }>,
    killWorker: boolean,
  ): void {
    const running = this.running;
    if (!running || running.id !== id) return;
    if (running.timer) clearTimeout(running.timer);
    this.running = undefined;
    if (killWorker) this.stopWorker();
    running.job.settle(outcome);
    this.pump();
  }

  private ensureWorker(): WorkerPort {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    this.spawned++;
    this.workerProjects = [];
    this.workerCpuMs = undefined;
    this.ready = false;
    const startupMs = this.options.startupMs ?? 30_000;
    this.startupTimer = setTimeout(() => {
      if (this.worker !== worker || this.ready) return;
      this.stopWorker();
      if (this.running) {
        const reason = `the analysis worker did not start within ${startupMs / 1000} s`;
        this.finish(this.running.id, { kind: 'failed', reason }, false);
      }
    }, startupMs);
    worker.onReply((reply: WorkerReply) => {
      if (this.worker !== worker) return;
      this.workerCpuMs = reply.cpuMs;
      if ('ready' in reply) {
        this.ready = true;
        clearTimeout(this.startupTimer);
        if (this.running && this.running.startedAt === undefined) this.startClock(this.running);
        return;
      }
      this.finish(reply.id, reply.ok ? reply : { kind: 'failed', reason: reply.error }, false);
    });
    worker.onFailure((reason) => {
      if (this.worker !== worker) return;
      const started = this.ready;
      this.worker = undefined;
      this.ready = false;
      clearTimeout(this.startupTimer);
      if (!this.running) return;
      // A worker that dies before it said it was ready never started (a host that cannot load worker scripts).
      this.finish(
        this.running.id,
        started
          ? { kind: 'failed', reason }
          : { kind: 'unavailable', reason: `the analysis worker could not start: ${reason}` },
        false,
      );
    });
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    clearTimeout(this.startupTimer);
    worker?.terminate();
  }
}
