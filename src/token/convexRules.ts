// Convex's own rules for a bearer token, in one place: the token panel predicts with them and the exercise's
// authentication model (src/exercise/convexAuth.ts) enforces them, so the two can never disagree. Error texts are
// Convex's, verbatim.
import { joseHeaderProblem } from './oidcVerification';
import type { ResolvedProvider } from './types';

export const CONVEX_ERRORS = {
  parse:
    'Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.',
  missingIssuer:
    "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
  oidcParse: 'Could not parse as OIDC ID token. Token might not be an OIDC-compliant JWT.',
  verify: "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
} as const;

const NO_PROVIDER = 'No auth provider found matching the given token';

/** Auth provider discovery failure names the token's issuer (convex-backend crates/authentication/src/lib.rs:213). */
export function discoveryError(iss: string): string {
  return `Auth provider discovery of ${iss} failed`;
}

/**
 * The NoAuthProvider text, listing the configured providers the way Convex prints them
 * (crates/authentication/src/lib.rs:64-103). `redact`: a production deployment says only the first sentence.
 */
export function noProviderError(providers: readonly ResolvedProvider[], redact = false): string {
  if (redact) return NO_PROVIDER;
  if (providers.length === 0) return `${NO_PROVIDER} (no providers configured). Check convex/auth.config.ts.`;
  const list = providers.map(providerLabel).join(', ');
  return `${NO_PROVIDER}. Check that your JWT's issuer and audience match one of your configured providers: [${list}]`;
}

/**
 * How Convex prints one provider in that list: `OIDC(domain=…, app_id=…)` or `CustomJWT(issuer=…, app_id=none|…)`,
 * the domain as stored after push (`https://` added when it had no scheme, crates/common/src/auth.rs:215-219).
 */
export function providerLabel(p: ResolvedProvider): string {
  const domain = p.domain === undefined ? '' : storedDomain(p.domain);
  if (p.type === 'customJwt') return `CustomJWT(issuer=${domain}, app_id=${p.applicationID ?? 'none'})`;
  return `OIDC(domain=${domain}, app_id=${p.applicationID ?? ''})`;
}

export const ALLOWED_ALGORITHMS: readonly string[] = ['RS256', 'EdDSA'];

/**
 * What a customJwt provider says when the token does not decode with its keys and algorithm
 * (convex-backend crates/authentication/src/lib.rs, the `decode_with_jwks` failure).
 */
export function customJwtDecodeError(kid: unknown): string {
  return typeof kid === 'string'
    ? `Could not decode token. The JWT's 'kid' (key ID) header is '${kid}', does this key match any key in the provider's JWKS?`
    : "Could not decode token. JWT may be missing a 'kid' (key ID) header.";
}

/** The domain as a push stores it: `https://` added unless it starts with a scheme (`^\w+://`), auth.rs:203-219. */
export function storedDomain(domain: string): string {
  return /^\w+:\/\//.test(domain) ? domain : `https://${domain}`;
}

/** A token's `iss` as matching sees it: `https://` added unless it is http(s) already (auth.rs:69-74). */
export function issuerWithProtocol(iss: string): string {
  return iss.startsWith('https://') || iss.startsWith('http://') ? iss : `https://${iss}`;
}

/** Convex's domain normalisation for comparison: stored form, trailing slashes dropped. */
export function normaliseDomain(value: string): string {
  return storedDomain(value).replace(/\/+$/, '');
}

/**
 * Push-time rules for a provider domain (crates/common/src/auth.rs:209-251): no leading quote, a URL, http(s)
 * only, and without a scheme a host ending in a top-level domain. Returns what is wrong, or undefined. The TLD
 * test here only refuses what cannot be one (digits, a single label); the backend checks a full TLD list.
 */
export function configDomainProblem(domain: string): string | undefined {
  if (domain.startsWith('"')) return 'the domain starts with a quote character';
  const stored = storedDomain(domain);
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return 'the domain is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the domain is not an http(s) URL';
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname))
    return 'the domain has characters a host name cannot contain';
  if (stored !== domain && url.hostname !== 'localhost' && !/\.[a-z][a-z0-9-]*[a-z0-9]$/i.test(url.hostname))
    return 'the domain has no scheme and does not end with a top-level domain';
  return undefined;
}

