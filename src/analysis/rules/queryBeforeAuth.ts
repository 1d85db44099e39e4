// A query that needs a signed-in user, sent before Convex has the token. This file's half: the queries sent before
// Convex auth is known. The other half comes from the workspace index (context.identityFunctions: the project's
// own functions that read getUserIdentity() and throw or return nothing without one); crossFile.ts joins them, so
// nothing is parsed twice, and a changed Convex file re-joins without analysing this one again.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { fileRouteComponent, isEntryComponent, reactRouterRoot, tanstackRouteComponent } from '../fileRoutes';
import { convexReactSource } from '../tanstackQuery';
import { exportNames, outermostFn, type ElementInfo, type FnInfo, type HookCall } from '../scanRecords';
import type { ExportedQuery, QuerySite } from '../types';
import { apiPath, functionsDirs, type ApiPath } from './functionRefs';
import { convexAuthWaits } from './convexAuthWaits';
import { exportedQueryHooks, hookQueries, hookSends, isHookName } from './queryHooks';
import { skips } from './queryWrappers';
import { remember, type RuleContext } from './shared';

const QUERY_HOOKS = new Set(['useQuery', 'usePaginatedQuery']);
/** Components the framework renders itself, with nothing of the app's above them but providers. */
const ENTRY_FILE =
  /(^|[\\/])(app[\\/](.*[\\/])?(page|layout)|src[\\/](main|App)|app[\\/]_layout|routes[\\/].*)\.[jt]sx?$/;
/** A file under some `pages/` folder; a Next page only in a package that declares `next` (nextPage). */
const PAGES_FILE = /(?:^|\/)pages\/.*\.[jt]sx?$/;
const NEXT_PAGE = /^(?:src\/)?pages\/.*\.[jt]sx?$/;
const ELEMENT_DEPTH = 200;
/** A route file of Expo Router under a router package's folder: every one but API routes and the special files. */
const EXPO_ROUTE = /^(?:src\/)?app\/(?:.*\/)?([^/]+)\.[jt]sx?$/;
const NOT_A_SCREEN = /\+api$|^\+(?:html|native-intent|middleware)$/;

/**
 * Whether the framework renders the file's default component itself: a Next page or layout, a route, main.tsx's
 * App, or (in a package that declares expo-router) any screen under its `app/`, at any depth and in group folders.
 */
export function isEntryFile(fileName: string, context: RuleContext['context']): boolean {
  return ENTRY_FILE.test(fileName) || nextPage(fileName, context) || isRouteFile(fileName, context);
}

/**
 * Whether the file is a page of Next's pages router: under `pages/` (or `src/pages/`) of a package that declares
 * `next`. In a Vite or React Router app `pages/` is only a folder of components the app's own router renders,
 * perhaps behind a guard. Without package facts (framework unknown) any `pages/` file still counts.
 */
export function nextPage(fileName: string, context: RuleContext['context']): boolean {
  const path = fileName.replace(/\\/g, '/');
  if (!PAGES_FILE.test(path)) return false;
  const packages = context.project?.packages;
  if (!packages || (packages.framework === 'unknown' && !packages.nextRoots)) return true;
  return underRoot(path, packages.nextRoots, (relative) => NEXT_PAGE.test(relative));
}

/** Whether `path`, taken relative to one of the package folders `roots` that holds it, passes `test`. */
function underRoot(path: string, roots: readonly string[] = [], test: (relative: string) => boolean): boolean {
  return roots.some((root) => (root ? path.startsWith(`${root}/`) && test(path.slice(root.length + 1)) : test(path)));
}

/** A Next app page or layout. */
const NEXT_ROUTE = /(?:^|\/)app\/(?:.*\/)?(?:page|layout)\.[jt]sx?$/;

/** Whether the file is a route under a router's `app/` (a Next page or layout, an Expo Router screen or layout). */
export function isRouteFile(fileName: string, context: RuleContext['context']): boolean {
  const path = fileName.replace(/\\/g, '/');
  if (NEXT_ROUTE.test(path)) return true;
  return underRoot(path, context.project?.packages.expoRouterRoots, (relative) => {
    const name = EXPO_ROUTE.exec(relative)?.[1];
    return name !== undefined && !NOT_A_SCREEN.test(name);
  });
}

