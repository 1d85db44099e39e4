// The signature, checked with jose. Never verifies an HMAC token with a public key: the caller passes one of the
// algorithms Convex allows, and it is pinned.
import { compactVerify, importJWK, type JWK } from 'jose';
import { CONVEX_ERRORS } from './convexRules';
import { selectKey } from './oidcVerification';
import { Timeout } from './deadline';
import { clip, describeValue } from './display';
import type { PublicJwk } from './verifyOptions';
import type { TokenCheck } from './types';

/** Checks `jwks-kid` (the key with the token's kid), then `signature` with the algorithm pinned. */
export async function checkSignature(
  token: string,
  alg: string,
  kid: unknown,
  keys: PublicJwk[],
  signal?: AbortSignal,
): Promise<TokenCheck[]> {
  const kty = alg === 'RS256' ? 'RSA' : 'OKP';
  const candidates = keys.filter(
    (k) =>
      k.kty === kty &&
      (typeof kid !== 'string' || k.kid === kid) &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === alg),
  );
  // Convex's verifier takes exactly one eligible key (selectKey, src/token/oidcVerification.ts): a token without kid
  // against several keys is refused, not tried key by key.
  if (candidates.length > 1) {
    const choice = selectKey(candidates, kid, alg);
    if (!choice.ok)
      return [
        {
          id: 'jwks-kid',
          stage: 'verify',
          status: 'fail',
          convexError: CONVEX_ERRORS.verify,
          title: 'No single key to check with',
          detail: `${choice.why} Clerk's tokens always carry a kid.`,
        },
      ];
  }
  if (candidates.length === 0) {
    const kids = keys.slice(0, 10).map((k) => (typeof k.kid === 'string' ? clip(k.kid, 60) : '(no kid)'));
    const known =
      (kids.join(', ') || 'none') + (keys.length > kids.length ? ` and ${keys.length - kids.length} more` : '');
    return [
      {
        id: 'jwks-kid',
        stage: 'verify',
        status: 'fail',
        convexError: CONVEX_ERRORS.verify,
        title: kid === undefined ? `No ${kty} signing key in the key set` : 'No key with this kid',
        detail: `${kid === undefined ? 'The token has no kid' : `The token was signed with kid ${describeValue(kid)}`}; the issuer publishes: ${known}. It was signed by a key this issuer does not publish (another Clerk instance, or a key that was rotated out).`,
      },
    ];
  }
  const checks: TokenCheck[] = [
    {
      id: 'jwks-kid',
      stage: 'verify',
      status: 'pass',
      title: 'Signing key found',
      detail:
        kid === undefined
          ? `${candidates.length} candidate key(s); the token has no kid.`
          : `kid ${describeValue(kid)}`,
    },
  ];
  for (const jwk of candidates) {
    // Inside the verification's deadline: a key set of a thousand kid-less keys stops when time is up.
    if (signal?.aborted) throw new Timeout();
    try {
      const key = await importJWK(jwk as JWK, alg);
      await compactVerify(token, key, { algorithms: [alg] });
      checks.push({
        id: 'signature',
        stage: 'verify',
        status: 'pass',
        title: 'Signature is valid',
        detail: `Signed by the issuer's ${alg} key${typeof jwk.kid === 'string' ? ` ${clip(jwk.kid, 60)}` : ''}.`,
      });
      return checks;
    } catch {
      // A key that does not import or does not verify: try the next candidate.
    }
  }
  checks.push({
    id: 'signature',
    stage: 'verify',
    status: 'fail',
    convexError: CONVEX_ERRORS.verify,
    title: 'The signature does not match',
    detail:
      'The header and payload are not what the issuer signed: the token was changed after it was issued, or cut while copying.',
  });
  return checks;
}
