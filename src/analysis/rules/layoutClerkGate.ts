// clerk-gate on a route layout: a layout that renders its child routes once Clerk says "signed in" (<SignedIn>, or
// an early return unless Clerk's isSignedIn) lets every route under it mount before Convex has accepted the token,
// and whenever it has not. The layout's half is here: its Clerk-only gates (layoutSites) and, for a route file, what
// its component calls on mount (routeCall). The index joins the two (layoutGateJoin.ts): a gate over routes that
// call no Convex says nothing. A layout that also reads Convex's auth state is Convex deciding, and is left alone.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { replaceNode } from '../edits';
import { entryComponent } from '../fileRoutes';
import { RULES } from '../ruleCatalog';
import type { ElementInfo, FnInfo } from '../scanRecords';
import type { Fix, LayoutSite, RouteCall, TextEdit } from '../types';
import { clerkGate } from './clerkGate';
import { convexImportEdits } from './clerkGateFix';
import { elementsByNode, fileComponents, modelOf, mountingComponents } from './components';
import type { ComponentModel } from './components/model';
import { lineRange } from './exported';
import { readRouteLayout } from './authenticatedChildren';
import { CLERK_LOADED, SIGNED_IN, type ClerkTest } from './clerkTests';
import { clerkRoutingTest } from './expoLayout';
import { isFunction, leaves, type LayoutRead } from './layoutGate';
import { routePlace } from './queryBeforeAuth';
import { convexGated } from './queryHooks';
import { carriesClerkToken, type RuleContext } from './shared';

/** The file's record of a component (the one the router renders, or the one rendering a layout's navigators). */
function componentOf(rc: RuleContext, node: t.Function | undefined): FnInfo | undefined {
  if (!node) return undefined;
  for (const fn of fileComponents(rc).calls.keys()) if (fn.node === node) return fn;
  for (const fn of mountingComponents(rc).keys()) if (fn.node === node) return fn;
  return undefined;
}

/** What a route file's component calls on mount (directly, through a component or a hook of the project). */
export function routeCall(rc: RuleContext): RouteCall | undefined {
  const node = entryComponent(rc.scan);
  const place = node && routePlace(rc);
  if (!node || !place) return undefined;
  for (const [fn, what] of mountingComponents(rc))
    if (fn.node === node) {
      const call: RouteCall = {
        what,
        position: lineRange(node.type === 'FunctionDeclaration' && node.id ? node.id : node),
      };
      if (place.module) call.module = true;
      return call;
    }
  return undefined;
}

interface Gate {
  /** The node reported: a Clerk gate element, or a Clerk test. */
  node: t.Node;
  el?: ElementInfo;
}

/** The Clerk gate the outlet renders under (reached through `ancestors`, inside the layout's body), if any. */
function clerkGateOf(
  rc: RuleContext,
  m: ComponentModel | undefined,
  node: t.Node,
  ancestors: readonly t.Node[],
  test: ClerkTest = SIGNED_IN,
): Gate | undefined {
  const byNode = elementsByNode(rc);
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    const child = i === ancestors.length - 1 ? node : ancestors[i + 1];
    if (isFunction(a)) return undefined; // a callback may run anywhere: not followed
    if (a.type === 'JSXElement') {
      const el = byNode.get(a);
      if (
        test === SIGNED_IN &&
        el &&
        clerkGate(rc, el) &&
        a.children.includes(child as t.JSXElement['children'][number])
      )
        return { node: a, el };
    } else if (!m) continue;
    else if (a.type === 'ConditionalExpression' || a.type === 'IfStatement') {
      if (child === a.consequent && test.when(m, a.test)) return { node: a.test };
      if (child === a.alternate && test.unless(m, a.test)) return { node: a.test };
    } else if (a.type === 'LogicalExpression') {
      if (a.operator === '&&' && child === a.right && test.when(m, a.left)) return { node: a.left };
    } else if (a.type === 'BlockStatement') {
      for (const s of a.body) {
        if (s === child) break;
        if (s.type === 'IfStatement' && !s.alternate && test.unless(m, s.test) && leaves(s.consequent))
          return { node: s.test };
      }
    }
  }
  return undefined;
}

/** Whether a node is whitespace text, or holds nothing but the outlets through plain host elements (`<main>`). */
function onlyOutlets(node: t.Node, outlets: ReadonlySet<t.Node>, depth = 0): boolean {
  if (outlets.has(node)) return true;
  if (depth > 20) return false;
  if (node.type === 'JSXText') return node.value.trim() === '';
  if (node.type === 'JSXExpressionContainer') return outlets.has(node.expression);
  if (node.type !== 'JSXElement') return false;
  const name = node.openingElement.name;
  if (name.type !== 'JSXIdentifier' || !/^[a-z]/.test(name.name)) return false;
  return node.children.every((c) => onlyOutlets(c, outlets, depth + 1));
}

/**
 * Replacing the Clerk gate element with <Authenticated> is mechanical and right only when it holds nothing but the
 * child routes (nothing else would change when it shows), the file may render a client component (an Expo layout,
 * or a Next layout marked "use client": <Authenticated> reads React context), and a Convex provider with the Clerk
 * token encloses it in this file (outside one, <Authenticated> has no auth state to read).
 */
