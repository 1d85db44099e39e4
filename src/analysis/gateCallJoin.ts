// The cross-file half of clerk-gate for a mutation or action fired from an effect on Clerk's state that the in-file
// finding leaves out (rules/clerkGateCalls.ts): reported only when the index knows the function needs a signed-in
// user (then a Clerk id it is given changes nothing), and, for a guard that also waits for a query to answer null,
// that the query answers null to anyone not signed in. Unknown or open functions: nothing.
import { findingOf, identityReadAt, readsIdentityVia } from './findingOf';
import { identityFunctionLookup } from './rules/functionRefs';
import { RULES } from './ruleCatalog';
import type { AnalysisContext, Finding, GateCallSite } from './types';

export function gateCallFindings(
  sites: readonly GateCallSite[],
  functions: NonNullable<AnalysisContext['identityFunctions']>,
): Finding[] {
  if (sites.length === 0 || functions.length === 0) return [];
  const find = identityFunctionLookup(functions);
  const findings: Finding[] = [];
  for (const site of sites) {
    const fn = find(site.dirs, site.api, site.kind);
    const query = site.nullQuery && find(site.nullQuery.dirs, site.nullQuery.api, 'query');
    if (!fn || (site.nullQuery && !query?.answersNull)) continue;
    const outcome =
      fn.without === 'throws' ? 'gets no identity and throws' : 'gets no identity and returns without doing its work';
    const waits =
      query && site.nullQuery
        ? `for Clerk's ${site.hook}() (${site.reads.join(', ')}) and for ${site.nullQuery.api.text} to answer null, which it also answers to anyone Convex has not authenticated yet (${readsIdentityVia(query, false)} and returns null without one)`
        : `only for Clerk's ${site.hook}() (${site.reads.join(', ')})`;
    const message =
      `${site.name}() runs ${site.api.text}, which needs a signed-in user (${readsIdentityVia(fn, false)}), from an ` +
      `effect that waits ${waits}. Clerk says signed in before ConvexProviderWithClerk has fetched the token and ` +
      `Convex has accepted it (useConvexAuth().isLoading), so the first call can be sent without the token: the ` +
      `handler ${outcome}.${site.passesClerkId ? ' The Clerk id passed as an argument does not help: the handler reads the identity itself.' : ''} ` +
      `Guard the effect on useConvexAuth().isAuthenticated (and add it to the effect's dependencies).`;
    const related: Finding['related'] = [
      { start: site.test.start, end: site.test.end, message: `the effect waits for Clerk's ${site.hook}() here` },
      identityReadAt(fn, site.api.text),
    ];
    if (query && site.nullQuery) related.push(identityReadAt(query, site.nullQuery.api.text));
    findings.push(findingOf(RULES.clerkGate, site.start, site.end, message, site.fixes, related));
  }
  return findings;
}

/** Whether a finding is one of these sites' (they are made again whenever the index's functions change). */
export function isGateCallFinding(sites: readonly GateCallSite[] | undefined): (f: Finding) => boolean {
  if (!sites?.length) return () => false;
  return (f) => f.code === RULES.clerkGate.code && sites.some((s) => s.start === f.start && s.end === f.end);
}
