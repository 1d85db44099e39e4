// The payload's checks in the order Convex meets them: issuer, provider match, audience, required claims, claim
// types, then time.
import { duration } from './claims';
import { CONVEX_ERRORS, isExpired, isSeconds, matchProvider, noProviderError } from './convexRules';
import { registeredClaimProblem } from './convexToken';
import { oidcClaimsProblem } from './oidcIdToken';
import { describeValue } from './display';
import { audienceChecks } from './audienceCheck';
import { envCheck, issuerCheck, issuerMatchCheck, publishableKeyCheck } from './issuerChecks';
import { own } from './own';
import type { AnalyseOptions, ClerkMode, TokenCheck } from './types';

export function claimChecks(
  payload: Record<string, unknown>,
  opts: AnalyseOptions,
  checks: TokenCheck[],
  mode: ClerkMode,
): void {
  const iss = own(payload, 'iss');
  const aud = own(payload, 'aud');
  const providers = opts.providers;
  checks.push(issuerCheck(iss));
  const issuer = typeof iss === 'string' ? iss : undefined;

  if (issuer !== undefined) checks.push(issuerMatchCheck(issuer, providers));
  for (const p of providers ?? []) if (p.envVar) checks.push(envCheck(p));
  // A deployment's own token has nothing to do with the Clerk instance of the publishable key.
  if (issuer !== undefined && opts.publishableKeyHost && mode !== 'convex-deployment')
    checks.push(publishableKeyCheck(issuer, opts.publishableKeyHost));
  checks.push(...audienceChecks(aud, issuer, providers));
  if (
    issuer !== undefined &&
    providers &&
    providers.length > 0 &&
    !checks.some((c) => c.status === 'fail' && (c.id === 'issuer-match' || c.id === 'audience')) &&
    providers.every((p) => p.domain !== undefined) &&
    !matchProvider(providers, issuer, aud)
  ) {
    checks.push({
      id: 'provider',
      stage: 'match',
      status: 'fail',
      convexError: noProviderError(providers),
      title: 'No single provider matches both iss and aud',
      detail:
        'One provider has the right domain and another the right applicationID, but Convex needs one provider with both.',
    });
  }
  const missing = ['sub', 'iat', 'exp'].filter((n) => own(payload, n) === undefined);
  checks.push(
    missing.length
      ? {
          id: 'required-claims',
          stage: 'verify',
          status: 'fail',
          convexError: CONVEX_ERRORS.oidcParse,
          title: `Missing ${missing.join(', ')}`,
          detail: `Convex requires iss, sub, iat and exp in every token; this one has no ${missing.join(', ')}. Clerk always sets them: use a token from getToken().`,
        }
      : {
          id: 'required-claims',
          stage: 'verify',
          status: 'pass',
          title: 'Required claims present',
          detail: 'iss, sub, iat, exp.',
        },
  );
  checks.push(...claimTypeChecks(payload));
  checks.push(...timeChecks(payload, opts.nowMs));
  // Expiry is the one failure a fresh token fixes: say so when nothing else would stop it.
  const expired = checks.find((c) => c.id === 'expired' && c.status === 'fail');
  if (expired && !checks.some((c) => c.status === 'fail' && c !== expired && c.stage !== 'attach')) {
    expired.detail += ' Apart from that, this token passes every local check: a fresh one would be accepted.';
  }
}

/**
 * Claim types as Convex reads them: the registered claims in its first, unverified read (a wrong type there is
 * "Could not parse JWT payload", before any provider is matched), the rest when it parses the OIDC ID token.
 */
function claimTypeChecks(payload: Record<string, unknown>): TokenCheck[] {
  const first = registeredClaimProblem(payload);
  if (first)
    return [
      {
        id: `claim-type-${first.name}`,
        stage: 'match',
        status: 'fail',
        convexError: CONVEX_ERRORS.parse,
        title: `${first.name} must be ${first.want}`,
        detail: `${first.name} is ${describeValue(own(payload, first.name))}. Convex reads the registered claims before anything else and cannot read this token at all.`,
      },
    ];
  const problem = ['sub', 'iat', 'exp'].some((n) => own(payload, n) === undefined)
    ? undefined
    : oidcClaimsProblem(payload);
  if (problem)
    return [
      {
        id: 'claim-types',
        stage: 'verify',
        status: 'fail',
        convexError: CONVEX_ERRORS.oidcParse,
        title: 'A standard claim has the wrong type',
        detail: `${problem[0].toUpperCase()}${problem.slice(1)}. Convex parses the standard claims strictly and rejects the token (null is fine: the claim is then left out).`,
      },
    ];
  return [
    {
      id: 'claim-types',
      stage: 'verify',
      status: 'pass',
      title: 'Standard claims have the right types',
      detail: 'Times are numbers of seconds, names are strings.',
    },
  ];
}

function timeChecks(payload: Record<string, unknown>, nowMs: number): TokenCheck[] {
  const out: TokenCheck[] = [];
  const now = Math.floor(nowMs / 1000);
  const exp = own(payload, 'exp');
  if (isSeconds(exp)) {
    out.push(
      isExpired(exp, nowMs)
        ? {
            id: 'expired',
            stage: 'verify',
            status: 'fail',
            convexError: CONVEX_ERRORS.verify,
            title: `Expired ${duration(now - exp)} ago`,
            detail:
              'Convex allows no leeway: a token is rejected from the second it expires. Clerk session tokens live 60 seconds and the Convex client fetches fresh ones; a copied token goes stale quickly.',
          }
        : {
            id: 'expired',
            stage: 'verify',
            status: 'pass',
            title: `Expires in ${duration(exp - now)}`,
            detail: 'Still valid now.',
          },
    );
  }
  for (const name of ['nbf', 'iat']) {
    const v = own(payload, name);
    if (isSeconds(v) && v > now) {
      out.push({
        id: name === 'nbf' ? 'not-yet-valid' : 'issued-in-future',
        stage: 'verify',
        status: 'warn',
        title: `${name} is ${duration(v - now)} in the future`,
        detail: `The token says it ${name === 'nbf' ? 'is not valid before' : 'was issued at'} a time later than this computer's clock. One of the clocks is off (clock skew); if it is this computer, Convex may still accept the token.`,
      });
    }
  }
  return out;
}
