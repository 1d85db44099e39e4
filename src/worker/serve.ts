// The worker's side: answers each request (an analysis, a pre-filter of files on disk, a folder's listing,
// auth.config providers). Runs inside the worker only.
import { analyse } from '../analysis/analyse';
import { crossFileOf } from '../analysis/crossFileOf';
import { shouldAnalyse } from '../analysis/prefilter';
import { readAuthConfig } from '../analysis/authConfig';
import type { AnalysisContext } from '../analysis/types';
import type { ProjectSnapshot } from '../project/types';
import {
  PROJECTS_KEPT,
  textFingerprint,
  type AnalyseParams,
  type AnalyseResult,
  type Listed,
  type ParamsOf,
  type PrefilterParams,
  type PrefilterResult,
  type ResultOf,
  type TestDelay,
  type WorkerKind,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';

/** A file's bytes as the worker reads them: undefined when it is not a file or is over `maxBytes`; throws fs's errors. */
export type ReadLocalFile = (fsPath: string, maxBytes: number) => Uint8Array | undefined;

export interface WorkerSelf {
  onRequest(listener: (request: WorkerRequest) => void): void;
  reply(reply: WorkerReply): void;
  /** Reads a file synchronously (the Node worker; it may block, this is not the host's thread). */
  readFile?: ReadLocalFile;
  /** Lists a local folder's source files (the Node worker). */
  listSources?: (root: string, limit: number) => Listed;
  /** This thread's CPU time in ms (the Node worker, where its Node has process.threadCpuUsage). */
  cpuTimeMs?: () => number;
}

const utf8 = new TextDecoder('utf-8');

/** fs's ways of saying there is no such file (gone since it was found: not worth a log line). */
function isAbsence(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/**
 * Texts the pre-filter kept, by fsPath, until their analysis asks for them (right after, in the scan): the host
 * never holds them. Bounded; a text evicted (or lost with a restarted worker) is read from disk again.
 */
export class HeldTexts {
  private readonly texts = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars = 16 * 1024 * 1024) {}

  hold(fsPath: string, text: string): void {
    this.take(fsPath);
    this.texts.set(fsPath, text);
    this.size += text.length;
    for (const [key, held] of this.texts) {
      if (this.size <= this.maxChars) break;
      this.texts.delete(key);
      this.size -= held.length;
    }
  }

  take(fsPath: string): string | undefined {
    const text = this.texts.get(fsPath);
    if (text === undefined) return undefined;
    this.texts.delete(fsPath);
    this.size -= text.length;
    return text;
  }
}

/** The one size rule of src/features/project/workspaceFiles.ts's readText, in bytes, for a batch of files. */
export function prefilter(params: PrefilterParams, read: ReadLocalFile, held?: HeldTexts): PrefilterResult {
  const result: PrefilterResult = { kept: [], errors: [] };
  params.files.forEach((file, index) => {
    try {
      const bytes = read(file.fsPath, params.maxBytes);
      if (!bytes) return;
      const text = utf8.decode(bytes);
      if (!shouldAnalyse(file.path, text)) return;
      result.kept.push(index);
      held?.hold(file.fsPath, text);
    } catch (err) {
      if (isAbsence(err)) return; // gone since it was found
      result.errors.push({ index, message: err instanceof Error ? err.message : String(err) });
    }
  });
  return result;
}

/** The project snapshots the host sent, by key, least recently used first (see AnalyseParams.projectKey). */
class Projects {
  private readonly kept = new Map<number, ProjectSnapshot>();

  /** The request's context with its project filled in from the keys kept. Undefined: a key this worker never got. */
  contextOf(params: AnalyseParams): AnalysisContext | undefined {
    const key = params.projectKey;
    if (key === undefined) return params.context;
    const project = params.context.project ?? this.kept.get(key);
    if (!project) return undefined;
    this.kept.delete(key);
    this.kept.set(key, project);
    if (this.kept.size > PROJECTS_KEPT) this.kept.delete(this.kept.keys().next().value as number);
    return params.context.project ? params.context : { ...params.context, project };
  }
}

/** Blocks this thread for `ms`: asleep (what a thread the OS does not schedule looks like) or busy (tests). */
function delay({ ms, cpu }: TestDelay): void {
  if (!cpu) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  }
  // Spin for `ms` of this thread's CPU time where Node can tell it: on a busy machine a spin timed by the clock
  // gets only a share of a core, and the test that measures the worker's CPU time would see less than it asked.
  const proc = (globalThis as { process?: { threadCpuUsage?: () => { user: number; system: number } } }).process;
  const now = proc?.threadCpuUsage
    ? () => {
        const u = proc.threadCpuUsage!();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();
  const until = now() + ms;
  while (now() < until) {
    // busy
  }
}

type Handlers = { [K in WorkerKind]: (params: ParamsOf<K>) => ResultOf<K> };

function handlers(self: WorkerSelf): Handlers {
  const projects = new Projects();
  const held = new HeldTexts();
  const textOf = (params: AnalyseParams): { text: string } | Exclude<AnalyseResult, { kind: 'analysed' }> => {
    const { source } = params;
    if ('text' in source) return { text: source.text };
    const kept = held.take(source.fsPath);
    if (kept !== undefined && source.scanned) return { text: kept };
    if (!self.readFile) throw new Error('this worker cannot read files');
    try {
      const bytes = self.readFile(source.fsPath, source.maxBytes);
      if (!bytes) return { kind: 'skipped' };
      return { text: utf8.decode(bytes) };
    } catch (err) {
      if (isAbsence(err)) return { kind: 'absent' };
      return { kind: 'unreadable', message: err instanceof Error ? err.message : String(err) };
    }
  };
  return {
    analyse: (params) => {
      if (params.testDelay) delay(params.testDelay);
      const context = projects.contextOf(params);
      if (!context) throw new Error(`the worker has no project snapshot ${params.projectKey}`);
      const read = textOf(params);
      if (!('text' in read)) return read;
      const fingerprint = textFingerprint(read.text);
      if (!('text' in params.source) && params.source.unless === fingerprint) return { kind: 'unchanged' };
      // A text from the editor is what the learner sees: analysed as it is. One from disk passes the pre-filter.
      if (!('text' in params.source) && !shouldAnalyse(params.path, read.text)) return { kind: 'skipped', fingerprint };
      const analysis = analyse(params.path, read.text, context);
      return {
        kind: 'analysed',
        analysis,
        fingerprint,
        crossFile: crossFileOf(read.text, context),
      };
    },
    prefilter: (params) => {
      if (!self.readFile) throw new Error('this worker cannot read files');
      return prefilter(params, self.readFile, held);
    },
    list: (params) => {
      if (!self.listSources) throw new Error('this worker cannot list folders');
      return self.listSources(params.root, params.limit);
    },
    authConfigs: (params) => params.files.map((f) => readAuthConfig(f.text, f.path, f.uri)),
  };
}

function answer(on: Handlers, request: WorkerRequest): WorkerReply {
  const { id } = request;
  switch (request.kind) {
    case 'analyse':
      return { id, kind: request.kind, ok: true, result: on.analyse(request.params) };
    case 'prefilter':
      return { id, kind: request.kind, ok: true, result: on.prefilter(request.params) };
    case 'list':
      return { id, kind: request.kind, ok: true, result: on.list(request.params) };
    case 'authConfigs':
      return { id, kind: request.kind, ok: true, result: on.authConfigs(request.params) };
  }
}

export function serveAnalysis(self: WorkerSelf): void {
  const reply = (r: WorkerReply): void => self.reply(self.cpuTimeMs ? { ...r, cpuMs: self.cpuTimeMs() } : r);
  reply({ id: 0, ready: true });
  const on = handlers(self);
  self.onRequest((request) => {
    try {
      reply(answer(on, request));
    } catch (err) {
      // analyse() and readAuthConfig() never throw by contract; if one ever does, the host logs this instead of
      // waiting for the budget.
      reply({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
}
