// What Convex does with the network before the signature: OIDC discovery from the token's own `iss` (check
// `discovery`), the exact issuer match (`discovery-issuer`) and the key set (`jwks`). Never follows redirects.
import { BodyTooLarge, UnsupportedEncoding, boundedGet, type GetOptions } from './boundedGet';
import { discoveryError, isIssuerUrl } from './convexRules';
import { clip, describeValue } from './display';
import { fail, type Failure } from './verifyFailure';
import type { Gate } from './verifyGate';
import type { PublicJwk, VerifyOptions } from './verifyOptions';
import type { TokenCheck } from './types';

/** Discovery documents and key sets are small; anything bigger is not one. */
const MAX_BODY_BYTES = 512 * 1024;

export async function fetchKeys(
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
