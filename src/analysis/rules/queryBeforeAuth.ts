// A query that needs a signed-in user, sent before Convex has the token. The other half of the knowledge comes
// from the workspace index (context.identityFunctions: the project's own functions that read
// getUserIdentity() and throw or return nothing without one), so nothing is parsed twice.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { RULES } from '../ruleCatalog';
import { outermostFn, type ElementInfo, type FnInfo, type HookCall } from '../scan';
import { apiPath, functionsDirs, identityFunctionFor } from './functionRefs';
import { report, type RuleContext } from './shared';

const QUERY_HOOKS = new Set(['useQuery', 'usePaginatedQuery']);
/** Components the framework renders itself, with nothing of the app's above them but providers. */
const ENTRY_FILE = /(^|[\\/])(app[\\/](.*[\\/])?(page|layout)|pages[\\/].*|src[\\/](main|App)|app[\\/]_layout|routes[\\/].*)\.[jt]sx?$/;
const ELEMENT_DEPTH = 200;

const isSkip = (n: t.Node): boolean => n.type === 'StringLiteral' && n.value === 'skip';

function skipped(call: HookCall): boolean {
  const args = call.node.arguments[1];
  if (!args) return false;
  if (isSkip(args)) return true;
  return args.type === 'ConditionalExpression' && (isSkip(args.consequent) || isSkip(args.alternate));
}

/** Whether an element (one rendering the component) sits under a Convex gate, looked up a bounded way up. */
function gated(el: ElementInfo): boolean {
  let depth = 0;
  for (let cur = el.parent; cur && depth < ELEMENT_DEPTH; cur = cur.parent, depth++) {
    if ((cur.canonical === 'Authenticated' || cur.canonical === 'AuthLoading' || cur.canonical === 'Unauthenticated') && cur.binding?.source === 'convex/react') return true;
  }
  return depth >= ELEMENT_DEPTH;
}

/**
 * Where the component renders before auth is known: the file's entry component (a page, layout, route or
 * main.tsx's App), or wherever this file renders it outside a Convex gate. Elsewhere it may well sit under an
 * <Authenticated> in another file, so it is left alone.
 */
function ungatedRender(rc: RuleContext, component: FnInfo): ElementInfo | 'entry' | undefined {
  const { scan } = rc;
  const rendered = component.name ? scan.elements.filter((el) => el.name === component.name && !el.binding) : [];
  const outside = rendered.find((el) => !gated(el));
  if (outside) return outside;
  if (rendered.length === 0 && component.node === scan.defaultExportedFunction && ENTRY_FILE.test(scan.fileName)) return 'entry';
  return undefined;
}

export function queryBeforeAuthRules(rc: RuleContext): void {
  const { scan, context } = rc;
  if (!context.identityFunctions?.length) return;
  const renders = new Map<FnInfo, ElementInfo | 'entry' | undefined>();
  const gatesOnConvex = new Set<FnInfo | undefined>();
  let dirs: string[] | undefined;
  for (const c of scan.hookCalls) if (c.canonical === 'useConvexAuth') gatesOnConvex.add(outermostFn(c.fn));
  for (const c of scan.hookCalls) {
    if (!QUERY_HOOKS.has(c.canonical) || c.binding?.source !== 'convex/react' || skipped(c)) continue;
    const component = outermostFn(c.fn);
    if (!component || gatesOnConvex.has(component)) continue;
    const path = apiPath(c.node.arguments[0]);
    const fn = path && identityFunctionFor(context, (dirs ??= functionsDirs(scan, context)), path, 'query');
    if (!path || !fn) continue;
    if (!renders.has(component)) renders.set(component, ungatedRender(rc, component));
    const where = renders.get(component);
    if (!where) continue;
    const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
    const rendered = where === 'entry' ? `${component.name ?? 'This component'} is rendered by the framework` : `${component.name} is rendered here outside <Authenticated>`;
    report(rc, RULES.queryBeforeAuth, startOf(c.node), endOf(c.node),
      `${path.text} needs a signed-in user: its handler in ${fn.path} reads ctx.auth.getUserIdentity() and ${how} without one. ${rendered}, so the query is sent before Convex has accepted the Clerk token (useConvexAuth().isLoading) and runs anonymous. Render it inside <Authenticated>, or pass "skip" until isAuthenticated.`,
      [],
      [
        { path: fn.path, start: fn.start, end: fn.end, position: fn.position, message: `${path.text} reads the identity here` },
        ...(where === 'entry' ? [] : [{ start: startOf(where.node.openingElement), end: endOf(where.node.openingElement), message: 'rendered outside <Authenticated>' }]),
      ]);
  }
}
