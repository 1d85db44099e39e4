// openidconnect's verifier rules as the Convex backend runs them around the signature check: JOSE header, audience
// and key choice (get-convex/openidconnect-rs @15a9c55, src/verification/… and src/types/jwks.rs). Pure.
import { isJsonObject } from './convexJson';
import { absent } from './convexToken';
import { JWE_ENCS, JWS_ALGS } from './oidcIdToken';
import { own } from './own';

/**
 * `NormalizedJsonWebTokenType` (openidconnect src/jwt/mod.rs:88-123): lower-cased, "application/" added when there
 * is no slash; undefined when it is an invalid media type.
 */
export function normaliseJwtType(typ: string): string | undefined {
  const t = typ.toLowerCase();
  const slash = t.indexOf('/');
  if (slash < 0) return `application/${t}`;
  const semi = t.indexOf(';');
  if (semi >= 0 && (slash > semi || slash === 0 || slash + 1 >= semi)) return undefined;
  return t;
}

const ALLOWED_TYPES = ['application/jwt', 'application/jose'];

/** The JOSE header rules of the verifier (openidconnect src/verification/mod.rs:222-281 and 304-312). */
export function joseHeaderProblem(header: Record<string, unknown>): string | undefined {
  const typ = own(header, 'typ');
  if (typeof typ === 'string') {
    const normal = normaliseJwtType(typ);
    if (normal === undefined || !ALLOWED_TYPES.includes(normal))
      return `typ "${typ}" is not JWT or JOSE (in any case, with or without "application/")`;
  }
  if (typeof own(header, 'cty') === 'string') return 'the header has a cty (content type)';
  if (!absent(own(header, 'crit'))) return 'the header has crit (critical extensions)';
  const alg = own(header, 'alg');
  if (typeof alg === 'string' && JWE_ENCS.includes(alg)) return 'it is an encrypted token (JWE)';
  return undefined;
}

/** The audience rule (src/verification/mod.rs:340-373): the applicationID is among aud, and nothing else is. */
export function audienceProblem(payload: Record<string, unknown>, applicationID: string): string | undefined {
  const aud = own(payload, 'aud');
  const auds = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? (aud as string[]) : [];
  if (aud === undefined) return 'the token has no aud';
  if (!auds.includes(applicationID)) return `aud does not contain "${applicationID}"`;
  const other = auds.find((a) => a !== applicationID);
  return other === undefined ? undefined : `aud also names "${other}", which is not a trusted audience`;
}

/** Verification algorithms Convex allows (crates/authentication/src/lib.rs:252-257). */
export const VERIFY_ALGORITHMS = ['RS256', 'EdDSA'];

const KEY_TYPE: Record<string, string> = {
  RS256: 'RSA',
  RS384: 'RSA',
  RS512: 'RSA',
  PS256: 'RSA',
  PS384: 'RSA',
  PS512: 'RSA',
  ES256: 'EC',
  ES384: 'EC',
  ES512: 'EC',
  EdDSA: 'OKP',
  HS256: 'oct',
  HS384: 'oct',
  HS512: 'oct',
};

export type KeyChoice<K> = { ok: true; key: K } | { ok: false; why: string };

/**
 * `JwtClaimsVerifier::signing_key` and `JsonWebKeySet::filter_keys` (src/verification/mod.rs:459-491,
 * src/types/jwks.rs:36-91): keys whose kid matches (any kid when the token has none), whose `use` allows
 * signatures, whose kty fits the algorithm and whose own alg, if any, is it. Exactly one must remain.
 */
export function selectKey<K extends Record<string, unknown>>(
  keys: readonly K[],
  kid: unknown,
  alg: string,
): KeyChoice<K> {
  const eligible = keys.filter((k) => {
    if (typeof kid === 'string' && k.kid !== kid) return false;
    if (k.use !== undefined && k.use !== 'sig') return false;
    if (k.kty !== KEY_TYPE[alg]) return false;
    return k.alg === undefined || k.alg === alg;
  });
  if (eligible.length === 1) return { ok: true, key: eligible[0] };
  if (eligible.length === 0)
    return {
      ok: false,
      why:
        typeof kid === 'string'
          ? `No key in the issuer's JWKS has kid "${kid}" (and fits ${alg}).`
          : `No key in the issuer's JWKS fits ${alg}.`,
    };
  return {
    ok: false,
    why: `The token has no kid and the JWKS has ${eligible.length} keys that fit ${alg}: the key is ambiguous, so it is refused.`,
  };
}

/**
 * The JWKS as openidconnect reads it (`VecSkipError`, src/types/jwks.rs:31): keys it cannot read are skipped.
 * Returns undefined when the document has no `keys` list.
 */
export function readJwks(doc: unknown): Record<string, unknown>[] | undefined {
  if (!isJsonObject(doc) || !Array.isArray(doc.keys)) return undefined;
  return doc.keys.filter(
    (k): k is Record<string, unknown> =>
      isJsonObject(k) &&
      ['RSA', 'EC', 'oct', 'OKP'].includes(String(k.kty)) &&
      (k.kid === undefined || typeof k.kid === 'string') &&
      (k.use === undefined || typeof k.use === 'string') &&
      (k.alg === undefined ||
        (typeof k.alg === 'string' && (JWS_ALGS.includes(k.alg) || JWE_ENCS.includes(k.alg) || k.alg === 'none'))),
  );
}
