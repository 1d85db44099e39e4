// The route facts the index joins across files (routeTree.ts): how a layout gates, and React Router's route config.

/**
 * How a route layout (an `_layout` or `layout` file under `app/`) waits for Convex's auth: every child route (`{}`), or only
 * the routes it names (`screens`, relative to its folder without extension: Expo's <Stack.Protected>).
 */
export interface RouteGate {
  screens?: string[];
  /** A React Router route module (it renders <Outlet />): only the workspace's route configs place routes under it. */
  reactRouter?: true;
}

/**
 * A React Router route config (app/routes.ts, reactRouterRoutes.ts): each route module it names (workspace-relative,
 * without extension) with the layout modules around it, the app's `root` module above them all, and the folders it
 * reads as flat routes (flatRoutes()).
 */
export interface RouteConfigFact {
  routes: { file: string; layouts: string[] }[];
  root: string;
  flat?: string[];
}
