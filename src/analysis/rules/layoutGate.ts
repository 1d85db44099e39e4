// Whether a route layout (Expo Router's `_layout`, Next's `layout` under `app/`) renders its children only once
// Convex has accepted the token: inside <Authenticated>, after an early return unless useConvexAuth()'s
// isAuthenticated, or (Expo) in a <Stack.Protected guard={isAuthenticated}>. The screens under such a layout never
// send a query before auth, so the index drops their entry findings (crossFile.ts, routeGated). A Clerk-only gate
// does not count: Convex may not have the token yet. Anything this cannot follow gives no fact (findings stay).
import type * as t from '@babel/types';
import { jsxName, keyName, unwrapTs } from '../ast';
import { rootComponents, tanstackRouteComponent, tanstackRouteSegments } from '../fileRoutes';
import { outermostFn, type Scan } from '../scanRecords';
import { walkNodes } from '../traverse';
import type { RouteGate } from '../types';
import { innerLayoutComponent } from './expoLayout';
import { remember, type RuleContext } from './shared';

const EXPO_LAYOUT = /(?:^|\/)app\/(?:.*\/)?_layout\.[jt]sx?$/;
const NEXT_LAYOUT = /(?:^|\/)app\/(?:.*\/)?layout\.[jt]sx?$/;
/** Expo Router's navigators and <Slot>: where a layout renders its child routes. */
const EXPO_OUTLETS: ReadonlySet<string> = new Set(['Slot', 'Stack', 'Tabs', 'Drawer', 'NativeTabs']);
/** Nodes of the layout component read at most; a bigger one gives no fact. */
const NODE_BUDGET = 20_000;

