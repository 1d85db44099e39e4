// Every local check of a pasted token, in the order a learner reads them (facts file checks 1–18), each with a
// stable id, a plain message and the error Convex would return. Pure and total: never throws, whatever the input.
import { claimViews, duration } from './claims';
import { clerkMode, clerkModeCheck } from './clerkMode';
import { oidcClaimsProblem, registeredClaimProblem } from './convexToken';
import {
  ALLOWED_ALGORITHMS,
  CONVEX_ERRORS,
  customJwtDecodeError,
  audiences,
  headerProblem,
  isExpired,
  isIssuerUrl,
  isSeconds,
  matchProvider,
  noProviderError,
  normaliseDomain,
} from './convexRules';
import { decodeJsonObject } from './decode';
import { DisplayBuilder, characterName, clip, codePointLabel, describeValue, nestingDepth } from './display';
import { predictIdentity } from './identity';
import { MAX_DEPTH, MAX_TOKEN_BYTES } from './limits';
import { normaliseToken } from './normalise';
import {
  FLOW_STAGES,
  type ClerkMode,
  type NormalisedInput,
  type ResolvedProvider,
  type TokenCheck,
  type TokenReport,
} from './types';

export interface AnalyseOptions {
  /** Providers from the workspace's convex/auth.config; absent when the workspace has none. */
  providers?: ResolvedProvider[];
  /** Frontend API host decoded from the Clerk publishable key, e.g. "exotic-crab-75.clerk.accounts.dev". */
  publishableKeyHost?: string;
  nowMs: number;
}

const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const show = (v: unknown): string => describeValue(v);

export function analyseToken(raw: string, opts: AnalyseOptions): TokenReport {
  try {
    return analyse(typeof raw === 'string' ? raw : '', opts);
  } catch (err) {
    // Unreachable by design; kept so a bug shows as a failed check instead of a broken panel.
    return {
      input: { token: '', removed: [] },
      clerkMode: 'unknown',
      hiddenCharacters: [],
      failedStage: 'match',
      checks: [
        {
          id: 'internal',
          stage: 'match',
          status: 'fail',
          title: 'The token could not be analysed',
          detail: `An unexpected error stopped the analysis (${err instanceof Error ? err.name : 'unknown error'}).`,
        },
      ],
    };
  }
}

