// The OIDC branch of the backend's token check: discovery, then the ID token verified as openidconnect-rs does.
import { compactVerify, importJWK, type JWK } from 'jose';
import { CONVEX_ERRORS } from '../token/convexRules';
import { isUrl, oidcTimestampMs, parseIdToken } from '../token/oidcIdToken';
import { VERIFY_ALGORITHMS, audienceProblem, joseHeaderProblem, selectKey } from '../token/oidcVerification';
import { convexIdentity } from '../token/identity';
import type { ResolvedProvider } from '../token/types';
import type { RunIdentity } from './run/protocol';
import { discover, type IssuerGet } from './serverDiscovery';
import { INTERNAL_ERROR, Rejection, unauthenticated, type StageDone } from './serverRejection';

/** What the token checks take from the authentication model's options (convexAuth.ts). */
export interface CheckDeps {
  get: IssuerGet;
  nowMs: () => number;
  production?: boolean;
}

export async function verifyWith(token: string, key: Record<string, unknown>, alg: string): Promise<boolean> {
  try {
    await compactVerify(token, await importJWK(key as JWK, alg), { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

/** The OIDC branch of `validate_id_token` (crates/authentication/src/lib.rs:201-272). */
export async function oidc(
  deps: CheckDeps,
  token: string,
  iss: string,
  provider: ResolvedProvider & { applicationID: string },
  done: StageDone,
): Promise<RunIdentity> {
  // lib.rs:208: `IssuerUrl::new(token_issuer)?` carries no error metadata: an iss that is no URL is a 500.
  if (!isUrl(iss))
    throw new Rejection(
      'discover',
      INTERNAL_ERROR.status,
      INTERNAL_ERROR.code,
      INTERNAL_ERROR.message,
      `iss ${JSON.stringify(iss)} matched a provider but is not a URL, so there is no address to discover.`,
    );
  const { keys, jwksUri } = await discover(deps.get, iss);
  done(
    'discover',
    `${iss}/.well-known/openid-configuration names this issuer; its JWKS (${jwksUri}) has ${keys.length} key${keys.length === 1 ? '' : 's'}.`,
  );
  // lib.rs:261-266: the token is parsed as an OIDC ID token.
  const parsed = parseIdToken(token);
  if (!parsed.ok) throw unauthenticated('verify', 'InvalidAuthHeader', CONVEX_ERRORS.oidcParse, parsed.why);
  const { header, payload } = parsed;
  // lib.rs:267-271 with the verifier of lib.rs:247-260 (openidconnect src/verification/mod.rs:283-457, 783-860).
  const refuse = (why: string): Rejection => unauthenticated('verify', 'Unauthenticated', CONVEX_ERRORS.verify, why);
  const headerWhy = joseHeaderProblem(header);
  if (headerWhy) throw refuse(`The header is refused: ${headerWhy}.`);
  const audWhy = audienceProblem(payload, provider.applicationID);
  if (audWhy) throw refuse(`The audience is refused: ${audWhy}.`);
  const alg = String(header.alg);
  if (alg === 'none') throw refuse('The token is not signed (alg "none").');
  if (!VERIFY_ALGORITHMS.includes(alg)) throw refuse(`alg ${alg} is not RS256 or EdDSA.`);
  const choice = selectKey(keys, header.kid, alg);
  if (!choice.ok) throw refuse(choice.why);
  if (!(await verifyWith(token, choice.key, alg)))
    throw refuse('The signature does not match: the token was changed after it was signed, or another key signed it.');
  const now = Math.floor(deps.nowMs() / 1000) * 1000;
  const expMs = oidcTimestampMs(payload.exp) ?? 0;
  if (now >= expMs) throw refuse(`Expired ${Math.round((now - expMs) / 1000)} s ago (Convex allows no leeway).`);
  const kid = typeof choice.key.kid === 'string' ? ` ${choice.key.kid}` : '';
  done('verify', `Signature valid (${alg} key${kid}); aud holds "${provider.applicationID}"; not expired.`);
  return convexIdentity(payload);
}
