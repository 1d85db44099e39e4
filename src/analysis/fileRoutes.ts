// TanStack Router's file routes. A route file exports `Route = createFileRoute("/path")({ component })` (also
// createLazyFileRoute, createRootRoute({ component }), createRootRouteWithContext<C>()({ component })): the router
// renders that component, not a default export. Which routes render inside which is the file's place in the
// routes directory (src/routes by default, app/routes in older TanStack Start): `__root` above all, a folder's
// `route` file or a flat `name` file above `name/…` and `name.…`, `(group)` folders transparent, a `_` suffix
// (`posts_.$id.tsx`) leaving the parent's layout, `-` prefixed files and folders not routes at all
// (tanstack.com/router/v1/docs/routing/file-naming-conventions).
import type * as t from '@babel/types';
import { keyName, unwrapTs } from './ast';
import { memoised, type Scan } from './scanRecords';

const ROUTER_SOURCES: ReadonlySet<string> = new Set([
  '@tanstack/react-router',
  '@tanstack/react-start',
  '@tanstack/start',
]);
/** Called with the route's path first, then with its options. */
const CURRIED = new Set(['createFileRoute', 'createLazyFileRoute', 'createRootRouteWithContext']);
const ROUTES_DIR = /(?:^|\/)(?:src|app)\/routes\//;

const isFunctionNode = (n: t.Node): n is t.Function =>
  n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';

function routerImport(scan: Scan, callee: t.Node): string | undefined {
  if (callee.type !== 'Identifier') return undefined;
  const b = scan.imports.get(callee.name);
  return b && ROUTER_SOURCES.has(b.source) ? b.imported : undefined;
}

/** The options object of a file route's creation (`createFileRoute(…)({ … })`, `createRootRoute({ … })`). */
function routeOptions(scan: Scan, init: t.Node): t.ObjectExpression | undefined {
  const e = unwrapTs(init);
  if (e.type !== 'CallExpression') return undefined;
  const arg = e.arguments[0];
  if (arg?.type !== 'ObjectExpression') return undefined;
  const callee = unwrapTs(e.callee);
  if (callee.type === 'CallExpression') return CURRIED.has(routerImport(scan, callee.callee) ?? '') ? arg : undefined;
  return routerImport(scan, callee) === 'createRootRoute' ? arg : undefined;
}

/** The top-level function named `name` (a declaration, or a constant holding a function). */
function topLevelFunction(program: t.Program, name: string): t.Function | undefined {
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (d?.type === 'FunctionDeclaration' && d.id?.name === name) return d;
    if (d?.type !== 'VariableDeclaration') continue;
    for (const v of d.declarations) {
      if (v.id.type !== 'Identifier' || v.id.name !== name || !v.init) continue;
      const init = unwrapTs(v.init);
      return isFunctionNode(init) ? init : undefined;
    }
  }
  return undefined;
}

/** The component of the file's TanStack Router route (`component: X` or an inline function), if it is one. */
export function fileRouteComponent(scan: Scan): t.Function | undefined {
  return memoised(scan, 'fileRouteComponent', () => routeOption(scan, 'component'));
}

/** The function a route's option `key` names (`key: X`, a top-level function) or holds inline. */
function routeOption(scan: Scan, key: string): t.Function | undefined {
  let found: t.Function | undefined;
  if ([...scan.imports.values()].some((b) => ROUTER_SOURCES.has(b.source)))
    for (const s of scan.program.body) {
      const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
      if (d?.type !== 'VariableDeclaration') continue;
      for (const v of d.declarations) {
        const options = v.init && routeOptions(scan, v.init);
        const prop = options?.properties.find(
          (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p) === key,
        );
        const value = prop && unwrapTs(prop.value);
        if (value?.type === 'Identifier') found = topLevelFunction(scan.program, value.name);
        else if (value && isFunctionNode(value)) found = value;
        if (found) break;
      }
      if (found) break;
    }
  return found;
}

const REACT_ROUTER_ROOT = /(?:^|\/)app\/root\.[jt]sx?$/;
const REACT_ROUTER_SOURCES: ReadonlySet<string> = new Set(['react-router', 'react-router-dom', '@remix-run/react']);

