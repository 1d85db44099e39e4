import assert from 'node:assert/strict';
import { CONVEX_ERRORS, audiences, matchProvider, noProviderError, normaliseDomain } from '../../../src/token';
import {
  authConfigPushProblem,
  configDomainProblem,
  discoveryError,
  headerProblem,
  isExpired,
} from '../../../src/token/convexRules';

describe('Convex rules', () => {
  it('normalises a domain: https:// added when there is no scheme, trailing slashes removed', () => {
    assert.equal(normaliseDomain('exotic-crab-75.clerk.accounts.dev'), 'https://exotic-crab-75.clerk.accounts.dev');
    assert.equal(normaliseDomain('https://clerk.example.com/'), 'https://clerk.example.com');
    assert.equal(normaliseDomain('http://127.0.0.1:3210//'), 'http://127.0.0.1:3210');
  });

  it('matches a provider only when applicationID is in aud AND the normalised domain equals the normalised iss', () => {
    const providers = [
      { domain: 'a.example.com', applicationID: 'convex' },
      { domain: 'https://b.example.com/', applicationID: 'other' },
    ];
    assert.equal(matchProvider(providers, 'https://a.example.com/', 'convex'), providers[0]);
    assert.equal(matchProvider(providers, 'https://a.example.com', ['x', 'convex']), providers[0]);
    assert.equal(matchProvider(providers, 'https://b.example.com', 'other'), providers[1]);
    assert.equal(matchProvider(providers, 'https://a.example.com', 'other'), undefined);
    assert.equal(matchProvider(providers, 'https://c.example.com', 'convex'), undefined);
    assert.equal(matchProvider(providers, 'https://a.example.com', undefined), undefined);
    assert.equal(
      matchProvider([{ applicationID: 'convex' }], 'https://a.example.com', 'convex'),
      undefined,
      'unknown domain never matches',
    );
    assert.deepEqual(audiences(['a', 1, 'b']), ['a', 'b']);
  });

  it("uses Convex's exact error texts", () => {
    assert.equal(
      CONVEX_ERRORS.parse,
      'Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.',
    );
    assert.equal(
      CONVEX_ERRORS.missingIssuer,
      "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
    );
    assert.equal(
      CONVEX_ERRORS.oidcParse,
      'Could not parse as OIDC ID token. Token might not be an OIDC-compliant JWT.',
    );
    assert.equal(
      CONVEX_ERRORS.verify,
      "Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired.",
    );
    assert.equal(discoveryError('https://x.dev'), 'Auth provider discovery of https://x.dev failed');
    assert.equal(
      noProviderError([
        { domain: 'https://a', applicationID: 'convex' },
        { domain: 'https://b', applicationID: 'c2' },
      ]),
      "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=https://a, app_id=convex), OIDC(domain=https://b, app_id=c2)]",
    );
  });

  // openidconnect-rs @15a9c55 src/jwt/mod.rs:88-123 (typ normalised) and src/verification/mod.rs:144-152, 222-281.
  it('header rules: typ absent, JWT or JOSE in any case with or without "application/", no cty, no crit', () => {
    assert.equal(headerProblem({ alg: 'RS256' }), undefined);
    for (const typ of ['JWT', 'jwt', 'JOSE', 'application/jwt', 'Application/JOSE'])
      assert.equal(headerProblem({ alg: 'RS256', typ }), undefined, typ);
    for (const typ of ['at+jwt', 'JWS', 'application/json', ';/x'])
      assert.match(headerProblem({ typ }) ?? '', /typ/, typ);
    assert.match(headerProblem({ typ: 5 }) ?? '', /typ is not a string/);
    assert.match(headerProblem({ cty: 'x' }) ?? '', /cty/);
    assert.match(headerProblem({ crit: [] }) ?? '', /crit/);
  });

  it('prints a scheme-less domain as Convex stores it, with https:// (common/src/auth.rs:215-219)', () => {
    assert.match(
      noProviderError([{ domain: 'a.example.com/', applicationID: 'convex' }]),
      /\[OIDC\(domain=https:\/\/a\.example\.com\/, app_id=convex\)\]$/,
    );
    assert.equal(
      noProviderError([{ domain: 'https://a', applicationID: 'c' }], true),
      'No auth provider found matching the given token',
    );
  });

  it('push-time domain rules: no leading quote, http(s) only, a real host name, a TLD without a scheme', () => {
    assert.match(configDomainProblem('exotic-crab-75') ?? '', /top-level domain/);
    assert.equal(configDomainProblem('localhost:3210'), undefined);
    assert.equal(configDomainProblem('https://exotic-crab-75.clerk.accounts.dev'), undefined);
    assert.equal(configDomainProblem('clerk.example.com/'), undefined);
    assert.equal(configDomainProblem('http://127.0.0.1:3210'), undefined);
    assert.match(configDomainProblem('"https://clerk.example.com"') ?? '', /quote/);
    assert.match(configDomainProblem('ftp://clerk.example.com') ?? '', /http/);
    assert.match(configDomainProblem('https://clerk example.com') ?? '', /./);
  });

  it('expiry has zero leeway', () => {
    assert.equal(isExpired(100, 99_999), false);
    assert.equal(isExpired(100, 100_000), true);
    assert.equal(isExpired(100, 100_999), true);
  });
});

