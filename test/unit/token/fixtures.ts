// Real tokens made with jose for the token tests: RS256 and EdDSA keys, an HMAC secret, and helpers to
// hand-craft the malformed tokens jose refuses to sign.
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';

export const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
export const NOW = NOW_MS / 1000;
export const ISSUER = 'https://exotic-crab-75.clerk.accounts.dev';
export const PROVIDERS = [{ domain: ISSUER, applicationID: 'convex' }];

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;
export interface KeySet {
  rsa: Keys;
  rsaJwk: JWK;
  ed: Keys;
  edJwk: JWK;
  other: Keys;
}

let keys: Promise<KeySet> | undefined;
export function testKeys(): Promise<KeySet> {
  return (keys ??= (async () => {
    const [rsa, ed, other] = await Promise.all([
      generateKeyPair('RS256'),
      generateKeyPair('EdDSA'),
      generateKeyPair('RS256'),
    ]);
    return {
      rsa,
      ed,
      other,
      rsaJwk: { ...(await exportJWK(rsa.publicKey)), kid: 'ins_rsa', alg: 'RS256', use: 'sig' },
      edJwk: { ...(await exportJWK(ed.publicKey)), kid: 'ins_ed', alg: 'EdDSA', use: 'sig' },
    };
  })());
}

/** Claims of a Clerk session token with the Convex integration on, valid at NOW. */
export function sessionClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    azp: 'http://localhost:5173',
    exp: NOW + 42,
    iat: NOW - 18,
    iss: ISSUER,
    nbf: NOW - 28,
    sid: 'sess_2abc',
    sub: 'user_2xyz',
    v: 2,
    fva: [0, -1],
    aud: 'convex',
    ...extra,
  };
}

/** Claims of the legacy "convex" JWT template. */
export function templateClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: 'convex',
    azp: 'http://localhost:5173',
    exp: NOW + 60,
    iat: NOW,
    iss: ISSUER,
    jti: 'a1b2c3',
    nbf: NOW - 5,
    sub: 'user_2xyz',
    name: 'Ada Lovelace',
    given_name: 'Ada',
    email: 'ada@example.com',
    email_verified: true,
    ...extra,
  };
}

export async function signRs256(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  key?: Keys['privateKey'],
): Promise<string> {
  const k = await testKeys();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_rsa', typ: 'JWT', ...header })
    .sign(key ?? k.rsa.privateKey);
}

export async function signEdDsa(claims: Record<string, unknown>): Promise<string> {
  const k = await testKeys();
  return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'ins_ed', typ: 'JWT' }).sign(k.ed.privateKey);
}

export async function signHs256(claims: Record<string, unknown>, kid = 'ins_rsa'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
    .sign(new TextEncoder().encode('a shared secret of 32+ bytes!!!!'));
}

export function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** A token from raw segments (for what jose will not sign: alg none, odd JSON, bad types). */
export function rawToken(header: unknown, payloadJson: string, signature = 'c2ln'): string {
  return `${b64url(JSON.stringify(header))}.${b64url(payloadJson)}.${signature}`;
}

export function ids(checks: { id: string; status: string }[], status = 'fail'): string[] {
  return checks.filter((c) => c.status === status).map((c) => c.id);
}
