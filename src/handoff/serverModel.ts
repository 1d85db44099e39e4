// The exercise's stand-in for Convex's authentication: what the backend does between receiving an Authorization
// header and handing a function its identity, in the backend's order and with its texts and statuses
// (convex-backend crates/local_backend/src/authentication.rs, crates/authentication/src/lib.rs,
// crates/common/src/auth.rs, and the openidconnect-rs and biscuit forks it pins; the rules themselves live in
// src/token/convexToken.ts and convexRules.ts, shared with the token panel). The learner's auth.config is applied
// unchanged: the model matches, discovers and verifies exactly as a deployment with those providers would.
import { compactVerify, importJWK, type JWK } from 'jose';
import { base64UrlNoPad, isJsonObject, readJsonLikeConvex } from '../token/convexJson';
import {
  CONVEX_ERRORS,
  discoveryError,
  issuerWithProtocol,
  matchProvider,
  noProviderError,
  storedDomain,
} from '../token/convexRules';
import { readAuthorization, readUnverifiedClaims } from '../token/convexToken';
import { isUrl, oidcTimestampMs, parseIdToken } from '../token/oidcIdToken';
import { VERIFY_ALGORITHMS, audienceProblem, joseHeaderProblem, readJwks, selectKey } from '../token/oidcVerification';
import { convexIdentity } from '../token/identity';
import type { ResolvedProvider } from '../token/types';
import { passedOnStatus, reasonPhrase, statusLine } from './httpStatus';
import type { RunIdentity } from './run/protocol';
import type { AuthOutcome, StageResult } from './types';

export interface ServerModel {
  /** The providers the deployment has (after push), as the learner's auth.config gives them. */
  readonly providers: readonly ResolvedProvider[];
  /** Convex's checks for an Authorization header value (undefined: none), up to the identity a function gets. */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
}

export interface ServerModelOptions {
  providers: readonly ResolvedProvider[];
  /** Reaches the issuers (a loopback route or the in-memory issuer in the exercise; anything in tests). */
  fetchImpl: typeof fetch;
  nowMs: () => number;
  /** Bound on each discovery or key request. */
  timeoutMs: number;
  /** A production deployment: NoAuthProvider (and customJwt key errors) are redacted, as `should_redact_errors`. */
  production?: boolean;
}

type ServerStage = 'match' | 'discover' | 'verify' | 'identity';
const AUTH_STAGES: readonly ServerStage[] = ['match', 'discover', 'verify', 'identity'];
const LABELS: Record<ServerStage, string> = {
  match: 'Match a provider',
  discover: "Fetch the issuer's keys",
  verify: 'Verify signature and claims',
  identity: 'ctx.auth.getUserIdentity()',
};

/** Statuses and codes of the errors below (errors/src/lib.rs: unauthenticated 401, bad_request 400). */
export const INTERNAL_ERROR = {
  status: 500,
  code: 'InternalServerError',
  message: "Your request couldn't be completed. Try again later.",
} as const;

