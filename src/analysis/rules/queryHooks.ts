// The project's hooks that send Convex queries on every render, for query-before-auth at the components that call
// them. A hook sends its own unskipped queries and those of the project's hooks it calls (`useMyTasks()` calling
// `useTasksQuery()` calling useQuery), in this file or imported; a chain is followed a bounded number of links, and
// a hook calling itself or its caller adds nothing new, so it ends. A call that waits for Convex's auth (its
// arguments carry useConvexAuth()'s state: convexAuthWaits.ts) sends nothing before it.
import { importRefersTo } from '../modulePaths';
import { exportNames, memoised, outermostFn, type FnInfo, type HookCall, type Scan } from '../scanRecords';
import type { ExportedQuery, QueryForward } from '../types';
import { functionsDirs, type ApiPath } from './functionRefs';
import { convexAuthWaits } from './convexAuthWaits';
import { forwardedQuery, queryWrappers } from './queryWrappers';
import { mayNameProjectFile, type RuleContext } from './shared';

/** How many links of a chain of the file's hooks are followed (the index follows chains across files). */
const CHAIN_ROUNDS = 8;
/** How many queries one hook is followed for (real hooks send a few; a bound keeps a long chain linear). */
const MAX_SENT = 16;

export const isHookName = (name: string | undefined): boolean => !!name && /^use[A-Z0-9]/.test(name);

/** The top-level functions of the file that call useConvexAuth (they wait for Convex's auth state). */
export function convexGated(scan: Scan): ReadonlySet<FnInfo | undefined> {
  // Asked once per component: computed once per file, or a file of many components is quadratic.
  return memoised(scan, 'convexGated', () => {
    const gates = new Set<FnInfo | undefined>();
    for (const c of scan.hookCalls) if (c.canonical === 'useConvexAuth') gates.add(outermostFn(c.fn));
    return gates;
  });
}

type HookFacts = { queries: ExportedQuery[]; forwards?: QueryForward };

/** The hook another file exports that a call calls (the index's facts, joined by import). */
function importedHook(rc: RuleContext, call: HookCall): HookFacts | undefined {
  const binding = call.binding;
  if (!binding) return undefined;
  const hooks = rc.context.queryHooks?.filter((h) => h.exportName === binding.imported);
  if (!hooks?.length || !mayNameProjectFile(rc.context, binding.source)) return undefined;
  const known = hooks.map((h) => h.path);
  return hooks.find((h) => importRefersTo(rc.scan.fileName, binding.source, h.path, rc.context.moduleAliases, known));
}

/** The queries a call of a hook another file exports sends. */
function importedHookQueries(rc: RuleContext, call: HookCall): ExportedQuery[] | undefined {
  return importedHook(rc, call)?.queries;
}

/** What a call of `hook` sends: what the hook sends itself, and the reference it passes on to useQuery. */
function callSends(call: HookCall, hook: HookFacts | undefined): ExportedQuery[] | undefined {
  const passed = hook?.forwards && forwardedQuery(call, hook.forwards);
  return passed ? [...(hook?.queries ?? []), passed] : hook?.queries;
}

const queryKey = (q: ExportedQuery): string => `${q.api.text}|${q.dirs?.join(',') ?? ''}`;

/**
 * What each of the file's top-level hooks sends on every render, by name: `own` are the hooks' own unskipped
 * queries (sentQueries in queryBeforeAuth.ts).
 */
