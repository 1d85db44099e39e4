// What one file's analysis learns from the others' facts (the components, hooks and helpers they export), the key
// that says when that changed, and which analyses have sites to join. Light on purpose: the extension host builds
// these at activation; the joins themselves (crossFile.ts) load with the first analysis (src/lazy.ts, joins()).
import { isAuthConfigName } from '../project/authConfigName';
import { dependsOnOtherFiles } from './prefilter';
import type { AnalysisContext, FileAnalysis, FileFacts } from './types';

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
      context.plainConvexProviderComponents.push({
        path,
        exportName: c.name,
        position: c.position,
        ...(c.ownClient ? { ownClient: true as const } : {}),
      });
    for (const h of exported.clerkAuthHooks ?? [])
      context.clerkAuthHooks.push({ path, exportName: h.name, keys: h.keys });
    for (const h of exported.queryHooks ?? [])
      context.queryHooks.push({
        path,
        exportName: h.name,
        queries: h.queries,
        ...(h.forwards && { forwards: h.forwards }),
      });
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
      keys.push(`v:${path}#${c.name}:${JSON.stringify(c.position)}:${c.ownClient ? 'o' : ''}`);
    for (const name of exported?.authenticatedChildren ?? []) keys.push(`g:${path}#${name}`);
    for (const c of exported?.clerkOnlyCalls ?? []) keys.push(`k:${path}#${c.name}:${c.why}`);
    for (const h of exported?.clerkAuthHooks ?? []) keys.push(`h:${path}#${h.name}:${h.keys.join(',')}`);
    for (const h of exported?.queryHooks ?? [])
      keys.push(`q:${path}#${h.name}:${JSON.stringify(h.queries)}:${JSON.stringify(h.forwards ?? null)}`);
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
