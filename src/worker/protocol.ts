// The messages between the extension host and the analysis worker, as one map of request kind → params and
// result (the shape of vscode-jsonrpc's RequestType<P, R>, or a birpc function table): the client's
// request<K>() and the worker's handlers are both typed from it, so a reply is never cast. Plain data only
// (structured clone).
import type { AnalysisContext, FileAnalysis } from '../analysis/types';
import type { AuthConfigInfo } from '../project/types';

/** How many project snapshots the worker keeps by key (the client evicts in the same order, so both agree). */
export const PROJECTS_KEPT = 8;

/** A file on this disk: its workspace-relative path (for the analyzer and the pre-filter) and where it is. */
export interface DiskFile {
  path: string;
  fsPath: string;
}

/** Where an analysis's text comes from: the editor's text, or the file on disk (read in the worker). */
export type AnalysisSource =
  | { text: string }
  /**
   * Read in the worker (one crossing per file: the text never goes to the host and back). `scanned`: the scan that
   * found the file has just pre-filtered it, and the text the worker kept then is used; any
   * other analysis (news of the file: a save, a checkout) reads the disk now, and drops a text kept from before,
   * which the file may have moved past. `maxBytes` is the size cap; `unless`: the fingerprint of the text indexed,
   * answered "unchanged" without an analysis when the file still has it.
   */
  | { fsPath: string; maxBytes: number; unless?: string; scanned?: boolean };

export interface AnalyseParams {
  /** Workspace-relative path. */
  path: string;
  source: AnalysisSource;
  context: AnalysisContext;
  /**
   * The key of `context.project`: sent with the snapshot the first time, alone afterwards (the worker keeps the
   * last PROJECTS_KEPT it was sent), so a snapshot is copied to the worker once, not with every request.
   */
  projectKey?: number;
  /**
   * Tests only: the worker first waits `ms`, sleeping (`cpu` false: a thread the OS does not schedule, as on a busy
   * machine) or busy (`cpu` true: a costly file's CPU time).
   */
  testDelay?: TestDelay;
}

export interface TestDelay {
  ms: number;
  cpu: boolean;
  /** Only analyses of this workspace-relative path wait; every analysis when absent. */
  path?: string;
}

export type AnalyseResult =
  /**
   * Analysed; `fingerprint` identifies the text analysed (see textFingerprint), `crossFile` says whether its
   * result may change when other files change (dependsOnOtherFiles).
   */
  | { kind: 'analysed'; analysis: FileAnalysis; fingerprint: string; crossFile: boolean }
  /** Read from disk: the text with the fingerprint `unless`, not analysed again. */
  | { kind: 'unchanged' }
  /** Read from disk, and not worth analysing (the pre-filter or the size cap said no). */
  | { kind: 'skipped'; fingerprint?: string }
  /** Not on disk (any more), or not a file. */
  | { kind: 'absent' }
  /** On disk but unreadable: the host logs the message. */
  | { kind: 'unreadable'; message: string };

/**
 * Read files from disk and keep those the analyzer would look at (shouldAnalyse), in one message for many files:
 * the index's initial scan reads thousands of files, nearly all of which mention neither Clerk nor Convex. The
 * kept texts stay in the worker for the analyses that follow (`AnalysisSource` with the same `fsPath`); the host
 * gets their indexes only. Served only by the Node worker (a Web Worker has no disk).
 */
export interface PrefilterParams {
  files: DiskFile[];
  /** The size cap in bytes (clerkConvex.diagnostics.maxFileSizeKB): a larger file is not read. */
  maxBytes: number;
}

export interface PrefilterResult {
  /** Indexes into the request's `files` of the files worth analysing. */
  kept: number[];
  /** Files that exist but could not be read (absent files are not listed): the host logs these. */
  errors: { index: number; message: string }[];
}

/** List the source files of a local folder the index reads (a walk in the Node worker, instead of the search). */
export interface ListParams {
  /** The folder on this disk. */
  root: string;
  limit: number;
}

export interface Listed {
  /** Folder-relative paths with "/", at most `limit`. */
  paths: string[];
  /** More files were there than `limit`. */
  truncated: boolean;
}

export interface AuthConfigsParams {
  files: { text: string; path: string; uri: string }[];
}

/** Every request the worker serves: its params and its result. */
export interface WorkerMethods {
  analyse: { params: AnalyseParams; result: AnalyseResult };
  prefilter: { params: PrefilterParams; result: PrefilterResult };
  list: { params: ListParams; result: Listed };
  /** auth.config providers (Babel is in the worker; the host need not load it for this). */
  authConfigs: { params: AuthConfigsParams; result: AuthConfigInfo[] };
}

export type WorkerKind = keyof WorkerMethods;
export type ParamsOf<K extends WorkerKind> = WorkerMethods[K]['params'];
export type ResultOf<K extends WorkerKind> = WorkerMethods[K]['result'];

export type WorkerRequest = { [K in WorkerKind]: { id: number; kind: K; params: ParamsOf<K> } }[WorkerKind];

export type OkReply = { [K in WorkerKind]: { id: number; kind: K; ok: true; result: ResultOf<K> } }[WorkerKind];

export type WorkerReply = (
  | OkReply
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded the analyzer and serves requests. */
  | { id: 0; ready: true }
) & {
  /**
   * The worker thread's CPU time (ms) as it sent this, where it reads its own (Node's process.threadCpuUsage, the
   * clock worker.cpuUsage() reads from the host): the worker is idle until its next request, so this is where that
   * request's CPU time starts, and the host need not interrupt the worker to ask for it.
   */
  cpuMs?: number;
};

/**
 * The result of a reply of kind K, by kind: each entry narrows the reply itself, so the client reads results
 * without casts, and a reply of another kind than asked reads as undefined.
 */
export const RESULT_OF: { [K in WorkerKind]: (reply: OkReply) => ResultOf<K> | undefined } = {
  analyse: (r) => (r.kind === 'analyse' ? r.result : undefined),
  prefilter: (r) => (r.kind === 'prefilter' ? r.result : undefined),
  list: (r) => (r.kind === 'list' ? r.result : undefined),
  authConfigs: (r) => (r.kind === 'authConfigs' ? r.result : undefined),
};

/** What the host side needs of a worker, whichever kind (worker_threads in Node, a Web Worker in the browser). */
export interface WorkerPort {
  post(request: WorkerRequest): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  /** The worker died (an error it did not catch, or it exited): every request in flight is lost. */
  onFailure(listener: (reason: string) => void): void;
  /**
   * The CPU time (ms) the worker's thread has used so far, where the host can tell (Node's worker.cpuUsage()):
   * the evidence that a file is too costly, which a busy machine's wall clock is not. Undefined elsewhere.
   */
  cpuTimeMs?(): Promise<number | undefined>;
  /** The worker's V8 heap (bytes), where the host can read it (Node's worker.getHeapStatistics()): bench, tests. */
  heapBytes?(): Promise<WorkerHeap>;
  terminate(): void;
}

export interface WorkerHeap {
  /** Live and not yet collected. */
  used: number;
  /** Committed by V8 (what the process's RSS pays for). */
  total: number;
}

/** A cheap fingerprint of a text (FNV-1a over its UTF-16 units, with its length): "is this the text analysed?". */
export function textFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}
