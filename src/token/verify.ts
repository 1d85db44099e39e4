// Checks 19–22: what Convex does with the network. OIDC discovery from the token's own `iss`, the exact issuer
// match, the JWKS, the key with the token's `kid`, and the signature (jose). The panel runs it only when the user
// asks; the exercise's server model runs the same steps. Never follows redirects, never fetches `jku`/`x5u`,
// never verifies an HMAC token with a public key, and never waits longer than `timeoutMs` in total.
import { compactVerify, importJWK, type JWK } from 'jose';
import { ALLOWED_ALGORITHMS, CONVEX_ERRORS, discoveryError, isIssuerUrl } from './convexRules';
import { decodeJsonObject } from './decode';
import { normaliseToken } from './normalise';
import type { TokenCheck } from './types';

export interface VerifyOptions {
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  /** Allow an http issuer (the exercise's loopback issuer and tests); never set for a pasted token. */
  allowInsecureHttp?: boolean;
}

export type PublicJwk = Record<string, unknown>;

/** Discovery documents and key sets are small; anything bigger is not one. */
const MAX_BODY_CHARS = 512 * 1024;

class Failure extends Error {
  constructor(readonly check: TokenCheck) {
    super(check.title);
  }
}

class Timeout extends Error {}

function fail(id: string, stage: TokenCheck['stage'], title: string, detail: string, convexError?: string): Failure {
  return new Failure({ id, stage, status: 'fail', title, detail, ...(convexError ? { convexError } : {}) });
}

export async function verifySignature(token: string, opts: VerifyOptions): Promise<TokenCheck[]> {
  const input = signatureInput(normaliseToken(token).token);
  if (!input.ok) return [input.check];
  const found = await discoverKeys(input.iss, opts);
  if (!found.keys) return found.checks;
  return [...found.checks, ...(await checkSignature(input.token, input.alg, input.kid, found.keys))];
}

export type SignatureInput =
  | { ok: true; token: string; alg: string; kid: unknown; iss: string }
  | { ok: false; check: TokenCheck };

/** What can be refused before any request: unreadable tokens, disallowed algorithms, no issuer URL. */
export function signatureInput(token: string): SignatureInput {
  try {
    const parts = token.split('.');
    const header = parts.length === 3 ? decodeJsonObject(parts[0]) : undefined;
    const payload = parts.length === 3 ? decodeJsonObject(parts[1]) : undefined;
    if (!header?.ok || !payload?.ok) {
      throw fail('verify-input', 'match', 'The token cannot be decoded', 'Fix what the local checks report first: a signature can only be checked on a readable header.payload.signature token.', CONVEX_ERRORS.parse);
    }
    const alg = Object.hasOwn(header.value, 'alg') ? header.value.alg : undefined;
    if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg) || parts[2] === '') {
      const hmac = typeof alg === 'string' && /^HS\d+$/.test(alg);
      throw fail('verify-algorithm', 'verify', hmac ? `${alg} is never checked against public keys` : 'Not an RS256 or EdDSA signature',
        hmac
          ? `${alg} uses a shared secret. Checking it with the issuer's public key would let anyone holding that (public) key forge tokens, so it is refused, as Convex refuses it.`
          : `The header says alg ${JSON.stringify(alg ?? null)}${parts[2] === '' ? ' and the signature is empty' : ''}. Convex only accepts RS256 and EdDSA.`,
        CONVEX_ERRORS.verify);
    }
    const iss = Object.hasOwn(payload.value, 'iss') ? payload.value.iss : undefined;
    if (typeof iss !== 'string' || !isIssuerUrl(iss)) {
      throw fail('verify-input', 'match', 'No issuer URL to ask for keys', 'The keys come from the token\'s own issuer (iss), which must be an https URL.',
        iss === undefined ? CONVEX_ERRORS.missingIssuer : CONVEX_ERRORS.oidcParse);
    }
    return { ok: true, token, alg, kid: Object.hasOwn(header.value, 'kid') ? header.value.kid : undefined, iss };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, check: err.check };
    throw err;
  }
}

