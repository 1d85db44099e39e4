// What each component (or custom hook) of a file does with Clerk's and Convex's auth state, read once and shared by
// the clerk-gate rule and the file's cross-file facts: which names hold Clerk's state (from useAuth/useUser, a
// wrapper hook of the project, a constant derived from them), which hold Convex's (useConvexAuth, a query's result),
// which Convex calls the component makes and when they run. Expressions are read through bounded walks.
import type * as t from '@babel/types';
import { importRefersTo } from '../modulePaths';
import { outermostFn, type ElementInfo, type FnInfo, type HookCall } from '../scanRecords';
import { bodyStatements, buildFileComponents, buildModel } from './components/build';
import {
  fromConvex,
  QUERY_HOOKS,
  ungatedResults,
  type CallSite,
  type ComponentModel,
  type ComponentWalk,
  type FileComponents,
} from './components/model';
import { isSkip, readsOf, skipConditional } from './components/reads';
import { walkComponent } from './components/walk';
import { fileHookSends } from './queryBeforeAuth';
import { convexGated, hookQueries } from './queryHooks';
import { mayNameProjectFile, remember, type RuleContext } from './shared';
import { queryCallText } from '../tanstackQuery';

/** The component's walk, with reads of its ungated query results; made once per component. */
export function walked(rc: RuleContext, m: ComponentModel): ComponentWalk {
  return (m.walked ??= walkComponent(m, ungatedResults(m), convexGateNodes(rc)));
}

const CONVEX_GATE_NAMES: ReadonlySet<string> = new Set(['Authenticated', 'Unauthenticated', 'AuthLoading']);

/** The file's Convex gate elements (<Authenticated>, <AuthLoading>, <Unauthenticated> from convex/react). */
function convexGateNodes(rc: RuleContext): ReadonlySet<t.Node> {
  return remember(rc, 'convexGateNodes', () => {
    const nodes = new Set<t.Node>();
    for (const el of rc.scan.elements)
      if (CONVEX_GATE_NAMES.has(el.canonical) && fromConvex(el.binding?.source)) nodes.add(el.node);
    return nodes;
  });
}

/** Every call of the component's mutation/action functions that runs from an effect, with its guards. */
export function effectCalls(rc: RuleContext, m: ComponentModel): CallSite[] {
  return m.calls.size === 0 ? [] : walked(rc, m).effectCalls;
}

/** The file's elements by their JSX node. */
export function elementsByNode(rc: RuleContext): Map<t.JSXElement, ElementInfo> {
  return remember(rc, 'elementsByNode', () => new Map(rc.scan.elements.map((el) => [el.node, el])));
}

/** The components and hooks of the file, each read once. */
export function fileComponents(rc: RuleContext): FileComponents {
  return remember(rc, 'fileComponents', () => buildFileComponents(rc));
}

const NO_CONSTANTS = new Map<string, t.Node>();

/** The first query of a component without a model that runs whatever the auth state (no "skip" at all). */
function ungatedQuery(fn: FnInfo, calls: readonly HookCall[]): HookCall | undefined {
  return calls.find((c) => {
    if (!QUERY_HOOKS.has(c.canonical) || !fromConvex(c.binding?.source)) return false;
    const arg = c.node.arguments[1];
    if (isSkip(arg)) return false;
    // `useQuery(api.x, args)` with `const args = ok ? {…} : "skip"` in the component: read through the constant.
    const constants = arg?.type === 'Identifier' ? topConstants(fn) : NO_CONSTANTS;
    return !skipConditional(arg, constants);
  });
}

function topConstants(fn: FnInfo): Map<string, t.Node> {
  const constants = new Map<string, t.Node>();
  for (const s of bodyStatements(fn)) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init) constants.set(d.id.name, d.init);
  }
  return constants;
}

/** A component's model, made on demand for one that has none yet (it only queries, say). */
export function modelOf(rc: RuleContext, fn: FnInfo): ComponentModel | undefined {
  const files = fileComponents(rc);
  let m = files.models.get(fn);
  const calls = files.calls.get(fn);
  if (!m && calls) {
    m = buildModel(rc, fn, calls, files.localClerkHooks);
    files.models.set(fn, m);
  }
  return m;
}

