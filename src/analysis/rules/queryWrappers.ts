// The project's hooks that wrap useQuery (`useConvexQuery(query, ...args)` calling `useQuery(query, ...args)`): a
// call `useConvexQuery(api.x.y)` sends api.x.y as `useQuery(api.x.y)` would, skipped only when the caller says so.
import type * as t from '@babel/types';
import { unwrapTs } from '../ast';
import type { FnInfo, HookCall } from '../scanRecords';
import { convexReactSource } from '../tanstackQuery';
import type { ExportedQuery, QueryForward } from '../types';
import { convexAuthWaits } from './convexAuthWaits';
import { apiPath } from './functionRefs';
import type { RuleContext } from './shared';

const QUERY_HOOKS = new Set(['useQuery', 'usePaginatedQuery']);
/** A hook's name (queryHooks.ts's isHookName; that file imports this one). */
const isHook = (name: string | undefined): boolean => !!name && /^use[A-Z0-9]/.test(name);
const isSkip = (n: t.Node): boolean => n.type === 'StringLiteral' && n.value === 'skip';

/** Whether an argument of useQuery's place may be "skip" as written (`"skip"`, `ready ? {} : "skip"`). */
export function skips(n: t.Node | undefined): boolean {
  if (!n) return false;
  return isSkip(n) || (n.type === 'ConditionalExpression' && (isSkip(n.consequent) || isSkip(n.alternate)));
}

/** Where useQuery's arguments come from when the hook passes its own on (`...args`, or the next parameter). */
function forwardedArgs(call: HookCall, params: t.Function['params'], param: number): number | undefined | null {
  const written = call.node.arguments[1];
  if (!written) return undefined;
  const next = params[param + 1];
  // A cast changes nothing of what is passed (`...(args as any)`, the tenth fresh check's D23).
  const spread = written.type === 'SpreadElement' ? unwrapTs(written.argument) : undefined;
  if (
    spread?.type === 'Identifier' &&
    next?.type === 'RestElement' &&
    next.argument.type === 'Identifier' &&
    next.argument.name === spread.name
  )
    return param + 1;
  const second = unwrapTs(written);
  if (second.type === 'Identifier' && next?.type === 'Identifier' && next.name === second.name) return param + 1;
  return null; // built some other way: whether it skips cannot be told
}

/** The file's top-level hooks that hand a parameter to useQuery as its function reference, by name. */
export function queryWrappers(rc: RuleContext): Map<string, { fn: FnInfo; forwards: QueryForward }> {
  const out = new Map<string, { fn: FnInfo; forwards: QueryForward }>();
  for (const c of rc.scan.hookCalls) {
    const fn = c.fn;
    const first = c.node.arguments[0] && unwrapTs(c.node.arguments[0]);
    if (!QUERY_HOOKS.has(c.canonical) || first?.type !== 'Identifier' || !fn?.name || fn.parent) continue;
    if (!isHook(fn.name) || !convexReactSource(c.binding?.source)) continue;
    const params = fn.node.params;
    const param = params.findIndex((p) => p.type === 'Identifier' && p.name === first.name);
    if (param < 0) continue;
    const args = forwardedArgs(c, params, param);
    if (args === null || convexAuthWaits(rc).waits(fn, c, 1)) continue;
    out.set(fn.name, { fn, forwards: args === undefined ? { param } : { param, args } });
  }
  return out;
}

/** The query a call of a wrapper sends: the reference its caller passes, unless the caller skips it. */
export function forwardedQuery(call: HookCall, forwards: QueryForward): ExportedQuery | undefined {
  const api = apiPath(call.node.arguments[forwards.param]);
  if (!api) return undefined;
  if (forwards.args !== undefined && skips(call.node.arguments[forwards.args])) return undefined;
  return { api };
}
