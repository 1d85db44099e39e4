// Reaching an issuer as the backend does: a bounded GET without redirects, and OIDC discovery of its key set.
import { isJsonObject, readJsonLikeConvex } from '../token/convexJson';
import { discoveryError } from '../token/convexRules';
import { isUrl } from '../token/oidcIdToken';
import { readJwks } from '../token/oidcVerification';
import { passedOnStatus, statusLine } from './httpStatus';
import { Rejection } from './serverRejection';

export interface Fetched {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

const lossy = new TextDecoder('utf-8');
const MAX_BODY = 512 * 1024;

export type IssuerGet = (url: string, accept: string) => Promise<Fetched>;

/** A GET bounded in time and size, through the exercise's fetch. */
export function issuerGet(fetchImpl: typeof fetch, timeoutMs: number): IssuerGet {
  return async (url, accept) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetchImpl(url, {
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
  };
}

/** openidconnect's `content_type_has_essence` (src/http_utils.rs:13-42): absent is fine. */
const essenceIs = (ct: string | null, ...want: string[]): boolean =>
  ct === null || want.includes(ct.slice(0, ct.includes(';') ? ct.indexOf(';') : ct.length).toLowerCase());

/**
 * `CoreProviderMetadata::discover_async` (openidconnect src/discovery/mod.rs:309-395, src/types/jwks.rs:111-165)
 * and its error mapping in crates/authentication/src/lib.rs:209-241.
 */
export async function discover(
  get: IssuerGet,
  iss: string,
): Promise<{ keys: Record<string, unknown>[]; jwksUri: string }> {
  const failed = discoveryError(iss);
  const plain = (why: string): Rejection => new Rejection('discover', 400, 'AuthProviderDiscoveryFailed', failed, why);
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
  if (issuer !== iss) throw plain(`The discovery document names the issuer ${issuer}, not exactly the token's ${iss}.`);
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
