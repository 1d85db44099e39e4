import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import type { AnalysisContext } from '../../../src/analysis/types';
import { project } from './helpers';
import { officialFixtures } from './officialFixtures';

const env = [
  { name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'https://exotic-crab-75.clerk.accounts.dev', file: '.env.local' },
];

function contextFor(rel: string): AnalysisContext {
  const app = rel.split('/')[0] ?? '';
  const framework = app === 'nextjs' ? 'next' : 'vite';
  const clerkSdks = [
    app === 'nextjs' ? '@clerk/nextjs' : app === 'vite-clerk-core3' ? '@clerk/react' : '@clerk/clerk-react',
  ];
  return {
    project: project({
      env,
      packages: { framework, clerkSdks },
      authConfigs: [{ path: `${app}/convex/auth.config.ts`, uri: '', providers: [] }],
    }),
    convexProviderComponents: [{ path: 'nextjs/components/ConvexClientProvider.tsx', exportName: 'default' }],
  };
}

describe('analysis: the official patterns give zero findings', () => {
  const fixtures = officialFixtures();
  it('has fixtures for Next.js App Router and both Clerk React SDK generations', () => {
    const all = fixtures.map((f) => f.text).join('\n');
    for (const needle of [
      '@clerk/nextjs',
      '@clerk/clerk-react',
      '@clerk/react',
      '"use client"',
      'getUserIdentity',
      'satisfies AuthConfig',
    ])
      assert.ok(all.includes(needle), needle);
  });
  for (const { rel, text } of fixtures) {
    it(`${rel}: no findings, with and without project context`, () => {
      assert.deepEqual(analyse(rel, text).findings, []);
      assert.deepEqual(analyse(rel, text, contextFor(rel)).findings, []);
    });
  }
  it('facts: the sandwich, identity reads and Convex gating are recognised', () => {
    const facts = (rel: string) => analyse(rel, fixtures.find((f) => f.rel === rel)?.text ?? '', contextFor(rel)).facts;
    assert.equal(facts('nextjs/app/layout.tsx').sandwichCorrect, true);
    assert.deepEqual(facts('nextjs/components/ConvexClientProvider.tsx').exportsConvexProviderComponents, ['default']);
    assert.equal(facts('nextjs/components/ConvexClientProvider.tsx').rendersConvexProviderWithClerk, true);
    assert.equal(facts('vite-clerk-react/src/main.tsx').sandwichCorrect, true);
    assert.equal(facts('vite-clerk-core3/src/main.tsx').sandwichCorrect, true);
    assert.equal(facts('nextjs/convex/messages.ts').readsIdentityCorrectly, true);
    assert.equal(facts('vite-clerk-react/convex/users.ts').readsIdentityCorrectly, true);
    assert.equal(facts('vite-clerk-react/src/App.tsx').gatesWithConvexAuth, true);
    assert.equal(facts('nextjs/app/page.tsx').gatesWithConvexAuth, true);
    assert.equal(
      analyse('nextjs/app/layout.tsx', fixtures.find((f) => f.rel === 'nextjs/app/layout.tsx')?.text ?? '').facts
        .sandwichCorrect,
      false,
      'without the index the layout cannot know ConvexClientProvider renders the Convex provider',
    );
  });
});
