// How Convex reads an Authorization header and a bearer token, stage by stage, before and around the signature
// check. Each function follows one place of the backend: convex-backend (crates/…) and the forks it pins,
// get-convex/openidconnect-rs @15a9c55 (src/…) and get-convex/biscuit @05bdaab (src/…). Pure: no network, no jose.
import { isJsonObject, readSegment } from './convexJson';

/** What the HTTP layer makes of the Authorization header (before any token is read). */
export type AuthorizationRead =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'admin'; key: string }
  | { kind: 'refused'; status: 400; code: string; message: string };

/** http's `HeaderValue::to_str`: visible ASCII, space and tab only. */
function isVisibleAscii(code: number): boolean {
  return (code >= 0x20 && code < 0x7f) || code === 0x09;
}

/** http's `Debug for HeaderValue`: quoted, `"` escaped, other bytes outside visible ASCII as `\xNN`. */
function debugHeaderValue(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (!isVisibleAscii(code) || code > 0xff) out += `\\x${code.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * convex-backend crates/local_backend/src/authentication.rs:51-80 (ExtractAuthenticationToken) with
 * crates/authentication/src/lib.rs:106-118 (extract_bearer_token). `value` is the header as Node received it
 * (one character per byte).
 */
export function readAuthorization(value: string | undefined): AuthorizationRead {
  if (value === undefined) return { kind: 'none' };
  // authentication.rs:52-55: a value that is not visible ASCII cannot be read at all.
  for (let i = 0; i < value.length; i++) {
    if (!isVisibleAscii(value.charCodeAt(i)))
      return {
        kind: 'refused',
        status: 400,
        code: 'HeaderParseFailure',
        message: `Failed to parse header ${debugHeaderValue(value)}`,
      };
  }
  // authentication.rs:56-63: fewer than 7 bytes ("Bearer" with nothing after it, once trailing spaces are gone).
  if (value.length < 7)
    return { kind: 'refused', status: 400, code: 'InvalidHeaderFailure', message: 'Invalid authentication header' };
  // authentication.rs:63-68: "Convex <admin key>", any case.
  if (value.slice(0, 7).toLowerCase() === 'convex ') return { kind: 'admin', key: value.slice(7) };
  // lib.rs:110 (any case, something after the space) and authentication.rs:72-77 (its failure reads as an admin key).
  if (value.length <= 7 || value.slice(0, 7).toLowerCase() !== 'bearer ')
    return { kind: 'refused', status: 400, code: 'InvalidAdminKey', message: 'Invalid admin key' };
  // lib.rs:116: `header[7..].trim()`.
  return { kind: 'bearer', token: value.slice(7).trim() };
}

/** biscuit's `RegisteredClaims` (src/lib.rs:736-764) as the first, unverified read of the payload sees them. */
export type UnverifiedRead =
  | { ok: true; iss: string; audiences: string[]; payload: Record<string, unknown> }
  | { ok: false; error: 'parse' | 'missing-issuer'; why: string };

const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * biscuit src/serde_custom/numeric_type.rs:52-85: a non-negative integer, or a finite non-negative float below
 * 2^64. (Past chrono's range, about 8.2e12 seconds, the backend's `unwrap()` panics; that is not modelled.)
 */
function isBiscuitTimestamp(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 2 ** 64 && !Object.is(v, -0);
}

/** The registered claims' types in biscuit's RegisteredClaims (src/lib.rs:736-764): the first claim that breaks them. */
export function registeredClaimProblem(payload: Record<string, unknown>): { name: string; want: string } | undefined {
  for (const name of ['iss', 'sub', 'jti'])
    if (!absent(own(payload, name)) && typeof payload[name] !== 'string') return { name, want: 'a string' };
  const aud = own(payload, 'aud');
  if (!absent(aud) && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string')))
    return { name: 'aud', want: 'a string or an array of strings' };
  for (const name of ['exp', 'nbf', 'iat'])
    if (!absent(own(payload, name)) && !isBiscuitTimestamp(payload[name]))
      return { name, want: 'a non-negative number of seconds' };
  return undefined;
}

/**
 * convex-backend crates/authentication/src/lib.rs:162-185: `JWT::new_encoded(token).unverified_payload()` (the
 * second dot-separated part, strict unpadded base64url, serde_json into biscuit's RegisteredClaims), then `iss`.
 */
export function readUnverifiedClaims(token: string): UnverifiedRead {
  const segment = token.split('.')[1];
  if (segment === undefined) return { ok: false, error: 'parse', why: 'The token has no second part (no payload).' };
  const read = readSegment(segment, true);
  if (!read.ok) return { ok: false, error: 'parse', why: `The payload cannot be read: ${read.problem}.` };
  if (!isJsonObject(read.value)) return { ok: false, error: 'parse', why: 'The payload is not a JSON object.' };
  const payload = read.value;
  const wrong = registeredClaimProblem(payload);
  if (wrong)
    return {
      ok: false,
      error: 'parse',
      why: `${wrong.name} is ${JSON.stringify(payload[wrong.name])}; the backend's first read wants ${wrong.want}.`,
    };
  const aud = own(payload, 'aud');
  const iss = own(payload, 'iss');
  if (typeof iss !== 'string') return { ok: false, error: 'missing-issuer', why: 'The token has no iss claim.' };
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? (aud as string[]) : [];
  return { ok: true, iss, audiences, payload };
}

