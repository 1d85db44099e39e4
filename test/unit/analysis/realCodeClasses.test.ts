import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { isAuthConfigFile, shouldAnalyse } from '../../../src/analysis/prefilter';
import { isAuthConfigPath } from '../../../src/project/snapshot';
import { codes, only, project } from './helpers';

// One describe per class of wrong verdict that issue 23 found on real public files. Each test here failed on the
// analyzer before the change (checked against the base commit, see the branch's report).

describe('real-code classes: one auth.config reader', () => {
  const forms: [string, string, string][] = [
    [
      '`const config = {…}; export { config as default }`',
      'convex/auth.config.ts',
      'const config = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\nexport { config as default };\n',
    ],
    [
      '`exports.default = {…}`',
      'convex/auth.config.js',
      'exports.default = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n',
    ],
    [
      '`module.exports.default = {…}`',
      'convex/auth.config.cjs',
      'module.exports.default = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n',
    ],
  ];
  for (const [form, file, text] of forms) {
    it(`the rules and the project read ${form} alike: one provider, no finding`, () => {
      assert.equal(readAuthConfig(text, file, `file:///w/${file}`).providers.length, 1);
      assert.deepEqual(codes(file, text), []);
    });
  }

  it('one file-name rule: auth.config.mts and .cts are configs for the rules, the pre-filter and the snapshot', () => {
    for (const file of ['convex/auth.config.mts', 'convex/auth.config.cts']) {
      assert.equal(isAuthConfigFile(file), true, file);
      assert.equal(isAuthConfigPath(file), true, file);
      assert.equal(shouldAnalyse(file, 'export default {};\n'), true, file);
      assert.deepEqual(codes(file, 'export default {};\n'), ['clerk-convex/auth-config-no-providers'], file);
    }
  });

  it('env.X from ./_generated/server (Convex ESLint plugin 5) gets the checks process.env.X gets', () => {
    const withEnv = (domain: string): string =>
      `import { env } from "./_generated/server";\nexport default { providers: [{ domain: ${domain}, applicationID: "convex" }] };\n`;
    const context = { project: project() };
    const [info] = only('convex/auth.config.ts', withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), 'auth-config-env', context);
    assert.match(info?.message ?? '', /CLERK_JWT_ISSUER_DOMAIN is set in no local env file/);
    const [hidden] = only(
      'convex/auth.config.ts',
      withEnv('`https://${env.CLERK_FRONTEND_API_URL}`'),
      'auth-config-env-hidden',
    );
    assert.match(hidden?.message ?? '', /CLERK_FRONTEND_API_URL is not set on the deployment/);
    assert.match(hidden?.fixes[0]?.edits[0]?.newText ?? '', /^env\.CLERK_FRONTEND_API_URL!?$/);
    const read = readAuthConfig(withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), 'convex/auth.config.ts', 'u');
    assert.deepEqual(read.providers[0]?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.deepEqual(
      codes('convex/auth.config.ts', withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), {
        project: project({ env: [{ name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'x', file: '.env.local' }] }),
      }),
      [],
    );
  });

  it('near miss: an `env` that is not the generated one is not an env var', () => {
    const text =
      'import { env } from "./settings";\nexport default { providers: [{ domain: env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n';
    assert.deepEqual(readAuthConfig(text, 'convex/auth.config.ts', 'u').providers[0]?.domain, {
      kind: 'expression',
      text: 'env.CLERK_JWT_ISSUER_DOMAIN',
    });
  });

  it('real configs: built-in CONVEX_SITE_URL needs no env file; a real fallback is deliberate; a placeholder is not', () => {
    const context = { project: project() };
    const site = 'export default { providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', site, context), []);
    const deliberate =
      'export default { providers: [{ domain: process.env.CLERK_ISSUER_ID || "https://included-hedgehog-61.clerk.accounts.dev", applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', deliberate), []);
    const placeholder =
      'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN ?? "https://REPLACE_ME.clerk.accounts.dev", applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', placeholder), ['clerk-convex/auth-config-env-hidden']);
    const template = "export default { providers: [{ domain: 'https://{issuer}', applicationID: 'convex' }] };\n";
    const [f] = only('convex/auth.config.ts', template, 'auth-config-domain');
    assert.match(f?.message ?? '', /placeholder/);
    assert.equal(analyze('convex/auth.config.ts', template).findings.length, 1);
  });
});

describe('real-code classes: files too deep to analyse', () => {
  const cases: [string, string][] = [
    ['`{` 5,000 deep', `import { useQuery } from "convex/react";\n${'{'.repeat(5000)}${'}'.repeat(5000)}\n`],
    [
      'object literals 2,500 deep',
      `import { useQuery } from "convex/react";\nexport const x = ${'{a:'.repeat(2500)}1${'}'.repeat(2500)};\n`,
    ],
  ];
  for (const [name, text] of cases) {
    it(`${name}: one information diagnostic that says so, on the first line`, () => {
      const { findings } = analyze('app/page.tsx', text);
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f?.code, 'clerk-convex/too-deep');
      assert.equal(f?.severity, 'information');
      assert.match(f?.message ?? '', /too deeply/);
      assert.equal(f?.start, 0);
      assert.ok((f?.end ?? 0) <= text.indexOf('\n'));
    });
  }
  it('near miss: ordinary nesting is analysed as usual (no too-deep diagnostic)', () => {
    const text = `import { useQuery } from "convex/react";\nexport const x = ${'{a:'.repeat(50)}1${'}'.repeat(50)};\n`;
    assert.deepEqual(codes('app/page.tsx', text), []);
  });
});
