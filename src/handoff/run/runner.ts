// The extension's side of the runner: starts the child process (child.ts) with a heap cap and an empty
// environment, sends it one message at a time, and kills it when a call runs past the time limit. A killed or
// crashed child fails only the run it was serving; the next run starts a fresh one.
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, FailureKind, LoadedFunction, ParentMessage, RunIdentity } from './protocol';

export interface RunnerOptions {
  /** The child's entry: dist/ownFunctionRunner.js in the extension, the TypeScript source under tsx in tests. */
  entry: string;
  /** Extra Node flags before the limits (tests: `--require tsx/cjs`). */
  execArgv?: string[];
  /** Node or Electron-as-Node; the extension host's own binary by default. */
  execPath?: string;
  /** Per message: loading, each call. */
  timeoutMs: number;
  /** V8 heap cap of the child, in MB. */
  maxHeapMb: number;
}

export type CallOutcome =
  | { ok: true; value: unknown; logLines: string[] }
  | { ok: false; kind: FailureKind | 'limit'; message: string; data?: unknown; logLines: string[] };

export type LoadOutcome =
  | { ok: true; functions: LoadedFunction[]; tables: string[] }
  | { ok: false; kind: Extract<ChildMessage, { op: 'loadFailed' }>['kind'] | 'limit'; message: string };

type Pending = { resolve: (m: ChildMessage) => void; reject: (e: Error) => void };

export class FunctionRunner {
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stderr = '';
  private stopped: string | undefined;

  constructor(private readonly opts: RunnerOptions) {
    this.child = fork(opts.entry, [], {
      execPath: opts.execPath ?? process.execPath,
      execArgv: [...(opts.execArgv ?? []), `--max-old-space-size=${opts.maxHeapMb}`, '--max-semi-space-size=16'],
      // Nothing of the extension host's environment (deployment URLs, keys) reaches the learner's code.
      env: { ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stderr?.on('data', (d: Buffer) => {
      if (this.stderr.length < 8192) this.stderr += d.toString('utf8');
    });
    this.child.on('message', (m: ChildMessage) => {
      const p = this.pending;
      this.pending = undefined;
      p?.resolve(m);
    });
    this.child.on('exit', (code, signal) => {
      this.stopped ??= /heap|Allocation failed|out of memory/i.test(this.stderr)
        ? `it used more than the runner's ${opts.maxHeapMb} MB memory limit and was stopped`
        : `the runner stopped (${signal ?? `exit code ${String(code)}`})`;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(this.stopped));
    });
    this.child.on('error', (err) => {
      this.stopped ??= `the runner could not start: ${err.message}`;
    });
  }

  async load(projectDir: string, functionsDir: string): Promise<LoadOutcome> {
    try {
      const m = await this.request({ op: 'load', projectDir, functionsDir });
      if (m.op === 'loaded') return { ok: true, functions: m.functions, tables: m.tables };
      if (m.op === 'loadFailed') return { ok: false, kind: m.kind, message: m.message };
      return { ok: false, kind: 'setup', message: 'Unexpected answer from the runner.' };
    } catch (err) {
      return { ok: false, kind: 'limit', message: `Loading your functions: ${(err as Error).message}.` };
    }
  }

  async call(
    kind: 'query' | 'mutation' | 'action',
    path: string,
    args: unknown,
    identity: RunIdentity | null,
  ): Promise<CallOutcome> {
    try {
      const m = await this.request({ op: 'call', id: this.nextId++, kind, path, args, identity });
      if (m.op !== 'result')
        return { ok: false, kind: 'setup', message: 'Unexpected answer from the runner.', logLines: [] };
      return m.ok
        ? { ok: true, value: m.value, logLines: m.logLines }
        : {
            ok: false,
            kind: m.kind,
            message: m.message,
            ...(m.data !== undefined ? { data: m.data } : {}),
            logLines: m.logLines,
          };
    } catch (err) {
      return { ok: false, kind: 'limit', message: `${path} did not finish: ${(err as Error).message}.`, logLines: [] };
    }
  }

  /** Every document of every table in the schema, in Convex's JSON encoding. */
  async rows(): Promise<Record<string, unknown[]>> {
    const m = await this.request({ op: 'tables', id: this.nextId++ });
    return m.op === 'rows' ? m.tables : {};
  }

  get alive(): boolean {
    return this.stopped === undefined;
  }

  close(): void {
    this.stopped ??= 'the runner was closed';
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private request(message: ParentMessage): Promise<ChildMessage> {
    const run = this.queue.then(() => this.sendOne(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private sendOne(message: ParentMessage): Promise<ChildMessage> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    return new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stopped ??= `it ran longer than the runner's ${Math.round(this.opts.timeoutMs / 100) / 10} s time limit and was stopped`;
        this.close();
      }, this.opts.timeoutMs);
      this.pending = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.child.send(message, (err) => {
        if (err) this.pending?.reject(err);
      });
    });
  }
}
