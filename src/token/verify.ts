// Checks 19–22: what Convex does with the network. OIDC discovery from the token's own `iss`, the exact issuer
// match, the JWKS, the key with the token's `kid`, and the signature (jose). The panel runs it only when the user
// asks; the exercise's server model runs the same steps. Never follows redirects, never fetches `jku`/`x5u`,
// never verifies an HMAC token with a public key, and never waits longer than `timeoutMs` in total.
import { compactVerify, importJWK, type JWK } from 'jose';
import { isPrivateAddress, urlReasons, type GateReason } from './addressGate';
import { BodyTooLarge, UnsupportedEncoding, boundedGet, type GetOptions, type ResolvedAddress } from './boundedGet';
import { ALLOWED_ALGORITHMS, CONVEX_ERRORS, discoveryError, isIssuerUrl } from './convexRules';
import { selectKey } from './convexToken';
import { decodeJsonObject } from './decode';
import { clip, describeValue } from './display';
import { normaliseToken } from './normalise';
import type { TokenCheck } from './types';

export interface VerifyOptions {
  timeoutMs: number;
  fetchImpl?: typeof fetch;
  /**
   * The exercise's own loopback issuer and tests: no gate at all (http and loopback allowed). Never set for a
   * pasted token; the panel passes `ask` instead.
   */
  allowInsecureHttp?: boolean;
  /**
   * Asked for every URL the gate would not fetch on its own (http, a private or loopback host by name, literal or
   * by what it resolves to). Without it such URLs are refused. Time spent waiting for the answer is not counted
   * against `timeoutMs`.
   */
  ask?: (request: GateRequest) => Promise<boolean>;
  /** Resolver for host names (tests stand in a rebinding name). */
  resolve?: GetOptions['resolve'];
}

export interface GateRequest {
  url: string;
  what: 'discovery document' | 'key set (JWKS)';
  reasons: GateReason[];
  /** When the name resolved to a private address at connect time: that address. */
  address?: string;
}

export type PublicJwk = Record<string, unknown>;

/** Discovery documents and key sets are small; anything bigger is not one. */
const MAX_BODY_BYTES = 512 * 1024;

class Failure extends Error {
  constructor(readonly check: TokenCheck) {
    super(check.title);
  }
}

class Timeout extends Error {}

function fail(id: string, stage: TokenCheck['stage'], title: string, detail: string, convexError?: string): Failure {
  return new Failure({ id, stage, status: 'fail', title, detail, ...(convexError ? { convexError } : {}) });
}

/**
 * One deadline for the whole verification (discovery, keys and the signature check), paused while the user is
 * asked whether an address may be fetched. Aborts the signal and rejects `expired` when it passes.
 */
class Deadline {
  readonly controller = new AbortController();
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private remaining: number;
  private startedAt = 0;
  private fire: () => void = () => undefined;

