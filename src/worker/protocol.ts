// The messages between the extension host and the analysis worker. Plain data only (structured clone).
import type { AnalysisContext, FileAnalysis } from '../analysis/types';
import type { AuthConfigInfo } from '../project/types';

export interface AnalyseRequest {
  id: number;
  kind?: 'analyse';
  path: string;
  text: string;
  context: AnalysisContext;
  /**
   * The key of `context.project`: sent with the snapshot the first time, alone afterwards (the worker keeps the
   * last PROJECTS_KEPT it was sent), so a snapshot is copied to the worker once, not with every request.
   */
  projectKey?: number;
}

/** How many project snapshots the worker keeps by key (the client evicts in the same order, so both agree). */
export const PROJECTS_KEPT = 8;

/** A file of the workspace index's initial scan: its workspace-relative path and where it is on this disk. */
export interface ScanFile {
  path: string;
  fsPath: string;
}

/**
 * Read files from disk and keep those the analyzer would look at (shouldAnalyse), in one message for many files:
 * the index's initial scan reads thousands of files, nearly all of which mention neither Clerk nor Convex.
 * Served only by the Node worker (a Web Worker has no disk).
 */
export interface PrefilterRequest {
  id: number;
  kind: 'prefilter';
  files: ScanFile[];
  /** The size cap in bytes (clerkConvex.diagnostics.maxFileSizeKB): a larger file is not read. */
  maxBytes: number;
}

export interface PrefilterResult {
  /** The files worth analysing, with their text (indexes into the request's `files`). */
  kept: { index: number; text: string }[];
  /** Files that exist but could not be read (absent files are not listed): the host logs these. */
  errors: { index: number; message: string }[];
}

/** Read auth.config files' providers (Babel is in the worker; the host need not load it for this). */
export interface AuthConfigsRequest {
  id: number;
  kind: 'authConfigs';
  files: { text: string; path: string; uri: string }[];
}

/** List the source files of a local folder the index reads (a walk in the Node worker, instead of the search). */
export interface ListRequest {
  id: number;
  kind: 'list';
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

export type WorkerRequest = AnalyseRequest | PrefilterRequest | AuthConfigsRequest | ListRequest;

/** A request as the client queues it; the id is given when it is sent. */
export type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export type OkReply =
  | { id: number; ok: true; analysis: FileAnalysis }
  | { id: number; ok: true; prefiltered: PrefilterResult }
  | { id: number; ok: true; authConfigs: AuthConfigInfo[] }
  | { id: number; ok: true; listed: Listed };

export type AnalyseReply =
  | OkReply
  | { id: number; ok: false; error: string }
  /** Sent once, when the worker has loaded the analyzer and serves requests. */
  | { id: 0; ready: true };

/** What the host side needs of a worker, whichever kind (worker_threads in Node, a Web Worker in the browser). */
export interface WorkerPort {
  post(request: WorkerRequest): void;
  onReply(listener: (reply: AnalyseReply) => void): void;
  /** The worker died (an error it did not catch, or it exited): every request in flight is lost. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}
