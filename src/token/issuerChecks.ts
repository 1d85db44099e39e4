// The issuer's checks: `issuer`, `issuer-match` against auth.config, `domain-env` for a domain read from an env var,
// and `publishable-key` against the Clerk instance of the publishable key.
import { CONVEX_ERRORS, isIssuerUrl, noProviderError, normaliseDomain } from './convexRules';
import { clip, describeValue } from './display';
import type { ResolvedProvider, TokenCheck } from './types';

/** Check `issuer`: Convex picks the provider by iss, so it must be there and be an http(s) URL. */
export function issuerCheck(iss: unknown): TokenCheck {
  if (iss === undefined) {
    return {
      id: 'issuer',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.missingIssuer,
      title: 'No issuer (iss)',
      detail:
        "Convex picks the provider by the token's issuer; without iss it cannot. Clerk always sets it: this token was not made by Clerk.",
    };
  }
  if (typeof iss !== 'string') {
    return {
      id: 'issuer',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.oidcParse,
      title: 'iss is not a string',
      detail: `iss is ${describeValue(iss)}; it must be the issuer's URL as a string.`,
    };
  }
  if (!isIssuerUrl(iss)) {
    return {
      id: 'issuer',
      stage: 'verify',
      status: 'fail',
      convexError: CONVEX_ERRORS.oidcParse,
      title: 'iss is not an http(s) URL',
      detail: `iss is ${describeValue(iss)}. Clerk's issuer is your Frontend API URL, e.g. https://<name>.clerk.accounts.dev.`,
    };
  }
  return { id: 'issuer', stage: 'match', status: 'pass', title: 'Has an issuer', detail: clip(iss) };
}

export function issuerMatchCheck(iss: string, providers: ResolvedProvider[] | undefined): TokenCheck {
  const id = 'issuer-match';
  if (providers === undefined) {
    return {
      id,
      stage: 'match',
      status: 'skipped',
      title: 'No convex/auth.config to compare with',
      detail:
        'Add convex/auth.config.ts with your Clerk issuer as the provider domain; then the issuer is compared here.',
    };
  }
  if (providers.length === 0) {
    return {
      id,
      stage: 'match',
      status: 'fail',
      convexError: noProviderError(providers),
      title: 'auth.config has no providers',
      detail:
        'Convex has no provider to match this token with. Add { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }.',
    };
  }
  const normIss = normaliseDomain(iss);
  const exact = providers.find((p) => p.domain !== undefined && normaliseDomain(p.domain) === normIss);
  if (exact) {
    const slash =
      exact.domain !== iss ? ` (written "${exact.domain}"; Convex adds https:// and ignores trailing slashes)` : '';
    return {
      id,
      stage: 'match',
      status: 'pass',
      title: 'Issuer matches a provider domain',
      detail: `${clip(iss)}${slash}.`,
    };
  }
  const unknown = providers.filter((p) => p.domain === undefined);
  if (unknown.length > 0) {
    const names = unknown
      .map((p) => p.envVar?.name)
      .filter(Boolean)
      .join(', ');
    return {
      id,
      stage: 'match',
      status: 'warn',
      title: 'Cannot compare the issuer with every provider',
      detail: `The domain comes from ${names || 'a value'} that is not set in any local env file. Convex reads it on the deployment: check it with npx convex env get ${unknown[0].envVar?.name ?? 'CLERK_JWT_ISSUER_DOMAIN'} and compare it with ${clip(iss)}.`,
    };
  }
  const known = providers.map((p) => `"${p.domain}"`).join(', ');
  const devVsProd =
    /\.clerk\.accounts\.dev$/.test(hostOf(iss)) &&
    providers.some((p) => /^https?:\/\/clerk\./.test(normaliseDomain(p.domain ?? '')))
      ? ' The token comes from a Clerk development instance and the provider is a production domain (or the other way round): use the keys and domain of the same instance.'
      : '';
  return {
    id,
    stage: 'match',
    status: 'fail',
    convexError: noProviderError(providers),
    title: 'Issuer does not match any provider domain',
    detail: `The token's iss is ${clip(iss)}; auth.config has ${known}.${devVsProd} The provider domain must be the Clerk Frontend API URL (the issuer), not the JWKS URL.`,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

export function envCheck(p: ResolvedProvider): TokenCheck {
  const name = p.envVar?.name ?? '';
  return p.envVar?.file
    ? {
        id: 'domain-env',
        stage: 'match',
        status: 'info',
        title: `The domain comes from ${name}`,
        detail: `Found in ${p.envVar.file}, but Convex reads ${name} on the deployment, not from local files. Check the deployment's value with npx convex env get ${name}.`,
      }
    : {
        id: 'domain-env',
        stage: 'match',
        status: 'warn',
        title: `The domain comes from ${name}, not set locally`,
        detail: `No local env file sets ${name}. Convex reads it on the deployment: check with npx convex env get ${name}, set it with npx convex env set ${name} <your Clerk issuer URL>.`,
      };
}

export function publishableKeyCheck(iss: string, keyHost: string): TokenCheck {
  const host = hostOf(iss);
  return host === keyHost.toLowerCase()
    ? {
        id: 'publishable-key',
        stage: 'issue',
        status: 'pass',
        title: 'Same Clerk instance as your publishable key',
        detail: keyHost,
      }
    : {
        id: 'publishable-key',
        stage: 'issue',
        status: 'warn',
        title: 'Different Clerk instance from your publishable key',
        detail: `Your publishable key belongs to ${keyHost}, but this token was issued by ${clip(host || iss)}. Tokens your app gets will come from ${keyHost}.`,
      };
}
