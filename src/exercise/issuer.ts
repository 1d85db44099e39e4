// The exercise's stand-in for Clerk: an RS256 key pair made at run time, the discovery document and JWKS a
// Clerk Frontend API publishes, and session tokens shaped like Clerk's. A second key, never published, signs
// the unknown-kid scenario.
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { SampleUser } from './types';

export interface MintOverrides {
  /** Claims to add or replace. */
  claims?: Record<string, unknown>;
  /** Claims to leave out (e.g. "aud" for a session token without the Convex integration). */
  omit?: string[];
  /** Sign with the second key, which the JWKS does not publish (the unknown-kid scenario). */
  signWith?: 'published' | 'unknown';
  /** Seconds the token lives; Clerk's session tokens live 60 s. */
  lifetimeSec?: number;
  /** Extra protected-header fields (e.g. a `typ` Convex rejects); `alg` and `kid` stay the issuer's. */
  header?: Record<string, unknown>;
}

export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported: string[];
  response_types_supported: string[];
  subject_types_supported: string[];
}

export interface Issuer {
  readonly issuerUrl: string;
  readonly discoveryUrl: string;
  readonly jwksUrl: string;
  readonly kid: string;
  discoveryDocument(): DiscoveryDocument;
  jwks(): { keys: Record<string, unknown>[] };
  mintToken(user: SampleUser, overrides?: MintOverrides): Promise<string>;
  /** The same keys answering under another URL. */
  withUrl(issuerUrl: string): Issuer;
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

interface KeyMaterial {
  kid: string;
  privateKey: PrivateKey;
  publicJwk: Record<string, unknown>;
  unknownKid: string;
  /** Made on first use: RSA key generation is the slow part of starting the exercise. */
  unknownKey: () => Promise<PrivateKey>;
}

function randomId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return (
    prefix + Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 62]).join('')
  );
}

export async function createIssuer(opts: { issuerUrl: string; nowMs?: () => number }): Promise<Issuer> {
  const published = await generateKeyPair('RS256');
  const kid = randomId('ins_');
  let unknown: Promise<PrivateKey> | undefined;
  const keys: KeyMaterial = {
    kid,
    privateKey: published.privateKey,
    publicJwk: { ...(await exportJWK(published.publicKey)), kid, alg: 'RS256', use: 'sig' },
    unknownKid: randomId('ins_'),
    unknownKey: () => (unknown ??= generateKeyPair('RS256').then((pair) => pair.privateKey)),
  };
  return issuerAt(opts.issuerUrl, keys, opts.nowMs ?? Date.now);
}

function issuerAt(issuerUrl: string, keys: KeyMaterial, nowMs: () => number): Issuer {
  const base = issuerUrl.replace(/\/+$/, '');
  const discoveryUrl = `${base}/.well-known/openid-configuration`;
  const jwksUrl = `${base}/.well-known/jwks.json`;
  return {
    issuerUrl,
    discoveryUrl,
    jwksUrl,
    kid: keys.kid,
    discoveryDocument: () => ({
      issuer: issuerUrl,
      jwks_uri: jwksUrl,
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
    }),
    jwks: () => ({ keys: [{ ...keys.publicJwk }] }),
    async mintToken(user, overrides = {}) {
      const now = Math.floor(nowMs() / 1000);
      // Clerk's session token, version 2 (the claims its docs list): nbf a few seconds before iat for clock skew,
      // fva the factor verification ages. Callers add aud as Clerk's Convex integration or a JWT template would.
      const claims: Record<string, unknown> = {
        azp: 'http://localhost:5173',
        exp: now + (overrides.lifetimeSec ?? 60),
        fva: [0, -1],
        iat: now,
        iss: issuerUrl,
        nbf: now - 5,
        sid: `sess_${user.id.slice(5)}`,
        sub: user.id,
        v: 2,
        ...overrides.claims,
      };
      for (const name of overrides.omit ?? []) delete claims[name];
      const unknownKey = overrides.signWith === 'unknown';
      return new SignJWT(claims)
        .setProtectedHeader({
          typ: 'JWT',
          ...overrides.header,
          alg: 'RS256',
          kid: unknownKey ? keys.unknownKid : keys.kid,
        })
        .sign(unknownKey ? await keys.unknownKey() : keys.privateKey);
    },
    withUrl: (url) => issuerAt(url, keys, nowMs),
  };
}
