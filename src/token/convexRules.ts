// Convex's own rules for a bearer token, in one place: the token panel predicts with them and the exercise's
// server model enforces them, so the two can never disagree. Error texts are Convex's, verbatim.
import { describeValue } from './display';
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

/** Auth provider discovery failure names the token's issuer. */
export function discoveryError(iss: string): string {
  return `Auth provider discovery of ${iss} failed`;
}

/** The NoAuthProvider text, listing the configured providers the way Convex prints them. */
export function noProviderError(providers: readonly ResolvedProvider[]): string {
  if (providers.length === 0) return `${NO_PROVIDER} (no providers configured). Check convex/auth.config.ts.`;
  const list = providers.map(providerLabel).join(', ');
  return `${NO_PROVIDER}. Check that your JWT's issuer and audience match one of your configured providers: [${list}]`;
}

/** How Convex prints one provider in that list: `OIDC(domain=…, app_id=…)` or `CustomJWT(issuer=…, app_id=none|…)`. */
export function providerLabel(p: ResolvedProvider): string {
  if (p.type === 'customJwt') return `CustomJWT(issuer=${p.domain ?? ''}, app_id=${p.applicationID ?? 'none'})`;
  return `OIDC(domain=${p.domain ?? ''}, app_id=${p.applicationID ?? ''})`;
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

/** Convex's domain normalisation: `https://` added when there is no scheme, trailing slashes dropped. */
export function normaliseDomain(value: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  return withScheme.replace(/\/+$/, '');
}

/**
 * Push-time rules for a provider domain: Convex rejects a domain starting with a quote and any scheme other
 * than http(s). Returns what is wrong, or undefined.
 */
export function configDomainProblem(domain: string): string | undefined {
  if (domain.startsWith('"')) return 'the domain starts with a quote character';
  const normalised = normaliseDomain(domain);
  if (!isIssuerUrl(normalised)) return 'the domain is not an http(s) URL';
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(new URL(normalised).hostname))
    return 'the domain has characters a host name cannot contain';
  return undefined;
}

/** `aud` as a list (a string or an array of strings); anything else has no audiences. */
export function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

/**
 * The first provider Convex would pick for this token: its applicationID is among the audiences AND its
 * normalised domain (a customJwt provider's issuer) equals the normalised issuer. A customJwt provider without
 * applicationID matches only a token with no `aud` at all. Providers whose domain is unknown locally never match.
 */
export function matchProvider(
  providers: readonly ResolvedProvider[],
  iss: string,
  aud: unknown,
): ResolvedProvider | undefined {
  const auds = audiences(aud);
  const issuer = normaliseDomain(iss);
  return providers.find((p) => {
    if (p.domain === undefined || normaliseDomain(p.domain) !== issuer) return false;
    if (p.applicationID !== undefined) return auds.includes(p.applicationID);
    return p.type === 'customJwt' && aud === undefined;
  });
}

/** Header rules: `typ` absent or "JWT", no `cty`, no `crit`. Returns what is wrong, or undefined. */
export function headerProblem(header: Record<string, unknown>): string | undefined {
  if (header.typ !== undefined && header.typ !== 'JWT') return `typ is ${describeValue(header.typ)}, not "JWT"`;
  if (header.cty !== undefined) return 'the header has a cty (content type) field';
  if (header.crit !== undefined) return 'the header has a crit (critical extensions) field';
  return undefined;
}

/** Zero leeway: a token is expired from the second `now` reaches `exp`. */
export function isExpired(exp: number, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) >= exp;
}

/** The required claims and the types Convex's OIDC parser accepts for the standard ones. */
export const REQUIRED_CLAIMS = ['iss', 'sub', 'iat', 'exp'] as const;
export const NUMERIC_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time'] as const;
export const STRING_CLAIMS = [
  'iss',
  'sub',
  'azp',
  'nonce',
  'sid',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
] as const;
export const BOOLEAN_CLAIMS = ['email_verified', 'phone_number_verified'] as const;

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
