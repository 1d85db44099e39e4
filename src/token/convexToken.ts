// How Convex reads an Authorization header and a bearer token, stage by stage, before and around the signature
// check. Each function follows one place of the backend: convex-backend (crates/…) and the forks it pins,
// get-convex/biscuit @05bdaab (src/…) here, get-convex/openidconnect-rs @15a9c55 in oidcIdToken.ts (the ID token
// parse) and oidcVerification.ts (the verifier's rules). Pure: no network, no jose.
import { isJsonObject, readSegment } from './convexJson';
import { own } from './own';

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

export const absent = (v: unknown): boolean => v === undefined || v === null;

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