export function hookSends(
  rc: RuleContext,
  own: ReadonlyMap<FnInfo, readonly { api: ApiPath }[]>,
): Map<string, { fn: FnInfo; queries: ExportedQuery[]; forwards?: QueryForward }> {
  const { scan } = rc;
  let dirs: string[] | undefined | null = null;
  const withDirs = (api: ApiPath): ExportedQuery => {
    if (dirs === null) dirs = functionsDirs(scan, rc.context);
    return dirs ? { api, dirs } : { api };
  };
  const hooks = new Map<string, { fn: FnInfo; queries: ExportedQuery[]; forwards?: QueryForward }>();
  for (const [fn, queries] of own)
    if (fn.name && !fn.parent && isHookName(fn.name))
      hooks.set(fn.name, { fn, queries: queries.map((q) => withDirs(q.api)) });
  const wrappers = queryWrappers(rc);
  for (const [name, { fn, forwards }] of wrappers) {
    const entry = hooks.get(name);
    if (entry) entry.forwards = forwards;
    else hooks.set(name, { fn, queries: [], forwards });
  }
  const auth = convexAuthWaits(rc);
  const inner: { caller: FnInfo & { name: string }; call: HookCall }[] = [];
  for (const call of scan.hookCalls) {
    const caller = outermostFn(call.fn);
    if (caller?.name && isHookName(caller.name) && !auth.waits(caller, call, 0))
      inner.push({ caller: caller as FnInfo & { name: string }, call });
  }
  // The keys each hook already sends, kept across rounds so a merge costs what it adds.
  const keys = new Map<string, Set<string>>();
  const keysOf = (name: string, queries: readonly ExportedQuery[]): Set<string> => {
    let set = keys.get(name);
    if (!set) keys.set(name, (set = new Set(queries.map(queryKey))));
    return set;
  };
  // A wrapper's call sends what its caller passes it: known before the rounds, and followed up the chain by them.
  for (const { caller, call } of inner) {
    const forwards = call.binding ? importedHook(rc, call)?.forwards : wrappers.get(call.name)?.forwards;
    const passed = forwards && forwardedQuery(call, forwards);
    if (!passed) continue;
    let entry = hooks.get(caller.name);
    if (!entry) hooks.set(caller.name, (entry = { fn: caller, queries: [] }));
    const have = keysOf(caller.name, entry.queries);
    const q = withDirs(passed.api);
    if (!have.has(queryKey(q)) && entry.queries.length < MAX_SENT) {
      have.add(queryKey(q));
      entry.queries.push(q);
    }
  }
  for (let round = 0; round < CHAIN_ROUNDS && inner.length; round++) {
    // Each round adds one link: a hook takes what the hooks it calls sent at the start of the round.
    const atStart = new Map<string, number>();
    for (const [name, entry] of hooks) atStart.set(name, entry.queries.length);
    let grew = false;
    for (const { caller, call } of inner) {
      const sent = call.binding ? importedHookQueries(rc, call) : hooks.get(call.name)?.queries;
      const n = call.binding ? (sent?.length ?? 0) : (atStart.get(call.name) ?? 0);
      if (!sent || n === 0) continue;
      let entry = hooks.get(caller.name);
      if (!entry) hooks.set(caller.name, (entry = { fn: caller, queries: [] }));
      const have = keysOf(caller.name, entry.queries);
      for (let i = 0; i < n && entry.queries.length < MAX_SENT; i++) {
        const q = sent[i];
        const key = queryKey(q);
        if (have.has(key)) continue;
        have.add(key);
        entry.queries.push(q);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return hooks;
}

/** The queries a call of one of the project's hooks sends: the file's own hook, or one another file exports. */
export function hookQueries(
  rc: RuleContext,
  call: HookCall,
  local: ReadonlyMap<string, HookFacts>,
): ExportedQuery[] | undefined {
  return callSends(call, call.binding ? importedHook(rc, call) : local.get(call.name));
}

/** The queries the file's exported hooks send on every render (callers in other files follow them). */
export function exportedQueryHooks(
  rc: RuleContext,
  hooks: ReadonlyMap<string, { fn: FnInfo; queries: ExportedQuery[]; forwards?: QueryForward }>,
): { name: string; queries: ExportedQuery[]; forwards?: QueryForward }[] {
  const out: { name: string; queries: ExportedQuery[]; forwards?: QueryForward }[] = [];
  for (const { fn, queries, forwards } of hooks.values())
    if (queries.length || forwards)
      for (const name of exportNames(rc.scan, fn)) out.push({ name, queries, ...(forwards && { forwards }) });
  return out;
}
