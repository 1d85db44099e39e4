import assert from 'node:assert/strict';
import type { FileAnalysis } from '../../../src/analysis/types';
import { together } from './together';

// mutation-after-set-active: a Convex mutation sent right after Clerk's setActive() (the form of
// FleetAdmiralJakob/minimal-reproduction-convex-clerk src/app/page.tsx; reduction in corpus/chains.ts).

const after = (r: FileAnalysis | undefined) =>
  (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/mutation-after-set-active');

const userFn = (reads: boolean): string => `import { mutation } from "./_generated/server";
export const setUp = mutation({
  args: {},
  handler: async (ctx) => {
    ${reads ? 'const identity = await ctx.auth.getUserIdentity();\n    if (identity === null) throw new Error("Unauthenticated");' : ''}
    await ctx.db.insert("events", { at: Date.now() });
  },
});
`;
const signUpPage = (between = ''): string => `"use client";
import { useSignUp } from "@clerk/nextjs";
import { useConvexAuth, useMutation } from "convex/react";
import { api } from "../../convex/_generated/api";
export default function SignUpPage() {
  const { signUp, setActive } = useSignUp();
  const { isAuthenticated } = useConvexAuth();
  const setUp = useMutation(api.user.setUp);
  async function onSubmit() {
    if (isAuthenticated) return;
    const done = await signUp!.create({ username: "a", password: "b" });
    await setActive!({ session: done.createdSessionId });
    ${between}
    void setUp({});
  }
  return <button onClick={onSubmit}>Sign up</button>;
}
`;

describe('analysis: a Convex mutation sent right after Clerk setActive() (mutation-after-set-active)', () => {
  it('warns when the function needs a signed-in user, says why and what to do, and points at both places', () => {
    const page = signUpPage();
    const r = together({ 'convex/user.ts': userFn(true), 'src/app/page.tsx': page });
    const [f, ...rest] = after(r.get('src/app/page.tsx'));
    assert.equal(rest.length, 0);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.equal(page.slice(f.start, f.end), 'setUp({})');
    assert.match(f.message, /needs a signed-in user .*convex\/user\.ts.*right after setActive\(\)/);
    assert.match(f.message, /only after React renders with the new session/);
    assert.match(f.message, /useConvexAuth\(\)\.isAuthenticated.*<Authenticated>/);
    assert.equal(page.slice(f.related?.[0]?.start, f.related?.[0]?.end).startsWith('setActive!('), true);
    assert.equal(f.related?.[1]?.path, 'convex/user.ts');
  });

  it('says so softly (information) when the function is not known, and nothing when it reads no identity', () => {
    const unknown = together({ 'src/app/page.tsx': signUpPage() });
    const [f] = after(unknown.get('src/app/page.tsx'));
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /Could not tell whether it does/);
    const open = together({ 'convex/user.ts': userFn(false), 'src/app/page.tsx': signUpPage() });
    assert.deepEqual(after(open.get('src/app/page.tsx')), []);
  });

  it('near misses: the call waits on Convex auth first, no setActive, setActive from a file without Clerk', () => {
    const fn = { 'convex/user.ts': userFn(true) };
    const waits = signUpPage('await waitUntil(() => isAuthenticated);');
    assert.deepEqual(after(together({ ...fn, 'src/app/page.tsx': waits }).get('src/app/page.tsx')), []);
    const noSwitch = signUpPage().replace(/await setActive[^\n]*\n/, '');
    assert.deepEqual(after(together({ ...fn, 'src/app/page.tsx': noSwitch }).get('src/app/page.tsx')), []);
    const noClerk = signUpPage().replace('@clerk/nextjs', './my-auth');
    assert.deepEqual(after(together({ ...fn, 'src/app/page.tsx': noClerk }).get('src/app/page.tsx')), []);
  });
});
