// Messages between the extension and the child process that runs the learner's Convex functions. Values cross
// as Convex's JSON encoding (convexToJson), so Int64, bytes and ids survive the trip.
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

export type ParentMessage =
  | { op: 'load'; projectDir: string; functionsDir: string }
  | {
      op: 'call';
      id: number;
      kind: 'query' | 'mutation' | 'action';
      path: string;
      args: unknown;
      identity: RunIdentity | null;
    }
  | { op: 'tables'; id: number };

/** Why a call did not return: the function threw, or it needs something the runner does not offer. */
export type FailureKind = 'function' | 'unsupported' | 'network' | 'setup';

export type ChildMessage =
  | { op: 'loaded'; functions: LoadedFunction[]; tables: string[] }
  | { op: 'loadFailed'; kind: 'no-convex' | 'no-generated' | 'old-convex' | 'build' | 'setup'; message: string }
  | { op: 'result'; id: number; ok: true; value: unknown; logLines: string[] }
  | { op: 'result'; id: number; ok: false; kind: FailureKind; message: string; data?: unknown; logLines: string[] }
  | { op: 'rows'; id: number; tables: Record<string, unknown[]> };
