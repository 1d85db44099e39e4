// The customJwt branch of the backend's token check: the provider's JWKS fetched, then the token verified as the
// backend's biscuit fork does.
import { base64UrlNoPad, isJsonObject, readJsonLikeConvex } from '../token/convexJson';
import { issuerWithProtocol, storedDomain } from '../token/convexRules';
import { readUnverifiedClaims } from '../token/convexToken';
import type { ResolvedProvider } from '../token/types';
import { customIdentity } from './customIdentity';
import { reasonPhrase } from './httpStatus';
import type { RunIdentity } from './run/protocol';
import type { Fetched } from './serverDiscovery';
import { verifyWith, type CheckDeps } from './serverOidc';
import { INTERNAL_ERROR, Rejection, unauthenticated, type ServerStage, type StageDone } from './serverRejection';

/** The customJwt branch (lib.rs:273-386) and `UserIdentity::from_custom_jwt` (keybroker/src/broker.rs:507-546). */
export async function customJwt(
  deps: CheckDeps,
  token: string,
  provider: ResolvedProvider,
  done: StageDone,
): Promise<RunIdentity> {
  const invalid = (stage: ServerStage, message: string, why = message): Rejection =>
    unauthenticated(stage, 'InvalidAuthHeader', message, why);
  const jwksUri = provider.jwks;
  if (jwksUri === undefined)
    throw new Rejection(
      'discover',
      INTERNAL_ERROR.status,
      INTERNAL_ERROR.code,
      INTERNAL_ERROR.message,
      "The exercise does not know this customJwt provider's jwks URL, so it cannot verify the token. (Not a Convex answer.)",
    );
  // fetch_jwks, lib.rs:399-475.
  let body: Uint8Array;
  if (jwksUri.startsWith('data:')) {
    const comma = jwksUri.indexOf(',');
    const b64 = jwksUri.slice(0, comma).endsWith(';base64');
    const data = jwksUri.slice(comma + 1);
    body = b64
      ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(data));
  } else {
    let r: Fetched;
    try {
      r = await deps.get(jwksUri, 'application/json');
    } catch (err) {
      throw invalid(
        'discover',
        `Could not fetch JWKS from URL '${jwksUri}': ${err instanceof Error ? err.message : String(err)}. Check that the URL is correct and accessible.`,
      );
    }
    if (r.status !== 200)
      throw invalid(
        'discover',
        `Could not fetch JWKS from URL '${jwksUri}': HTTP ${r.status} ${reasonPhrase(r.status)}. Check that the URL is correct and accessible.`,
      );
    const ct = r.contentType;
    const essence = ct?.split(';')[0].trim().toLowerCase();
    const charset = /;\s*charset=([^;]+)/i.exec(ct ?? '')?.[1]?.trim();
    if (
      !(essence === 'application/json' || essence === 'application/jwk-set+json') ||
      (charset !== undefined && charset !== 'utf-8')
    )
      throw invalid(
        'discover',
        `Invalid Content-Type '${ct ?? 'unknown'}' when fetching JWKS from '${jwksUri}'. Expected 'application/json' or 'application/jwk-set+json'.`,
      );
    body = r.bytes;
  }
  const set = readJsonLikeConvex(body);
  const keys = set.ok && isJsonObject(set.value) && Array.isArray(set.value.keys) ? set.value.keys : undefined;
  if (!keys)
    throw invalid(
      'discover',
      `Invalid JWKS response body from '${jwksUri}'. The response is not valid JSON or doesn't match the expected JWKS format.`,
    );
  done('discover', `The provider's JWKS (${jwksUri}) has ${keys.length} key${keys.length === 1 ? '' : 's'}.`);
  // biscuit `decode_with_jwks` (src/jws/compact.rs:142-222): the kid is required and names the key.
  const parts = token.split('.');
  const headerBytes = parts.length === 3 ? base64UrlNoPad(parts[0], true) : undefined;
  const headerRead = headerBytes ? readJsonLikeConvex(headerBytes) : undefined;
  const header = headerRead?.ok && isJsonObject(headerRead.value) ? headerRead.value : undefined;
  const kid = typeof header?.kid === 'string' ? header.kid : undefined;
  const kidMessage =
    kid !== undefined
      ? deps.production
        ? "Could not decode token. The JWT's 'kid' (key ID) header doesn't match any key in the provider's JWKS, or the JWT signature is invalid."
        : `Could not decode token. The JWT's 'kid' (key ID) header is '${kid}', does this key match any key in the provider's JWKS?`
      : "Could not decode token. JWT may be missing a 'kid' (key ID) header.";
  const key = kid === undefined ? undefined : (keys as unknown[]).find((k) => isJsonObject(k) && k.kid === kid);
  const algorithm = provider.algorithm ?? 'RS256';
  const keyAlg = isJsonObject(key) ? key.alg : undefined;
  if (
    !isJsonObject(key) ||
    header?.alg !== algorithm ||
    (keyAlg !== undefined && keyAlg !== algorithm) ||
    !(await verifyWith(token, key, algorithm))
  )
    throw invalid('verify', kidMessage);
  const payloadRead = readUnverifiedClaims(token);
  if (!payloadRead.ok) throw invalid('verify', kidMessage);
  const payload = payloadRead.payload;
  const issuer = storedDomain(provider.domain ?? '');
  if (issuerWithProtocol(payloadRead.iss).replace(/\/+$/, '') !== issuer.replace(/\/+$/, ''))
    throw invalid('verify', `Invalid issuer: ${payloadRead.iss} != ${issuer}`);
  if (provider.applicationID !== undefined) {
    if (payload.aud === undefined || payload.aud === null)
      throw invalid(
        'verify',
        "Missing audience claim ('aud') in JWT payload. The JWT must include an 'aud' claim that matches your configured application ID.",
      );
    if (!payloadRead.audiences.includes(provider.applicationID))
      throw invalid(
        'verify',
        `Invalid audience: ${provider.applicationID} not in [${payloadRead.audiences.map((a) => JSON.stringify(a)).join(', ')}]`,
      );
  }
  // lib.rs:361-378: biscuit's temporal checks with 5 s of leeway.
  const now = Math.floor(deps.nowMs() / 1000);
  const secs = (v: unknown): number | undefined => (typeof v === 'number' ? Math.round(v) : undefined);
  const exp = secs(payload.exp);
  const nbf = secs(payload.nbf);
  const iat = secs(payload.iat);
  if (exp !== undefined && now - exp > 5)
    throw invalid('verify', `Could not validate token: Token expired ${now - exp} seconds ago`);
  for (const t of [nbf, iat])
    if (t !== undefined && t - now > 5)
      throw invalid('verify', `Could not validate token: Token will be valid in ${t - now} seconds`);
  if (typeof payload.sub !== 'string' || exp === undefined)
    throw invalid(
      'verify',
      'Could not verify token claim. Check that the JWT contains valid claims and matches your auth provider configuration.',
    );
  done('verify', `Signature valid (${algorithm} key ${kid ?? ''}); issuer and audience match.`);
  return customIdentity(payload);
}
