import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { assertFixesResolve, codes, only } from './helpers';

describe('analysis: Clerk Core 3 gates and Clerk state gating any Convex call', () => {
  const feed = (gate: string, sdk = '@clerk/react'): string => `import { Show } from "${sdk}";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function Feed() {
  const messages = useQuery(api.messages.list);
  return (
    <Show ${gate}>
      <List items={messages} />
    </Show>
  );
}
`;

  it('flags <Show when="signed-in"> around a query\'s result, offering no swap: the query is sent outside it', () => {
    const text = feed('when="signed-in"');
    const [f] = only('feed.tsx', text, 'clerk-gate');
    assert.equal(text.slice(f?.start, f?.end), 'Show');
    assert.match(f?.message ?? '', /only hides the result of useQuery\(api\.messages\.list\)/);
    assert.match(f?.message ?? '', /Pass "skip"/);
    // <Authenticated> there would hide the result and end the finding while the query still ran without a token.
    assert.deepEqual(f?.fixes, []);
  });

  it('flags <Show when="signed-in"> above a component that queries and replaces it with <Authenticated> (mechanical)', () => {
    const text = feed('when="signed-in"')
      .replace('  const messages = useQuery(api.messages.list);\n', '')
      .replace('<List items={messages} />', '<Messages />')
      .concat(
        '\nfunction Messages() {\n  const messages = useQuery(api.messages.list);\n  return <List items={messages} />;\n}\n',
      );
    const [f] = only('feed.tsx', text, 'clerk-gate');
    assert.equal(text.slice(f?.start, f?.end), 'Show');
    assert.match(f?.message ?? '', /<Show when="signed-in">/);
    assert.equal(f?.fixes[0]?.mechanical, true);
    const [fixed] = assertFixesResolve('feed.tsx', text, 'clerk-gate');
    assert.match(fixed ?? '', /<Authenticated>\n/);
    assert.match(fixed ?? '', /<\/Authenticated>/);
    assert.match(fixed ?? '', /import \{ useQuery, Authenticated \} from "convex\/react";/);
    assert.doesNotMatch(fixed ?? '', /Show|@clerk\/react/, 'the unused Clerk import goes');
    assert.deepEqual(codes('feed.tsx', fixed ?? ''), []);
    assert.equal(analyse('feed.tsx', fixed ?? '').facts.gatesWithConvexAuth, true);
  });

  it('near miss: <Show when={"signed-out"}> decides no Convex call (the signed-out side needs no token)', () => {
    assert.deepEqual(codes('feed.tsx', feed('when={"signed-out"}', '@clerk/nextjs')), []);
  });

  it('near misses: <Show> used for authorization (when={(has) => …}), <Show> from another library, no Convex call', () => {
    assert.deepEqual(codes('feed.tsx', feed('when={(has) => has({ role: "org:admin" })}')), []);
    assert.deepEqual(codes('feed.tsx', feed('when="signed-in"', './ui/Show')), []);
    assert.deepEqual(
      codes(
        'nav.tsx',
        'import { Show } from "@clerk/react";\nexport const Nav = () => <Show when="signed-in"><a href="/me">me</a></Show>;\n',
      ),
      [],
    );
  });

  it('flags Clerk useAuth() gating a mutation fired from an effect', () => {
    const text = `import { useAuth } from "@clerk/clerk-react";
import { useMutation } from "convex/react";
import { useEffect } from "react";
import { api } from "../convex/_generated/api";

export function useStoreUser() {
  const { isSignedIn } = useAuth();
  const store = useMutation(api.users.store);
  useEffect(() => {
    if (isSignedIn) void store();
  }, [isSignedIn, store]);
}
`;
    const [f] = only('useStoreUser.ts', text, 'clerk-gate');
    assert.match(f?.message ?? '', /store\(\) \(from useMutation\) runs from an effect once Clerk's useAuth\(\) says/);
    assert.equal(text.slice(f?.related?.[0]?.start, f?.related?.[0]?.end), 'store()');
    const [fixed] = assertFixesResolve('useStoreUser.ts', text, 'clerk-gate');
    assert.match(fixed ?? '', /const \{ isAuthenticated \} = useConvexAuth\(\);/);
    assert.match(fixed ?? '', /if \(isAuthenticated\) void store\(\);\n {2}\}, \[isAuthenticated, store\]\);/);
    assert.deepEqual(codes('useStoreUser.ts', fixed ?? ''), []);
  });

  it("near miss: Clerk's state only enabling a button whose action the user fires (and which passes the Clerk id)", () => {
    const text = `import { useUser } from "@clerk/react";
import { useAction } from "convex/react";
export function Sync() {
  const { isLoaded, isSignedIn, user } = useUser();
  const sync = useAction(api.sync.run);
  return <button disabled={!isLoaded || !isSignedIn} onClick={() => sync({ id: user.id })}>Sync</button>;
}
`;
    assert.deepEqual(codes('sync.tsx', text), []);
  });

  it('flags useUser() whose user gates an action fired from an effect; no fix (useUser also returns the user)', () => {
    const text = `import { useUser } from "@clerk/react";
import { useAction } from "convex/react";
import { useEffect } from "react";
export function Sync() {
  const { user } = useUser();
  const sync = useAction(api.sync.run);
  useEffect(() => { if (user) void sync({ name: user.fullName }); }, [user, sync]);
  return null;
}
`;
    const [f] = only('sync.tsx', text, 'clerk-gate');
    assert.match(f?.message ?? '', /sync\(\) \(from useAction\) runs from an effect once Clerk's useUser\(\)/);
    assert.deepEqual(f?.fixes, []);
  });

  it('near misses: useConvexAuth gating the mutation; useUser only for the name; useAuth for getToken', () => {
    assert.deepEqual(
      codes(
        'a.tsx',
        `import { useConvexAuth, useMutation } from "convex/react";
export function useStoreUser() {
  const { isAuthenticated } = useConvexAuth();
  const store = useMutation(api.users.store);
  useEffect(() => { if (isAuthenticated) void store(); }, [isAuthenticated, store]);
}
`,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        'b.tsx',
        `import { useUser } from "@clerk/react";
import { useQuery } from "convex/react";
export function Hello() {
  const { user } = useUser();
  const me = useQuery(api.users.me);
  return <p>{user?.firstName} {me?.name}</p>;
}
`,
      ),
      [],
    );
    assert.deepEqual(
      codes(
        'c.tsx',
        `import { useAuth } from "@clerk/nextjs";
import { useAction } from "convex/react";
export function Upload() {
  const { getToken } = useAuth();
  const run = useAction(api.files.upload);
  return <button onClick={async () => run({ token: await getToken() })}>Go</button>;
}
`,
      ),
      [],
    );
  });
});
