// openidconnect's parse of a bearer token as an OIDC ID token, as the Convex backend runs it before any signature
// check: get-convex/openidconnect-rs @15a9c55 (src/…), pinned by convex-backend. Pure: no network, no jose.
import { isJsonObject, readSegment } from './convexJson';
import { absent } from './convexToken';
import { own } from './own';

/** openidconnect's `IdToken::from_str` (src/jwt/mod.rs:459-505, src/id_token/mod.rs:202-245, src/claims.rs:193-343). */
export type IdTokenRead =
  { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> } | { ok: false; why: string };

/** JWS (src/core/mod.rs:616-665) and JWE content encryption (src/core/mod.rs:513-533) algorithm names. */
export const JWS_ALGS = [
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
export const JWE_ENCS = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];

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
