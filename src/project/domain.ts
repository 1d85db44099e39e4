/**
 * How a literal auth.config `domain` reads against a token's `iss`. One reading for the diagnostics, the token
 * panel's project checks and the walkthrough, so the three never disagree about the same value; each words and
 * grades the result for its own place.
 */
export interface DomainReading {
  /** Nothing but whitespace (or quotes). */
  empty: boolean;
  /** Starts with a quote character: Convex rejects the config at push time. */
  quoted: boolean;
  /** Carries a discovery or JWKS path (`/.well-known/…`, `/jwks.json`): the token's `iss` is only the origin. */
  discoveryUrl: boolean;
  scheme: 'https' | 'http' | 'none';
  /** The issuer URL the value most likely meant: unquoted, without the discovery path, with https://. */
  issuer: string;
}

const DISCOVERY_PATH = /\/\.well-known|\/jwks(\.json)?$/;

export function readDomain(value: string): DomainReading {
  const trimmed = value.trim();
  let issuer = trimmed.replace(/^["'`]+|["'`]+$/g, '');
  const at = issuer.search(DISCOVERY_PATH);
  if (at !== -1) issuer = issuer.slice(0, at);
  const scheme = /^https:\/\//i.test(issuer) ? 'https' : /^http:\/\//i.test(issuer) ? 'http' : 'none';
  if (scheme === 'http') issuer = `https://${issuer.slice('http://'.length)}`;
  else if (scheme === 'none' && issuer !== '') issuer = `https://${issuer.replace(/^\/+/, '')}`;
  return { empty: issuer === '', quoted: /^["'`]/.test(trimmed), discoveryUrl: at !== -1, scheme, issuer };
}