  constructor(timeoutMs: number) {
    this.remaining = timeoutMs;
    this.expired = new Promise<never>((_, reject) => {
      this.fire = () => {
        this.controller.abort();
        reject(new Timeout());
      };
    });
    this.expired.catch(() => undefined);
    this.resume();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  async paused<T>(work: () => Promise<T>): Promise<T> {
    clearTimeout(this.timer);
    this.remaining -= Date.now() - this.startedAt;
    try {
      return await work();
    } finally {
      this.resume();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private resume(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(this.fire, Math.max(0, this.remaining));
  }
}

export async function verifySignature(token: string, opts: VerifyOptions): Promise<TokenCheck[]> {
  const input = signatureInput(normaliseToken(token).token);
  if (!input.ok) return [input.check];
  const deadline = new Deadline(opts.timeoutMs);
  try {
    const found = await findKeys(input.iss, opts, deadline);
    if (!found.keys) return found.checks;
    try {
      return [
        ...found.checks,
        ...(await deadline.race(checkSignature(input.token, input.alg, input.kid, found.keys, deadline.signal))),
      ];
    } catch (err) {
      return [...found.checks, transportFailure(err, opts.timeoutMs, input.iss)];
    }
  } finally {
    deadline.dispose();
  }
}

export type SignatureInput =
  { ok: true; token: string; alg: string; kid: unknown; iss: string } | { ok: false; check: TokenCheck };

/** What can be refused before any request: unreadable tokens, disallowed algorithms, no issuer URL. */
export function signatureInput(token: string): SignatureInput {
  try {
    const parts = token.split('.');
    const header = parts.length === 3 ? decodeJsonObject(parts[0]) : undefined;
    const payload = parts.length === 3 ? decodeJsonObject(parts[1]) : undefined;
    if (!header?.ok || !payload?.ok) {
      throw fail(
        'verify-input',
        'match',
        'The token cannot be decoded',
        'Fix what the local checks report first: a signature can only be checked on a readable header.payload.signature token.',
        CONVEX_ERRORS.parse,
      );
    }
    const alg = Object.hasOwn(header.value, 'alg') ? header.value.alg : undefined;
    if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg) || parts[2] === '') {
      const hmac = typeof alg === 'string' && /^HS\d+$/.test(alg);
      throw fail(
        'verify-algorithm',
        'verify',
        hmac ? `${alg} is never checked against public keys` : 'Not an RS256 or EdDSA signature',
        hmac
          ? `${alg} uses a shared secret. Checking it with the issuer's public key would let anyone holding that (public) key forge tokens, so it is refused, as Convex refuses it.`
          : `The header says alg ${describeValue(alg ?? null)}${parts[2] === '' ? ' and the signature is empty' : ''}. Convex only accepts RS256 and EdDSA.`,
        CONVEX_ERRORS.verify,
      );
    }
    const iss = Object.hasOwn(payload.value, 'iss') ? payload.value.iss : undefined;
    if (typeof iss !== 'string' || !isIssuerUrl(iss)) {
      throw fail(
        'verify-input',
        'match',
        'No issuer URL to ask for keys',
        "The keys come from the token's own issuer (iss), which must be an https URL.",
        iss === undefined ? CONVEX_ERRORS.missingIssuer : CONVEX_ERRORS.oidcParse,
      );
    }
    return { ok: true, token, alg, kid: Object.hasOwn(header.value, 'kid') ? header.value.kid : undefined, iss };
  } catch (err) {
    if (err instanceof Failure) return { ok: false, check: err.check };
    throw err;
  }
}

/** Check 19 and 22: discovery from `iss`, the exact issuer match, the JWKS. Never throws. */
export async function discoverKeys(
  iss: string,
  opts: VerifyOptions,
): Promise<{ checks: TokenCheck[]; keys?: PublicJwk[] }> {
  const deadline = new Deadline(opts.timeoutMs);
  try {
    return await findKeys(iss, opts, deadline);
  } finally {
    deadline.dispose();
  }
}

async function findKeys(
  iss: string,
  opts: VerifyOptions,
  deadline: Deadline,
): Promise<{ checks: TokenCheck[]; keys?: PublicJwk[] }> {
  const checks: TokenCheck[] = [];
  try {
    const gate = new Gate(iss, opts, deadline);
    const keys = await deadline.race(fetchKeys(iss, opts, gate, deadline.signal, checks));
    return { checks, keys };
  } catch (err) {
    checks.push(err instanceof Failure ? err.check : transportFailure(err, opts.timeoutMs, iss));
    return { checks };
  }
}

const REASON_WORDS: Record<GateReason, string> = {
  'not-https': 'is not https',
  'private-name': 'names this machine or a private network',
  'private-address': 'is a loopback, private, link-local or otherwise non-public address',
};

/**
 * The one gate for every URL verification fetches: by literal before the request, and by resolved address at
 * connect time. What the user approves is remembered per origin and reason for this verification only.
 */
class Gate {
  private readonly approved = new Set<string>();

  constructor(
    private readonly iss: string,
    private readonly opts: VerifyOptions,
    private readonly deadline: Deadline,
  ) {}

