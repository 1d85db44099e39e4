import assert from 'node:assert/strict';
import { CONVEX_ERRORS, matchProvider, noProviderError } from '../../../src/token/convexRules';
import { resolveProviders } from '../../../src/project/resolveProviders';
import type { ProjectSnapshot } from '../../../src/project/types';

// Convex's texts and matching for customJwt providers (convex-backend crates/authentication, auth_config.rs).
describe('token: Convex error texts and customJwt providers', () => {
  const ISS = 'https://auth.example.com';

  it('quotes the missing-issuer error in full', () => {
    assert.equal(
      CONVEX_ERRORS.missingIssuer,
      "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
    );
  });

  it('prints customJwt providers as CustomJWT(issuer=…, app_id=none|…) beside OIDC ones', () => {
    assert.equal(
      noProviderError([
        { domain: 'https://clerk.example.com', applicationID: 'convex' },
        { domain: ISS, type: 'customJwt' },
        { domain: ISS, applicationID: 'api', type: 'customJwt' },
      ]),
      "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=https://clerk.example.com, app_id=convex), CustomJWT(issuer=https://auth.example.com, app_id=none), CustomJWT(issuer=https://auth.example.com, app_id=api)]",
    );
  });

  // convex-backend crates/common/src/auth.rs:48-82: the aud is only checked when the provider has an applicationID.
  it('a customJwt provider without applicationID matches any aud, or none', () => {
    const custom = { domain: ISS, type: 'customJwt' as const };
    assert.equal(matchProvider([custom], ISS, undefined), custom);
    assert.equal(matchProvider([custom], `${ISS}/`, undefined), custom, 'issuers are normalised');
    assert.equal(matchProvider([custom], ISS, 'convex'), custom);
    assert.equal(
      matchProvider([custom], 'auth.example.com', ['x', 'y']),
      custom,
      'https:// added to a scheme-less iss',
    );
    assert.equal(matchProvider([custom], 'https://other.example.com', undefined), undefined);
    assert.equal(
      matchProvider([{ domain: ISS }], ISS, undefined),
      undefined,
      'an OIDC provider without applicationID never matches',
    );
    assert.ok(matchProvider([{ ...custom, applicationID: 'api' }], ISS, ['api']));
    assert.equal(matchProvider([{ ...custom, applicationID: 'api' }], ISS, undefined), undefined);
  });

  it('the project layer marks customJwt providers and reads their issuer', () => {
    const snapshot: ProjectSnapshot = {
      authConfigs: [
        {
          path: 'convex/auth.config.ts',
          uri: 'file:///c',
          providers: [{ type: 'customJwt', issuer: { kind: 'literal', value: ISS }, start: 0, end: 1 }],
        },
      ],
      env: [],
      packages: { framework: 'unknown', clerkSdks: [] },
    };
    assert.deepEqual(resolveProviders(snapshot), [{ domain: ISS, type: 'customJwt' }]);
  });
});
