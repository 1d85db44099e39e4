import assert from 'node:assert/strict';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { readAuthConfig } from '../../../src/project/authConfig';
import { parseEnvFile } from '../../../src/project/envFile';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { aliasCandidates, moduleAliasesFor } from '../../../src/project/tsconfigPaths';

const sample = (p: string) => fs.readFileSync(path.join(__dirname, '../../../sample', p), 'utf8');

const AUTH_CONFIGS = [
  sample('convex/auth.config.ts'),
  `import { AuthConfig } from "convex/server";
export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }],
} satisfies AuthConfig;`,
  `const authConfig = { providers: [{ domain: \`https://a.dev\`, applicationID: 'convex' }, { type: "customJwt", issuer: "https://i" }] } as const;
export default authConfig;`,
  'module.exports = { providers: [{ domain: process.env["X"], applicationID: "convex" }] };',
];
const TSCONFIGS = [
  '{\n  // Next.js\n  "extends": ["./base.json", "@acme/tsconfig"],\n  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*",], "~/x": ["./x"] }, },\n}',
  '{"extends":"./tsconfig.json","compilerOptions":{"paths":{"*":["./types/*","./*"]}}}',
];
const ENV_FILES = [sample('.env.local'), 'export A="multi\nline"\nB=\'single\' # c\nC=`back`\nD=\nE: yaml\n'];

/** A fixture with one edit: truncation, deletion of a span, or insertion of random (often syntactic) text. */
function mutated(fixtures: string[]): fc.Arbitrary<string> {
  const noise = fc.oneof(
    fc.string(),
    fc.constantFrom('{', '}', '[', ']', '"', "'", '`', '\\', '/*', '//', '\n', '=', '#', '$', '\u0000', '${'),
  );
  return fc
    .tuple(fc.constantFrom(...fixtures), fc.nat(), fc.nat(), noise, fc.integer({ min: 0, max: 2 }))
    .map(([text, a, b, insert, kind]) => {
      const i = a % (text.length + 1);
      const j = b % (text.length + 1);
      if (kind === 0) return text.slice(0, i);
      if (kind === 1) return text.slice(0, Math.min(i, j)) + text.slice(Math.max(i, j));
      return text.slice(0, i) + insert + text.slice(i);
    });
}

describe('project readers never throw (property)', function () {
  // Thousands of parses: generous on a loaded machine; this bounds hangs, it does not measure speed.
  this.timeout(120_000);
  it('readAuthConfig on 3,000 mutations of real configs', () => {
    fc.assert(
      fc.property(
        mutated(AUTH_CONFIGS),
        fc.constantFrom('convex/auth.config.ts', 'convex/auth.config.js'),
        (text, file) => {
          const info = readAuthConfig(text, file, 'file:///w/x');
          assert.ok(Array.isArray(info.providers));
          assert.ok(info.problem === undefined || info.problem.length > 0);
          for (const p of info.providers) assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('readAuthConfig on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        assert.ok(Array.isArray(readAuthConfig(text, 'convex/auth.config.ts', 'u').providers));
      }),
      { numRuns: 1_000 },
    );
  });

  it('parseEnvFile on 10,000 mutations and arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(ENV_FILES), fc.string({ unit: 'binary' })), (text) => {
        const pairs = parseEnvFile(text);
        const names = pairs.map((p) => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const p of pairs) assert.match(p.name, /^[\w.-]+$/);
      }),
      { numRuns: 10_000 },
    );
  });

  it('moduleAliasesFor on 2,000 mutations of tsconfigs (as the file, its base and a package base) and arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(mutated(TSCONFIGS), fc.json()),
        mutated(TSCONFIGS),
        fc.string(),
        async (text, base, specifier) => {
          const files: Record<string, string> = {
            'app/tsconfig.json': text,
            'app/base.json': base,
            'node_modules/@acme/tsconfig/tsconfig.json': text,
          };
          const aliases = await moduleAliasesFor('app/src/layout.tsx', (p) => Promise.resolve(files[p]));
          if (aliases) for (const c of aliasCandidates(aliases, specifier)) assert.equal(typeof c, 'string');
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('readPackageFacts on arbitrary JSON and strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const facts = readPackageFacts(text);
        assert.ok(['next', 'vite', 'unknown'].includes(facts.framework));
      }),
      { numRuns: 2_000 },
    );
  });
});
