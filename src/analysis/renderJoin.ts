// The cross-file half of "where is this component rendered": a file's render sites (FileFacts.renders, read with
// the file) joined with a component the framework would render itself. A component that some file of the project
// renders, and that every known render waits for Convex's auth, sends its queries only once the token is accepted.
// Pure and import-light: the index joins again when a page changes, without analysing the component's file anew.
import { modulePath } from './modulePaths';
import { routeGated } from './routeTree';
import type { RenderSite, RouteConfigFact, RouteGate } from './types';

/** The workspace's render sites (FileFacts.renders), each with the path of the file that renders. */
export type IndexedRenders = (RenderSite & { path: string })[];

/** How many renders up a chain of components is followed (a page → a layout component → the component). */
const DEPTH = 2;

/** Whether the site's import names this module: the first of its candidates the index holds, or the guessed suffix. */
function refersTo(site: RenderSite, target: string, known: ReadonlySet<string>): boolean {
  if (site.modules) return site.modules.find((m) => known.has(m)) === target;
  return site.suffix !== undefined && (target === site.suffix || target.endsWith(`/${site.suffix}`));
}

/** The render sites of the component `file` exports under `names`, in other files of the index. */
function sitesOf(file: string, names: readonly string[], renders: IndexedRenders): IndexedRenders {
  const target = modulePath(file);
  const known = new Set(renders.map((r) => modulePath(r.path)));
  known.add(target);
  return renders.filter((r) => names.includes(r.name) && r.path !== file && refersTo(r, target, known));
}

/** A route whose framework render reaches a component ungated, and the components in between (outermost first). */
export interface UngatedRender {
  route: string;
  through: string[];
}

/**
 * A route file (a page, a layout, a screen) that renders the component `file` exports under `names` outside any
 * Convex gate, itself or through its components (a bounded way down), with no layout above it that waits for
 * Convex's auth. Only renders the facts show to be ungated count: a component another file renders from an inner
 * component of its own (neither the route's nor exported) is not followed.
 */
export function ungatedRouteRender(
  file: string,
  names: readonly string[],
  renders: IndexedRenders,
  gates: readonly (RouteGate & { path: string })[] = [],
  configs: readonly RouteConfigFact[] = [],
  depth = DEPTH,
): UngatedRender | undefined {
  if (renders.length === 0 || names.length === 0) return undefined;
  for (const r of sitesOf(file, names, renders)) {
    if (r.gated || r.conditional) continue;
    if (r.route !== undefined && !routeGated(r.route, gates, configs)) return { route: r.route, through: [] };
  }
  if (depth === 0) return undefined;
  for (const r of sitesOf(file, names, renders)) {
    if (r.gated || r.conditional || r.route !== undefined || !r.by) continue;
    const above = ungatedRouteRender(r.path, r.by, renders, gates, configs, depth - 1);
    if (above) return { route: above.route, through: [...above.through, r.by[0] === 'default' ? r.path : r.by[0]] };
  }
  return undefined;
}

/**
 * Whether the component `file` exports under `names` is rendered by some file of the index, and only where Convex has
 * accepted the token: under <Authenticated> or isAuthenticated, in a route under a layout that waits for Convex
 * (`gates`), or by a component that is itself so rendered (a bounded way up). Unknown renders say no.
 */
export function renderedOnlyGated(
  file: string,
  names: readonly string[],
  renders: IndexedRenders,
  gates: readonly (RouteGate & { path: string })[] = [],
  depth = DEPTH,
): boolean {
  if (renders.length === 0 || names.length === 0) return false;
  const target = modulePath(file);
  const known = new Set(renders.map((r) => modulePath(r.path)));
  known.add(target);
  const sites = renders.filter((r) => names.includes(r.name) && r.path !== file && refersTo(r, target, known));
  if (sites.length === 0) return false;
  return sites.every(
    (r) =>
      r.gated === true ||
      (r.route !== undefined && gates.length > 0 && routeGated(r.route, gates)) ||
      (r.by !== undefined && depth > 0 && renderedOnlyGated(r.path, r.by, renders, gates, depth - 1)),
  );
}
