// The cross-file half of clerk-gate on route layouts: a layout's Clerk-only gates (analysed with the layout) joined
// with the route files under it that call Convex on mount (each route's own fact). A gate over routes that call no
// Convex says nothing; the finding comes and goes as the routes change, without analysing the layout again.
import { findingOf } from './findingOf';
import { RULES } from './ruleCatalog';
import { placedUnder, routeGated, type LayoutPlace } from './routeTree';
import type { Finding, LayoutSite, RelatedLocation, RouteCall, RouteConfigFact } from './types';

/** The workspace's route files that call Convex on mount (FileFacts.routeCall), with their paths. */
export type IndexedRouteCalls = (RouteCall & { path: string })[];

const MAX_RELATED = 5;

/** Whether a finding is one of these layout sites' (they are made again at every join). */
export function isLayoutFinding(sites: readonly LayoutSite[] | undefined): (f: Finding) => boolean {
  if (!sites?.length) return () => false;
  return (f) => f.code === RULES.clerkGate.code && sites.some((s) => s.start === f.start && s.end === f.end);
}

/** The waits that count, for the Expo layouts that route on Clerk's state or wait for Clerk to load. */
const WAIT_FOR_CONVEX = `Wait for useConvexAuth() from "convex/react" instead: render nothing while isLoading, then render the screens (or send the user to them) only once isAuthenticated, or render the navigator inside <Authenticated>.`;

function messageOf(site: LayoutSite, under: IndexedRouteCalls): string {
  const [first] = under;
  const others = under.length > 1 ? ` (and ${under.length - 1} more route${under.length > 2 ? 's' : ''})` : '';
  const calls = `${first?.path}${others} calls ${first?.what} as soon as it mounts`;
  const anonymous = `whenever Convex has not accepted the token (useConvexAuth().isAuthenticated is false), that call runs without an identity`;
  if (site.kind === 'routes') {
    const renders = site.waitsForClerk
      ? 'it waits only for Clerk to load (isLoaded), not for Convex, before it renders them'
      : 'it renders them without waiting for Convex';
    return `This layout sends users to its screens on what ${site.gate} says (its test ${site.test ?? ''}), and ${renders}. Clerk says someone is signed in before Convex has fetched and accepted the Clerk token, so Convex may not have the token yet when ${calls}; ${anonymous}. ${WAIT_FOR_CONVEX}`;
  }
  if (site.kind === 'loaded')
    return `This layout waits only for Clerk to load (isLoaded), not for Convex, before it renders its screens (its test ${site.test ?? ''}): ${calls}, while Convex may still be fetching and checking the Clerk token, and ${anonymous}. ${WAIT_FOR_CONVEX}`;
  const outlet = site.tanstack === true || site.reactRouter === true;
  const what = site.expo ? 'the screens' : outlet ? 'the child routes (<Outlet />)' : '{children}';
  const remedy = site.expo
    ? `Render the navigator inside <Authenticated> from "convex/react", or redirect on useConvexAuth(): wait while isLoading, then send the user away unless isAuthenticated.`
    : outlet
      ? `Render <Outlet /> inside <Authenticated> from "convex/react", or redirect on useConvexAuth(): wait while isLoading, then send the user away unless isAuthenticated.`
      : `Render {children} inside <Authenticated> from "convex/react" (in a "use client" component), or redirect on useConvexAuth(): wait while isLoading, then send the user away unless isAuthenticated.`;
  const gated =
    site.kind === 'element'
      ? `${site.gate} renders ${what} of this layout as soon as Clerk has a session`
      : `This layout renders ${what} once ${site.gate} says someone is signed in (its test ${site.test ?? ''})`;
  return `${gated}, whether or not Convex has accepted the Clerk token: ${calls}, and whenever Convex has not accepted the token (useConvexAuth().isAuthenticated is false) that call runs without an identity. ${remedy}`;
}

/**
 * The clerk-gate findings of a layout's Clerk-only gates: each stands while a route under the layout (and under no
 * layout between that waits for Convex's auth, `gates`) calls Convex as soon as it mounts.
 */
export function layoutGateFindings(
  sites: readonly LayoutSite[],
  routes: IndexedRouteCalls,
  gates: readonly LayoutPlace[] = [],
  configs: readonly RouteConfigFact[] = [],
): Finding[] {
  const findings: Finding[] = [];
  for (const site of sites) {
    const layout: LayoutPlace = { path: site.layout, ...(site.reactRouter ? { reactRouter: true } : {}) };
    const under = routes.filter(
      (r) => placedUnder(r.path, r.module, layout, configs) && !routeGated(r.path, gates, configs, r.module),
    );
    if (under.length === 0) continue;
    const related: RelatedLocation[] = under.slice(0, MAX_RELATED).map((r) => ({
      path: r.path,
      start: 0,
      end: 0,
      position: r.position,
      message: `${r.what} is called here when the route mounts`,
    }));
    findings.push(findingOf(RULES.clerkGate, site.start, site.end, messageOf(site, under), site.fixes, related));
  }
  return findings;
}
