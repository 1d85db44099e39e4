// The one answer to "where does Convex first reject this token": the report's failed stage, its Convex error and
// the animation's stop all come from here.
import { CONVEX_ERRORS } from './convexRules';
import { FLOW_STAGES, type TokenCheck } from './types';

/** The failed check Convex meets first: the earliest stage of the flow, and within one stage the OIDC parse first. */
export function firstFailure(checks: readonly TokenCheck[]): TokenCheck | undefined {
  let first: TokenCheck | undefined;
  for (const c of checks) {
    if (c.status !== 'fail') continue;
    if (!first) {
      first = c;
      continue;
    }
    const a = FLOW_STAGES.indexOf(c.stage);
    const b = FLOW_STAGES.indexOf(first.stage);
    // Within verification Convex parses the claims before checking signature and expiry.
    if (
      a < b ||
      (a === b && c.convexError === CONVEX_ERRORS.oidcParse && first.convexError !== CONVEX_ERRORS.oidcParse)
    )
      first = c;
  }
  return first;
}
