import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { applyEdits } from '../../../src/analysis/edits';
import { mergeFixEdits } from '../../../src/analysis/mergeFixes';
import type { AnalysisContext } from '../../../src/analysis/types';
import { assertParses, project, readRepoFile } from './helpers';

// The sample project's deliberate mistakes (sample/README.md), found the way the editor finds them: the
// index analyses every file first, and its provider components feed the layout's analysis.
const files = [
  'app/layout.tsx',
  'app/page.tsx',
  'components/ConvexClientProvider.tsx',
  'convex/auth.config.ts',
  'convex/messages.ts',
  'convex/schema.ts',
  'middleware.ts',
];

function sampleContext(): AnalysisContext {
  const convexProviderComponents = files.flatMap((f) =>
    analyse(f, readRepoFile(`sample/${f}`)).facts.exportsConvexProviderComponents.map((exportName) => ({
      path: f,
      exportName,
    })),
  );
  return {
    convexProviderComponents,
    project: project({
      packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] },
      env: [{ name: 'NEXT_PUBLIC_CONVEX_URL', value: 'x', file: '.env.local' }],
      authConfigs: [{ path: 'convex/auth.config.ts', uri: '', providers: [] }],
    }),
  };
}

describe('analysis: the sample project', () => {
  const context = sampleContext();
  const found = (f: string) =>
    analyse(f, readRepoFile(`sample/${f}`), context).findings.map((x) => x.code.replace('clerk-convex/', ''));

  it('the index learns that components/ConvexClientProvider.tsx renders the Convex provider', () => {
    assert.deepEqual(context.convexProviderComponents, [
      { path: 'components/ConvexClientProvider.tsx', exportName: 'default' },
    ]);
  });
  it('1. app/layout.tsx: the providers are nested the wrong way round, and the fix puts ClerkProvider outside', () => {
    assert.deepEqual(found('app/layout.tsx'), ['provider-order']);
    const text = readRepoFile('sample/app/layout.tsx');
    const fix = analyse('app/layout.tsx', text, context).findings[0]?.fixes[0];
    const fixed = applyEdits(text, fix?.edits ?? []);
    assert.match(
      fixed,
      /<ClerkProvider>\s*<ConvexClientProvider>\{children\}<\/ConvexClientProvider>\s*<\/ClerkProvider>/,
    );
    assert.equal(analyse('app/layout.tsx', fixed, context).facts.sandwichCorrect, true);
  });
  it('2. convex/auth.config.ts: a JWKS URL as domain and a misspelt applicationID', () => {
    assert.deepEqual(found('convex/auth.config.ts'), ['auth-config-domain', 'auth-config-misspelt-key']);
  });
  it('3. convex/messages.ts: no await, a field that does not exist, no null check', () => {
    assert.deepEqual(found('convex/messages.ts').sort(), [
      'identity-field',
      'identity-not-awaited',
      'identity-null-check',
    ]);
  });
  it("4. app/page.tsx: the UI is gated with Clerk's useAuth()", () => {
    assert.deepEqual(found('app/page.tsx'), ['clerk-gate']);
  });
  it('the files without mistakes stay quiet', () => {
    for (const f of ['components/ConvexClientProvider.tsx', 'convex/schema.ts', 'middleware.ts'])
      assert.deepEqual(found(f), [], f);
  });
  it('"Fix all" (every mechanical fix merged) leaves each file parsing, with only non-mechanical findings left', () => {
    for (const f of files) {
      const text = readRepoFile(`sample/${f}`);
      const before = analyse(f, text, context).findings;
      const fixed = applyEdits(
        text,
        mergeFixEdits(before.flatMap((x) => x.fixes.filter((fix) => fix.mechanical).map((fix) => fix.edits))),
      );
      assertParses(f, fixed);
      const after = analyse(f, fixed, context).findings;
      assert.ok(
        after.every((x) => !x.fixes.some((fix) => fix.mechanical)),
        `${f}: ${after.map((x) => x.code).join(', ')}`,
      );
      assert.ok(after.length <= before.length, f);
    }
    const messages = analyse(
      'convex/messages.ts',
      applyEdits(
        readRepoFile('sample/convex/messages.ts'),
        mergeFixEdits(
          analyse('convex/messages.ts', readRepoFile('sample/convex/messages.ts'), context).findings.flatMap((x) =>
            x.fixes.filter((fix) => fix.mechanical).map((fix) => fix.edits),
          ),
        ),
      ),
      context,
    );
    assert.deepEqual(messages.findings.map((x) => x.code).sort(), [
      'clerk-convex/identity-field',
      'clerk-convex/identity-null-check',
    ]);
  });
});
