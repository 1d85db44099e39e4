// The cross-file half of query-before-auth: a file's query sites (analysed once, with the file) joined with the
// functions the workspace index says need a signed-in user. Pure and without the parser, so the host can join again
// when only a Convex file changed, without analysing the client file anew; the host loads it with the first analysis
// (src/bundles/joins.ts), so activation does not carry it.
import { findingOf, identityReadAt, readsIdentityVia } from './findingOf';
import { identityFunctionLookup } from './rules/functionRefs';
import { QUERY_BEFORE_AUTH_RULE } from './queryBeforeAuthRule';
import { isOpen, sessionSwitchFindings, type IndexedOpenFunctions } from './sessionSwitchJoin';
import { serverTokenFindings } from './serverTokenJoin';
import { gateCallFindings, isGateCallFinding } from './gateCallJoin';
import { RULES } from './ruleCatalog';
import { layoutGateFindings, isLayoutFinding, type IndexedRouteCalls } from './layoutGateJoin';
import { routeGated } from './routeTree';
import { renderedOnlyGated, ungatedRouteRender, type IndexedRenders } from './renderJoin';
import type { AnalysisContext, FileAnalysis, Finding, GateSite, QuerySite, RouteConfigFact, RouteGate } from './types';

export type IndexedIdentityFunctions = NonNullable<AnalysisContext['identityFunctions']>;
export type { IndexedOpenFunctions } from './sessionSwitchJoin';
export type { IndexedRouteCalls } from './layoutGateJoin';
export type { IndexedRenders } from './renderJoin';

/** The workspace's route layouts that wait for Convex's auth (FileFacts.routeGate), with their paths. */
export type IndexedRouteGates = (RouteGate & { path: string })[];
/** The workspace's React Router route configs (FileFacts.routeConfig of each routes.ts). */
export type IndexedRouteConfigs = RouteConfigFact[];

/**
 * Whether a layout that waits for Convex's auth renders this route: one in the route's folder or any folder above
 * it (route groups are folders), not the route itself, and (<Stack.Protected>) naming the route or a folder of it.
 */
export { routeGated } from './routeTree';

/**
 * The query-before-auth findings of these sites, given the index's functions, the route layouts that gate (placed by
 * the React Router route configs where folders do not place routes), and the project's render sites (a component the
 * framework renders may be rendered only by other files, each gated).
 */
export function queryBeforeAuthFindings(
  sites: readonly QuerySite[],
  functions: IndexedIdentityFunctions,
  gates: IndexedRouteGates = [],
  renders: IndexedRenders = [],
  configs: IndexedRouteConfigs = [],
): Finding[] {
  if (functions.length === 0 || sites.length === 0) return [];
  const find = identityFunctionLookup(functions);
  const rule = QUERY_BEFORE_AUTH_RULE;
  const findings: Finding[] = [];
  for (const site of sites) {
    if (site.route && gates.length && routeGated(site.route, gates, configs, site.module)) continue;
    let rendered: string;
    if (site.where === 'imported') {
      // Only other files render it: the site stands on a route that renders it ungated, and names that route.
      const by = site.rendered && ungatedRouteRender(site.rendered.file, site.rendered.names, renders, gates, configs);
      if (!by) continue;
      const through = by.through.length ? ` (through ${by.through.join(' → ')})` : '';
      rendered = `${site.component ?? 'This component'} is rendered by the route ${by.route}${through} outside <Authenticated>, with no layout above it waiting for Convex's auth`;
    } else {
      if (site.rendered && renderedOnlyGated(site.rendered.file, site.rendered.names, renders, gates)) continue;
      rendered =
        site.where === 'entry'
          ? `${site.component ?? 'This component'} is rendered by the framework`
          : `${site.component} is rendered here outside <Authenticated>`;
    }
    const fn = find(site.dirs, site.api, 'query');
    if (!fn) continue;
    const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
    const message = `${site.api.text}${site.via ? ` (sent by ${site.via}())` : ''} needs a signed-in user: ${readsIdentityVia(fn)} and ${how} without one. ${rendered}, so the query is sent before Convex has accepted the Clerk token (useConvexAuth().isLoading) and runs anonymous. Render it inside <Authenticated>, or pass "skip" until isAuthenticated.`;
    findings.push(
      findingOf(
        rule,
        site.start,
        site.end,
        message,
        [],
        [
          identityReadAt(fn, site.api.text),
          ...(site.where === 'entry' || site.where === 'imported'
            ? []
            : [{ start: site.where.start, end: site.where.end, message: 'rendered outside <Authenticated>' }]),
        ],
      ),
    );
  }
  return findings;
}

