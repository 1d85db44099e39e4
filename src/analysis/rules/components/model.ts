// The model of one component's (or custom hook's) use of Clerk's and Convex's auth state, and the names it is read by.
import type * as t from '@babel/types';
import type { FnInfo, HookCall } from '../../scanRecords';
import { convexReactSource } from '../../tanstackQuery';

export const QUERY_HOOKS: ReadonlySet<string> = new Set(['useQuery', 'usePaginatedQuery']);
export const CALL_HOOKS: ReadonlySet<string> = new Set(['useMutation', 'useAction']);

export const fromConvex = (source: string | undefined): boolean =>
  convexReactSource(source) || source?.startsWith('convex-helpers/') === true;
export const fromClerkClient = (source: string | undefined): boolean =>
  source?.startsWith('@clerk/') === true && !source.endsWith('/server');

/** What a name holds: Clerk's signed-in state, a Clerk id, or Convex's side (its auth state, a query result). */
export type Holds = 'clerk' | 'clerkId' | 'convex';

export interface ClerkSource {
  call: HookCall;
  /** The hook's name as written (`useAuth`, `useClerkAuth`). */
  hook: string;
  /** Locals destructured from it, by the key they hold. */
  locals: Map<string, string>;
  /** The local the whole state object is stored in (`const auth = useAuth()`). */
  object?: string;
  /** Keys that carry Clerk's state ('*': all). */
  keys: ReadonlySet<string>;
}

export interface QueryUse {
  call: HookCall;
  /** The local holding the result, if the result is stored in one. */
  result?: string;
  /** How the call is gated: not at all, on Convex's state, on Clerk's state only, or on something else. */
  gate: 'none' | 'convex' | 'clerk' | 'other';
  /** The test of the `"skip"` conditional, when there is one. */
  test?: t.Node;
  /** The arguments the query is given when it runs (not "skip"). */
  args?: t.Node;
  /** The arguments carry a Clerk id: the function takes the user from them, not from Convex's auth. */
  passesClerkId: boolean;
}

export interface ComponentModel {
  fn: FnInfo;
  clerk: ClerkSource[];
  /** Every local holding Clerk or Convex state, derived constants included. */
  holds: Map<string, Holds>;
  /** Locals naming objects whose `.key` holds Clerk's state, with those keys. */
  clerkObjects: Map<string, ReadonlySet<string>>;
  /** Locals naming useConvexAuth()'s object. */
  convexObjects: Set<string>;
  /** Locals holding Clerk's user object (`user.id` is the Clerk id). */
  userObjects: Set<string>;
  queries: QueryUse[];
  /** Locals of mutation/action functions, with their hook call. */
  calls: Map<string, HookCall>;
  /** The component calls Convex as soon as it mounts: an ungated query, or a mutation/action from an effect. */
  callsOnMount?: string;
  /** Its walk (walkComponent), made once. */
  walked?: ComponentWalk;
}

/** Locals holding the result of a query that runs whatever the auth state (not gated on it, not given a Clerk id). */
export function ungatedResults(m: ComponentModel): Set<string> {
  return new Set(
    m.queries
      .filter((q) => q.result && (q.gate === 'none' || q.gate === 'other') && !q.passesClerkId)
      .map((q) => q.result as string),
  );
}

export interface FileComponents {
  /** A model of each component or hook that reads Clerk's state or calls a mutation/action (the ones rules read). */
  models: Map<FnInfo, ComponentModel>;
  /** Every component's and hook's calls of the hooks the scan records. */
  calls: Map<FnInfo, HookCall[]>;
  /** Components and hooks defined in the file, by name (the outermost functions only). */
  byName: Map<string, FnInfo>;
  /** Local wrapper hooks returning Clerk's state: the keys each returns. */
  localClerkHooks: Map<string, ReadonlySet<string>>;
}

/** A guard that stands for a Convex gate element around a node: Convex's state decides there. */
export const CONVEX_GATE = { type: 'Noop' } as t.Node;

export interface CallSite {
  /** The call of the mutation/action function (inside a local function the effect calls, if so). */
  node: t.CallExpression;
  hook: HookCall;
  /** The tests that must hold for it to run (enclosing conditions and earlier early returns). */
  guards: t.Node[];
}

export interface ComponentWalk {
  /** Calls of the component's mutation/action functions that run from an effect (directly or via a local function). */
  effectCalls: CallSite[];
  /** Reads of a local inside JSX, with the tests they render under. */
  jsxReads: { node: t.Identifier; guards: t.Node[] }[];
  /** Component elements, with the tests they render under. */
  elements: { node: t.JSXElement; guards: t.Node[] }[];
  /** Tests of early exits (`if (T) return`), with where their `if` ends: what comes after runs when T is false. */
  exitTests: Map<t.Node, number>;
}
