// The identity a customJwt token gives a function (`UserIdentity::from_custom_jwt`): issuer|subject as the
// token identifier, the other claims flattened beside them.
import { isJsonObject } from '../token/convexJson';
import type { RunIdentity } from './run/protocol';

/** `extract_custom_jwt_claims` (broker.rs:676-690): nested objects flattened to "a.b" keys, `fva` dropped. */
function customClaims(o: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    if (isJsonObject(v)) customClaims(v, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

export function customIdentity(payload: Record<string, unknown>): RunIdentity {
  const iss = String(payload.iss);
  const sub = String(payload.sub);
  const identity: RunIdentity = { tokenIdentifier: `${iss}|${sub}`, issuer: iss, subject: sub };
  const rest = Object.fromEntries(Object.entries(payload).filter(([k]) => !REGISTERED.has(k)));
  const claims = customClaims(rest);
  claims.delete('fva');
  for (const k of [...claims.keys()].sort())
    Object.defineProperty(identity, k, { value: claims.get(k), enumerable: true, writable: true, configurable: true });
  return identity;
}