/**
 * Whether the file is a route whose place in the route tree is known: `isRouteFile`, or a TanStack Router file
 * route (`createFileRoute(…)({ component })`) under its routes directory.
 */
export function isRoute(rc: RuleContext): boolean {
  return isRouteFile(rc.scan.fileName, rc.context) || tanstackRouteComponent(rc.scan) !== undefined;
}

/** A folder React Router's app directory may be (`app/` by default): its modules are route modules if routes.ts names them. */
const APP_DIR = /(?:^|\/)app\//;

/**
 * Where the file's default component renders as a route: a route file whose place its path gives (`isRoute`), or a
 * module under an `app/` folder that only a React Router route config can place (`module`: the join asks routes.ts).
 */
export function routePlace(rc: RuleContext): { route: string; module?: true } | undefined {
  const route = rc.scan.fileName.replace(/\\/g, '/');
  if (isRoute(rc)) return { route };
  return rc.scan.defaultExportedFunction && APP_DIR.test(route) ? { route, module: true } : undefined;
}

const skipped = (call: HookCall): boolean => skips(call.node.arguments[1]);

/** Whether an element (one rendering the component) sits under a Convex gate, looked up a bounded way up. */
function gated(el: ElementInfo): boolean {
  let depth = 0;
  for (let cur = el.parent; cur && depth < ELEMENT_DEPTH; cur = cur.parent, depth++) {
    if (
      (cur.canonical === 'Authenticated' || cur.canonical === 'AuthLoading' || cur.canonical === 'Unauthenticated') &&
      cur.binding?.source === 'convex/react'
    )
      return true;
  }
  return depth >= ELEMENT_DEPTH;
}

/**
 * Where the component renders before auth is known: the file's entry component (a page, layout, route or
 * main.tsx's App), or wherever this file renders it outside a Convex gate. Elsewhere it may well sit under an
 * <Authenticated> in another file, so it is left alone. `byName`: the file's own elements by tag name.
 */
function ungatedRender(
  rc: RuleContext,
  byName: Map<string, ElementInfo[]>,
  component: FnInfo,
): ElementInfo | 'entry' | undefined {
  const { scan } = rc;
  // A component rendering itself (a tree of documents) renders only once it already does: not before auth.
  const rendered = (component.name ? (byName.get(component.name) ?? []) : []).filter(
    (el) => outermostFn(el.fn) !== component,
  );
  const outside = rendered.find((el) => !gated(el));
  if (outside) return outside;
  if (
    rendered.length === 0 &&
    isEntryComponent(scan, component.node) &&
    (isEntryFile(scan.fileName, rc.context) || component.node === fileRouteComponent(scan) || reactRouterRoot(scan))
  )
    return 'entry';
  return undefined;
}

function elementsByName(rc: RuleContext): Map<string, ElementInfo[]> {
  const byName = new Map<string, ElementInfo[]>();
  for (const el of rc.scan.elements) {
    if (el.binding) continue;
    const list = byName.get(el.name);
    if (list) list.push(el);
    else byName.set(el.name, [el]);
  }
  return byName;
}

/** The file's unskipped queries, by the outermost function (component or hook) that sends them on every render. */
function sentQueries(rc: RuleContext): Map<FnInfo, { call: HookCall; api: ApiPath }[]> {
  const { scan } = rc;
  const auth = convexAuthWaits(rc);
  const byFn = new Map<FnInfo, { call: HookCall; api: ApiPath }[]>();
  for (const c of scan.hookCalls) {
    if (!QUERY_HOOKS.has(c.canonical) || !convexReactSource(c.binding?.source) || skipped(c)) continue;
    const component = outermostFn(c.fn);
    if (!component || auth.waits(component, c, 1)) continue;
    const api = apiPath(c.node.arguments[0]);
    if (!api) continue;
    const list = byFn.get(component);
    if (list) list.push({ call: c, api });
    else byFn.set(component, [{ call: c, api }]);
  }
  return byFn;
}