function analyse(raw: string, opts: AnalyseOptions): TokenReport {
  const checks: TokenCheck[] = [];
  const display = new DisplayBuilder();
  const report = (input: NormalisedInput, extra: Partial<TokenReport> = {}): TokenReport =>
    finish({ input, checks, clerkMode: 'unknown', hiddenCharacters: display.hidden, ...extra });

  // 2 (before anything else touches the text): refuse what no real token is.
  if (raw.length > MAX_TOKEN_BYTES * 2) return report({ token: '', removed: [] }, { checks: [oversized(raw.length)] });
  const input = normaliseToken(raw);
  const token = input.token;

  // 1
  if (token === '') {
    checks.push({
      id: 'empty',
      stage: 'attach',
      status: 'fail',
      title: 'No token',
      detail:
        "Paste a token (from Clerk's getToken() or the Authorization header of a Convex request). Without one the request is anonymous and getUserIdentity() returns null.",
    });
    return report(input);
  }
  const bytes = new TextEncoder().encode(token).length;
  if (bytes > MAX_TOKEN_BYTES) return report({ token: '', removed: input.removed }, { checks: [oversized(bytes)] });
  checks.push({ id: 'size', stage: 'attach', status: 'pass', title: 'Size is fine', detail: `${bytes} bytes.` });

  // 3
  checks.push(characterCheck(token));

  const parts = token.split('.');
  // 4
  if (parts.length === 5) {
    checks.push({
      id: 'encrypted-jwe',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.parse,
      title: 'This is an encrypted token (JWE), not a signed JWT',
      detail:
        "It has five parts. Convex reads a signed JWT with three parts (header.payload.signature); an encrypted token cannot be read without the key. Clerk's tokens are signed: copy the token from getToken() instead.",
    });
    return report(input);
  }
  // 5
  if (parts.length !== 3) {
    checks.push({
      id: 'parts',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.parse,
      title: `The token has ${parts.length} part${parts.length === 1 ? '' : 's'}, not 3`,
      detail:
        'A JWT is three base64url parts separated by dots: header.payload.signature. Part of it may be missing from the copy.',
    });
    return report(input);
  }
  checks.push({
    id: 'parts',
    stage: 'match',
    status: 'pass',
    title: 'Three parts',
    detail: 'header.payload.signature',
  });

  // 6, 7: decode both segments, whatever happens to the other one.
  const headerResult = decodeJsonObject(parts[0]);
  const payloadResult = decodeJsonObject(parts[1]);
  checks.push(
    headerResult.ok
      ? { id: 'header', stage: 'match', status: 'pass', title: 'Header decodes', detail: 'base64url JSON object.' }
      : {
          id: 'header',
          stage: 'match',
          status: 'fail',
          convexError: CONVEX_ERRORS.parse,
          title: 'The header cannot be read',
          detail: `The first part is not a base64url-encoded JSON object: ${headerResult.problem}.`,
        },
  );
  checks.push(
    payloadResult.ok
      ? { id: 'payload', stage: 'match', status: 'pass', title: 'Payload decodes', detail: 'base64url JSON object.' }
      : {
          id: 'payload',
          stage: 'match',
          status: 'fail',
          convexError: CONVEX_ERRORS.parse,
          title: 'The payload cannot be read',
          detail: `The second part is not a base64url-encoded JSON object: ${payloadResult.problem}.`,
        },
  );

  const header = headerResult.ok ? headerResult.value : undefined;
  const payload = payloadResult.ok ? payloadResult.value : undefined;
  const deep = nestingCheck(header, payload);
  if (deep) checks.push(deep);
  if (header) headerChecks(header, parts[2], checks, payload, opts.providers);
  const extra: Partial<TokenReport> = {};
  if (header) extra.header = display.value(header, 'header') as Record<string, unknown>;
  if (!payload) return report(input, extra);

  const shown = new Map<string, unknown>();
  extra.claims = claimViews(payload, display, opts.nowMs, shown);
  extra.clerkMode = clerkMode(payload, opts.providers, header);
  checks.push(clerkModeCheck(extra.clerkMode, own(payload, 'aud'), own(payload, 'iss')));
  claimChecks(payload, opts, checks, extra.clerkMode);

  if (
    !checks.some((c) => c.status === 'fail') &&
    typeof own(payload, 'iss') === 'string' &&
    typeof own(payload, 'sub') === 'string'
  ) {
    extra.identity = predictIdentity(payload, display, shown);
  }
  return report(input, extra);
}

/** Names the fields nested past what the panel shows, so a hostile value is reported instead of breaking the report. */
function nestingCheck(
  header: Record<string, unknown> | undefined,
  payload: Record<string, unknown> | undefined,
): TokenCheck | undefined {
  const deep: string[] = [];
  for (const [where, obj] of [
    ['header', header],
    ['claims', payload],
  ] as const) {
    if (!obj) continue;
    for (const key of Object.keys(obj)) {
      const depth = nestingDepth(obj[key]);
      if (depth > MAX_DEPTH)
        deep.push(
          `${where === 'header' ? 'header ' : ''}${describeValue(key, 40)} is nested ${depth.toLocaleString('en-US')} levels deep`,
        );
    }
  }
  if (deep.length === 0) return undefined;
  const shown = deep.slice(0, 3).join('; ') + (deep.length > 3 ? `; and ${deep.length - 3} more` : '');
  return {
    id: 'nesting',
    stage: 'match',
    status: 'warn',
    title: `${deep.length === 1 ? 'A value is' : 'Values are'} nested too deep to show`,
    detail: `${shown}. The panel shows the first ${MAX_DEPTH} levels; the rest of the report is complete. No real token nests like this.`,
  };
}

function oversized(size: number): TokenCheck {
  return {
    id: 'oversized',
    stage: 'attach',
    status: 'fail',
    title: 'Too large to be a token',
    detail: `The pasted text is ${Math.round(size / 1024)} KiB; a Clerk session token is about 1 KiB and this panel reads at most ${MAX_TOKEN_BYTES / 1024} KiB. It was not decoded. Copy only the token.`,
  };
}

