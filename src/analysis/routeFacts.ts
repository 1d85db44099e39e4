// The route facts the index joins across files (routeTree.ts, layoutGateJoin.ts): how a layout gates, what a route
// calls on mount and where (a line range, so the layout's finding points there unread), React Router's route config.

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

/** What a route's component calls on mount (`useQuery(api.staff.everyone)`), and where that component is. */
export interface RouteCall {
  what: string;
  position: LineRange;
  /** A module only a route config can place (a React Router route module): no folder or name nests it. */
  module?: true;
}

/** Lines and characters (0-based) of a range, so another file's finding can point here without reading this file. */
export interface LineRange {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}