/** Why a component calls Convex as soon as it mounts (for messages), or undefined when it does not. */
export function mountCall(rc: RuleContext, m: ComponentModel): string | undefined {
  if (m.callsOnMount !== undefined) return m.callsOnMount || undefined;
  const query = m.queries.find((q) => q.gate === 'none' && !q.passesClerkId);
  const effect = query ? undefined : effectCalls(rc, m).find((s) => !s.guards.some((g) => readsOf(m, g).has('convex')));
  m.callsOnMount = query
    ? queryCallText(query.call, apiText(query.call.node.arguments[0]))
    : effect
      ? `${effect.hook.name} from an effect`
      : '';
  return m.callsOnMount || undefined;
}

function apiText(n: t.Node | undefined): string {
  if (!n) return '';
  const parts: string[] = [];
  let cur: t.Node = n;
  while (cur.type === 'MemberExpression' && !cur.computed && cur.property.type === 'Identifier' && parts.length < 8) {
    parts.unshift(cur.property.name);
    cur = cur.object;
  }
  if (cur.type === 'Identifier') parts.unshift(cur.name);
  return parts.length ? parts.join('.') : '…';
}

/**
 * Components of this file that call Convex on mount, directly or by rendering (through this file's components)
 * one that does, here or in a file the index knows: the component → what it calls, for messages.
 */
export function mountingComponents(rc: RuleContext): Map<FnInfo, string> {
  return remember(rc, 'mountingComponents', () => {
    const { models, calls, byName } = fileComponents(rc);
    const result = new Map<FnInfo, string>();
    for (const [fn, list] of calls) {
      const m = models.get(fn);
      const query = m ? undefined : ungatedQuery(fn, list);
      const root = outermostFn(fn);
      const why =
        (m ? mountCall(rc, m) : query && queryCallText(query, apiText(query.node.arguments[0]))) ||
        hookMount(rc, list, root);
      if (why && root && !result.has(root)) result.set(root, why);
    }
    // Renders: an element of a component that mounts a Convex caller makes its own component one (to a fixpoint).
    const gates = convexGateNodes(rc);
    let changed = true;
    for (let round = 0; changed && round < 8; round++) {
      changed = false;
      for (const el of rc.scan.elements) {
        const owner = outermostFn(el.fn);
        if (!owner || result.has(owner) || underConvexGate(gates, el)) continue;
        const why = elementMounts(rc, el, byName, result);
        if (why) {
          result.set(owner, why);
          changed = true;
        }
      }
    }
    return result;
  });
}

/**
 * A call of one of the project's hooks that sends a query on every render (queryHooks.ts: its own useQuery, or a
 * hook it calls, here or in another file), unless the component waits for Convex's auth itself.
 */
function hookMount(rc: RuleContext, calls: readonly HookCall[], root: FnInfo | undefined): string | undefined {
  if (!calls.some((c) => !QUERY_HOOKS.has(c.canonical) && !c.binding?.source?.startsWith('convex'))) return undefined;
  if (convexGated(rc.scan).has(root)) return undefined;
  const local = fileHookSends(rc);
  for (const c of calls) {
    if (root && c.name === root.name) continue;
    const sent = hookQueries(rc, c, local);
    if (sent?.length) return `useQuery(${sent[0].api.text}) through ${c.name}()`;
  }
  return undefined;
}

/** Whether an element sits below a Convex gate element (a bounded number of levels up). */
function underConvexGate(gates: ReadonlySet<t.Node>, el: ElementInfo): boolean {
  if (gates.size === 0) return false;
  let depth = 0;
  for (let up = el.parent; up && depth < 200; up = up.parent, depth++) if (gates.has(up.node)) return true;
  return false;
}

/** What Convex call an element mounts: a component of this file, or of another file the index knows. */
export function elementMounts(
  rc: RuleContext,
  el: ElementInfo,
  byName: Map<string, FnInfo>,
  local: Map<FnInfo, string>,
): string | undefined {
  if (!el.binding) {
    const fn = byName.get(el.name);
    const why = fn && local.get(fn);
    return why ? `<${el.name}> (${why})` : undefined;
  }
  const source = el.binding.source;
  if (!mayNameProjectFile(rc.context, source)) return undefined;
  const candidates = rc.context.convexCallComponents?.filter((c) => c.exportName === el.binding?.imported);
  if (!candidates?.length) return undefined;
  const known = candidates.map((c) => c.path);
  const match = candidates.find((c) =>
    importRefersTo(rc.scan.fileName, source, c.path, rc.context.moduleAliases, known),
  );
  return match ? `<${el.name}> (${match.why ?? 'a Convex call'} in ${match.path})` : undefined;
}
