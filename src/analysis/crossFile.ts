// The cross-file half of query-before-auth: a file's query sites (analysed once, with the file) joined with the
// functions the workspace index says need a signed-in user. Pure and import-light, so the host can join again
// when only a Convex file changed, without the parser and without analysing the client file anew.
import { isAuthConfigName } from '../project/authConfigName';
import { findingOf, identityReadAt, readsIdentityVia } from './findingOf';
import { dependsOnOtherFiles } from './prefilter';
import { identityFunctionLookup } from './rules/functionRefs';
import { QUERY_BEFORE_AUTH_RULE } from './queryBeforeAuthRule';
import { isOpen, sessionSwitchFindings, type IndexedOpenFunctions } from './sessionSwitchJoin';
import { serverTokenFindings } from './serverTokenJoin';
import { gateCallFindings, isGateCallFinding } from './gateCallJoin';
import { RULES } from './ruleCatalog';
import { layoutGateFindings, isLayoutFinding, type IndexedRouteCalls } from './layoutGateJoin';
import { routeGated } from './routeTree';
import { renderedOnlyGated, type IndexedRenders } from './renderJoin';
import type {
  AnalysisContext,
  FileAnalysis,
  FileFacts,
  Finding,
  GateSite,
  QuerySite,
  RouteConfigFact,
  RouteGate,
} from './types';

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
    if (site.rendered && renderedOnlyGated(site.rendered.file, site.rendered.names, renders, gates)) continue;
    const fn = find(site.dirs, site.api, 'query');
    if (!fn) continue;
    const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
    const rendered =
      site.where === 'entry'
        ? `${site.component ?? 'This component'} is rendered by the framework`
        : `${site.component} is rendered here outside <Authenticated>`;
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
          ...(site.where === 'entry'
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

/** Whether a file's findings depend on the index's functions (it has sites to join). */
export function hasJoinedSites(
  analysis: Pick<
    FileAnalysis,
    'querySites' | 'sessionSites' | 'serverSites' | 'gateSites' | 'gateCallSites' | 'layoutSites'
  >,
): boolean {
  return !!(
    analysis.querySites ||
    analysis.gateCallSites ||
    analysis.sessionSites ||
    analysis.serverSites ||
    analysis.gateSites ||
    analysis.layoutSites
  );
}

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
  return !site.queries?.every((q) => isOpen(open, { ...q, kind: 'query' }));
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

/** The cross-file knowledge one file's analysis gets from the others' facts (the index passes its entries). */
export type ComponentContext = Pick<
  AnalysisContext,
  | 'convexProviderComponents'
  | 'convexCallComponents'
  | 'authenticatedChildrenComponents'
  | 'clerkOnlyCallComponents'
  | 'plainConvexProviderComponents'
  | 'clerkAuthHooks'
  | 'convexWithClerkFiles'
  | 'queryHooks'
  | 'useAuthSources'
  | 'identityHelpers'
  | 'identityFreeHelpers'
  | 'authConfigFiles'
  | 'misplacedAuthConfigFiles'
  | 'identityFunctionFiles'
>;

/** What the workspace's files export that other files' rules follow, joined later by import. */
export function componentContext(files: Iterable<{ path: string; facts: FileFacts }>): Required<ComponentContext> {
  const context: Required<ComponentContext> = {
    convexProviderComponents: [],
    convexCallComponents: [],
    authenticatedChildrenComponents: [],
    clerkOnlyCallComponents: [],
    plainConvexProviderComponents: [],
    clerkAuthHooks: [],
    convexWithClerkFiles: [],
    queryHooks: [],
    useAuthSources: [],
    identityHelpers: [],
    identityFreeHelpers: [],
    authConfigFiles: [],
    misplacedAuthConfigFiles: [],
    identityFunctionFiles: [],
  };
  for (const { path, facts } of files) {
    if (isAuthConfigName(path)) context.authConfigFiles.push(path);
    if (facts.misplacedAuthConfig) context.misplacedAuthConfigFiles.push(path);
    if (facts.identityFunctions?.length) context.identityFunctionFiles.push(path);
    if (facts.rendersConvexProviderWithClerk) context.convexWithClerkFiles.push(path);
    for (const exportName of facts.exportsConvexProviderComponents)
      context.convexProviderComponents.push({ path, exportName });
    const exported = facts.exported;
    if (!exported) continue;
    for (const c of exported.convexCalls ?? [])
      context.convexCallComponents.push({ path, exportName: c.name, why: c.why });
    for (const c of exported.clerkOnlyCalls ?? [])
      context.clerkOnlyCallComponents.push({ path, exportName: c.name, why: c.why });
    for (const exportName of exported.authenticatedChildren ?? [])
      context.authenticatedChildrenComponents.push({ path, exportName });
    for (const c of exported.plainConvexProviders ?? [])
      context.plainConvexProviderComponents.push({ path, exportName: c.name, position: c.position });
    for (const h of exported.clerkAuthHooks ?? [])
      context.clerkAuthHooks.push({ path, exportName: h.name, keys: h.keys });
    for (const h of exported.queryHooks ?? [])
      context.queryHooks.push({ path, exportName: h.name, queries: h.queries });
    for (const u of exported.useAuthSources ?? [])
      context.useAuthSources.push({ path, exportName: u.name, source: u.source, position: u.position });
    for (const { name, ...helper } of exported.identityHelpers ?? [])
      context.identityHelpers.push({ ...helper, path, exportName: name });
    for (const exportName of exported.identityFreeHelpers ?? []) context.identityFreeHelpers.push({ path, exportName });
  }
  return context;
}

/**
 * A key of everything in `componentContext` that other files' findings depend on: when it changes, files that
 * consume it are analysed again (a provider component, a component that calls Convex on mount, a Clerk wrapper, and
 * whether any Convex function reads the identity, which makes a plain ConvexProvider a mistake).
 */
export function componentKey(files: Iterable<{ path: string; facts: FileFacts }>): string {
  const keys: string[] = [];
  let identity = false;
  for (const { path, facts } of files) {
    identity ||= (facts.identityFunctions?.length ?? 0) > 0;
    // Where the functions that need a user are, and the auth.configs: a missing auth.config is judged from both.
    if (facts.identityFunctions?.length) keys.push(`i:${path}`);
    if (isAuthConfigName(path)) keys.push(`a:${path}`);
    if (facts.misplacedAuthConfig) keys.push(`m:${path}`);
    if (facts.rendersConvexProviderWithClerk) keys.push(`w:${path}`);
    for (const name of facts.exportsConvexProviderComponents) keys.push(`p:${path}#${name}`);
    const exported = facts.exported;
    // What a component calls and where a provider or useAuth source is are in other files' messages and locations.
    for (const c of exported?.convexCalls ?? []) keys.push(`c:${path}#${c.name}:${c.why ?? ''}`);
    for (const c of exported?.plainConvexProviders ?? [])
      keys.push(`v:${path}#${c.name}:${JSON.stringify(c.position)}`);
    for (const name of exported?.authenticatedChildren ?? []) keys.push(`g:${path}#${name}`);
    for (const c of exported?.clerkOnlyCalls ?? []) keys.push(`k:${path}#${c.name}:${c.why}`);
    for (const h of exported?.clerkAuthHooks ?? []) keys.push(`h:${path}#${h.name}:${h.keys.join(',')}`);
    for (const h of exported?.queryHooks ?? []) keys.push(`q:${path}#${h.name}:${JSON.stringify(h.queries)}`);
    for (const u of exported?.useAuthSources ?? [])
      keys.push(`u:${path}#${u.name}:${u.source}:${JSON.stringify(u.position)}`);
    for (const h of exported?.identityHelpers ?? []) keys.push(`e:${path}#${JSON.stringify(h)}`);
    for (const name of exported?.identityFreeHelpers ?? []) keys.push(`f:${path}#${name}`);
  }
  if (identity) keys.push('i');
  return keys.sort().join('|');
}

/** Whether a file may consume `componentContext`, so that it is analysed again when that changes. */
export function consumesComponents(text: string, context: ComponentContext): boolean {
  return dependsOnOtherFiles(text, crossFileNames(context));
}

/**
 * The names whose mention makes a file depend on other files: the project's hooks, and the helpers of other files
 * that read the identity (a Convex function calling one needs a signed-in user as the helper does).
 */
export function crossFileNames(
  context: Pick<
    AnalysisContext,
    'clerkAuthHooks' | 'queryHooks' | 'identityHelpers' | 'identityFreeHelpers' | 'authenticatedChildrenComponents'
  >,
): string[] {
  return [
    ...projectHookNames(context),
    // A layout rendering its routes inside one of these waits for Convex's auth (its route gate follows them).
    ...(context.authenticatedChildrenComponents ?? []).map((c) => c.exportName),
    ...(context.identityHelpers ?? []).map((h) => h.exportName),
    ...(context.identityFreeHelpers ?? []).map((h) => h.exportName),
  ];
}

/** The names of the project's hooks that return Clerk's state (a file calling one follows them). */
export function clerkHookNames(context: Pick<AnalysisContext, 'clerkAuthHooks'>): string[] {
  return (context.clerkAuthHooks ?? []).map((h) => h.exportName);
}

/** The names of the project's hooks a file's analysis follows by import (Clerk wrappers, hooks that send queries). */
export function projectHookNames(context: Pick<AnalysisContext, 'clerkAuthHooks' | 'queryHooks'>): string[] {
  return [...clerkHookNames(context), ...(context.queryHooks ?? []).map((h) => h.exportName)];
}