/** A refusal on the way: thrown from wherever the backend would stop, answered as the HTTP error it gives. */
class Rejection extends Error {
  constructor(
    readonly stage: ServerStage,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

const unauthenticated = (stage: ServerStage, code: string, message: string, detail: string): Rejection =>
  new Rejection(stage, 401, code, message, detail);

interface Fetched {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

const lossy = new TextDecoder('utf-8');
const MAX_BODY = 512 * 1024;

export function createServerModel(opts: ServerModelOptions): ServerModel {
  const providers = opts.providers;

  async function get(url: string, accept: string): Promise<Fetched> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
    try {
      const res = await opts.fetchImpl(url, {
        headers: { accept },
        redirect: 'manual',
        signal: controller.signal,
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length > MAX_BODY) throw new Error(`the response from ${url} is larger than ${MAX_BODY} bytes`);
      return { status: res.status, contentType: res.headers.get('content-type'), bytes };
    } finally {
      clearTimeout(timer);
    }
  }

  /** openidconnect's `content_type_has_essence` (src/http_utils.rs:13-42): absent is fine. */
  const essenceIs = (ct: string | null, ...want: string[]): boolean =>
    ct === null || want.includes(ct.slice(0, ct.includes(';') ? ct.indexOf(';') : ct.length).toLowerCase());

  /**
   * `CoreProviderMetadata::discover_async` (openidconnect src/discovery/mod.rs:309-395, src/types/jwks.rs:111-165)
   * and its error mapping in crates/authentication/src/lib.rs:209-241.
   */
  async function discover(iss: string): Promise<{ keys: Record<string, unknown>[]; jwksUri: string }> {
    const failed = discoveryError(iss);
    const plain = (why: string): Rejection =>
      new Rejection('discover', 400, 'AuthProviderDiscoveryFailed', failed, why);
    const response = (what: string, r: Fetched): Rejection =>
      new Rejection(
        'discover',
        passedOnStatus(r.status),
        'AuthProviderDiscoveryFailed',
        `${failed}: ${statusLine(r.status)} ${lossy.decode(r.bytes)}`,
        `The issuer answered the ${what} request with HTTP ${r.status}${r.status === 200 ? ` and Content-Type ${r.contentType ?? ''}` : ''}.`,
      );
    // IssuerUrl::join (src/types/mod.rs:306-311).
    const url = `${iss.endsWith('/') ? iss : `${iss}/`}.well-known/openid-configuration`;
    let doc: Fetched;
    try {
      doc = await get(url, 'application/json');
    } catch (err) {
      throw plain(`${url} could not be fetched: ${err instanceof Error ? err.message : String(err)}.`);
    }
    if (doc.status !== 200 || !essenceIs(doc.contentType, 'application/json')) throw response('discovery', doc);
    const meta = readJsonLikeConvex(doc.bytes);
    if (!meta.ok || !isJsonObject(meta.value)) throw plain(`${url} is not a JSON discovery document.`);
    const { issuer, jwks_uri: jwksUri } = meta.value;
    if (typeof issuer !== 'string' || typeof jwksUri !== 'string' || !isUrl(jwksUri) || !isUrl(issuer))
      throw plain(`${url} has no issuer and jwks_uri URLs.`);
    if (issuer !== iss)
      throw plain(`The discovery document names the issuer ${issuer}, not exactly the token's ${iss}.`);
    let jwks: Fetched;
    try {
      jwks = await get(jwksUri, 'application/json');
    } catch (err) {
      throw plain(`${jwksUri} could not be fetched: ${err instanceof Error ? err.message : String(err)}.`);
    }
    if (jwks.status !== 200 || !essenceIs(jwks.contentType, 'application/json', 'application/jwk-set+json'))
      throw response('key set', jwks);
    const set = readJsonLikeConvex(jwks.bytes);
    const keys = set.ok ? readJwks(set.value) : undefined;
    if (!keys) throw plain(`${jwksUri} is not a JSON key set.`);
    return { keys, jwksUri };
  }

  async function verifyWith(token: string, key: Record<string, unknown>, alg: string): Promise<boolean> {
    try {
      await compactVerify(token, await importJWK(key as JWK, alg), { algorithms: [alg] });
      return true;
    } catch {
      return false;
    }
  }

  /** The OIDC branch of `validate_id_token` (crates/authentication/src/lib.rs:201-272). */
  async function oidc(
    token: string,
    iss: string,
    provider: ResolvedProvider & { applicationID: string },
    done: (s: ServerStage, d: string) => void,
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
    const { keys, jwksUri } = await discover(iss);
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
      throw refuse(
        'The signature does not match: the token was changed after it was signed, or another key signed it.',
      );
    const now = Math.floor(opts.nowMs() / 1000) * 1000;
    const expMs = oidcTimestampMs(payload.exp) ?? 0;
    if (now >= expMs) throw refuse(`Expired ${Math.round((now - expMs) / 1000)} s ago (Convex allows no leeway).`);
    const kid = typeof choice.key.kid === 'string' ? ` ${choice.key.kid}` : '';
    done('verify', `Signature valid (${alg} key${kid}); aud holds "${provider.applicationID}"; not expired.`);
    return convexIdentity(payload);
  }

  /** The customJwt branch (lib.rs:273-386) and `UserIdentity::from_custom_jwt` (keybroker/src/broker.rs:507-546). */
  async function customJwt(
    token: string,
    provider: ResolvedProvider,
    done: (s: ServerStage, d: string) => void,
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
        r = await get(jwksUri, 'application/json');
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
        ? opts.production
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
    const now = Math.floor(opts.nowMs() / 1000);
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

  async function authenticate(header: string | undefined): Promise<AuthOutcome> {
    const stages: StageResult[] = [];
    const done = (stage: ServerStage, detail: string, status: StageResult['status'] = 'pass'): void => {
      stages.push({ stage, status, label: LABELS[stage], detail });
    };
    const reject = (r: Rejection): AuthOutcome => {
      done(r.stage, r.detail, 'fail');
      for (const s of AUTH_STAGES.slice(AUTH_STAGES.indexOf(r.stage) + 1))
        done(s, 'Not reached: the request was rejected.', 'skipped');
      return { stages, rejected: { status: r.status, code: r.code, message: r.message } };
    };
    try {
      const read = readAuthorization(header);
      if (read.kind === 'none') {
        for (const s of ['match', 'discover', 'verify'] as const)
          done(s, 'No Authorization header: nothing to check.', 'skipped');
        done('identity', 'null: the request is anonymous.', 'info');
        return { stages, identity: null };
      }
      if (read.kind === 'refused')
        throw new Rejection(
          'match',
          read.status,
          read.code,
          read.message,
          `The Authorization header is refused before any token is read: ${read.message}.`,
        );
      if (read.kind === 'admin')
        // application_auth.rs:35-71 with access_token_auth.rs:14-19: this deployment has no admin key to match.
        throw unauthenticated(
          'match',
          'BadAdminKey',
          'The provided admin key was invalid for this instance',
          '"Convex <key>" is an admin key, and this deployment has none to match it.',
        );
      const token = read.token;
      // lib.rs:161-198.
      const first = readUnverifiedClaims(token);
      if (!first.ok)
        throw unauthenticated(
          'match',
          'InvalidAuthHeader',
          first.error === 'parse' ? CONVEX_ERRORS.parse : CONVEX_ERRORS.missingIssuer,
          first.why,
        );
      const provider = matchProvider(providers, first.iss, first.audiences);
      if (!provider)
        throw unauthenticated(
          'match',
          'NoAuthProvider',
          noProviderError(providers, opts.production),
          providers.length === 0
            ? 'The deployment has no providers.'
            : `No provider has the domain ${first.iss} together with an applicationID in aud (${JSON.stringify(first.audiences)}).`,
        );
      done(
        'match',
        provider.type === 'customJwt'
          ? `CustomJWT(issuer=${storedDomain(provider.domain ?? '')}) matches iss ${first.iss}.`
          : `OIDC(domain=${storedDomain(provider.domain ?? '')}, app_id=${provider.applicationID ?? ''}) matches iss ${first.iss} and aud.`,
      );
      const identity =
        provider.type === 'customJwt'
          ? await customJwt(token, provider, done)
          : await oidc(token, first.iss, provider as ResolvedProvider & { applicationID: string }, done);
      done(
        'identity',
        JSON.stringify({
          subject: identity.subject,
          issuer: identity.issuer,
          tokenIdentifier: identity.tokenIdentifier,
        }),
      );
      return { stages, identity };
    } catch (err) {
      if (err instanceof Rejection) return reject(err);
      throw err;
    }
  }

  return { providers, authenticate };
}

/** `extract_custom_jwt_claims` (broker.rs:676-690): nested objects flattened to "a.b" keys, `fva` dropped. */
function customClaims(o: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    if (isJsonObject(v)) customClaims(v, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, v);
  }
  return out;
}

const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

function customIdentity(payload: Record<string, unknown>): RunIdentity {
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