/** `aud` as a list (a string or an array of strings); anything else has no audiences. */
export function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/**
 * The first provider Convex would pick for this token (`AuthInfo::matches_token`, crates/common/src/auth.rs:48-82):
 * its applicationID, when it has one, is among the audiences, and its stored domain (a customJwt provider's issuer)
 * equals the token's issuer with `https://` added if needed, trailing slashes ignored on both sides. A customJwt
 * provider without applicationID matches whatever the aud. Providers whose domain is unknown locally never match.
 */
export function matchProvider(
  providers: readonly ResolvedProvider[],
  iss: string,
  aud: unknown,
): ResolvedProvider | undefined {
  const auds = audiences(aud);
  const issuer = issuerWithProtocol(iss).replace(/\/+$/, '');
  return providers.find((p) => {
    if (p.domain === undefined || storedDomain(p.domain).replace(/\/+$/, '') !== issuer) return false;
    if (p.applicationID !== undefined) return auds.includes(p.applicationID);
    return p.type === 'customJwt';
  });
}

/** Header rules of Convex's verifier: typ JWT or JOSE (any case, "application/" optional), no cty, no crit. */
export function headerProblem(header: Record<string, unknown>): string | undefined {
  for (const name of ['typ', 'cty', 'kid'])
    if (Object.hasOwn(header, name) && header[name] !== null && typeof header[name] !== 'string')
      return `${name} is not a string`;
  return joseHeaderProblem(header);
}

/** Zero leeway: a token is expired from the second `now` reaches `exp`. */
export function isExpired(exp: number, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) >= exp;
}

/** A claim value that is a finite number of seconds (rejects strings, Infinity from `1e309`, NaN). */
export function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `iss` must be an absolute http(s) URL. */
export function isIssuerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** One provider as written in auth.config, for the push-time checks. */
export interface WrittenProvider {
  /** Property names as written (misspellings included). */
  keys?: string[];
  type?: string;
  /** The resolved domain (or customJwt issuer), when known. */
  domain?: string;
  applicationID?: string;
}

const SCHEMA = 'auth config file must include a list of provider credentials: ';

/**
 * Why `npx convex dev` would refuse to push this auth.config, in Convex's words, or undefined. Follows
 * crates/isolate/src/environment/auth_config.rs:303-367 (`check_for_common_confusions`), then the schema and
 * crates/common/src/auth.rs:209-241 (`deserialize_issuer_url`) for each domain that is known.
 */
export function authConfigPushProblem(
  providers: readonly WrittenProvider[],
): { text: string; verbatim: boolean } | undefined {
  const convex = (text: string) => ({ text, verbatim: true });
  for (const [index, p] of providers.entries()) {
    const keys = p.keys ?? [];
    if (keys.includes('applicationId') || keys.includes('applicationid'))
      return convex(
        `${SCHEMA}Provider at index ${index} must have applicationID property spelled lowercase 'application', capital I, capital D.`,
      );
    const type = p.type ?? 'unknown';
    if (type !== 'customJwt' && type !== 'oidc' && type !== 'unknown')
      return convex(`${SCHEMA}Provider at index ${index} has unexpected 'type' value '${type}'`);
    if (type === 'customJwt' && keys.includes('domain'))
      return convex(`${SCHEMA}Provider at index ${index} is a customJwt so cannot have a 'domain' specified`);
    if (type !== 'customJwt' && keys.includes('issuer'))
      return convex(`${SCHEMA}Provider at index ${index} is oidc so cannot have an 'issuer' specified.`);
  }
  for (const p of providers) {
    const d = p.domain;
    if (d === undefined) continue;
    if (d.startsWith('"')) return convex(`Invalid provider domain URL "${d}": starts with a double quote (")`);
    const problem = configDomainProblem(d);
    if (problem === 'the domain is not an http(s) URL')
      return convex(`Invalid provider domain URL "${d}": scheme should be http or https`);
    if (problem === 'the domain has no scheme and does not end with a top-level domain')
      return convex(
        `Invalid provider domain URL "${d}": Does not look like a URL (must have a scheme or end with a top-level domain)`,
      );
  }
  // The schema (auth.rs:122-139): an OIDC provider needs applicationID. Convex's serde text is not reproduced.
  const missing = providers.findIndex(
    (p) =>
      (p.type ?? 'oidc') !== 'customJwt' && p.applicationID === undefined && !(p.keys ?? []).includes('applicationID'),
  );
  if (missing >= 0)
    return {
      text: `Provider at index ${missing} has no applicationID; an OIDC provider needs one, so the push fails.`,
      verbatim: false,
    };
  return undefined;
}
