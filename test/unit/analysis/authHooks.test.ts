import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
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
    it('warns about useAuth() deciding when a query result shows; the fix keeps a loading state and skips the query', () => {
      const [f] = only('app/page.tsx', gated, 'clerk-gate');
      assert.equal(f?.severity, 'warning');
      assert.equal(f?.lessonStep, 'authHook');
      assert.equal(gated.slice(f?.start, f?.end), 'useAuth()');
      assert.match(f?.message ?? '', /shows the result of useQuery\(api\.messages\.list\) once Clerk's useAuth\(\)/);
      assert.equal(gated.slice(f?.related?.[0]?.start, f?.related?.[0]?.end), 'messages');
      const [fixed] = assertFixesResolve('app/page.tsx', gated, 'clerk-gate');
      assert.match(fixed ?? '', /const \{ isLoading, isAuthenticated \} = useConvexAuth\(\);/);
      assert.match(fixed ?? '', /useQuery\(api\.messages\.list, isAuthenticated \? \{\} : "skip"\);/);
      assert.match(
        fixed ?? '',
        /if \(isLoading\) return null;[^\n]*\n {2}if \(!isAuthenticated\) return <SignInButton \/>;/,
      );
      assert.match(fixed ?? '', /import \{ SignInButton \} from "@clerk\/nextjs";/);
      assert.match(fixed ?? '', /import \{ useQuery, useConvexAuth \} from "convex\/react";/);
      assert.equal(f?.fixes[0]?.mechanical, true);
      assert.deepEqual(codes('app/page.tsx', fixed ?? ''), []);
      assert.equal(analyse('app/page.tsx', fixed ?? '').facts.gatesWithConvexAuth, true);
    });
    it('with isLoaded too: isLoaded becomes !isLoading, and an existing loading return is kept instead of adding one', () => {
      const text = gated
        .replace('{ isSignedIn }', '{ isLoaded, isSignedIn }')
        .replace('  if (!isSignedIn)', '  if (!isLoaded) return <p>Loading…</p>;\n  if (!isSignedIn)');
      const [fixed] = assertFixesResolve('app/page.tsx', text, 'clerk-gate');
      assert.match(
        fixed ?? '',
        /if \(isLoading\) return <p>Loading…<\/p>;\n {2}if \(!isAuthenticated\) return <SignInButton \/>;/,
      );
      assert.doesNotMatch(fixed ?? '', /return null/);
      assert.deepEqual(codes('app/page.tsx', fixed ?? ''), []);
    });
    it('flags <SignedIn> above a component that runs a query; the fix swaps in <Authenticated> (<SignedOut> decides no Convex call)', () => {
      const text = `import { SignedIn, SignedOut, SignInButton } from "@clerk/clerk-react";
import { useQuery } from "convex/react";
function Content() { const m = useQuery(api.m.list); return <p>{m?.length}</p>; }
export default function App() {
  return <main><SignedOut><SignInButton /></SignedOut><SignedIn><Content /></SignedIn></main>;
}
`;
      const [f, more] = only('App.tsx', text, 'clerk-gate');
      assert.equal(more, undefined);
      assert.equal(text.slice(f?.start, f?.end), 'SignedIn');
      assert.match(f?.message ?? '', /<Content> \(useQuery\(api\.m\.list\)\) below it/);
      const [fixed] = assertFixesResolve('App.tsx', text, 'clerk-gate');
      assert.match(fixed ?? '', /<Authenticated><Content \/><\/Authenticated>/);
      assert.match(fixed ?? '', /import \{ useQuery, Authenticated \} from "convex\/react"/);
    });
    it('near misses: a query gated on isSignedIn && isAuthenticated; <SignedIn> around links in a file with a query', () => {
      assert.deepEqual(
        codes(
          'a.tsx',
          `import { useAuth } from "@clerk/nextjs";
import { useConvexAuth, useQuery } from "convex/react";
export function Feed() {
  const { isSignedIn } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  const feed = useQuery(api.feed.list, isSignedIn && isAuthenticated ? {} : "skip");
  return <ul>{feed?.map((p) => <li key={p._id}>{p.title}</li>)}</ul>;
}
`,
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'sidebar.tsx',
          `import { SignedIn, UserButton } from "@clerk/nextjs";
import { useQuery } from "convex/react";
export function Sidebar() {
  const docs = useQuery(api.documents.list);
  return <nav><ul>{docs?.map((d) => <li key={d._id}>{d.title}</li>)}</ul><SignedIn><a href="/settings">Settings</a><UserButton /></SignedIn></nav>;
}
`,
        ),
        [],
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
      assert.equal(analyse('main.tsx', text).facts.gatesWithConvexAuth, false);
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
        analyse(
          'x.tsx',
          'import { useConvexAuth } from "convex/react";\nexport function X() { const { isLoading } = useConvexAuth(); return isLoading ? null : <p />; }\n',
        ).facts.gatesWithConvexAuth,
        true,
      );
    });
  });
});
