// Convex queries through TanStack Query (@convex-dev/react-query): `useQuery(convexQuery(api.x.y, args))` and
// `useSuspenseQuery(…)` from @tanstack/react-query subscribe to the Convex query as soon as they mount, the same
// as convex/react's useQuery; `convexQuery(ref, "skip")` sets `enabled: false` and sends nothing. The package also
// re-exports convex/react's hooks under other names (`useConvexQuery` is useQuery). Read from
// get-convex/convex-react-query src/index.ts (convexQuery, and the `export { useQuery as useConvexQuery, … }`).
import type * as t from '@babel/types';
import { keyName, unwrapTs } from './ast';
import type { ImportBinding } from './scanRecords';

export const CONVEX_REACT_QUERY = '@convex-dev/react-query';
const TANSTACK_QUERY = '@tanstack/react-query';
const TANSTACK_QUERY_HOOKS: ReadonlySet<string> = new Set(['useQuery', 'useSuspenseQuery']);
/** convex/react's hooks by the names @convex-dev/react-query re-exports them under. */
const REEXPORTED: ReadonlyMap<string, string> = new Map([
  ['useConvexQuery', 'useQuery'],
  ['useConvexPaginatedQuery', 'usePaginatedQuery'],
]);

/** The hooks the scan records for this: TanStack's query hooks and the re-exported names. */
export const TANSTACK_READ_HOOKS: readonly string[] = ['useSuspenseQuery', ...REEXPORTED.keys()];

/**
 * convex-helpers' cached hooks (convex-helpers 0.1.135 package.json exports `./react/cache` and `./react/cache/hooks`;
 * cache.d.ts re-exports useQuery, useQueries and usePaginatedQuery from cache/hooks): `useQuery(ref, args | "skip")`
 * subscribes through useConvex()'s client on mount and sends nothing for "skip", as convex/react's does.
 */
const CONVEX_HELPERS_CACHE: ReadonlySet<string> = new Set([
  'convex-helpers/react/cache',
  'convex-helpers/react/cache/hooks',
]);

/** Whether a hook's import is convex/react's own (or @convex-dev/react-query's re-export, or convex-helpers' cache). */
export const convexReactSource = (source: string | undefined): boolean =>
  source === 'convex/react' || source === CONVEX_REACT_QUERY || (!!source && CONVEX_HELPERS_CACHE.has(source));

/** convex/react's name for a hook @convex-dev/react-query re-exports (`useConvexQuery` → `useQuery`). */
export function reexportedHook(binding: ImportBinding | undefined): string | undefined {
  return binding?.source === CONVEX_REACT_QUERY ? REEXPORTED.get(binding.imported) : undefined;
}

/** Whether the call is TanStack Query's useQuery/useSuspenseQuery. */
export function isTanstackQueryHook(binding: ImportBinding | undefined): boolean {
  return binding?.source === TANSTACK_QUERY && TANSTACK_QUERY_HOOKS.has(binding.imported);
}

function convexQueryOf(node: t.Node, imports: ReadonlyMap<string, ImportBinding>): t.CallExpression | undefined {
  const e = unwrapTs(node);
  if (e.type !== 'CallExpression' || e.callee.type !== 'Identifier') return undefined;
  const b = imports.get(e.callee.name);
  return b?.source === CONVEX_REACT_QUERY && b.imported === 'convexQuery' ? e : undefined;
}

/**
 * The `convexQuery(ref, args)` call TanStack Query's hook is given: as its options, or spread into them
 * (`{ ...convexQuery(…), placeholderData }`). Options that also set `enabled` are not followed (the query may wait).
 */
export function tanstackConvexQuery(
  call: t.CallExpression,
  imports: ReadonlyMap<string, ImportBinding>,
): (t.CallExpression & { callee: t.Identifier }) | undefined {
  const arg = call.arguments[0];
  if (!arg) return undefined;
  const direct = convexQueryOf(arg, imports);
  if (direct) return direct as t.CallExpression & { callee: t.Identifier };
  const options = unwrapTs(arg);
  if (options.type !== 'ObjectExpression') return undefined;
  let found: t.CallExpression | undefined;
  for (const p of options.properties) {
    if (p.type === 'SpreadElement') found ??= convexQueryOf(p.argument, imports);
    else if (keyName(p) === 'enabled') return undefined;
  }
  return found as (t.CallExpression & { callee: t.Identifier }) | undefined;
}

/** How a message names a query call: `useQuery(api.x.y)`, or `useQuery(convexQuery(api.x.y))` through TanStack. */
export function queryCallText(call: { name: string; binding?: ImportBinding }, api: string): string {
  const through = call.binding?.source === CONVEX_REACT_QUERY && call.binding.imported === 'convexQuery';
  return through ? `${call.name}(convexQuery(${api}))` : `${call.name}(${api})`;
}