  async admit(url: string, what: GateRequest['what']): Promise<void> {
    if (this.opts.allowInsecureHttp) return;
    const reasons = urlReasons(url) ?? [];
    const origin = new URL(url).origin;
    const open = reasons.filter((r) => !this.approved.has(`${origin} ${r}`));
    if (open.length === 0) return;
    await this.askOrRefuse(
      { url, what, reasons: open },
      reasons.map((r) => `${origin} ${r}`),
    );
  }

  /** The connect-time half: every address the name resolved to. */
  checkAddress(
    url: string,
    what: GateRequest['what'],
  ): (hostname: string, addresses: ResolvedAddress[]) => Promise<void> {
    return async (_hostname, addresses) => {
      if (this.opts.allowInsecureHttp) return;
      const origin = new URL(url).origin;
      // A host the user already agreed is private (localhost, an intranet name) may resolve to a private address.
      if (this.approved.has(`${origin} private-name`) || this.approved.has(`${origin} private-address`)) return;
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (!bad) return;
      await this.askOrRefuse({ url, what, reasons: ['private-address'], address: bad.address }, [
        `${origin} private-address`,
      ]);
    };
  }

  private async askOrRefuse(request: GateRequest, keys: string[]): Promise<void> {
    const ask = this.opts.ask;
    const yes = ask ? await this.deadline.paused(() => ask(request)) : false;
    if (yes) {
      for (const k of keys) this.approved.add(k);
      return;
    }
    const why = request.reasons.map((r) => REASON_WORDS[r]).join(' and ');
    const resolved = request.address ? ` (it resolves to ${request.address})` : '';
    throw fail(
      'verify-gate',
      'discover',
      `The ${request.what} was not fetched`,
      `${clip(request.url)} ${why}${resolved}. ${ask ? 'You chose not to fetch it' : 'Verification only fetches public https addresses on its own'}: nothing was requested from it, and nothing from it is shown.`,
      discoveryError(clip(this.iss)),
    );
  }
}

function transportFailure(err: unknown, timeoutMs: number, iss: string): TokenCheck {
  const convexError = discoveryError(iss);
  if (err instanceof Timeout || (err instanceof Error && err.name === 'AbortError')) {
    return {
      id: 'timeout',
      stage: 'discover',
      status: 'fail',
      convexError,
      title: 'The issuer did not answer in time',
      detail: `No complete answer within ${timeoutMs / 1000} s. The issuer may be down or unreachable from here.`,
    };
  }
  return {
    id: 'network',
    stage: 'discover',
    status: 'fail',
    convexError,
    title: 'The issuer could not be reached',
    detail: `The request failed (${networkCause(err)}). Check the issuer URL and your network connection.`,
  };
}

/** Node's codes for the usual ways a request fails, in words (OpenSSL's own text is a line of internals). */
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at that address',
  ENOTFOUND: 'the host name does not resolve',
  ECONNRESET: 'the connection was closed before an answer came',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server there does not speak https (TLS)',
};

export function networkCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const raw = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  // node:https reports a plain-http answer as EPROTO with OpenSSL's text; fetch (undici) as the SSL code.
  const code =
    raw === 'EPROTO' && cause instanceof Error && /wrong version number/i.test(cause.message)
      ? 'ERR_SSL_WRONG_VERSION_NUMBER'
      : raw;
  const words =
    code &&
    (NETWORK_CAUSES[code] ??
      (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? 'its TLS certificate is not trusted here' : undefined));
  if (words) return `${words}: ${code}`;
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
}