// convex-backend crates/isolate/src/environment/auth_config.rs:303-367 and crates/common/src/auth.rs:209-241:
// what `npx convex dev` refuses to push, in Convex's words.
describe('auth.config push-time refusals', () => {
  const SCHEMA = 'auth config file must include a list of provider credentials: ';
  const ok = {
    domain: 'https://exotic-crab-75.clerk.accounts.dev',
    applicationID: 'convex',
    keys: ['domain', 'applicationID'],
  };

  it('accepts the official provider, and an applicationID written as an expression', () => {
    assert.equal(authConfigPushProblem([ok]), undefined);
    assert.equal(authConfigPushProblem([{ domain: ok.domain, keys: ['domain', 'applicationID'] }]), undefined);
  });

  it('names the misspelt applicationId (auth_config.rs:315-326)', () => {
    assert.deepEqual(authConfigPushProblem([ok, { domain: ok.domain, keys: ['domain', 'applicationId'] }]), {
      text: `${SCHEMA}Provider at index 1 must have applicationID property spelled lowercase 'application', capital I, capital D.`,
      verbatim: true,
    });
  });

  it('refuses an unknown type, a customJwt with a domain, an OIDC provider with an issuer (auth_config.rs:328-346)', () => {
    assert.equal(
      authConfigPushProblem([{ ...ok, type: 'saml' }])?.text,
      `${SCHEMA}Provider at index 0 has unexpected 'type' value 'saml'`,
    );
    assert.equal(
      authConfigPushProblem([{ ...ok, type: 'customJwt', keys: ['type', 'domain'] }])?.text,
      `${SCHEMA}Provider at index 0 is a customJwt so cannot have a 'domain' specified`,
    );
    assert.equal(
      authConfigPushProblem([{ ...ok, keys: ['issuer', 'applicationID'] }])?.text,
      `${SCHEMA}Provider at index 0 is oidc so cannot have an 'issuer' specified.`,
    );
  });

  it('refuses a quoted domain, another scheme, a scheme-less name without a TLD (auth.rs:210-237)', () => {
    assert.equal(
      authConfigPushProblem([{ ...ok, domain: '"https://x.example"' }])?.text,
      'Invalid provider domain URL ""https://x.example"": starts with a double quote (")',
    );
    assert.equal(
      authConfigPushProblem([{ ...ok, domain: 'ftp://x.example' }])?.text,
      'Invalid provider domain URL "ftp://x.example": scheme should be http or https',
    );
    assert.equal(
      authConfigPushProblem([{ ...ok, domain: 'exotic-crab-75' }])?.text,
      'Invalid provider domain URL "exotic-crab-75": Does not look like a URL (must have a scheme or end with a top-level domain)',
    );
  });

  it("an OIDC provider without applicationID does not push either (said in the exercise's words)", () => {
    const p = authConfigPushProblem([{ domain: ok.domain, keys: ['domain'] }]);
    assert.equal(p?.verbatim, false);
    assert.match(p?.text ?? '', /no applicationID/);
  });
});
