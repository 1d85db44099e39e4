import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';

const read = (text: string, file = 'convex/auth.config.ts') => readAuthConfig(text, file, `file:///w/${file}`);

const OFFICIAL = `import { AuthConfig } from "convex/server";

export default {
  providers: [
    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: "convex",
    },
  ],
} satisfies AuthConfig;
`;

describe('readAuthConfig', () => {
  it('reads the official Clerk config', () => {
    const info = read(OFFICIAL);
    assert.equal(info.problem, undefined);
    assert.equal(info.path, 'convex/auth.config.ts');
    assert.equal(info.uri, 'file:///w/convex/auth.config.ts');
    assert.equal(info.providers.length, 1);
    const [p] = info.providers;
    assert.deepEqual(p?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.equal(p?.applicationID, 'convex');
    assert.deepEqual(p?.keys, ['domain', 'applicationID']);
  });

  it('gives offsets that cover the provider object', () => {
    const info = read(OFFICIAL);
    const p = info.providers[0];
    assert.ok(p);
    const slice = OFFICIAL.slice(p.start, p.end);
    assert.ok(slice.startsWith('{') && slice.endsWith('}'));
    assert.match(slice, /applicationID: "convex"/);
  });

  it('reads a named constant exported by default, with `as const`', () => {
    const info = read(`const authConfig = {
      providers: [{ domain: "https://exotic-crab-75.clerk.accounts.dev", applicationID: "convex" }],
    } as const;
    export default authConfig;`);
    assert.equal(info.problem, undefined);
    assert.deepEqual(info.providers[0]?.domain, {
      kind: 'literal',
      value: 'https://exotic-crab-75.clerk.accounts.dev',
    });
  });

  it('reads `export { config as default }` and a providers constant', () => {
    const info = read(`const providers = [{ domain: 'https://a.dev', applicationID: 'convex' }];
    const config = { providers };
    export { config as default };`);
    assert.equal(info.providers.length, 1);
    assert.equal(info.providers[0]?.applicationID, 'convex');
  });

  it('reads module.exports in a .js file', () => {
    const info = read(
      `module.exports = {
      providers: [{ domain: process.env["CLERK_FRONTEND_API_URL"], applicationID: "convex" }],
    };`,
      'convex/auth.config.js',
    );
    assert.equal(info.problem, undefined);
    assert.deepEqual(info.providers[0]?.domain, { kind: 'env', name: 'CLERK_FRONTEND_API_URL' });
  });

  it('reads exports.default in CommonJS', () => {
    const info = read(
      'exports.default = { providers: [{ domain: "https://a.dev", applicationID: "convex" }] };',
      'convex/auth.config.js',
    );
    assert.equal(info.providers.length, 1);
  });

  it('reads a template literal without substitutions as a literal', () => {
    const info = read('export default { providers: [{ domain: `https://a.dev`, applicationID: `convex` }] };');
    assert.deepEqual(info.providers[0]?.domain, { kind: 'literal', value: 'https://a.dev' });
    assert.equal(info.providers[0]?.applicationID, 'convex');
  });

  it('keeps other domain expressions as text without evaluating them', () => {
    const info = read(
      'export default { providers: [{ domain: `https://${process.env.HOST}`, applicationID: "convex" }] };',
    );
    assert.deepEqual(info.providers[0]?.domain, { kind: 'expression', text: '`https://${process.env.HOST}`' });
  });

  it('reads `process.env.X as string` and a domain held in a constant', () => {
    const info = read(`const domain = process.env.CLERK_ISSUER as string;
    export default { providers: [{ domain, applicationID: "convex" }] };`);
    assert.deepEqual(info.providers[0]?.domain, { kind: 'env', name: 'CLERK_ISSUER' });
  });

  it('records misspelt keys and leaves applicationID unset', () => {
    const info = read('export default { providers: [{ domain: "https://a.dev", applicationId: "convex" }] };');
    assert.equal(info.providers[0]?.applicationID, undefined);
    assert.deepEqual(info.providers[0]?.keys, ['domain', 'applicationId']);
  });

  it('reads a computed key as the analyzer does: not a static name, so both say the provider has no domain', () => {
    const text =
      'export default { providers: [{ ["domain"]: "https://a.clerk.accounts.dev", applicationID: "convex" }] };';
    const info = read(text);
    assert.equal(info.providers[0]?.domain, undefined);
    assert.deepEqual(info.providers[0]?.keys, ['applicationID']);
    const codes = analyse('convex/auth.config.ts', text).findings.map((f) => f.code);
    assert.ok(codes.includes('clerk-convex/auth-config-missing-field'), codes.join(', '));
  });

  it('reads customJwt providers with their issuer', () => {
    const info =
      read(`export default { providers: [{ type: "customJwt", issuer: "https://issuer.example", applicationID: "convex",
      jwks: "https://issuer.example/jwks", algorithm: "RS256" }] };`);
    const p = info.providers[0];
    assert.equal(p?.type, 'customJwt');
    assert.deepEqual(p?.issuer, { kind: 'literal', value: 'https://issuer.example' });
  });

  it('reads several providers and skips spreads and holes', () => {
    const info = read(
      'export default { providers: [{ domain: "https://a.dev" }, ...others, , { domain: "https://b.dev" }] };',
    );
    assert.deepEqual(
      info.providers.map((p) => p.domain),
      [
        { kind: 'literal', value: 'https://a.dev' },
        { kind: 'literal', value: 'https://b.dev' },
      ],
    );
  });

  it('reads an empty providers array without a problem', () => {
    const info = read('export default { providers: [] };');
    assert.deepEqual(info.providers, []);
    assert.equal(info.problem, undefined);
  });

  it('reads the sample project config with its two mistakes intact', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../sample/convex/auth.config.ts'), 'utf8');
    const info = read(text);
    assert.deepEqual(info.providers[0]?.domain, {
      kind: 'literal',
      value: 'https://exotic-crab-75.clerk.accounts.dev/.well-known/jwks.json',
    });
    assert.deepEqual(info.providers[0]?.keys, ['domain', 'applicationId']);
  });

  it('reads providers despite a recoverable syntax error elsewhere', () => {
    const info = read(`let a = 1; let a = 2;
    export default { providers: [{ domain: "https://a.dev", applicationID: "convex" }] };`);
    assert.equal(info.providers.length, 1);
  });

  describe('says why when it cannot read providers', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['no default export', 'export const config = { providers: [] };', /no default export/],
      ['a default function', 'export default function config() { return {}; }', /not an object literal/],
      ['a call', 'export default makeConfig();', /not an object literal/],
      ['no providers key', 'export default { provider: [] };', /no `providers` property/],
      ['providers not an array', 'export default { providers: getProviders() };', /not an array literal/],
      ['an unterminated string', 'export default { providers: [{ domain: "https://', /could not be parsed/],
      ['an empty file', '', /no default export/],
    ];
    for (const [name, text, problem] of cases) {
      it(name, () => {
        const info = read(text);
        assert.match(info.problem ?? '', problem);
        assert.deepEqual(info.providers, []);
      });
    }
  });

  it('does not throw on garbage, binary or truncated input', () => {
    const inputs = [
      '\u0000\u0001\u0002',
      '}{][)(',
      '<div>',
      'export default {',
      'export default { providers: [{',
      OFFICIAL.slice(0, 60),
      '\uD800',
    ];
    for (const text of inputs) {
      const info = read(text);
      assert.ok(Array.isArray(info.providers));
    }
  });

  it('does not throw on a deep nesting that could exhaust the stack', () => {
    const deep = `export default { providers: [${'['.repeat(20_000)}${']'.repeat(20_000)}] };`;
    const info = read(deep);
    assert.ok(Array.isArray(info.providers));
  });

  it('reads a huge file with the config at the end', () => {
    const filler = Array.from({ length: 5_000 }, (_, i) => `const v${i} = ${i};`).join('\n');
    const info = read(`${filler}\n${OFFICIAL}`);
    assert.equal(info.providers.length, 1);
  });

  it('cuts a very long domain expression short', () => {
    const info = read(`export default { providers: [{ domain: f(${'"x",'.repeat(500)}) }] };`);
    const domain = info.providers[0]?.domain;
    assert.equal(domain?.kind, 'expression');
    assert.ok(domain?.kind === 'expression' && domain.text.length <= 201 && domain.text.endsWith('…'));
  });
});
