// What `ctx.auth.getUserIdentity()` returns for a token Convex accepts: subject, issuer, tokenIdentifier, the
// OIDC profile claims under Convex's camel-cased names, and custom claims passed through.
import type { DisplayBuilder } from './display';
import { MAX_SHOWN_CLAIMS } from './limits';

export const MAPPED: Record<string, string> = {
  name: 'name',
  given_name: 'givenName',
  family_name: 'familyName',
  nickname: 'nickname',
  preferred_username: 'preferredUsername',
  profile: 'profileUrl',
  picture: 'pictureUrl',
  website: 'websiteUrl',
  email: 'email',
  email_verified: 'emailVerified',
  gender: 'gender',
  birthdate: 'birthday',
  zoneinfo: 'timezone',
  locale: 'language',
  phone_number: 'phoneNumber',
  phone_number_verified: 'phoneNumberVerified',
  address: 'address',
  updated_at: 'updatedAt',
};

/** Claims Convex consumes itself or drops (JWT bookkeeping, and Clerk's `fva`). */
export const DROPPED = new Set([
  'sub',
  'iss',
  'aud',
  'exp',
  'iat',
  'nbf',
  'jti',
  'azp',
  'auth_time',
  'nonce',
  'acr',
  'amr',
  'fva',
]);

export function predictIdentity(
  payload: Record<string, unknown>,
  display: DisplayBuilder,
  shown?: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  const iss = String(payload.iss);
  const sub = String(payload.sub);
  const identity = Object.create(null) as Record<string, unknown>;
  identity.tokenIdentifier = display.text(`${iss}|${sub}`, 'identity.tokenIdentifier');
  identity.subject = display.text(sub, 'identity.subject');
  identity.issuer = display.text(iss, 'identity.issuer');
  let count = 0;
  for (const name of Object.keys(payload)) {
    if (DROPPED.has(name)) continue;
    if (count++ >= MAX_SHOWN_CLAIMS) break; // the panel shows no more of it than of the claims
    const target = Object.hasOwn(MAPPED, name) ? MAPPED[name] : display.text(name, 'identity (key)');
    // The claims table already prepared the same value: the identity shares it instead of preparing it again.
    identity[target] = shown?.has(name) ? shown.get(name) : display.value(payload[name], `identity.${target}`);
  }
  return identity;
}