async function fetchKeys(
  iss: string,
  opts: VerifyOptions,
  gate: Gate,
  signal: AbortSignal,
  checks: TokenCheck[],
): Promise<PublicJwk[]> {
  const discoveryUrl = `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  await gate.admit(discoveryUrl, 'discovery document');
  const doc = await getJson(
    discoveryUrl,
    'discovery document',
    opts,
    signal,
    iss,
    gate.checkAddress(discoveryUrl, 'discovery document'),
  );
  checks.push({
    id: 'discovery',
    stage: 'discover',
    status: 'pass',
    title: 'Discovery document found',
    detail: discoveryUrl,
  });
  const docIssuer = Object.hasOwn(doc, 'issuer') ? doc.issuer : undefined;
  if (docIssuer !== iss) {
    throw fail(
      'discovery-issuer',
      'discover',
      'The discovery document names another issuer',
      `It says issuer ${describeValue(docIssuer ?? null, 300)}; the token says ${describeValue(iss, 300)}. They must be identical, character for character (including any trailing slash).`,
      discoveryError(iss),
    );
  }
  checks.push({
    id: 'discovery-issuer',
    stage: 'discover',
    status: 'pass',
    title: 'Issuer matches exactly',
    detail: iss,
  });
  const jwksUri = Object.hasOwn(doc, 'jwks_uri') ? doc.jwks_uri : undefined;
  if (typeof jwksUri !== 'string' || !isIssuerUrl(jwksUri)) {
    throw fail(
      'jwks',
      'discover',
      'No usable jwks_uri',
      `The discovery document's jwks_uri is ${describeValue(jwksUri ?? null, 300)}; it must be an https URL.`,
      discoveryError(iss),
    );
  }
  await gate.admit(jwksUri, 'key set (JWKS)');
  const jwks = await getJson(
    jwksUri,
    'key set (JWKS)',
    opts,
    signal,
    iss,
    gate.checkAddress(jwksUri, 'key set (JWKS)'),
  );
  const keys =
    Object.hasOwn(jwks, 'keys') && Array.isArray(jwks.keys)
      ? jwks.keys.filter((k): k is PublicJwk => k !== null && typeof k === 'object' && !Array.isArray(k))
      : undefined;
  if (!keys)
    throw fail(
      'jwks',
      'discover',
      'The key set has no keys list',
      `${jwksUri} answered JSON without a "keys" array.`,
      discoveryError(iss),
    );
  checks.push({
    id: 'jwks',
    stage: 'discover',
    status: 'pass',
    title: `Key set found (${keys.length} key${keys.length === 1 ? '' : 's'})`,
    detail: jwksUri,
  });
  return keys;
}

/** Checks 20 and 21: the key with the token's kid, then the signature with the algorithm pinned. */
export async function checkSignature(
  token: string,
  alg: string,
  kid: unknown,
  keys: PublicJwk[],
  signal?: AbortSignal,
): Promise<TokenCheck[]> {
  const kty = alg === 'RS256' ? 'RSA' : 'OKP';
  const candidates = keys.filter(
    (k) =>
      k.kty === kty &&
      (typeof kid !== 'string' || k.kid === kid) &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === alg),
  );
  // Convex's verifier takes exactly one eligible key (selectKey, src/token/convexToken.ts): a token without kid
  // against several keys is refused, not tried key by key.
  if (candidates.length > 1) {
    const choice = selectKey(candidates, kid, alg);
    if (!choice.ok)
      return [
        {
          id: 'jwks-kid',
          stage: 'verify',
          status: 'fail',
          convexError: CONVEX_ERRORS.verify,
          title: 'No single key to check with',
          detail: `${choice.why} Clerk's tokens always carry a kid.`,
        },
      ];
  }
  if (candidates.length === 0) {
    const kids = keys.slice(0, 10).map((k) => (typeof k.kid === 'string' ? clip(k.kid, 60) : '(no kid)'));
    const known =
      (kids.join(', ') || 'none') + (keys.length > kids.length ? ` and ${keys.length - kids.length} more` : '');
    return [
      {
        id: 'jwks-kid',
        stage: 'verify',
        status: 'fail',
        convexError: CONVEX_ERRORS.verify,
        title: kid === undefined ? `No ${kty} signing key in the key set` : 'No key with this kid',
        detail: `${kid === undefined ? 'The token has no kid' : `The token was signed with kid ${describeValue(kid)}`}; the issuer publishes: ${known}. It was signed by a key this issuer does not publish (another Clerk instance, or a key that was rotated out).`,
      },
    ];
  }
  const checks: TokenCheck[] = [
    {
      id: 'jwks-kid',
      stage: 'verify',
      status: 'pass',
      title: 'Signing key found',
      detail:
        kid === undefined
          ? `${candidates.length} candidate key(s); the token has no kid.`
          : `kid ${describeValue(kid)}`,
    },
  ];
  for (const jwk of candidates) {
    // Inside the verification's deadline: a key set of a thousand kid-less keys stops when time is up.
    if (signal?.aborted) throw new Timeout();
    try {
      const key = await importJWK(jwk as JWK, alg);
      await compactVerify(token, key, { algorithms: [alg] });
      checks.push({
        id: 'signature',
        stage: 'verify',
        status: 'pass',
        title: 'Signature is valid',
        detail: `Signed by the issuer's ${alg} key${typeof jwk.kid === 'string' ? ` ${clip(jwk.kid, 60)}` : ''}.`,
      });
      return checks;
    } catch {
      // A key that does not import or does not verify: try the next candidate.
    }
  }
  checks.push({
    id: 'signature',
    stage: 'verify',
    status: 'fail',
    convexError: CONVEX_ERRORS.verify,
    title: 'The signature does not match',
    detail:
      'The header and payload are not what the issuer signed: the token was changed after it was issued, or cut while copying.',
  });
  return checks;
}

