// Which route files a route layout renders: those in its folder or any folder below it (route groups are folders),
// not the layout itself, and (Expo's <Stack.Protected>) only the screens it names. One reader for the Convex-gated
// layouts' join (crossFile.ts) and the Clerk-gated layouts' (layoutGateJoin.ts). TanStack Router's routes nest by
// their names as well as their folders (fileRoutes.ts). React Router's route modules nest only as the workspace's
// route configs say (reactRouterRoutes.ts, facts of routes.ts), whatever their folders.
import { tanstackRenderedUnder } from './fileRoutes';
import { configRenderedUnder } from './reactRouterRoutes';
import type { RouteConfigFact } from './types';

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);
/** Next's and Expo Router's route files (a `routes` folder may be an ordinary segment of their `app/`). */
const APP_ROUTE_FILE = /(?:^|\/)(?:page|layout|_layout)\.[jt]sx?$/;

/** Whether the layout at `layout` renders the route file at `route` (both workspace-relative). */
export function renderedUnder(route: string, layout: string, screens?: readonly string[]): boolean {
  const path = route.replace(/\\/g, '/');
  const layoutDir = folderOf(layout);
  if (layout === path) return false;
  if (!screens && !APP_ROUTE_FILE.test(path) && !APP_ROUTE_FILE.test(layout)) {
    const nested = tanstackRenderedUnder(path, layout);
    if (nested !== undefined) return nested;
  }
  if (!folderOf(path).startsWith(layoutDir)) return false;
  if (!screens) return true;
  const rel = path.slice(layoutDir.length).replace(/\.[jt]sx?$/, '');
  return screens.some((name) => rel === name || rel.startsWith(`${name}/`));
}

/** A route layout as the joins see it: its path, the screens it names, whether it is a React Router module. */
export interface LayoutPlace {
  path: string;
  screens?: string[];
  reactRouter?: true;
}

/**
 * Whether the layout renders the route: by the route configs when either is a React Router module (`module`: the
 * route is one only a config places), else by their folders and names.
 */
export function placedUnder(
  route: string,
  module: boolean | undefined,
  layout: LayoutPlace,
  configs: readonly RouteConfigFact[],
): boolean {
  if (module || layout.reactRouter) return configRenderedUnder(route, layout.path, configs) === true;
  return renderedUnder(route, layout.path, layout.screens);
}

/** Whether any of these layouts that wait for Convex's auth renders the route. */
export function routeGated(
  route: string,
  gates: readonly LayoutPlace[],
  configs: readonly RouteConfigFact[] = [],
  module?: boolean,
): boolean {
  return gates.some((g) => placedUnder(route, module, g, configs));
}
