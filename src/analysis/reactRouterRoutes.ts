// React Router v7 framework mode declares its routes in `app/routes.ts` (reactrouter.com/start/framework/routing):
// `export default [index("routes/home.tsx"), layout("routes/auth.tsx", [route("dashboard", "routes/dash.tsx")])]
// satisfies RouteConfig`, the files relative to the folder of routes.ts (the app directory), every route rendered
// inside `root.tsx` there, `prefix()` adding only a path, and `...(await flatRoutes())` from @react-router/fs-routes
// taking the routes folder's files by their names (Remix's flat routes). The route modules themselves say nothing of
// where they render, so this file's reading (a fact of routes.ts) is what places them under their layouts; an entry
// this does not follow is left out (its routes are then under no layout the join knows: no verdict from them).
import type * as t from '@babel/types';
import { keyName, unwrapTs } from './ast';
import { flatRouteSegments } from './fileRoutes';
import { isRouteConfigFile } from './prefilter';
import type { Scan } from './scanRecords';
import type { RouteConfigFact } from './types';

const ROUTES_SOURCE = '@react-router/dev/routes';
const FS_ROUTES_SOURCE = '@react-router/fs-routes';
/** Entries read at most (a generated config of thousands says nothing more to this join). */
const MAX_ROUTES = 2_000;

export const withoutExtension = (path: string): string => path.replace(/\.[cm]?[jt]sx?$/, '');

/** `base` joined with a relative file name (`./routes/x.tsx`, `../shared/y.tsx`), normalised. */
function joined(base: string, file: string): string | undefined {
  const parts = base ? base.split('/') : [];
  for (const seg of file.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

const stringArg = (n: t.Node | undefined): string | undefined => {
  const e = n && unwrapTs(n);
  if (e?.type === 'StringLiteral') return e.value;
  if (e?.type === 'TemplateLiteral' && e.expressions.length === 0) return e.quasis[0]?.value.cooked ?? undefined;
  return undefined;
};

/** The array the module exports as default: written there, or a top-level constant it names. */
function exportedArray(program: t.Program): t.ArrayExpression | undefined {
  let value: t.Node | undefined;
  for (const s of program.body) if (s.type === 'ExportDefaultDeclaration') value = s.declaration;
  if (!value) return undefined;
  let e = unwrapTs(value);
  if (e.type === 'Identifier') {
    const name = e.name;
    for (const s of program.body)
      if (s.type === 'VariableDeclaration')
        for (const d of s.declarations)
          if (d.id.type === 'Identifier' && d.id.name === name && d.init) e = unwrapTs(d.init);
  }
  return e.type === 'ArrayExpression' ? e : undefined;
}

/** The route config of routes.ts: each route file with the layout files around it, and the flat-routes folders. */
export function readRouteConfig(scan: Scan): RouteConfigFact | undefined {
  const path = scan.fileName.replace(/\\/g, '/');
  if (!isRouteConfigFile(path, scan.text)) return undefined;
  const helper = (callee: t.Node, source: string): string | undefined => {
    if (callee.type !== 'Identifier') return undefined;
    const b = scan.imports.get(callee.name);
    return b?.source === source ? b.imported : undefined;
  };
  const array = exportedArray(scan.program);
  if (!array) return undefined;
  const appDir = path.slice(0, path.lastIndexOf('/') + 1).replace(/\/$/, '');
  const fact: RouteConfigFact = { routes: [], root: joined(appDir, 'root') ?? 'root' };
  const fileOf = (n: t.Node | undefined): string | undefined => {
    const s = stringArg(n);
    const at = s === undefined ? undefined : joined(appDir, s);
    return at && withoutExtension(at);
  };
  const walk = (elements: t.ArrayExpression['elements'], layouts: string[], depth: number): void => {
    if (depth > 30) return;
    for (const el of elements) {
      if (!el || fact.routes.length >= MAX_ROUTES) continue;
      const e = unwrapTs(el.type === 'SpreadElement' ? el.argument : el);
      const call = e.type === 'AwaitExpression' ? unwrapTs(e.argument) : e;
      if (call.type !== 'CallExpression') continue;
      const args = call.arguments;
      const children = (): t.ArrayExpression | undefined => {
        const last = args[args.length - 1];
        const a = last && last.type !== 'SpreadElement' ? unwrapTs(last) : undefined;
        return a?.type === 'ArrayExpression' ? a : undefined;
      };
      const routes = helper(call.callee, ROUTES_SOURCE);
      if (routes === 'index' || routes === 'route' || routes === 'layout') {
        const file = fileOf(args[routes === 'route' ? 1 : 0]);
        if (!file) continue;
        fact.routes.push({ file, layouts });
        const nested = routes === 'index' ? undefined : children();
        if (nested) walk(nested.elements, [...layouts, file], depth + 1);
      } else if (routes === 'prefix') {
        const nested = children();
        if (nested) walk(nested.elements, layouts, depth + 1);
      } else if (helper(call.callee, FS_ROUTES_SOURCE) === 'flatRoutes' && layouts.length === 0) {
        const options = args[0] && unwrapTs(args[0]);
        const dir = options?.type === 'ObjectExpression' ? rootDirectory(options) : 'routes';
        const at = dir === undefined ? undefined : joined(appDir, dir);
        if (at) (fact.flat ??= []).push(at);
      }
    }
  };
  walk(array.elements, [], 0);
  return fact.routes.length || fact.flat ? fact : undefined;
}

/** flatRoutes({ rootDirectory }): the folder it reads (`routes` when not given; undefined when not a string). */
function rootDirectory(options: t.ObjectExpression): string | undefined {
  for (const p of options.properties) {
    if (p.type === 'SpreadElement') return undefined;
    if (p.type === 'ObjectProperty' && keyName(p) === 'rootDirectory') return stringArg(p.value);
  }
  return 'routes';
}

/** A flat route module's segments below its folder: `x.tsx` or `x/route.tsx` directly in it, else not a route. */
function flatSegments(path: string, dir: string): string[] | undefined {
  if (!path.startsWith(`${dir}/`)) return undefined;
  const rel = path.slice(dir.length + 1);
  const parts = rel.split('/');
  if (parts.length === 2 && parts[1] === 'route') return flatRouteSegments(parts[0] ?? '');
  return parts.length === 1 ? flatRouteSegments(rel) : undefined;
}

/**
 * Whether React Router renders the route module `route` inside the module `layout` (workspace-relative paths), by
 * the route configs of the workspace: a layout named around the route in routes.ts, `root` above every route of its
 * config, or (flat routes) a module whose name begins the route's. Undefined: no config places the route.
 */
export function configRenderedUnder(
  route: string,
  layout: string,
  configs: readonly RouteConfigFact[],
): boolean | undefined {
  const r = withoutExtension(route.replace(/\\/g, '/'));
  const l = withoutExtension(layout.replace(/\\/g, '/'));
  if (r === l) return false;
  let placed: boolean | undefined;
  for (const config of configs) {
    for (const entry of config.routes) {
      if (entry.file !== r) continue;
      if (l === config.root || entry.layouts.includes(l)) return true;
      placed = false;
    }
    for (const dir of config.flat ?? []) {
      const rs = flatSegments(r, dir);
      if (!rs) continue;
      if (l === config.root) return true;
      const ls = flatSegments(l, dir);
      if (ls && rs.length > ls.length && ls.every((s, i) => s === rs[i])) return true;
      placed = false;
    }
  }
  return placed;
}