export function isFunction(n: t.Node): n is t.Function {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/** The names holding useConvexAuth()'s isAuthenticated in the component (`values`) and its whole state (`objects`). */
function convexAuthNames(scan: Scan, fn: t.Function): { values: Set<string>; objects: Set<string> } {
  const names = { values: new Set<string>(), objects: new Set<string>() };
  for (const c of scan.hookCalls) {
    if (c.canonical !== 'useConvexAuth' || c.binding?.source !== 'convex/react' || c.fn?.node !== fn) continue;
    const decl = c.parent;
    if (decl?.type !== 'VariableDeclarator') continue;
    if (decl.id.type === 'Identifier') names.objects.add(decl.id.name);
    else if (decl.id.type === 'ObjectPattern')
      for (const p of decl.id.properties)
        if (p.type === 'ObjectProperty' && keyName(p) === 'isAuthenticated' && p.value.type === 'Identifier')
          names.values.add(p.value.name);
  }
  return names;
}

type AuthNames = ReturnType<typeof convexAuthNames>;

/** True only when Convex has accepted the token (`isAuthenticated`, `auth.isAuthenticated`, `x && isAuthenticated`). */
function requiresAuth(auth: AuthNames, expr: t.Node): boolean {
  const e = unwrapTs(expr);
  if (e.type === 'Identifier') return auth.values.has(e.name);
  if ((e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') && !e.computed)
    return (
      e.object.type === 'Identifier' &&
      auth.objects.has(e.object.name) &&
      e.property.type === 'Identifier' &&
      e.property.name === 'isAuthenticated'
    );
  if (e.type === 'LogicalExpression' && e.operator === '&&')
    return requiresAuth(auth, e.left) || requiresAuth(auth, e.right);
  if (e.type === 'UnaryExpression' && e.operator === '!') {
    const inner = unwrapTs(e.argument);
    return inner.type === 'UnaryExpression' && inner.operator === '!' && requiresAuth(auth, inner.argument);
  }
  return false;
}

/** True whenever Convex has not accepted the token (`!isAuthenticated`, `isLoading || !isAuthenticated`). */
function whenUnauthenticated(auth: AuthNames, expr: t.Node): boolean {
  const e = unwrapTs(expr);
  if (e.type === 'UnaryExpression' && e.operator === '!') return requiresAuth(auth, e.argument);
  if (e.type === 'LogicalExpression' && e.operator === '||')
    return whenUnauthenticated(auth, e.left) || whenUnauthenticated(auth, e.right);
  if (e.type === 'LogicalExpression' && e.operator === '&&')
    return whenUnauthenticated(auth, e.left) && whenUnauthenticated(auth, e.right);
  return false;
}

/** A statement that always leaves the function: `return …`, `throw …`, or a block ending in one. */
export function leaves(s: t.Statement): boolean {
  if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement') return true;
  if (s.type !== 'BlockStatement') return false;
  const last = s.body[s.body.length - 1];
  return last !== undefined && leaves(last);
}

/** The name of an imported binding as its module exports it, when it comes from `source` (a prefix). */
function importedFrom(scan: Scan, local: string, source: (s: string) => boolean): string | undefined {
  const b = scan.imports.get(local);
  return b && source(b.source) ? b.imported : undefined;
}

/**
 * An element of the project's that renders what it holds only under Convex's <Authenticated> (a provider component
 * whose `{children}` sit inside one, authenticatedChildren.ts); none known when absent.
 */
export type WrapsInAuthenticated = (el: t.JSXElement) => boolean;

/** Whether the node (reached through `ancestors`, inside the component's body) renders only once Convex has the token. */
function gated(
  scan: Scan,
  auth: AuthNames,
  node: t.Node,
  ancestors: readonly t.Node[],
  wraps?: WrapsInAuthenticated,
): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    const child = i === ancestors.length - 1 ? node : ancestors[i + 1];
    if (isFunction(a)) return false; // a callback may run anywhere: not followed
    if (a.type === 'JSXElement') {
      const name = jsxName(a);
      if (
        name &&
        (importedFrom(scan, name, (s) => s === 'convex/react') === 'Authenticated' || wraps?.(a) === true) &&
        a.children.includes(child as t.JSXElement['children'][number])
      )
        return true;
    } else if (a.type === 'ConditionalExpression') {
      if (child === a.consequent && requiresAuth(auth, a.test)) return true;
      if (child === a.alternate && whenUnauthenticated(auth, a.test)) return true;
    } else if (a.type === 'LogicalExpression') {
      if (a.operator === '&&' && child === a.right && requiresAuth(auth, a.left)) return true;
    } else if (a.type === 'IfStatement') {
      if (child === a.consequent && requiresAuth(auth, a.test)) return true;
      if (child === a.alternate && whenUnauthenticated(auth, a.test)) return true;
    } else if (a.type === 'BlockStatement') {
      // An earlier `if (!isAuthenticated) return <Redirect />`: nothing after it renders before the token.
      for (const s of a.body) {
        if (s === child) break;
        if (s.type === 'IfStatement' && !s.alternate && whenUnauthenticated(auth, s.test) && leaves(s.consequent))
          return true;
      }
    }
  }
  return false;
}

/** The static `name="…"` of a <Stack.Screen>. */
function screenName(el: t.JSXElement): string | undefined {
  for (const attr of el.openingElement.attributes) {
    if (attr.type !== 'JSXAttribute' || attr.name.type !== 'JSXIdentifier' || attr.name.name !== 'name') continue;
    const v = attr.value;
    if (v?.type === 'StringLiteral') return v.value;
    if (v?.type === 'JSXExpressionContainer' && v.expression.type === 'StringLiteral') return v.expression.value;
    return undefined;
  }
  return undefined;
}

function guardOf(el: t.JSXElement): t.Node | undefined {
  for (const attr of el.openingElement.attributes)
    if (attr.type === 'JSXAttribute' && attr.name.type === 'JSXIdentifier' && attr.name.name === 'guard')
      return attr.value?.type === 'JSXExpressionContainer' && attr.value.expression.type !== 'JSXEmptyExpression'
        ? attr.value.expression
        : undefined;
  return undefined;
}

/** What the layout's children are in it: the outlets' local names (Expo) or the `children` prop's reads (Next). */
interface Outlets {
  /** Expo: local names of expo-router's navigators and <Slot>. */
  navigators: Set<string>;
  /** Next: the local holding the `children` prop, or the props object. */
  children?: string;
  props?: string;
}

/** Whether a local names one of expo-router's navigators or <Slot>. */
function expoNavigator(scan: Scan, local: string): boolean {
  const name = importedFrom(scan, local, (s) => s === 'expo-router' || s.startsWith('expo-router/'));
  return name !== undefined && EXPO_OUTLETS.has(name);
}

/** Where a TanStack Router route renders its child routes. */
const TANSTACK_OUTLET = (source: string): boolean => source === '@tanstack/react-router';
/** Where a React Router (or Remix) route module renders its child routes. */
const REACT_ROUTER_OUTLET = (source: string): boolean =>
  source === 'react-router' || source === 'react-router-dom' || source === '@remix-run/react';

/** Which router's <Outlet /> a route renders its child routes at (none: Expo's navigators, or Next's `children`). */
type OutletRouter = 'tanstack' | 'reactRouter' | undefined;

function outletsOf(scan: Scan, fn: t.Function, expo: boolean, router: OutletRouter = undefined): Outlets | undefined {
  const outlets: Outlets = { navigators: new Set() };
  if (expo || router) {
    for (const [local] of scan.imports) {
      if (router) {
        const source = router === 'tanstack' ? TANSTACK_OUTLET : REACT_ROUTER_OUTLET;
        if (importedFrom(scan, local, source) === 'Outlet') outlets.navigators.add(local);
        continue;
      }
      if (expoNavigator(scan, local)) outlets.navigators.add(local);
    }
    // A navigator rendered by another component of the file is not followed.
    const elsewhere = scan.elements.some(
      (el) => outlets.navigators.has(el.name.split('.')[0] ?? '') && outermostFn(el.fn)?.node !== fn,
    );
    return outlets.navigators.size && !elsewhere ? outlets : undefined;
  }
  const param = fn.params[0];
  if (param?.type === 'Identifier') outlets.props = param.name;
  else if (param?.type === 'ObjectPattern')
    for (const p of param.properties)
      if (p.type === 'ObjectProperty' && keyName(p) === 'children' && p.value.type === 'Identifier')
        outlets.children = p.value.name;
  return outlets.children || outlets.props ? outlets : undefined;
}

function isPropertyName(node: t.Node, parent: t.Node | undefined): boolean {
  return (
    ((parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
      parent.property === node &&
      !parent.computed) ||
    (parent?.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand)
  );
}

/** Where a route layout renders its child routes: each rendering, and whether Convex's auth gates it. */
export interface LayoutRead {
  fn: t.Function;
  expo: boolean;
  /** A TanStack Router route rendering its child routes at `<Outlet />`. */
  tanstack?: boolean;
  /** A React Router route module rendering its child routes at `<Outlet />` (routes.ts says which). */
  reactRouter?: boolean;
  /** Each place the child routes render (a navigator element, a read of `children`), with its ancestors in the body. */
  outlets: { node: t.Node; ancestors: readonly t.Node[]; gated: boolean }[];
  /** Screens a <Stack.Protected guard={isAuthenticated}> names. */
  screens: string[];
}

/** The file's route layout read once (undefined: not a layout, or one this does not follow). */
export function readLayout(rc: RuleContext, wraps: WrapsInAuthenticated): LayoutRead | undefined {
  return remember(rc, 'readLayout', () => readLayoutNow(rc, wraps));
}

function readLayoutNow(rc: RuleContext, wraps: WrapsInAuthenticated): LayoutRead | undefined {
  const { scan } = rc;
  const path = scan.fileName.replace(/\\/g, '/');
  const expo = EXPO_LAYOUT.test(path);
  const next = !expo && NEXT_LAYOUT.test(path);
  const routeFn = expo || next ? undefined : tanstackRouteComponent(scan);
  const tanstack = routeFn !== undefined;
  // Any other module whose default component renders React Router's <Outlet />: routes.ts says what is under it.
  // TanStack Start's root shell renders the routes as its `children` (the root's component, if any, inside it).
  const shell = expo || next || tanstack ? undefined : rootComponents(scan)[0];
  if (shell && tanstackRouteSegments(path)?.length === 0) {
    const read = readOutlets(rc, shell, false, wraps);
    return read && { ...read, tanstack: true };
  }
  const reactRouter = !expo && !next && !tanstack && importsReactRouterOutlet(scan);
  if (!expo && !next && !tanstack && !reactRouter) return undefined;
  const entry = tanstack ? routeFn : scan.defaultExportedFunction;
  if (!entry) return undefined;
  // Expo: the navigators may be rendered by a component the default export renders inside its providers.
  const fn = (expo && innerLayoutComponent(scan, entry, (local) => expoNavigator(scan, local))) || entry;
  return readOutlets(rc, fn, expo, wraps, tanstack ? 'tanstack' : reactRouter ? 'reactRouter' : undefined);
}

function importsReactRouterOutlet(scan: Scan): boolean {
  for (const b of scan.imports.values()) if (b.imported === 'Outlet' && REACT_ROUTER_OUTLET(b.source)) return true;
  return false;
}

/**
 * Where a component renders what it is given (Expo: expo-router's navigators; TanStack Router: its `<Outlet />`;
 * otherwise its `children` prop), and whether Convex's auth gates each place. Undefined when it does something with
 * them this does not follow.
 */
export function readOutlets(
  rc: RuleContext,
  fn: t.Function,
  expo: boolean,
  wraps?: WrapsInAuthenticated,
  router: OutletRouter = undefined,
): LayoutRead | undefined {
  const { scan } = rc;
  const outlets = outletsOf(scan, fn, expo, router);
  if (!outlets) return undefined;
  const auth = convexAuthNames(scan, fn);
  let budget = NODE_BUDGET;
  let lost = false;
  const protectedGates = new Set<t.Node>();
  const read: LayoutRead = { fn, expo, outlets: [], screens: [] };
  if (router === 'tanstack') read.tanstack = true;
  if (router === 'reactRouter') read.reactRouter = true;
  const outlet = (node: t.Node, ancestors: readonly t.Node[]): void => {
    read.outlets.push({ node, ancestors, gated: gated(scan, auth, node, ancestors, wraps) });
  };
  walkNodes(fn.body, (node, ancestors) => {
    if (lost || --budget < 0) return false;
    const parent = ancestors[ancestors.length - 1];
    if (node.type === 'JSXElement') {
      const [head, member, ...more] = (jsxName(node) ?? '').split('.');
      if (!head || !outlets.navigators.has(head) || more.length) return undefined;
      if (member === undefined) outlet(node, [...ancestors]);
      else if (member === 'Protected') {
        const guard = guardOf(node);
        if (guard && requiresAuth(auth, guard) && !ancestors.some(isFunction)) protectedGates.add(node);
      } else if (member === 'Screen' && ancestors.some((a) => protectedGates.has(a))) {
        const name = screenName(node);
        if (name) read.screens.push(name);
      }
    } else if (node.type === 'Identifier' && !isPropertyName(node, parent)) {
      // Expo: a navigator used as a value is not followed. Next: each read of `children` is where it renders.
      if (outlets.navigators.has(node.name)) lost = true;
      else if (node.name === outlets.children) outlet(node, [...ancestors]);
      else if (node.name === outlets.props) {
        const isChildren =
          (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
          parent.object === node &&
          !parent.computed &&
          parent.property.type === 'Identifier' &&
          parent.property.name === 'children';
        if (!isChildren) lost = true;
        else outlet(parent, ancestors.slice(0, -1));
      }
    }
    return undefined;
  });
  return lost || budget < 0 ? undefined : read;
}

/**
 * The layout's gate, or undefined when it renders its children before Convex has the token (or does something
 * this does not follow). `{}`: every child route waits; `{ screens }`: only those routes (<Stack.Protected>).
 */
export function layoutGate(rc: RuleContext, wraps: WrapsInAuthenticated): RouteGate | undefined {
  const read = readLayout(rc, wraps);
  if (!read) return undefined;
  if (read.outlets.length > 0 && read.outlets.every((o) => o.gated))
    return read.reactRouter ? { reactRouter: true } : {};
  return read.screens.length ? { screens: read.screens } : undefined;
}
