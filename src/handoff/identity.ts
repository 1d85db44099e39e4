// The identity Convex hands a function for a verified token (`ctx.auth.getUserIdentity()`), as a plain object:
// tokenIdentifier `iss|sub`, subject, issuer, OIDC profile claims under Convex's names, custom claims as they are.
// The token panel's prediction (src/token/identity.ts) uses the same tables for its bounded display.
import { DROPPED, MAPPED } from '../token/identity';
import type { RunIdentity } from './run/protocol';

export function convexIdentity(payload: Record<string, unknown>): RunIdentity {
  const issuer = String(payload.iss);
  const subject = String(payload.sub);
  const identity: RunIdentity = { tokenIdentifier: `${issuer}|${subject}`, subject, issuer };
  for (const name of Object.keys(payload)) {
    if (DROPPED.has(name) || name === '__proto__') continue;
    identity[Object.hasOwn(MAPPED, name) ? MAPPED[name] : name] = payload[name];
  }
  return identity;
}