/** The queries the file's exported hooks send ungated on every render (callers in other files follow them). */
export function queryHookFacts(rc: RuleContext): { name: string; queries: ExportedQuery[] }[] {
  return exportedQueryHooks(rc, fileHookSends(rc));
}

/** The file's hooks and what they send, worked out once per analysis (querySites, the facts, clerk-gate ask). */
export function fileHookSends(rc: RuleContext): ReturnType<typeof hookSends> {
  return remember(rc, 'hookSends', () => hookSends(rc, fileSentQueries(rc)));
}

function fileSentQueries(rc: RuleContext): ReturnType<typeof sentQueries> {
  return remember(rc, 'sentQueries', () => sentQueries(rc));
}

/**
 * The file's half of the rule: every query it sends before Convex auth is known, itself or through one of the
 * project's hooks (`const todos = useTodos()`, the hook calling useQuery). It does not depend on the index's
 * functions, so the host can join it with them again when those change (crossFile.ts).
 */
export function querySites(rc: RuleContext): QuerySite[] {
  const { scan, context } = rc;
  const sites: QuerySite[] = [];
  const renders = new Map<FnInfo, ElementInfo | 'entry' | undefined>();
  let byName: Map<string, ElementInfo[]> | undefined;
  let dirs: string[] | undefined | null = null;
  const place = routePlace(rc);
  const whereOf = (component: FnInfo): ElementInfo | 'entry' | 'imported' | undefined => {
    if (!renders.has(component)) renders.set(component, ungatedRender(rc, (byName ??= elementsByName(rc)), component));
    // Rendered nowhere here outside a gate: a route of another file may render it (the index joins its renders).
    return renders.get(component) ?? (exportNames(scan, component).length ? 'imported' : undefined);
  };
  const push = (
    node: t.Node,
    api: ApiPath,
    siteDirs: string[] | undefined,
    component: FnInfo,
    where: ElementInfo | 'entry' | 'imported',
    via?: string,
  ): void => {
    const site: QuerySite = {
      start: startOf(node),
      end: endOf(node),
      api,
      where:
        where === 'entry' || where === 'imported'
          ? where
          : { start: startOf(where.node.openingElement), end: endOf(where.node.openingElement) },
    };
    if (siteDirs) site.dirs = siteDirs;
    // The framework's render of the route reaches the query: a layout above the route may wait for Convex's auth.
    const fromRoute =
      where === 'entry' || (where !== 'imported' && isEntryComponent(scan, outermostFn(where.fn)?.node));
    if (place && fromRoute) {
      site.route = place.route;
      if (place.module) site.module = true;
    }
    if (component.name) site.component = component.name;
    if (via) site.via = via;
    // Another file may import the component and render it only under <Authenticated> (renderJoin.ts); so may it
    // the component of this file that renders it here (a dashboard's inner content, the ninth fresh check's F4).
    const owner = where === 'entry' || where === 'imported' ? component : outermostFn(where.fn);
    if (owner) {
      const names = exportNames(scan, owner);
      if (names.length) site.rendered = { file: scan.fileName.replace(/\\/g, '/'), names };
    }
    sites.push(site);
  };
  const sent = fileSentQueries(rc);
  for (const [component, queries] of sent) {
    if (isHookName(component.name)) continue;
    const where = whereOf(component);
    if (!where) continue;
    if (dirs === null) dirs = functionsDirs(scan, context);
    for (const q of queries) push(q.call.node, q.api, dirs, component, where);
  }
  // A hook's queries are sent by the component that calls it, unless that component waits for Convex's auth.
  const localHooks = fileHookSends(rc);
  if (localHooks.size === 0 && !context.queryHooks?.length) return sites;
  const auth = convexAuthWaits(rc);
  for (const c of scan.hookCalls) {
    const queries = hookQueries(rc, c, localHooks);
    const component = outermostFn(c.fn);
    if (!queries?.length || !component || isHookName(component.name) || auth.waits(component, c, 0)) continue;
    const where = whereOf(component);
    if (!where) continue;
    if (dirs === null) dirs = functionsDirs(scan, context);
    for (const q of queries) push(c.node, q.api, 'dirs' in q ? q.dirs : dirs, component, where, c.name);
  }
  return sites;
}
