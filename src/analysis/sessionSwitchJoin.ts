// The cross-file half of mutation-after-set-active: a file's calls sent right after setActive() (rules/sessionSwitch.ts)
// joined with what the index knows of the functions they run. Needs a signed-in user: a warning. Known to read no
// identity: nothing. Not known either way: said softly (information), with why it could not tell.
import { findingOf, HANDLER_NOT_FOUND, identityReadAt, readsIdentityVia } from './findingOf';
import { identityFunctionLookup } from './rules/functionRefs';
import { MUTATION_AFTER_SET_ACTIVE_RULE } from './sessionSwitchRule';
import type { AnalysisContext, Finding, OpenFunction, SessionSite } from './types';

export type IndexedOpenFunctions = (OpenFunction & { path: string })[];

const WHY =
  "ConvexProviderWithClerk gives Convex the new session's token only after React renders with the new session (its token fetcher is rebuilt on the session id), and this call is sent before that";
const WHAT =
  'Wait for Convex to accept the token: run the call from an effect gated on useConvexAuth().isAuthenticated, or render the next step inside <Authenticated> and send it there.';

/** Whether the function a site runs is one the index knows to read no identity. */
export function isOpen(
  open: IndexedOpenFunctions,
  site: { dirs?: string[] | undefined; api: SessionSite['api']; kind: OpenFunction['kind'] },
): boolean {
  const find = identityFunctionLookup(
    open.map((o) => ({
      ...o,
      start: 0,
      end: 0,
      position: { line: 0, character: 0, endLine: 0, endCharacter: 0 },
      without: 'throws' as const,
    })),
  );
  return find(site.dirs, site.api, site.kind) !== undefined;
}

export function sessionSwitchFindings(
  sites: readonly SessionSite[],
  functions: NonNullable<AnalysisContext['identityFunctions']>,
  open: IndexedOpenFunctions,
): Finding[] {
  if (sites.length === 0) return [];
  const rule = MUTATION_AFTER_SET_ACTIVE_RULE;
  const find = identityFunctionLookup(functions);
  const findings: Finding[] = [];
  for (const site of sites) {
    const fn = find(site.dirs, site.api, site.kind);
    const related: Finding['related'] = [
      { start: site.setActive.start, end: site.setActive.end, message: 'the session changes here' },
    ];
    let message: string;
    if (fn) {
      const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
      message = `${site.name}() runs ${site.api.text}, which needs a signed-in user (${readsIdentityVia(fn, false)} and ${how} without one), right after setActive(). ${WHY}: it can run without an identity. ${WHAT}`;
      related.push(identityReadAt(fn, site.api.text));
    } else if (isOpen(open, site)) {
      continue;
    } else {
      message = `${site.name}() is sent right after setActive(). If ${site.api.text} needs a signed-in user, it can run without one: ${WHY}. ${HANDLER_NOT_FOUND} ${WHAT}`;
    }
    findings.push(findingOf(rule, site.start, site.end, message, [], related, fn ? rule.severity : 'information'));
  }
  return findings;
}