const byOffset = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end;

const JOINED: ReadonlySet<string> = new Set([
  QUERY_BEFORE_AUTH_RULE.code,
  'clerk-convex/mutation-after-set-active',
  RULES.serverToken.code,
]);

/**
 * Whether a gate site's findings stand: no layout above its route waits for Convex's auth, and some function it
 * gates may read the identity (or is not known).
 */
function gateStands(
  site: GateSite,
  open: IndexedOpenFunctions,
  gates: IndexedRouteGates = [],
  configs: IndexedRouteConfigs = [],
): boolean {
  if (site.route && gates.length && routeGated(site.route, gates, configs, site.module)) return false;
  return !site.queries?.every((q) => isOpen(open, { ...q, kind: q.kind ?? 'query' }));
}

/** The file's clerk-gate findings that stand only on queries, as a test (they are made again from their sites). */
function isGateFinding(sites: readonly GateSite[]): (f: Finding) => boolean {
  return (f) =>
    f.code === RULES.clerkGate.code && sites.some((s) => s.finding.start === f.start && s.finding.end === f.end);
}

/** The findings without the gate sites' findings whose queries all run functions known to read no identity. */
export function withoutOpenGates(
  findings: Finding[],
  sites: readonly GateSite[] | undefined,
  open: IndexedOpenFunctions,
): Finding[] {
  if (!sites?.length || open.length === 0) return findings;
  const quiet = sites.filter((s) => !gateStands(s, open));
  return quiet.length ? findings.filter((f) => !isGateFinding(quiet)(f)) : findings;
}

/**
 * The findings of a file's sites (query-before-auth, mutation-after-set-active, server-token, clerk-gate's effect
 * calls) joined with the index's functions.
 */
export function joinedFindings(
  analysis: Pick<FileAnalysis, 'querySites' | 'sessionSites' | 'serverSites' | 'gateCallSites'>,
  functions: IndexedIdentityFunctions,
  open: IndexedOpenFunctions = [],
  gates: IndexedRouteGates = [],
  renders: IndexedRenders = [],
  configs: IndexedRouteConfigs = [],
): Finding[] {
  return [
    ...(analysis.querySites ? queryBeforeAuthFindings(analysis.querySites, functions, gates, renders, configs) : []),
    ...(analysis.sessionSites ? sessionSwitchFindings(analysis.sessionSites, functions, open) : []),
    ...(analysis.serverSites ? serverTokenFindings(analysis.serverSites, functions, open) : []),
    ...(analysis.gateCallSites ? gateCallFindings(analysis.gateCallSites, functions) : []),
  ];
}

/**
 * The analysis with its joined findings (query-before-auth, mutation-after-set-active) joined again with
 * `functions` (and `open`, the functions known to read no identity, and `gates`, the route layouts that wait for
 * Convex's auth, and `routes`, the route files that call Convex, for layouts gated on Clerk alone, placed by `configs`,
 * the React Router route configs, where their folders do not place them, and `renders`, where the project renders its
 * components, FileFacts.renders); the same object
 * when they come out the same (so callers can tell whether anything is to be published).
 */
export function withIdentityFunctions(
  analysis: FileAnalysis,
  functions: IndexedIdentityFunctions,
  open: IndexedOpenFunctions = [],
  gates: IndexedRouteGates = [],
  routes: IndexedRouteCalls = [],
  renders: IndexedRenders = [],
  configs: IndexedRouteConfigs = [],
): FileAnalysis {
  const sites = analysis.gateSites ?? [];
  // The gate sites' findings are made again from the sites, so one dropped for an open function comes back later.
  const gate = isGateFinding(sites);
  const layout = isLayoutFinding(analysis.layoutSites);
  const call = isGateCallFinding(analysis.gateCallSites);
  const joined = (f: Finding): boolean => JOINED.has(f.code) || gate(f) || layout(f) || call(f);
  const before = analysis.findings.filter(joined);
  const after = [
    ...joinedFindings(analysis, functions, open, gates, renders, configs),
    ...sites.filter((s) => gateStands(s, open, gates, configs)).map((s) => s.finding),
    ...(analysis.layoutSites ? layoutGateFindings(analysis.layoutSites, routes, gates, configs) : []),
  ].sort(byOffset);
  if (before.length === 0 && after.length === 0) return analysis;
  if (JSON.stringify(before) === JSON.stringify(after)) return analysis;
  const findings = [...analysis.findings.filter((f) => !joined(f)), ...after].sort(byOffset);
  return { ...analysis, findings };
}
