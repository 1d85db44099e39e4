// Messages between the extension and the runner's child processes (frame.ts carries them). Values cross as
// Convex's JSON encoding (convexToJson), so Int64, bytes and ids survive the trip. Every request carries an id and
// a nonce the child has never shown the learner's code; an answer counts only when it carries both, so a function
// writing to the channel cannot pass off its own message as the runner's.
export type FunctionKind = 'query' | 'mutation' | 'action' | 'httpAction';

export interface LoadedFunction {
  /** Convex's function path, e.g. "messages:list". */
  path: string;
  kind: FunctionKind;
  visibility: 'public' | 'internal';
  /** The args validator as Convex exports it (JSON), when the function declares one. */
  args?: unknown;
}

export interface RunIdentity {
  subject: string;
  issuer: string;
  tokenIdentifier: string;
  [claim: string]: unknown;
}

/** Where the built modules are, for the run child (written by the build child). */
export interface BuiltModule {
  /** Path of the source under the functions folder, e.g. "messages.ts". */
  source: string;
  /** The built CommonJS file. */
  out: string;
}

export type LoadFailureKind = 'no-convex' | 'no-generated' | 'old-convex' | 'build' | 'env' | 'setup';

/** A document as the runner reports it: its table, id and Convex JSON (cut when large). */
export interface RowDoc {
  table: string;
  id: string;
  doc: Record<string, unknown>;
}

/** What one mutation or action changed, compared table by table before and after it. */
export type RowChanges =
  { inserted: RowDoc[]; modified: { before: RowDoc; after: RowDoc }[]; deleted: RowDoc[] } | { unknown: string };

export type Request =
  | { op: 'build'; projectDir: string; functionsDir: string; outdir: string }
  | {
      op: 'load';
      projectDir: string;
      functionsDir: string;
      modules: BuiltModule[];
      /** Tables the source names (ctx.db.query("t"), insert("t", …)) besides the schema's. */
      tables: string[];
    }
  | {
      op: 'call';
      kind: 'query' | 'mutation' | 'action';
      path: string;
      args: unknown;
      identity: RunIdentity | null;
      /** Compare every table before and after (mutations and actions). */
      changes: boolean;
    };

/** A request on the channel, with its id and nonce. */
export type Envelope = Request & { id: number; nonce: string };

/** Why a call did not return: the function threw, or it needs something the runner does not offer. */
export type FailureKind = 'function' | 'arguments' | 'unsupported' | 'network' | 'memory' | 'too-large' | 'setup';

export type Reply =
  | { op: 'built'; modules: BuiltModule[]; convexVersion: string }
  | { op: 'loaded'; functions: LoadedFunction[]; tables: string[] }
  | { op: 'loadFailed'; kind: LoadFailureKind; message: string }
  | {
      op: 'result';
      ok: true;
      value: unknown;
      logLines: string[];
      changes?: RowChanges;
    }
  | {
      op: 'result';
      ok: false;
      kind: FailureKind;
      message: string;
      data?: unknown;
      logLines: string[];
      changes?: RowChanges;
    };

/** The child's first frame: it is up, and which of the requests it will answer. */
export interface Hello {
  op: 'hello';
  mode: 'build' | 'run';
}

export type ReplyEnvelope = Reply & { id: number; nonce: string };

/** The largest answer the extension reads: a function's result is cut to well under this by the child. */
export const MAX_REPLY_BYTES = 2 * 1024 * 1024;
/** A function's return value above this (as JSON) is refused by the child with a clear message. */
export const MAX_RESULT_BYTES = 1024 * 1024;
/** Rows reported per call and the size of each, so a mutation that writes 100,000 rows costs nothing here. */
export const MAX_CHANGED_ROWS = 200;
export const MAX_ROW_BYTES = 4096;

/** The file descriptors of the child's channel: requests in, answers out (stdio 0–2 are not used for it). */
export const REQUEST_FD = 3;
export const REPLY_FD = 4;
