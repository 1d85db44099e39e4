import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { assertFixesResolve, codes, only } from './helpers';

describe('analysis: auth hook rules', () => {
  describe('clerk-gate', () => {
    const gated = `"use client";
import { SignInButton, useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export default function Home() {
  const { isSignedIn } = useAuth();
  const messages = useQuery(api.messages.list);
  if (!isSignedIn) return <SignInButton />;
  return <ul>{messages?.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`;
    it('warns about useAuth() gating a Convex query; the fix uses useConvexAuth and fixes the imports', () => {
      const [f] = only('app/page.tsx', gated, 'clerk-gate');
      assert.equal(f?.severity, 'warning');
      assert.equal(f?.lessonStep, 'authHook');
      const [fixed] = assertFixesResolve('app/page.tsx', gated, 'clerk-gate');
      assert.match(fixed ?? '', /const \{ isAuthenticated: isSignedIn \} = useConvexAuth\(\);/);
      assert.match(fixed ?? '', /import \{ SignInButton \} from "@clerk\/nextjs";/);
      assert.match(fixed ?? '', /import \{ useQuery, useConvexAuth \} from "convex\/react";/);
      assert.equal(analyze('app/page.tsx', fixed ?? '').facts.gatesWithConvexAuth, true);
    });
    it('flags useAuth with isLoaded too, without a fix (isLoaded is not isLoading)', () => {
      const text = gated.replace('{ isSignedIn }', '{ isLoaded, isSignedIn }');
      const [f] = only('app/page.tsx', text, 'clerk-gate');
      assert.equal(f?.fixes.length, 0);
    });
    it('flags <SignedIn>/<SignedOut> in a file with Convex queries; the fix swaps in Authenticated/Unauthenticated', () => {
      const text = `import { SignedIn, SignedOut, SignInButton } from "@clerk/clerk-react";
import { useQuery } from "convex/react";
function Content() { const m = useQuery(api.m.list); return <p>{m?.length}</p>; }
export default function App() {
  return <main><SignedOut><SignInButton /></SignedOut><SignedIn><Content /></SignedIn></main>;
}
`;
      assert.equal(only('App.tsx', text, 'clerk-gate').length, 2);
      const fixed = assertFixesResolve('App.tsx', text, 'clerk-gate');
      assert.ok(
        fixed.some(
          (t) =>
            /<Authenticated><Content \/><\/Authenticated>/.test(t) &&
            /import \{ useQuery, Authenticated \} from "convex\/react"/.test(t),
        ),
      );
    });
    it('near misses: useAuth for a token or user id; Clerk gates with no Convex query in the file', () => {
      assert.deepEqual(
        codes(
          'a.tsx',
          gated.replace('{ isSignedIn }', '{ getToken }').replace('if (!isSignedIn) return <SignInButton />;\n', ''),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'a.tsx',
          gated
            .replace('const messages = useQuery(api.messages.list);', 'const messages = [];')
            .replace('import { useQuery } from "convex/react";\n', ''),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'a.tsx',
          'import { SignedIn, UserButton } from "@clerk/nextjs";\nexport const H = () => <SignedIn><UserButton /></SignedIn>;\n',
        ),
        [],
      );
    });
  });

  describe('convex-auth-outside-provider', () => {
    it('flags useConvexAuth() called in the component that renders the provider', () => {
      const text = `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useConvexAuth } from "convex/react";
export function App() {
  const { isAuthenticated } = useConvexAuth();
  return <ClerkProvider><ConvexProviderWithClerk client={c} useAuth={useAuth}>{isAuthenticated ? "in" : "out"}</ConvexProviderWithClerk></ClerkProvider>;
}
`;
      const [f] = only('main.tsx', text, 'convex-auth-outside-provider');
      assert.equal(f?.severity, 'error');
      assert.equal(analyze('main.tsx', text).facts.gatesWithConvexAuth, false);
    });
    it('flags <Authenticated> rendered beside, not inside, the Convex provider', () => {
      const text = `import { ConvexProvider, Authenticated } from "convex/react";
export const App = () => <><Authenticated>x</Authenticated><ConvexProvider client={c}>y</ConvexProvider></>;
`;
      const [f] = only('main.tsx', text, 'convex-auth-outside-provider');
      assert.ok(f?.related?.length);
    });
    it('near misses: gates inside the provider, and in child components of another file', () => {
      const inside = `import { ConvexProvider, Authenticated } from "convex/react";
export const App = () => <ConvexProvider client={c}><Authenticated>x</Authenticated></ConvexProvider>;
`;
      assert.deepEqual(codes('main.tsx', inside), []);
      assert.deepEqual(
        codes(
          'x.tsx',
          'import { useConvexAuth } from "convex/react";\nexport function X() { const { isLoading } = useConvexAuth(); return isLoading ? null : <p />; }\n',
        ),
        [],
      );
      assert.equal(
        analyze(
          'x.tsx',
          'import { useConvexAuth } from "convex/react";\nexport function X() { const { isLoading } = useConvexAuth(); return isLoading ? null : <p />; }\n',
        ).facts.gatesWithConvexAuth,
        true,
      );
    });
  });
});