/** openidconnect's `IdToken::from_str` (src/jwt/mod.rs:459-505, src/id_token/mod.rs:202-245, src/claims.rs:193-343). */
export type IdTokenRead =
  { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> } | { ok: false; why: string };

/** JWS (src/core/mod.rs:616-665) and JWE content encryption (src/core/mod.rs:513-533) algorithm names. */
const JWS_ALGS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
];
const JWE_ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];

/** Standard claims that may carry a language tag (`name#fr`), src/claims.rs:166-191. */
export const LOCALIZED_CLAIMS = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'profile',
  'picture',
  'website',
];
export const PLAIN_STRING_CLAIMS = [
  'preferred_username',
  'email',
  'gender',
  'birthday',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
];
export const BOOLEAN_CLAIMS = ['email_verified', 'phone_number_verified'];
const ADDRESS_FIELDS = ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country'];
/** IdTokenClaims' own named fields (src/id_token/mod.rs:207-236): never custom claims. */
export const ID_TOKEN_FIELDS = [
  'iss',
  'aud',
  'exp',
  'iat',
  'auth_time',
  'nonce',
  'acr',
  'amr',
  'azp',
  'at_hash',
  'c_hash',
] as const;

/** `split_language_tag_key` (src/types/localized.rs:23-35): "name#fr" → ["name", "fr"]; an empty tag is none. */
export function splitLanguageTag(key: string): [string, string | undefined] {
  const at = key.indexOf('#');
  if (at < 0) return [key, undefined];
  const tag = key.slice(at + 1);
  return [key.slice(0, at), tag === '' ? undefined : tag];
}

/** RFC 3339 as chrono's `parse_from_rfc3339` takes it (date, "T" or space, time, fraction, Z or offset). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** chrono's range: about ±262,000 years of seconds. */
const MAX_SECONDS = 8_210_266_876_799;

/**
 * openidconnect's `Timestamp` with the `accept-rfc3339-timestamps` feature (src/helpers.rs:407-442): seconds as a
 * number (a fraction is kept as nanoseconds) or an RFC 3339 string. Returns milliseconds since the epoch.
 */