function characterCheck(token: string): TokenCheck {
  const bad: string[] = [];
  let standardBase64 = false;
  let count = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (ok) continue;
    count++;
    const cp = token.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (ch === '+' || ch === '/' || ch === '=') standardBase64 = true;
    if (bad.length < 5) {
      const visible = cp > 0x20 && cp < 0x7f ? `"${ch}"` : `${codePointLabel(cp)} (${characterName(cp)})`;
      bad.push(`${visible} at position ${i + 1}`);
    }
  }
  if (count === 0)
    return {
      id: 'characters',
      stage: 'match',
      status: 'pass',
      title: 'Only base64url characters',
      detail: 'A–Z, a–z, 0–9, "-", "_" and dots.',
    };
  const where = `${bad.join(', ')}${count > bad.length ? ` and ${count - bad.length} more` : ''}`;
  return {
    id: 'characters',
    stage: 'match',
    status: 'fail',
    convexError: CONVEX_ERRORS.parse,
    title: standardBase64 ? 'Standard base64, not base64url' : 'Characters a JWT cannot contain',
    detail: standardBase64
      ? `Found ${where}. A JWT uses base64url: "-" and "_" instead of "+" and "/", and no "=" padding. The token was probably re-encoded on the way; copy it again from getToken().`
      : `Found ${where}. A JWT only contains A–Z, a–z, 0–9, "-", "_" and dots. Something was added while copying.`,
  };
}

function headerChecks(
  header: Record<string, unknown>,
  signature: string,
  checks: TokenCheck[],
  payload: Record<string, unknown> | undefined,
  providers: ResolvedProvider[] | undefined,
): void {
  const alg = own(header, 'alg');
  // 8
  if (alg === 'none' || signature === '') {
    checks.push({
      id: 'unsigned',
      stage: 'verify',
      status: 'fail',
      convexError: CONVEX_ERRORS.verify,
      title: 'The token is not signed',
      detail: `${alg === 'none' ? 'Its header says alg "none"' : 'Its signature part is empty'}: anyone could have written it. Convex only accepts tokens signed by your issuer (RS256 or EdDSA).`,
    });
  } else {
    checks.push({
      id: 'unsigned',
      stage: 'verify',
      status: 'pass',
      title: 'Has a signature',
      detail: 'Verify it with "Verify Signature".',
    });
  }
  // 9
  const algorithm = algorithmCheck(header, payload, providers);
  if (algorithm) checks.push(algorithm);
  // 10
  const problem = headerProblem(header);
  checks.push(
    problem
      ? {
          id: 'header-fields',
          stage: 'verify',
          status: 'fail',
          // A field of the wrong type stops the OIDC parse; a wrong value fails verification.
          convexError: problem.endsWith('is not a string') ? CONVEX_ERRORS.oidcParse : CONVEX_ERRORS.verify,
          title: 'Header fields Convex rejects',
          detail: `${problem[0].toUpperCase()}${problem.slice(1)}. Convex wants typ absent, JWT or JOSE (any case, "application/" optional), and no cty or crit.`,
        }
      : {
          id: 'header-fields',
          stage: 'verify',
          status: 'pass',
          title: 'Header fields are fine',
          detail: 'typ absent, JWT or JOSE; no cty or crit.',
        },
  );
  if (own(header, 'jku') !== undefined || own(header, 'x5u') !== undefined) {
    checks.push({
      id: 'header-key-url',
      stage: 'verify',
      status: 'warn',
      title: 'The header points to its own key URL',
      detail:
        "jku / x5u name a place to fetch keys from. Convex ignores them and uses the issuer's discovery document; so does this panel, which never fetches them.",
    });
  }
}

/**
 * 9: the signing algorithm. Convex's OIDC verifier allows RS256 and EdDSA; a customJwt provider verifies with the one
 * algorithm it names (RS256 or ES256; convex-backend crates/authentication/src/lib.rs, `decode_with_jwks`), which
 * is how a deployment's own ES256 tokens (ctx.auth.signJwt) are accepted.
 */
