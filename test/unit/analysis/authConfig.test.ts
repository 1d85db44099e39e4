import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { assertFixesResolve, codes, only, project } from './helpers';

const config = (provider: string): string => `export default {
  providers: [
    {
${provider}
    },
  ],
};
`;
const good = '      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: "convex",';
const path = 'convex/auth.config.ts';

describe('analysis: auth.config rules', () => {
  it('near miss: the official config, in every export form', () => {
    assert.deepEqual(codes(path, config(good)), []);
    assert.deepEqual(
      codes(
        path,
        `import { AuthConfig } from "convex/server";\n${config(good).replace('};', '} satisfies AuthConfig;')}`,
      ),
      [],
    );
    assert.deepEqual(
      codes('convex/auth.config.js', config(good).replace('export default', 'module.exports =').replace('!,', ',')),
      [],
    );
    assert.deepEqual(
      codes(
        path,
        `const authConfig = {\n  providers: [{ domain: "https://clerk.acme-notes.com", applicationID: "convex" }],\n};\nexport default authConfig;\n`,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        path,
        'export default { providers: [{ type: "customJwt", issuer: "https://x", jwks: "https://x/.well-known/jwks.json", algorithm: "RS256" }] };\n',
      ),
      [],
    );
  });

  describe('auth-config-no-providers', () => {
    it('flags a missing or empty providers list and a missing default export', () => {
      assert.equal(only(path, 'export default {};\n', 'auth-config-no-providers').length, 1);
      assert.equal(only(path, 'export default { providers: [] };\n', 'auth-config-no-providers').length, 1);
      assert.equal(only(path, 'const x = { providers: [] };\n', 'auth-config-no-providers').length, 1);
    });
    it('near miss: a config built by a helper we cannot read is not guessed at', () => {
      assert.deepEqual(codes(path, 'import { make } from "./x";\nexport default make();\n'), []);
    });
  });

  describe('auth-config-missing-field', () => {
    it('flags a provider without applicationID; the fix adds applicationID: "convex"', () => {
      const text = config('      domain: "https://exotic-crab-75.clerk.accounts.dev",');
      assert.equal(only(path, text, 'auth-config-missing-field')[0]?.severity, 'error');
      const [fixed] = assertFixesResolve(path, text, 'auth-config-missing-field');
      assert.match(
        fixed ?? '',
        /domain: "https:\/\/exotic-crab-75\.clerk\.accounts\.dev",\n {6}applicationID: "convex",/,
      );
      assert.deepEqual(codes(path, fixed ?? ''), []);
      const oneLine = 'export default { providers: [{ domain: "https://a.clerk.accounts.dev" }] };\n';
      const [fixedLine] = assertFixesResolve(path, oneLine, 'auth-config-missing-field');
      assert.match(fixedLine ?? '', /\{ domain: "https:\/\/a\.clerk\.accounts\.dev", applicationID: "convex" \}/);
    });
    it('flags a provider without domain', () => {
      assert.equal(only(path, config('      applicationID: "convex",'), 'auth-config-missing-field').length, 1);
    });
  });

  describe('auth-config-misspelt-key', () => {
    for (const key of ['applicationId', 'appId', 'application_id', 'appID']) {
      it(`flags ${key} and renames it`, () => {
        const text = config(`      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      ${key}: "convex",`);
        assert.equal(only(path, text, 'auth-config-misspelt-key').length, 1);
        assert.equal(only(path, text, 'auth-config-missing-field').length, 0, 'the misspelling is the one finding');
        const [fixed] = assertFixesResolve(path, text, 'auth-config-misspelt-key');
        assert.deepEqual(codes(path, fixed ?? ''), []);
      });
    }
    it('flags `provider` (singular)', () => {
      const [fixed] = assertFixesResolve(
        path,
        config(good).replace('providers', 'provider'),
        'auth-config-misspelt-key',
      );
      assert.deepEqual(codes(path, fixed ?? ''), []);
    });
  });

  describe('auth-config-domain', () => {
    const cases: [string, RegExp, string][] = [
      [
        'https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json',
        /JWKS/,
        'https://exotic-crab-75.clerk.accounts.dev',
      ],
      [
        'https://exotic-crab-75.clerk.accounts.dev/.well-known/openid-configuration',
        /JWKS\/discovery/,
        'https://exotic-crab-75.clerk.accounts.dev',
      ],
      ['"https://exotic-crab-75.clerk.accounts.dev"', /quote/, 'https://exotic-crab-75.clerk.accounts.dev'],
      ['http://clerk.acme-notes.com', /http:\/\//, 'https://clerk.acme-notes.com'],
    ];
    for (const [value, message, expected] of cases) {
      it(`flags ${value} and fixes it to ${expected}`, () => {
        const text = config(`      domain: ${JSON.stringify(value)},\n      applicationID: "convex",`);
        const [f] = only(path, text, 'auth-config-domain');
        assert.match(f?.message ?? '', message);
        const [fixed] = assertFixesResolve(path, text, 'auth-config-domain');
        assert.ok(fixed?.includes(`domain: "${expected}"`), fixed);
      });
    }
    it('near miss: a domain without a scheme (Convex adds https:// at push time: crates/common/src/auth.rs)', () => {
      assert.deepEqual(
        codes(path, config('      domain: "exotic-crab-75.clerk.accounts.dev",\n      applicationID: "convex",')),
        [],
      );
    });
    it('near misses: an issuer with a trailing slash; a production domain', () => {
      assert.deepEqual(
        codes(
          path,
          config('      domain: "https://exotic-crab-75.clerk.accounts.dev/",\n      applicationID: "convex",'),
        ),
        [],
      );
      assert.deepEqual(
        codes(path, config('      domain: "https://clerk.acme-notes.com",\n      applicationID: "convex",')),
        [],
      );
    });
  });

  describe('project-level rules', () => {
    const cfg = (p: string) => ({ path: p, uri: `file:///w/${p}`, providers: [] });
    it('flags both auth.config.ts and auth.config.js, pointing at the other', () => {
      const snapshot = project({
        authConfigs: [cfg('convex/auth.config.ts'), cfg('convex/auth.config.js')],
        env: [{ name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'x', file: '.env.local' }],
      });
      const [f] = only(path, config(good), 'auth-config-duplicate', { project: snapshot });
      assert.equal(f?.related?.[0]?.path, 'file:///w/convex/auth.config.js');
      assert.equal(
        only(path, config(good), 'auth-config-duplicate', {
          project: project({ authConfigs: [cfg('convex/auth.config.ts'), cfg('other/auth.config.js')] }),
        }).length,
        0,
      );
    });
    it('flags a config outside convex/ (or the functions folder convex.json names)', () => {
      assert.equal(only('auth.config.ts', config(good), 'auth-config-location').length, 1);
      assert.equal(only('src/auth.config.ts', config(good), 'auth-config-location').length, 1);
      const layout = { projectRoot: '', functionsDir: 'src/convex', source: 'convex.json' as const };
      assert.equal(
        only('src/convex/auth.config.ts', config(good), 'auth-config-location', {
          project: project({ convexLayout: layout }),
        }).length,
        0,
      );
      assert.equal(
        only('convex/auth.config.ts', config(good), 'auth-config-location', {
          project: project({ convexLayout: layout }),
        }).length,
        1,
      );
    });
    it('hints when the env var is in no local env file (it lives on the deployment)', () => {
      const [f] = only(path, config(good), 'auth-config-env', { project: project() });
      assert.equal(f?.severity, 'information');
      assert.match(f?.message ?? '', /npx convex env set CLERK_JWT_ISSUER_DOMAIN/);
      assert.equal(
        only(path, config(good), 'auth-config-env', {
          project: project({ env: [{ name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'x', file: '.env.local' }] }),
        }).length,
        0,
      );
      assert.equal(only(path, config(good), 'auth-config-env').length, 0, 'no project, no guess');
    });
    it('explains an applicationID other than "convex" with Clerk', () => {
      const text = config('      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: "my-app",');
      const [f] = only(path, text, 'auth-config-application-id');
      assert.equal(f?.severity, 'information');
      assert.equal(f?.lessonStep, 'handoff');
      assert.equal(
        only(
          path,
          config('      domain: "https://auth.acme-notes.com",\n      applicationID: "my-app",'),
          'auth-config-application-id',
        ).length,
        0,
      );
    });
  });
});

describe('analysis: auth.config that names itself in a circle', () => {
  it('constants that refer to each other end the lookup: no rule error, the file is still read', () => {
    const result = analyse('convex/auth.config.ts', 'const a = b;\nconst b = a;\nexport default a;\n');
    assert.deepEqual(result.ruleErrors ?? [], []);
  });
});