export function oidcTimestampMs(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || Math.abs(v) > MAX_SECONDS) return undefined;
    return Math.floor(v) * 1000 + Math.floor((v - Math.floor(v)) * 1e9) / 1e6;
  }
  if (typeof v === 'string' && RFC3339.test(v)) {
    const ms = Date.parse(v.replace(' ', 'T'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** A URL as the `url` crate and WHATWG read it. */
export function isUrl(v: string): boolean {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function headerProblemForParse(header: Record<string, unknown>): string | undefined {
  const alg = own(header, 'alg');
  if (typeof alg !== 'string') return 'the header has no alg string';
  if (alg !== 'none' && !JWS_ALGS.includes(alg) && !JWE_ENCS.includes(alg)) return `alg "${alg}" is not one it knows`;
  const crit = own(header, 'crit');
  if (!absent(crit) && !(Array.isArray(crit) && crit.every((c) => typeof c === 'string')))
    return 'crit is not a list of strings';
  for (const name of ['cty', 'kid', 'typ'])
    if (!absent(own(header, name)) && typeof header[name] !== 'string') return `${name} is not a string`;
  return undefined;
}

function addressProblem(v: unknown): boolean {
  if (absent(v)) return false;
  const ok = (x: unknown): boolean => x === undefined || x === null || typeof x === 'string';
  // serde's derived struct also accepts the fields as a six-element array, in declaration order.
  if (Array.isArray(v)) return !(v.length === ADDRESS_FIELDS.length && v.every(ok));
  if (!isJsonObject(v)) return true;
  return !ADDRESS_FIELDS.every((f) => ok(own(v, f)));
}

/** The claims rules of the OIDC parse (src/id_token/mod.rs:202-245, src/claims.rs:193-343), or the first thing they refuse. */
export function oidcClaimsProblem(payload: Record<string, unknown>): string | undefined {
  const iss = own(payload, 'iss');
  if (typeof iss !== 'string' || !isUrl(iss)) return 'iss is not a URL';
  const aud = own(payload, 'aud');
  // `default` covers a missing aud; a present null goes through deserialize_string_or_vec and fails.
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string')))
    return 'aud is not a string or a list of strings';
  for (const name of ['exp', 'iat']) {
    if (own(payload, name) === undefined) return `${name} is missing`;
    if (oidcTimestampMs(payload[name]) === undefined) return `${name} is not a time`;
  }
  const authTime = own(payload, 'auth_time');
  if (!absent(authTime) && oidcTimestampMs(authTime) === undefined) return 'auth_time is not a time';
  for (const name of ['nonce', 'acr', 'azp', 'at_hash', 'c_hash'])
    if (!absent(own(payload, name)) && typeof payload[name] !== 'string') return `${name} is not a string`;
  const amr = own(payload, 'amr');
  if (!absent(amr) && !(Array.isArray(amr) && amr.every((a) => typeof a === 'string')))
    return 'amr is not a list of strings';

  // StandardClaims (src/claims.rs:254-343): keys are read with their language tag split off.
  const seen = new Set<string>();
  let sub = false;
  for (const key of Object.keys(payload)) {
    const [field, tag] = splitLanguageTag(key);
    const value = payload[key];
    const standard =
      field === 'sub' ||
      LOCALIZED_CLAIMS.includes(field) ||
      PLAIN_STRING_CLAIMS.includes(field) ||
      BOOLEAN_CLAIMS.includes(field) ||
      field === 'address' ||
      field === 'updated_at';
    if (!standard) continue;
    const slot = `${field}#${tag ?? ''}`;
    if (seen.has(slot)) return `${key} is given twice`;
    seen.add(slot);
    if (tag !== undefined && !LOCALIZED_CLAIMS.includes(field)) return `${key} has a language tag ${field} cannot have`;
    if (field === 'sub') {
      if (typeof value !== 'string') return 'sub is not a string';
      sub = true;
    } else if (LOCALIZED_CLAIMS.includes(field) || PLAIN_STRING_CLAIMS.includes(field)) {
      if (!absent(value) && typeof value !== 'string') return `${key} is not a string`;
    } else if (BOOLEAN_CLAIMS.includes(field)) {
      if (!absent(value) && typeof value !== 'boolean') return `${key} is not true or false`;
    } else if (field === 'address') {
      if (addressProblem(value)) return 'address is not an address object';
    } else if (!absent(value) && oidcTimestampMs(value) === undefined) {
      return 'updated_at is not a time';
    }
  }
  return sub ? undefined : 'sub is missing';
}

/** convex-backend crates/authentication/src/lib.rs:261-266: `CoreIdTokenWithCustomClaims::from_str`. */
export function parseIdToken(token: string): IdTokenRead {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, why: `It has ${parts.length} parts, not 3.` };
  const header = readSegment(parts[0], false);
  if (!header.ok) return { ok: false, why: `The header cannot be read: ${header.problem}.` };
  if (!isJsonObject(header.value)) return { ok: false, why: 'The header is not a JSON object.' };
  const hp = headerProblemForParse(header.value);
  if (hp) return { ok: false, why: `The header cannot be read: ${hp}.` };
  const payload = readSegment(parts[1], false);
  if (!payload.ok) return { ok: false, why: `The payload cannot be read: ${payload.problem}.` };
  if (!isJsonObject(payload.value)) return { ok: false, why: 'The payload is not a JSON object.' };
  const cp = oidcClaimsProblem(payload.value);
  if (cp) return { ok: false, why: `The claims are not an OIDC ID token: ${cp}.` };
  if (!/^[A-Za-z0-9_-]*$/.test(parts[2]) || parts[2].length % 4 === 1)
    return { ok: false, why: 'The signature is not base64url.' };
  return { ok: true, header: header.value, payload: payload.value };
}

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
