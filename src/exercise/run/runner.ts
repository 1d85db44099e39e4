// The extension's side of the runner. Loading takes two child processes (child.ts): a build child that checks the
// learner's `convex` install and builds their convex/ folder with its esbuild into a temporary folder (esbuild is
// a process it starts, so this one cannot run under the permission model), then a run child that evaluates the
// built modules and answers calls. The run child gets, where its Node has them: the permission model (reads only
// of the project, its node_modules and the built files; no writes, processes, workers, inspector or addons), on
// Linux a data-size limit that counts Buffers as well as the heap, a V8 heap cap, an empty environment but for the
// project's own env variables the code reads. A call past its time limit, or anything on the channel that is not
// the runner's answer, ends the child; the run it served fails with a plain message and the next run starts fresh.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChannelError, ChildChannel, type Ending, type SpawnSpec } from './channel';
import { nodeCaps, type NodeCaps } from './nodeCaps';
import type { FailureKind, LoadedFunction, LoadFailureKind, Reply, RowChanges, RunIdentity } from './protocol';

export interface RunnerOptions {
  /** The child's entry: dist/ownFunctionRunner.js in the extension, a bundle of the same source in tests. */
  entry: string;
  /** Extra Node flags before the runner's own. */
  execArgv?: string[];
  /** Node or Electron-as-Node; the extension host's own binary by default. */
  execPath?: string;
  /** Per message: loading, each call. */
  timeoutMs: number;
  /** Memory the learner's code may use, heap and Buffers together (Buffers only where the OS limit applies). */
  maxMemoryMb: number;
  /** Variables from the project's local env files that its convex/ code reads (names chosen by the caller). */
  env?: Record<string, string>;
}

export type CallOutcome =
  | { ok: true; value: unknown; logLines: string[]; changes?: RowChanges }
  | {
      ok: false;
      kind: FailureKind | 'limit';
      message: string;
      data?: unknown;
      logLines: string[];
      changes?: RowChanges;
    };

export type LoadOutcome =
  | { ok: true; functions: LoadedFunction[]; tables: string[] }
  | { ok: false; kind: LoadFailureKind | 'limit'; message: string };

/** What holds the learner's code in this run, for the panel and the README's promise. */
export interface Bounds {
  node: string;
  permissionModel: boolean;
  networkByPermission: boolean;
  memoryCountsBuffers: boolean;
}

const START_TIMEOUT_MS = 20_000;
/** Young generation, code space and the allocator's own use beside the heap cap (MB). */
const DATA_SLACK_MB = 96;

function realpaths(p: string): string[] {
  try {
    const real = fs.realpathSync(p);
    return real === p ? [p] : [p, real];
  } catch {
    return [p];
  }
}

/** The node_modules folders Node's resolution would look in from `dir` up, that exist. */
function nodeModulesUp(dir: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const nm = path.join(d, 'node_modules');
    if (fs.existsSync(nm)) out.push(...realpaths(nm));
    if (path.dirname(d) === d) break;
  }
  return out;
}

export class FunctionRunner {
  private run: ChildChannel | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private outdir: string | undefined;
  private stopped: Ending | undefined;
  private caps: NodeCaps | undefined;

  constructor(private readonly opts: RunnerOptions) {}

  private get execPath(): string {
    return this.opts.execPath ?? process.execPath;
  }

  /** What held the code in the last load (undefined before one). */
  bounds(): Bounds | undefined {
    const c = this.caps;
    if (!c) return undefined;
    return {
      node: c.version,
      permissionModel: c.permission !== undefined,
      networkByPermission: c.permission !== undefined && c.permissionCoversNetwork,
      memoryCountsBuffers: process.platform === 'linux' && c.baselineDataKb !== undefined,
    };
  }

  async load(projectDir: string, functionsDir: string, tables: readonly string[] = []): Promise<LoadOutcome> {
    try {
      this.caps = await nodeCaps(this.execPath);
      this.outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-build-'));
      const limits = { memoryMb: this.opts.maxMemoryMb, startTimeoutMs: START_TIMEOUT_MS };
      // Both processes start at once: the run child comes up while the build child builds.
      const builder = new ChildChannel(this.buildSpec(), limits);
      this.run = new ChildChannel(this.runSpec(projectDir, this.outdir, this.caps), limits);
      let built: Reply;
      try {
        built = await builder.request(
          { op: 'build', projectDir, functionsDir, outdir: this.outdir },
          this.loadTimeout(),
        );
      } finally {
        await builder.close();
      }
      if (built.op === 'loadFailed') return { ok: false, kind: built.kind, message: built.message };
      if (built.op !== 'built') return { ok: false, kind: 'setup', message: 'Unexpected answer from the runner.' };
      const m = await this.request({
        op: 'load',
        projectDir,
        functionsDir,
        modules: built.modules,
        tables: [...tables],
      });
      if (m.op === 'loaded') return { ok: true, functions: m.functions, tables: m.tables };
      if (m.op === 'loadFailed') return { ok: false, kind: m.kind, message: m.message };
      return { ok: false, kind: 'setup', message: 'Unexpected answer from the runner.' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, kind: 'limit', message: `Loading your functions: ${message}.` };
    }
  }

