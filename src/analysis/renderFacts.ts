// The render facts the index joins across files (renderJoin.ts): where a file renders the project's components.

/**
 * One use of a component another file of the project exports (rules/renderSites.ts). It is safe only when `gated`,
 * or when what renders it is known to be: a route under a layout that waits for Convex's auth (`route`), or a
 * component of this file that every known render of its own gates (`by`).
 */
export interface RenderSite {
  /** The module paths the import may name, in TypeScript's order (the first one indexed is the one). */
  modules?: string[];
  /** Without a config, a `@/`, `~/` or `#/` specifier: the module path it is guessed to end with. */
  suffix?: string;
  /** The export it names (`default`). */
  name: string;
  /** Rendered only under Convex's <Authenticated>, or once useConvexAuth() says isAuthenticated. */
  gated?: true;
  /**
   * Rendered only on some renders (under a condition, in a callback, after an early return): whether one of them
   * comes before Convex's auth is not known, so it never makes the component's queries ungated (renderJoin.ts).
   */
  conditional?: true;
  /** Rendered by this route file's own component, ungated here: a layout above the route may wait for Convex. */
  route?: string;
  /** Rendered, ungated here, by this file's component exported under these names (and not rendered in this file). */
  by?: string[];
}