function algorithmCheck(
  header: Record<string, unknown>,
  payload: Record<string, unknown> | undefined,
  providers: ResolvedProvider[] | undefined,
): TokenCheck | undefined {
  const alg = own(header, 'alg');
  // Reported by the unsigned check.
  if (alg === 'none') return undefined;
  const iss = payload ? own(payload, 'iss') : undefined;
  const picked =
    typeof iss === 'string' && providers ? matchProvider(providers, iss, own(payload ?? {}, 'aud')) : undefined;
  if (picked?.type === 'customJwt' && picked.algorithm !== undefined) {
    return alg === picked.algorithm
      ? {
          id: 'algorithm',
          stage: 'verify',
          status: 'pass',
          title: `Algorithm ${picked.algorithm}`,
          detail: `The customJwt provider for this issuer in auth.config verifies ${picked.algorithm}.`,
        }
      : {
          id: 'algorithm',
          stage: 'verify',
          status: 'fail',
          convexError: customJwtDecodeError(own(header, 'kid')),
          title: alg === undefined ? 'No algorithm in the header' : `Algorithm ${show(alg)} is not ${picked.algorithm}`,
          detail: `The customJwt provider for this issuer in auth.config verifies ${picked.algorithm} only, so Convex cannot decode this token with its keys.`,
        };
  }
  if (typeof alg === 'string' && ALLOWED_ALGORITHMS.includes(alg)) {
    return {
      id: 'algorithm',
      stage: 'verify',
      status: 'pass',
      title: `Algorithm ${alg}`,
      detail: 'Convex accepts RS256 and EdDSA from an OIDC provider; Clerk signs with RS256.',
    };
  }
  const hmac = typeof alg === 'string' && /^HS\d+$/.test(alg);
  return {
    id: 'algorithm',
    stage: 'verify',
    status: 'fail',
    convexError: CONVEX_ERRORS.verify,
    title: alg === undefined ? 'No algorithm in the header' : `Algorithm ${show(alg)} is not accepted`,
    detail: hmac
      ? `${String(alg)} is signed with a shared secret, so the issuer's public keys cannot verify it. Convex accepts only RS256 and EdDSA, and this panel never treats a public key as an HMAC secret. The token did not come from Clerk's Frontend API.`
      : alg === 'ES256'
        ? 'An OIDC provider (Clerk\'s) accepts only RS256 and EdDSA. ES256 is accepted only through a customJwt provider whose algorithm is "ES256", as for tokens a Convex deployment signs itself (ctx.auth.signJwt); auth.config has none for this issuer and audience.'
        : 'Convex accepts only RS256 and EdDSA signatures. Clerk signs with RS256.',
  };
}

function claimChecks(
  payload: Record<string, unknown>,
  opts: AnalyseOptions,
  checks: TokenCheck[],
  mode: ClerkMode,
): void {
  const iss = own(payload, 'iss');
  const aud = own(payload, 'aud');
  const providers = opts.providers;
  // 11
  const issOk = typeof iss === 'string' && isIssuerUrl(iss);
  if (iss === undefined) {
    checks.push({
      id: 'issuer',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.missingIssuer,
      title: 'No issuer (iss)',
      detail:
        "Convex picks the provider by the token's issuer; without iss it cannot. Clerk always sets it: this token was not made by Clerk.",
    });
  } else if (typeof iss !== 'string') {
    checks.push({
      id: 'issuer',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.oidcParse,
      title: 'iss is not a string',
      detail: `iss is ${show(iss)}; it must be the issuer's URL as a string.`,
    });
  } else if (!issOk) {
    checks.push({
      id: 'issuer',
      stage: 'verify',
      status: 'fail',
      convexError: CONVEX_ERRORS.oidcParse,
      title: 'iss is not an http(s) URL',
      detail: `iss is ${show(iss)}. Clerk's issuer is your Frontend API URL, e.g. https://<name>.clerk.accounts.dev.`,
    });
  } else {
    checks.push({ id: 'issuer', stage: 'match', status: 'pass', title: 'Has an issuer', detail: clip(iss) });
  }
  const issuer = typeof iss === 'string' ? iss : undefined;

  // 12
  if (issuer !== undefined) checks.push(issuerMatchCheck(issuer, providers));
  // 13
  for (const p of providers ?? []) if (p.envVar) checks.push(envCheck(p));
  // A deployment's own token has nothing to do with the Clerk instance of the publishable key.
  if (issuer !== undefined && opts.publishableKeyHost && mode !== 'convex-deployment')
    checks.push(publishableKeyCheck(issuer, opts.publishableKeyHost));
  // 14
  checks.push(...audienceChecks(aud, issuer, providers));
  if (
    issuer !== undefined &&
    providers &&
    providers.length > 0 &&
    !checks.some((c) => c.status === 'fail' && (c.id === 'issuer-match' || c.id === 'audience')) &&
    providers.every((p) => p.domain !== undefined) &&
    !matchProvider(providers, issuer, aud)
  ) {
    checks.push({
      id: 'provider',
      stage: 'match',
      status: 'fail',
      convexError: noProviderError(providers),
      title: 'No single provider matches both iss and aud',
      detail:
        'One provider has the right domain and another the right applicationID, but Convex needs one provider with both.',
    });
  }
  // 15
  const missing = ['sub', 'iat', 'exp'].filter((n) => own(payload, n) === undefined);
  checks.push(
    missing.length
      ? {
          id: 'required-claims',
          stage: 'verify',
          status: 'fail',
          convexError: CONVEX_ERRORS.oidcParse,
          title: `Missing ${missing.join(', ')}`,
          detail: `Convex requires iss, sub, iat and exp in every token; this one has no ${missing.join(', ')}. Clerk always sets them: use a token from getToken().`,
        }
      : {
          id: 'required-claims',
          stage: 'verify',
          status: 'pass',
          title: 'Required claims present',
          detail: 'iss, sub, iat, exp.',
        },
  );
  // 16
  checks.push(...claimTypeChecks(payload));
  // 17, 18
  checks.push(...timeChecks(payload, opts.nowMs));
  // Expiry is the one failure a fresh token fixes: say so when nothing else would stop it.
  const expired = checks.find((c) => c.id === 'expired' && c.status === 'fail');
  if (expired && !checks.some((c) => c.status === 'fail' && c !== expired && c.stage !== 'attach')) {
    expired.detail += ' Apart from that, this token passes every local check: a fresh one would be accepted.';
  }
}

