import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { applyEdits } from '../../../src/analysis/edits';
import { issuerEnvName } from '../../../src/project/issuerEnv';
import { configEnvName, proposedAuthConfig } from '../../../src/snippets/authConfigTemplate';
import { assertFixesResolve, only, project } from './helpers';

const config = (domain: string): string => `import type { AuthConfig } from "convex/server";
export default {
  providers: [{ domain: ${domain}, applicationID: "convex" }],
} satisfies AuthConfig;
`;

describe('analysis: auth.config domains with a fallback Convex never uses (auth-config-env-hidden)', () => {
  // Convex reads an unset variable in auth.config as an error (convex-backend crates/isolate/src/environment/
  // auth_config.rs get_environment_variable; udf-runtime/src/setup.ts proxies process.env onto it): the push stops
  // before `??`/`||` runs, and before a template, `+` or String() could turn the variable into "undefined".
  const dead: [string, RegExp][] = [
    [
      'process.env.CLERK_JWT_ISSUER_DOMAIN ?? "https://example.clerk.accounts.dev"',
      /before `\?\?` is evaluated, so "https:\/\/example\.clerk\.accounts\.dev" never stands in for it/,
    ],
    ['process.env.CLERK_FRONTEND_API_URL || "https://placeholder.clerk.accounts.dev"', /before `\|\|` is evaluated/],
    [
      'process.env.CLERK_JWT_ISSUER_DOMAIN || process.env.CLERK_FRONTEND_API_URL',
      /so process\.env\.CLERK_FRONTEND_API_URL never stands in for it/,
    ],
  ];
  for (const [domain, why] of dead) {
    it(`says the fallback of ${domain} is never used, and offers the variable alone`, () => {
      const text = config(domain);
      const [f] = only('convex/auth.config.ts', text, 'auth-config-env-hidden');
      assert.ok(f, domain);
      assert.equal(f.severity, 'information');
      assert.match(f.message, why);
      assert.match(f.message, /is used in auth config file but its value was not set/);
      assert.equal(text.slice(f.start, f.end), domain);
      const [fixed] = assertFixesResolve('convex/auth.config.ts', text, 'auth-config-env-hidden');
      assert.match(fixed ?? '', /domain: process\.env\.CLERK_(JWT_ISSUER_DOMAIN|FRONTEND_API_URL)!,/);
    });
  }

  it('the fix in a .js config has no `!`', () => {
    const text =
      'export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL || "YOUR_CLERK_ISSUER_URL", applicationID: "convex" }] };\n';
    const fix = only('convex/auth.config.js', text, 'auth-config-env-hidden')[0]?.fixes[0];
    assert.match(applyEdits(text, fix?.edits ?? []), /domain: process\.env\.CLERK_FRONTEND_API_URL,/);
  });

  it('no finding where an unset variable still stops the push: a template, +, String(), the variable alone', () => {
    for (const domain of [
      '`${process.env.CLERK_JWT_ISSUER_DOMAIN}`',
      '`https://${process.env.CLERK_FRONTEND_API_URL}`',
      '"https://" + process.env.CLERK_JWT_ISSUER_DOMAIN',
      'String(process.env.CLERK_JWT_ISSUER_DOMAIN)',
      'process.env.CLERK_JWT_ISSUER_DOMAIN!',
      'process.env.CLERK_FRONTEND_API_URL as string',
      '"https://exotic-crab-75.clerk.accounts.dev"',
      '`https://exotic-crab-75.clerk.accounts.dev`',
    ])
      assert.deepEqual(only('convex/auth.config.ts', config(domain), 'auth-config-env-hidden'), [], domain);
  });
});

describe('project: both issuer env names (CLERK_JWT_ISSUER_DOMAIN, CLERK_FRONTEND_API_URL)', () => {
  it("uses the name the project already reads or sets, else Convex's", () => {
    assert.equal(issuerEnvName(undefined), 'CLERK_JWT_ISSUER_DOMAIN');
    assert.equal(
      issuerEnvName(
        project({
          env: [{ name: 'CLERK_FRONTEND_API_URL', value: 'https://x.clerk.accounts.dev', file: '.env.local' }],
        }),
      ),
      'CLERK_FRONTEND_API_URL',
    );
    assert.equal(
      issuerEnvName(
        project({
          authConfigs: [
            {
              path: 'convex/auth.config.ts',
              uri: 'file:///a',
              providers: [{ domain: { kind: 'env', name: 'CLERK_FRONTEND_API_URL' }, start: 0, end: 1 }],
            },
          ],
        }),
      ),
      'CLERK_FRONTEND_API_URL',
    );
  });

  it("auth.config messages name the project's variable", () => {
    const text = 'export default { providers: [] };\n';
    const ctx = {
      project: project({
        env: [{ name: 'CLERK_FRONTEND_API_URL', value: 'https://x.clerk.accounts.dev', file: '.env.local' }],
      }),
    };
    const [f] = only('convex/auth.config.ts', text, 'auth-config-no-providers', ctx);
    assert.match(f?.message ?? '', /process\.env\.CLERK_FRONTEND_API_URL!/);
  });

  it('the env reminder and the proposal keep CLERK_FRONTEND_API_URL, also when the domain wraps it', () => {
    assert.equal(
      configEnvName('export default { providers: [{ domain: `https://${process.env.CLERK_FRONTEND_API_URL}` }] }'),
      'CLERK_FRONTEND_API_URL',
    );
    assert.match(
      proposedAuthConfig('export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL }] }', 'ts'),
      /domain: process\.env\.CLERK_FRONTEND_API_URL!,/,
    );
  });

  it('an env hint for CLERK_FRONTEND_API_URL set in no local file, like the other name', () => {
    const text = config('process.env.CLERK_FRONTEND_API_URL!');
    assert.equal(only('convex/auth.config.ts', text, 'auth-config-env', { project: project() }).length, 1);
    assert.equal(analyse('convex/auth.config.ts', text, { project: project() }).findings.length, 1);
  });
});
