// The cross-file half of clerk-gate for a mutation or action fired from an effect on Clerk's state that passes the
// Clerk id (rules/clerkGateCalls.ts): reported only when the index knows the function needs a signed-in user, since
// then the id it is given changes nothing. Unknown or open functions: nothing (identity-from-args judges the id).
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
    if (!fn) continue;
    const outcome =
      fn.without === 'throws' ? 'gets no identity and throws' : 'gets no identity and returns without doing its work';
    const message =
      `${site.name}() runs ${site.api.text}, which needs a signed-in user (${readsIdentityVia(fn, false)}), from an ` +
      `effect that waits only for Clerk's ${site.hook}() (${site.reads.join(', ')}). Clerk says signed in before ` +
      `ConvexProviderWithClerk has fetched the token and Convex has accepted it (useConvexAuth().isLoading), so the ` +
      `first call can be sent without the token: the handler ${outcome}. The Clerk id passed as an argument does ` +
      `not help, the handler reads the identity itself. Guard the effect on useConvexAuth().isAuthenticated (and add ` +
      `it to the effect's dependencies).`;
    findings.push(
      findingOf(RULES.clerkGate, site.start, site.end, message, site.fixes, [
        {
          start: site.test.start,
          end: site.test.end,
          message: `the effect waits only for Clerk's ${site.hook}() here`,
        },
        identityReadAt(fn, site.api.text),
      ]),
    );
  }
  return findings;
}

/** Whether a finding is one of these sites' (they are made again whenever the index's functions change). */
export function isGateCallFinding(sites: readonly GateCallSite[] | undefined): (f: Finding) => boolean {
  if (!sites?.length) return () => false;
  return (f) => f.code === RULES.clerkGate.code && sites.some((s) => s.start === f.start && s.end === f.end);
}
