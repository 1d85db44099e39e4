import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { componentContext, componentKey, consumesComponents } from '../../../src/analysis/componentContext';

// What the workspace index keeps of each file's exports for the others (crossFile.ts): what each kind of export
// becomes in another file's context, what its key follows, and which files are analysed again when it changes.
const files = {
  'components/Rows.tsx': `import { useQuery } from "convex/react";
export default function Rows() { const rows = useQuery(api.rows.list); return <p>{rows?.length}</p>; }
`,
  'components/ConvexClientProvider.tsx': `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function ConvexClientProvider({ children }) { return <ConvexProvider client={convex}>{children}</ConvexProvider>; }
`,
  'hooks/use-clerk.ts': `import { useAuth } from "@clerk/nextjs";
export function useClerkState() { const { isSignedIn, userId } = useAuth(); return { signedIn: isSignedIn, userId }; }
`,
};

const facts = () => Object.entries(files).map(([path, text]) => ({ path, facts: analyse(path, text).facts }));

describe('analysis: the cross-file context of components and hooks', () => {
  it('each export becomes what other files follow: a Convex caller, a plain provider (with where), a Clerk wrapper (with its keys)', () => {
    const context = componentContext(facts());
    assert.deepEqual(context.convexCallComponents, [
      { path: 'components/Rows.tsx', exportName: 'default', why: 'useQuery(api.rows.list)' },
    ]);
    assert.deepEqual(
      context.plainConvexProviderComponents?.map((c) => [c.path, c.exportName, c.position?.line]),
      [['components/ConvexClientProvider.tsx', 'ConvexClientProvider', 3]],
    );
    assert.deepEqual(context.clerkAuthHooks, [
      { path: 'hooks/use-clerk.ts', exportName: 'useClerkState', keys: ['signedIn', 'userId'] },
    ]);
  });

  it('the key changes when what a file exports changes, and only then', () => {
    const before = componentKey(facts());
    assert.equal(componentKey(facts()), before);
    const gated = {
      path: 'components/Rows.tsx',
      facts: analyse(
        'components/Rows.tsx',
        files['components/Rows.tsx'].replace(
          'useQuery(api.rows.list)',
          'useQuery(api.rows.list, useConvexAuth().isAuthenticated ? {} : "skip")',
        ),
      ).facts,
    };
    assert.notEqual(componentKey([gated, ...facts().slice(1)]), before);
  });

  it('the key follows whether a Convex function reads the identity and which files provide Convex with Clerk', () => {
    const before = componentKey(facts());
    const identity = {
      path: 'convex/notes.ts',
      facts: analyse(
        'convex/notes.ts',
        `import { query } from "./_generated/server";
export const mine = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return [];
} });
`,
      ).facts,
    };
    assert.notEqual(componentKey([...facts(), identity]), before);
    const withClerk = {
      path: 'app/providers.tsx',
      facts: analyse(
        'app/providers.tsx',
        `"use client";
import { useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`,
      ).facts,
    };
    assert.notEqual(componentKey([...facts(), withClerk]), before);
    assert.deepEqual(componentContext([...facts(), withClerk]).convexWithClerkFiles, ['app/providers.tsx']);
  });

  it("files that may follow others' components are analysed again when those change; the rest are not", () => {
    const context = componentContext(facts());
    assert.equal(consumesComponents('import { SignedIn } from "@clerk/nextjs";', context), true);
    assert.equal(consumesComponents('const { signedIn } = useClerkState();', context), true);
    assert.equal(consumesComponents('<ConvexProvider client={convex}>{children}</ConvexProvider>', context), true);
    assert.equal(consumesComponents('export const x = 1;', context), false);
  });
});