/** Runs `work` with an abort signal; rejects with Timeout at the deadline even if `work` ignores the signal. */
async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Timeout());
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Check 19 and 22: discovery from `iss`, the exact issuer match, the JWKS. Never throws. */
export async function discoverKeys(iss: string, opts: VerifyOptions): Promise<{ checks: TokenCheck[]; keys?: PublicJwk[] }> {
  const checks: TokenCheck[] = [];
  if (!iss.startsWith('https://') && !opts.allowInsecureHttp) {
    checks.push({ id: 'verify-https', stage: 'discover', status: 'fail', convexError: discoveryError(iss), title: 'The issuer is not https',
      detail: `${iss} is not an https URL; keys are only fetched over https. Clerk issuers are always https.` });
    return { checks };
  }
  try {
    const keys = await withDeadline(opts.timeoutMs, (signal) => fetchKeys(iss, opts, signal, checks));
    return { checks, keys };
  } catch (err) {
    checks.push(err instanceof Failure ? err.check : transportFailure(err, opts.timeoutMs, iss));
    return { checks };
  }
}

function transportFailure(err: unknown, timeoutMs: number, iss: string): TokenCheck {
  const convexError = discoveryError(iss);
  if (err instanceof Timeout || (err instanceof Error && err.name === 'AbortError')) {
    return { id: 'timeout', stage: 'discover', status: 'fail', convexError, title: 'The issuer did not answer in time',
      detail: `No complete answer within ${timeoutMs / 1000} s. The issuer may be down or unreachable from here.` };
  }
  return { id: 'network', stage: 'discover', status: 'fail', convexError, title: 'The issuer could not be reached',
    detail: `The request failed (${networkCause(err)}). Check the issuer URL and your network connection.` };
}

/** Node's codes for the usual ways a request fails, in words (OpenSSL's own text is a line of internals). */
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at that address',
  ENOTFOUND: 'the host name does not resolve',
  ECONNRESET: 'the connection was closed before an answer came',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server there does not speak https (TLS)',
};

function networkCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  const words = code && (NETWORK_CAUSES[code] ?? (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? 'its TLS certificate is not trusted here' : undefined));
  if (words) return `${words}: ${code}`;
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
}

async function fetchKeys(iss: string, opts: VerifyOptions, signal: AbortSignal, checks: TokenCheck[]): Promise<PublicJwk[]> {
  const discoveryUrl = `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const doc = await getJson(discoveryUrl, 'discovery document', opts, signal, iss);
  checks.push({ id: 'discovery', stage: 'discover', status: 'pass', title: 'Discovery document found', detail: discoveryUrl });
  const docIssuer = Object.hasOwn(doc, 'issuer') ? doc.issuer : undefined;
  if (docIssuer !== iss) {
    throw fail('discovery-issuer', 'discover', 'The discovery document names another issuer',
      `It says issuer ${JSON.stringify(docIssuer ?? null)}; the token says ${JSON.stringify(iss)}. They must be identical, character for character (including any trailing slash).`, discoveryError(iss));
  }
  checks.push({ id: 'discovery-issuer', stage: 'discover', status: 'pass', title: 'Issuer matches exactly', detail: iss });
  const jwksUri = Object.hasOwn(doc, 'jwks_uri') ? doc.jwks_uri : undefined;
  if (typeof jwksUri !== 'string' || !isIssuerUrl(jwksUri) || (!jwksUri.startsWith('https://') && !opts.allowInsecureHttp)) {
    throw fail('jwks', 'discover', 'No usable jwks_uri', `The discovery document's jwks_uri is ${JSON.stringify(jwksUri ?? null)}; it must be an https URL.`, discoveryError(iss));
  }
  const jwks = await getJson(jwksUri, 'key set (JWKS)', opts, signal, iss);
  const keys = Object.hasOwn(jwks, 'keys') && Array.isArray(jwks.keys)
    ? jwks.keys.filter((k): k is PublicJwk => k !== null && typeof k === 'object' && !Array.isArray(k))
    : undefined;
  if (!keys) throw fail('jwks', 'discover', 'The key set has no keys list', `${jwksUri} answered JSON without a "keys" array.`, discoveryError(iss));
  checks.push({ id: 'jwks', stage: 'discover', status: 'pass', title: `Key set found (${keys.length} key${keys.length === 1 ? '' : 's'})`, detail: jwksUri });
  return keys;
}