async function getJson(
  url: string,
  what: string,
  opts: VerifyOptions,
  signal: AbortSignal,
  iss: string,
  checkAddress: GetOptions['checkAddress'],
): Promise<Record<string, unknown>> {
  const failHere = (title: string, detail: string): Failure =>
    fail(what.startsWith('key') ? 'jwks' : 'discovery', 'discover', title, detail, discoveryError(clip(iss)));
  const shownUrl = clip(url);
  let res;
  try {
    res = await boundedGet(url, {
      signal,
      maxBytes: MAX_BODY_BYTES,
      ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
      ...(checkAddress ? { checkAddress } : {}),
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
    });
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      throw failHere(
        `The ${what} is too large`,
        `${shownUrl} ${err.declared ? `announced ${Math.round(err.bytes / 1024).toLocaleString('en-US')} KiB` : `sent more than ${MAX_BODY_BYTES / 1024} KiB`}; a ${what} is a few KiB, so it was refused ${err.declared ? 'before reading it' : 'there, without reading the rest'}.`,
      );
    }
    if (err instanceof UnsupportedEncoding) {
      throw failHere(
        `The ${what} uses an encoding this panel does not read`,
        `${shownUrl} answered with Content-Encoding ${describeValue(err.encoding)}; only gzip or none is accepted.`,
      );
    }
    throw err;
  }
  if (res.status >= 300 && res.status < 400) {
    throw failHere(
      `The ${what} URL redirects`,
      `${shownUrl} answered ${res.status}${res.location ? ` to ${clip(res.location)}` : ''}. Redirects are not followed: the issuer must serve it at exactly this address.`,
    );
  }
  if (res.status !== 200) {
    throw failHere(
      `The ${what} could not be fetched`,
      `${shownUrl} answered HTTP ${res.status}${res.statusText ? ` ${clip(res.statusText, 80)}` : ''}.${what.startsWith('discovery') ? ' Is iss really an OIDC issuer (your Clerk Frontend API URL)?' : ''}`,
    );
  }
  const text = res.text;
  if (/html/i.test(res.contentType ?? '') || /^\s*</.test(text)) {
    throw failHere(
      `The ${what} URL returned a web page`,
      `${shownUrl} answered HTML instead of JSON: probably a sign-in or error page, not the ${what}.`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw failHere(`The ${what} is not JSON`, `${shownUrl} answered text that is not JSON.`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw failHere(`The ${what} is not a JSON object`, `${shownUrl} answered JSON that is not an object.`);
  return body as Record<string, unknown>;
}