function issuerMatchCheck(iss: string, providers: ResolvedProvider[] | undefined): TokenCheck {
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

function envCheck(p: ResolvedProvider): TokenCheck {
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

function publishableKeyCheck(iss: string, keyHost: string): TokenCheck {
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

function audienceChecks(
  aud: unknown,
  iss: string | undefined,
  providers: ResolvedProvider[] | undefined,
): TokenCheck[] {
  const id = 'audience';
  const auds = audiences(aud);
  const candidates = providers?.filter((p) => p.applicationID !== undefined) ?? [];
  const sameDomain =
    iss === undefined
      ? []
      : candidates.filter((p) => p.domain !== undefined && normaliseDomain(p.domain) === normaliseDomain(iss));
  const relevant = sameDomain.length > 0 ? sameDomain : candidates;
  const expected = relevant.length > 0 ? [...new Set(relevant.map((p) => p.applicationID as string))] : ['convex'];
  const fromConfig = relevant.length > 0;
  const failStatus = fromConfig ? 'fail' : 'warn';
  const noProvider = fromConfig && providers ? noProviderError(providers) : undefined;
  const want = expected.map((e) => `"${e}"`).join(' or ');
  const custom = iss !== undefined && providers ? matchProvider(providers, iss, aud) : undefined;
  if (custom?.type === 'customJwt' && custom.applicationID === undefined) {
    return [
      {
        id,
        stage: 'match',
        status: 'pass',
        title: aud === undefined ? 'No audience (aud)' : `Audience ${show(aud)}`,
        detail: 'A customJwt provider without applicationID matches whatever the aud (or none).',
      },
    ];
  }
  if (aud === undefined) {
    return [
      {
        id,
        stage: 'match',
        status: failStatus,
        convexError: noProvider,
        title: 'No audience (aud)',
        detail: `Convex matches a provider by its applicationID, which must be in aud (${want}). A Clerk session token without aud means the Convex integration is not activated in the Clerk dashboard (or the "convex" JWT template is not used).`,
      },
    ];
  }
  if (typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))) {
    return [
      {
        id,
        stage: 'match',
        status: 'fail',
        convexError: CONVEX_ERRORS.parse,
        title: 'aud has the wrong type',
        detail: `aud is ${show(aud)}; it must be a string or an array of strings.`,
      },
    ];
  }
  const hit = auds.find((a) => expected.includes(a));
  if (!hit) {
    return [
      {
        id,
        stage: 'match',
        status: failStatus,
        convexError: noProvider,
        title: `Audience ${show(aud)} is not ${want}`,
        detail: fromConfig
          ? `auth.config's applicationID is ${want} but the token is for ${show(aud)}. If you use the JWT template, it must be named "convex" and keep aud "convex"; a renamed template is not requested by ConvexProviderWithClerk.`
          : `The official wiring uses applicationID "convex"; this token is for ${show(aud)}.`,
      },
    ];
  }
  if (auds.length > 1) {
    return [
      {
        id,
        stage: 'verify',
        status: fromConfig ? 'fail' : 'warn',
        convexError: fromConfig ? CONVEX_ERRORS.verify : undefined,
        title: 'More than one audience',
        detail: `aud is ${show(aud)}. The provider is found through "${hit}", but Convex then rejects tokens with extra audiences. Remove the others from the JWT template.`,
      },
    ];
  }
  return [
    {
      id,
      stage: 'match',
      status: 'pass',
      title: `Audience "${hit}"`,
      detail: fromConfig
        ? 'Matches the applicationID in auth.config.'
        : 'The official applicationID; no auth.config to compare with.',
    },
  ];
}

/**
 * Claim types as Convex reads them: the registered claims in its first, unverified read (a wrong type there is
 * "Could not parse JWT payload", before any provider is matched), the rest when it parses the OIDC ID token.
 */
function claimTypeChecks(payload: Record<string, unknown>): TokenCheck[] {
  const first = registeredClaimProblem(payload);
  if (first)
    return [
      {
        id: `claim-type-${first.name}`,
        stage: 'match',
        status: 'fail',
        convexError: CONVEX_ERRORS.parse,
        title: `${first.name} must be ${first.want}`,
        detail: `${first.name} is ${show(own(payload, first.name))}. Convex reads the registered claims before anything else and cannot read this token at all.`,
      },
    ];
  const problem = ['sub', 'iat', 'exp'].some((n) => own(payload, n) === undefined)
    ? undefined
    : oidcClaimsProblem(payload);
  if (problem)
    return [
      {
        id: 'claim-types',
        stage: 'verify',
        status: 'fail',
        convexError: CONVEX_ERRORS.oidcParse,
        title: 'A standard claim has the wrong type',
        detail: `${problem[0].toUpperCase()}${problem.slice(1)}. Convex parses the standard claims strictly and rejects the token (null is fine: the claim is then left out).`,
      },
    ];
  return [
    {
      id: 'claim-types',
      stage: 'verify',
      status: 'pass',
      title: 'Standard claims have the right types',
      detail: 'Times are numbers of seconds, names are strings.',
    },
  ];
}

function timeChecks(payload: Record<string, unknown>, nowMs: number): TokenCheck[] {
  const out: TokenCheck[] = [];
  const now = Math.floor(nowMs / 1000);
  const exp = own(payload, 'exp');
  if (isSeconds(exp)) {
    out.push(
      isExpired(exp, nowMs)
        ? {
            id: 'expired',
            stage: 'verify',
            status: 'fail',
            convexError: CONVEX_ERRORS.verify,
            title: `Expired ${duration(now - exp)} ago`,
            detail:
              'Convex allows no leeway: a token is rejected from the second it expires. Clerk session tokens live 60 seconds and the Convex client fetches fresh ones; a copied token goes stale quickly.',
          }
        : {
            id: 'expired',
            stage: 'verify',
            status: 'pass',
            title: `Expires in ${duration(exp - now)}`,
            detail: 'Still valid now.',
          },
    );
  }
  for (const name of ['nbf', 'iat']) {
    const v = own(payload, name);
    if (isSeconds(v) && v > now) {
      out.push({
        id: name === 'nbf' ? 'not-yet-valid' : 'issued-in-future',
        stage: 'verify',
        status: 'warn',
        title: `${name} is ${duration(v - now)} in the future`,
        detail: `The token says it ${name === 'nbf' ? 'is not valid before' : 'was issued at'} a time later than this computer's clock. One of the clocks is off (clock skew); if it is this computer, Convex may still accept the token.`,
      });
    }
  }
  return out;
}

/** Orders the report's outcome: the stage where Convex first rejects, and the error it gives there. */
function finish(report: TokenReport): TokenReport {
  let first: TokenCheck | undefined;
  for (const c of report.checks) {
    if (c.status !== 'fail') continue;
    if (!first) {
      first = c;
      continue;
    }
    const a = FLOW_STAGES.indexOf(c.stage);
    const b = FLOW_STAGES.indexOf(first.stage);
    // Within verification Convex parses the claims before checking signature and expiry.
    if (
      a < b ||
      (a === b && c.convexError === CONVEX_ERRORS.oidcParse && first.convexError !== CONVEX_ERRORS.oidcParse)
    )
      first = c;
  }
  if (first) {
    report.failedStage = first.stage;
    if (first.convexError) report.convexError = first.convexError;
  }
  return report;
}