/** Checks 20 and 21: the key with the token's kid, then the signature with the algorithm pinned. */
export async function checkSignature(token: string, alg: string, kid: unknown, keys: PublicJwk[]): Promise<TokenCheck[]> {
  const kty = alg === 'RS256' ? 'RSA' : 'OKP';
  const candidates = keys.filter((k) => k.kty === kty && (kid === undefined || k.kid === kid) && (k.use === undefined || k.use === 'sig'));
  if (candidates.length === 0) {
    const known = keys.map((k) => (typeof k.kid === 'string' ? k.kid : '(no kid)')).join(', ') || 'none';
    return [{ id: 'jwks-kid', stage: 'verify', status: 'fail', convexError: CONVEX_ERRORS.verify,
      title: kid === undefined ? `No ${kty} signing key in the key set` : 'No key with this kid',
      detail: `${kid === undefined ? 'The token has no kid' : `The token was signed with kid ${JSON.stringify(kid)}`}; the issuer publishes: ${known}. It was signed by a key this issuer does not publish (another Clerk instance, or a key that was rotated out).` }];
  }
  const checks: TokenCheck[] = [{ id: 'jwks-kid', stage: 'verify', status: 'pass', title: 'Signing key found',
    detail: kid === undefined ? `${candidates.length} candidate key(s); the token has no kid.` : `kid ${String(kid)}` }];
  for (const jwk of candidates) {
    try {
      const key = await importJWK(jwk as JWK, alg);
      await compactVerify(token, key, { algorithms: [alg] });
      checks.push({ id: 'signature', stage: 'verify', status: 'pass', title: 'Signature is valid',
        detail: `Signed by the issuer's ${alg} key${typeof jwk.kid === 'string' ? ` ${jwk.kid}` : ''}.` });
      return checks;
    } catch {
      // A key that does not import or does not verify: try the next candidate.
    }
  }
  checks.push({ id: 'signature', stage: 'verify', status: 'fail', convexError: CONVEX_ERRORS.verify, title: 'The signature does not match',
    detail: 'The header and payload are not what the issuer signed: the token was changed after it was issued, or cut while copying.' });
  return checks;
}

async function getJson(url: string, what: string, opts: VerifyOptions, signal: AbortSignal, iss: string): Promise<Record<string, unknown>> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const res = await fetchImpl(url, { redirect: 'manual', signal, headers: { accept: 'application/json' } });
  const failHere = (title: string, detail: string): Failure =>
    fail(what.startsWith('key') ? 'jwks' : 'discovery', 'discover', title, detail, discoveryError(iss));
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    const to = res.headers.get('location');
    throw failHere(`The ${what} URL redirects`, `${url} answered ${res.status || 'a redirect'}${to ? ` to ${to}` : ''}. Redirects are not followed: the issuer must serve it at exactly this address.`);
  }
  if (res.status !== 200) {
    throw failHere(`The ${what} could not be fetched`, `${url} answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.${what.startsWith('discovery') ? ' Is iss really an OIDC issuer (your Clerk Frontend API URL)?' : ''}`);
  }
  const text = await res.text();
  if (text.length > MAX_BODY_CHARS) throw failHere(`The ${what} is too large`, `${url} answered ${Math.round(text.length / 1024)} KiB: that is not a ${what}.`);
  if (/html/i.test(res.headers.get('content-type') ?? '') || /^\s*</.test(text)) {
    throw failHere(`The ${what} URL returned a web page`, `${url} answered HTML instead of JSON: probably a sign-in or error page, not the ${what}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw failHere(`The ${what} is not JSON`, `${url} answered text that is not JSON.`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw failHere(`The ${what} is not a JSON object`, `${url} answered JSON that is not an object.`);
  return body as Record<string, unknown>;
}