/**
 * The components the framework renders around every route besides the entry component: a TanStack root route's
 * `shellComponent` (TanStack Start's document, rendering the routes as its children), and React Router's root
 * module's `Layout` export (app/root.tsx, wrapping its default export, reactrouter.com/api/framework-conventions/root.tsx).
 */
export function rootComponents(scan: Scan): t.Function[] {
  return memoised(scan, 'rootComponents', () => {
    const out: t.Function[] = [];
    const path = scan.fileName.replace(/\\/g, '/');
    if (tanstackRouteSegments(path)?.length === 0) {
      const shell = routeOption(scan, 'shellComponent');
      if (shell) out.push(shell);
    } else if (reactRouterRoot(scan)) {
      // `export function Layout` (a Layout only defined, or exported under another form, is not followed).
      const exported = scan.program.body.some(
        (st) =>
          st.type === 'ExportNamedDeclaration' &&
          st.declaration?.type === 'FunctionDeclaration' &&
          st.declaration.id?.name === 'Layout',
      );
      const layout = exported ? topLevelFunction(scan.program, 'Layout') : undefined;
      if (layout) out.push(layout);
    }
    return out;
  });
}

/** Whether the file is React Router's root route module: app/root.tsx of an app that imports from the router. */
export function reactRouterRoot(scan: Scan): boolean {
  return (
    REACT_ROUTER_ROOT.test(scan.fileName.replace(/\\/g, '/')) &&
    [...scan.imports.values()].some((b) => REACT_ROUTER_SOURCES.has(b.source))
  );
}

/** Whether the framework renders this function of the file itself: its entry component or a root component. */
export function isEntryComponent(scan: Scan, fn: t.Function | undefined): boolean {
  return fn !== undefined && (fn === entryComponent(scan) || rootComponents(scan).includes(fn));
}

/** The route's component when the file is a TanStack Router file route under its routes directory. */
export function tanstackRouteComponent(scan: Scan): t.Function | undefined {
  const fn = fileRouteComponent(scan);
  return fn && tanstackRouteSegments(scan.fileName) !== undefined ? fn : undefined;
}

/** The component the framework renders itself: the default export, or the TanStack route's component. */
export function entryComponent(scan: Scan): t.Function | undefined {
  return scan.defaultExportedFunction ?? fileRouteComponent(scan);
}

/** Splits a file name on the dots that are not escaped in square brackets (`api[.]v1.tsx`). */
function dotted(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of name) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** A flat route module's name (`_auth.dashboard`) as segments: a route renders inside those whose segments begin its own. */
export function flatRouteSegments(name: string): string[] {
  return dotted(name).filter((s) => s !== '');
}

/**
 * The nesting of a TanStack Router route file: its segments below the routes directory, a route rendering inside
 * every route whose segments begin its own (`[]` is `__root`). Undefined for a path that is not one.
 */
export function tanstackRouteSegments(path: string): string[] | undefined {
  const p = path.replace(/\\/g, '/');
  const m = ROUTES_DIR.exec(p);
  if (!m || !/\.[jt]sx?$/.test(p)) return undefined;
  const rel = p.slice(m.index + m[0].length).replace(/\.[jt]sx?$/, '');
  const folders = rel.split('/');
  const file = dotted(folders.pop() ?? '');
  if (folders.some((f) => f.startsWith('-')) || file[0]?.startsWith('-')) return undefined;
  if (rel === '__root') return [];
  // `.lazy` and `.route` name the same route as the file without them; `index` is a leaf below its parent.
  if (file.length > 1 && file[file.length - 1] === 'lazy') file.pop();
  if (file[file.length - 1] === 'route') file.pop();
  const segments = [...folders.flatMap(dotted), ...file].filter((s) => s !== '' && !/^\(.*\)$/.test(s));
  return segments.map((s) => (s === 'index' ? '\0index' : s));
}

/** Whether TanStack Router renders the route file `route` inside the layout route file `layout`. */
export function tanstackRenderedUnder(route: string, layout: string): boolean | undefined {
  const r = tanstackRouteSegments(route);
  const l = tanstackRouteSegments(layout);
  if (!r || !l) return undefined;
  return r.length > l.length && l.every((s, i) => s === r[i]);
}