function fixOf(rc: RuleContext, el: ElementInfo, expo: boolean, outlets: ReadonlySet<t.Node>): Fix[] {
  const gate = clerkGate(rc, el);
  if (!gate) return [];
  if (!el.node.children.every((c) => onlyOutlets(c, outlets))) return [];
  const client = rc.scan.program.directives.some((d) => d.value.value === 'use client');
  if (!expo && !client) return [];
  const above = rc.tree.convexAbove.get(el);
  const kind = above && rc.providers.find((p) => p.el === above)?.kind;
  if (!carriesClerkToken(kind)) return [];
  const name = el.node.openingElement.name;
  const closing = el.node.closingElement;
  const edits: TextEdit[] = [replaceNode(name, gate.replacement), ...gate.extra];
  if (closing) edits.push(replaceNode(closing.name, gate.replacement));
  edits.push(...convexImportEdits(rc, el.name, closing ? 2 : 1, gate.replacement));
  return [{ title: `Replace ${gate.shown} with <${gate.replacement}>`, mechanical: true, edits }];
}

type Site = Pick<LayoutSite, 'kind' | 'waitsForClerk'>;

/** The layout site of a gate: where it is reported and how its message names it. */
function siteOf(rc: RuleContext, m: ComponentModel | undefined, gate: Gate, read: LayoutRead, how: Site): LayoutSite {
  const at = gate.el ? gate.el.node.openingElement.name : gate.node;
  const shown = gate.el ? clerkGate(rc, gate.el)?.shown : undefined;
  const text = rc.scan.text.slice(startOf(gate.node), Math.min(endOf(gate.node), startOf(gate.node) + 60));
  // The Clerk hook the test reads (a layout may read useUser() beside useAuth()).
  const names = new Set(text.match(/[\w$]+/g) ?? []);
  const source = m?.clerk.find((c) => [...c.locals.keys(), c.object].some((l) => l && names.has(l))) ?? m?.clerk[0];
  const hook = source?.hook ?? 'useAuth';
  const client = read.expo || read.tanstack === true || read.reactRouter === true;
  return {
    start: startOf(at),
    end: endOf(at),
    gate: shown ?? `Clerk's ${hook}()`,
    ...(gate.el ? {} : { test: text }),
    ...how,
    expo: read.expo,
    ...(read.tanstack ? { tanstack: true } : {}),
    ...(read.reactRouter ? { reactRouter: true as const } : {}),
    layout: rc.scan.fileName.replace(/\\/g, '/'),
    // TanStack Router and React Router's route modules are no server components: <Authenticated> may stand there.
    fixes: gate.el ? fixOf(rc, gate.el, client, new Set(read.outlets.map((o) => o.node))) : [],
  };
}

/**
 * An Expo layout that renders its screens without a sign-in gate: the test of its effect that routes on Clerk's
 * isSignedIn, or else its wait for Clerk's isLoaded alone (both Clerk's state, neither Convex's).
 */
function clerkRouting(rc: RuleContext, m: ComponentModel, read: LayoutRead): LayoutSite | undefined {
  const loaded = read.outlets.filter((o) => !o.gated).map((o) => clerkGateOf(rc, m, o.node, o.ancestors, CLERK_LOADED));
  const waitsForClerk = loaded.every((g) => g !== undefined);
  const routing = clerkRoutingTest(rc.scan, m, read.fn);
  if (routing) return siteOf(rc, m, { node: routing }, read, { kind: 'routes', waitsForClerk });
  const [first] = loaded;
  return waitsForClerk && first ? siteOf(rc, m, first, read, { kind: 'loaded' }) : undefined;
}

/** The layout's Clerk-only gates over its child routes (none when any outlet renders ungated, or Convex decides). */
export function layoutSites(rc: RuleContext): LayoutSite[] {
  const read = readRouteLayout(rc);
  if (!read || read.outlets.length === 0 || read.outlets.every((o) => o.gated)) return [];
  const fn = componentOf(rc, read.fn);
  if (fn && convexGated(rc.scan).has(fn)) return [];
  const m = fn && modelOf(rc, fn);
  const gates = new Map<t.Node, Gate>();
  let ungated = false;
  for (const o of read.outlets) {
    if (o.gated) continue;
    const gate = clerkGateOf(rc, m, o.node, o.ancestors);
    if (gate) gates.set(gate.node, gate);
    else ungated = true;
  }
  let sites: LayoutSite[];
  if (!ungated) sites = [...gates.values()].map((g) => siteOf(rc, m, g, read, { kind: g.el ? 'element' : 'test' }));
  else {
    // Rendered without a sign-in gate: an Expo layout's routing on Clerk, else the routes' own findings say it.
    const routing = read.expo && m ? clerkRouting(rc, m, read) : undefined;
    sites = routing ? [routing] : [];
  }
  // A gate the file's own clerk-gate findings already report (it mounts a Convex caller of this file) is theirs.
  const taken = new Set(rc.findings.filter((f) => f.code === RULES.clerkGate.code).map((f) => `${f.start}:${f.end}`));
  return sites.filter((s) => !taken.has(`${s.start}:${s.end}`));
}
