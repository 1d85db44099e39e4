// Which route files a route layout renders: those in its folder or any folder below it (route groups are folders),
// not the layout itself, and (Expo's <Stack.Protected>) only the screens it names. One reader for the Convex-gated
// layouts' join (crossFile.ts) and the Clerk-gated layouts' (layoutGateJoin.ts). TanStack Router's routes nest by
// their names as well as their folders (fileRoutes.ts).
import { tanstackRenderedUnder } from './fileRoutes';

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

/** Whether any of these layouts that wait for Convex's auth renders the route. */
export function routeGated(route: string, gates: readonly { path: string; screens?: string[] }[]): boolean {
  return gates.some((g) => renderedUnder(route, g.path, g.screens));
}
