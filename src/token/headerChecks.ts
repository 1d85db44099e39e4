// The header's checks: `unsigned`, `algorithm`, `header-fields` and `header-key-url`.
import { algorithmCheck } from './algorithmCheck';
import { CONVEX_ERRORS, headerProblem } from './convexRules';
import { own } from './own';
import type { ResolvedProvider, TokenCheck } from './types';

export function headerChecks(
  header: Record<string, unknown>,
  signature: string,
  checks: TokenCheck[],
  payload: Record<string, unknown> | undefined,
  providers: ResolvedProvider[] | undefined,
): void {
  const alg = own(header, 'alg');
  if (alg === 'none' || signature === '') {
    checks.push({
      id: 'unsigned',
      stage: 'verify',
      status: 'fail',
      convexError: CONVEX_ERRORS.verify,
      title: 'The token is not signed',
      detail: `${alg === 'none' ? 'Its header says alg "none"' : 'Its signature part is empty'}: anyone could have written it. Convex only accepts tokens signed by your issuer (RS256 or EdDSA).`,
    });
  } else {
    checks.push({
      id: 'unsigned',
      stage: 'verify',
      status: 'pass',
      title: 'Has a signature',
      detail: 'Verify it with "Verify Signature".',
    });
  }
  const algorithm = algorithmCheck(header, payload, providers);
  if (algorithm) checks.push(algorithm);
  const problem = headerProblem(header);
  checks.push(
    problem
      ? {
          id: 'header-fields',
          stage: 'verify',
          status: 'fail',
          // A field of the wrong type stops the OIDC parse; a wrong value fails verification.
          convexError: problem.endsWith('is not a string') ? CONVEX_ERRORS.oidcParse : CONVEX_ERRORS.verify,
          title: 'Header fields Convex rejects',
          detail: `${problem[0].toUpperCase()}${problem.slice(1)}. Convex wants typ absent, JWT or JOSE (any case, "application/" optional), and no cty or crit.`,
        }
      : {
          id: 'header-fields',
          stage: 'verify',
          status: 'pass',
          title: 'Header fields are fine',
          detail: 'typ absent, JWT or JOSE; no cty or crit.',
        },
  );
  if (own(header, 'jku') !== undefined || own(header, 'x5u') !== undefined) {
    checks.push({
      id: 'header-key-url',
      stage: 'verify',
      status: 'warn',
      title: 'The header points to its own key URL',
      detail:
        "jku / x5u name a place to fetch keys from. Convex ignores them and uses the issuer's discovery document; so does this panel, which never fetches them.",
    });
  }
}
