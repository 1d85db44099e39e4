import { ALLOWED_ALGORITHMS, CONVEX_ERRORS, customJwtDecodeError, matchProvider } from './convexRules';
import { describeValue } from './display';
import { own } from './own';
import type { ResolvedProvider, TokenCheck } from './types';

/**
 * Check `algorithm`: the signing algorithm. Convex's OIDC verifier allows RS256 and EdDSA; a customJwt provider verifies with the one
 * algorithm it names (RS256 or ES256; convex-backend crates/authentication/src/lib.rs, `decode_with_jwks`), which
 * is how a deployment's own ES256 tokens (ctx.auth.signJwt) are accepted.
 */
export function algorithmCheck(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | undefined,
  providers: ResolvedProvider[] | undefined,
): TokenCheck | undefined {
  const alg = own(header, 'alg');
  // Reported by the unsigned check.
  if (alg === 'none') return undefined;
  const iss = payload ? own(payload, 'iss') : undefined;
  const picked =
    typeof iss === 'string' && providers ? matchProvider(providers, iss, own(payload ?? {}, 'aud')) : undefined;
  if (picked?.type === 'customJwt' && picked.algorithm !== undefined) {
    return alg === picked.algorithm
      ? {
          id: 'algorithm',
          stage: 'verify',
          status: 'pass',
          title: `Algorithm ${picked.algorithm}`,
          detail: `The customJwt provider for this issuer in auth.config verifies ${picked.algorithm}.`,
        }
      : {
          id: 'algorithm',
          stage: 'verify',
          status: 'fail',
          convexError: customJwtDecodeError(own(header, 'kid')),
          title:
            alg === undefined
              ? 'No algorithm in the header'
              : `Algorithm ${describeValue(alg)} is not ${picked.algorithm}`,
          detail: `The customJwt provider for this issuer in auth.config verifies ${picked.algorithm} only, so Convex cannot decode this token with its keys.`,
        };
  }
  if (typeof alg === 'string' && ALLOWED_ALGORITHMS.includes(alg)) {
    return {
      id: 'algorithm',
      stage: 'verify',
      status: 'pass',
      title: `Algorithm ${alg}`,
      detail: 'Convex accepts RS256 and EdDSA from an OIDC provider; Clerk signs with RS256.',
    };
  }
  const hmac = typeof alg === 'string' && /^HS\d+$/.test(alg);
  return {
    id: 'algorithm',
    stage: 'verify',
    status: 'fail',
    convexError: CONVEX_ERRORS.verify,
    title: alg === undefined ? 'No algorithm in the header' : `Algorithm ${describeValue(alg)} is not accepted`,
    detail: hmac
      ? `${String(alg)} is signed with a shared secret, so the issuer's public keys cannot verify it. Convex accepts only RS256 and EdDSA, and this panel never treats a public key as an HMAC secret. The token did not come from Clerk's Frontend API.`
      : alg === 'ES256'
        ? 'An OIDC provider (Clerk\'s) accepts only RS256 and EdDSA. ES256 is accepted only through a customJwt provider whose algorithm is "ES256", as for tokens a Convex deployment signs itself (ctx.auth.signJwt); auth.config has none for this issuer and audience.'
        : 'Convex accepts only RS256 and EdDSA signatures. Clerk signs with RS256.',
  };
}