  async call(
    kind: 'query' | 'mutation' | 'action',
    path: string,
    args: unknown,
    identity: RunIdentity | null,
    changes = kind !== 'query',
  ): Promise<CallOutcome> {
    try {
      const m = await this.request({ op: 'call', kind, path, args, identity, changes });
      if (m.op !== 'result')
        return { ok: false, kind: 'setup', message: 'Unexpected answer from the runner.', logLines: [] };
      return m.ok
        ? { ok: true, value: m.value, logLines: m.logLines, ...(m.changes ? { changes: m.changes } : {}) }
        : {
            ok: false,
            kind: m.kind,
            message: m.message,
            ...(m.data !== undefined ? { data: m.data } : {}),
            logLines: m.logLines,
            ...(m.changes ? { changes: m.changes } : {}),
          };
    } catch (err) {
      const ending = err instanceof ChannelError ? err.ending : undefined;
      return {
        ok: false,
        kind: ending?.kind === 'memory' ? 'memory' : 'limit',
        message: `${path} did not finish: ${err instanceof Error ? err.message : String(err)}.`,
        logLines: [],
      };
    }
  }

  get alive(): boolean {
    return this.stopped === undefined && (this.run?.alive ?? true);
  }

  /** The process id of the run child (tests measure it). */
  get pid(): number | undefined {
    return this.run?.pid;
  }

  close(): void {
    this.stopped ??= { kind: 'closed', message: 'the runner was closed' };
    this.run?.kill();
    const out = this.outdir;
    this.outdir = undefined;
    if (out) fs.rm(out, { recursive: true, force: true }, () => undefined);
  }

  private loadTimeout(): number {
    // A cold build of a large project takes longer than one call; never less than the call limit.
    return Math.max(this.opts.timeoutMs, 30_000);
  }

  private request(message: Parameters<ChildChannel['request']>[0]): Promise<Reply> {
    const run = this.queue.then(() => {
      if (this.stopped) throw new ChannelError(this.stopped);
      if (!this.run) throw new ChannelError({ kind: 'closed', message: 'the functions are not loaded' });
      return this.run.request(message, message.op === 'load' ? this.loadTimeout() : this.opts.timeoutMs);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private nodeArgs(): string[] {
    return [...(this.opts.execArgv ?? []), `--max-old-space-size=${this.opts.maxMemoryMb}`, '--max-semi-space-size=16'];
  }

  private buildSpec(): SpawnSpec {
    return {
      command: this.execPath,
      args: [...this.nodeArgs(), this.opts.entry, 'build'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    };
  }

  private runSpec(projectDir: string, outdir: string, caps: NodeCaps): SpawnSpec {
    const flags: string[] = [];
    if (caps.permission) {
      flags.push(caps.permission);
      const readable = new Set([
        ...realpaths(path.dirname(this.opts.entry)),
        ...realpaths(projectDir),
        ...realpaths(outdir),
        ...nodeModulesUp(projectDir),
      ]);
      for (const p of readable) flags.push(`--allow-fs-read=${p}`);
    }
    if (caps.disableSigusr1) flags.push('--disable-sigusr1');
    const node = [...flags, ...this.nodeArgs(), this.opts.entry, 'run'];
    const env = { ...this.opts.env, ELECTRON_RUN_AS_NODE: '1' };
    if (process.platform === 'linux' && caps.baselineDataKb !== undefined && fs.existsSync('/bin/sh')) {
      // RLIMIT_DATA counts the heap and every ArrayBuffer's memory: a 4 GB Buffer fails to allocate instead of
      // being granted. It is set above what this Node uses idle (a Node 24 reserves over 500 MB up front).
      const limitKb = caps.baselineDataKb + (this.opts.maxMemoryMb + DATA_SLACK_MB) * 1024;
      return {
        command: '/bin/sh',
        args: ['-c', 'ulimit -d "$1" || exit 97; shift; exec "$@"', 'sh', String(limitKb), this.execPath, ...node],
        env,
      };
    }
    return { command: this.execPath, args: node, env };
  }
}
