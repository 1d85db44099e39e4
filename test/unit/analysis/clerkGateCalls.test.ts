import assert from 'node:assert/strict';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import { applyEdits } from '../../../src/analysis/edits';
import { assertParses } from './helpers';
import type { FileAnalysis, Finding } from '../../../src/analysis/types';
import { indexed, together } from './together';

// audit7's class M1: a mutation fired from an effect on Clerk's sign-in state (useUser/useAuth), with nothing of
// Convex's auth in the guard, whose handler needs a signed-in user. Clerk says signed in before Convex has the token,
// so the first call runs anonymous. Cases the in-file clerk-gate left out: the call passes the Clerk id (which
// alone pointed at identity-from-args), or the guard also waits for a query's null answer.

const STORE = (guard: string): string => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const store = mutation({
  args: { name: v.optional(v.string()), tokenIdentifier: v.optional(v.string()) },
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    ${guard}
    return await ctx.db.insert("users", { name: identity.name ?? "", tokenIdentifier: identity.tokenIdentifier });
  },
});

export const current = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null;
    }
    return await ctx.db.query("users").first();
  },
});

export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("users").collect();
  },
});
`;
const THROWS = STORE(
  'if (!identity) {\n      throw new Error("Called storeUser without authentication present");\n    }',
);
const OPEN = `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const store = mutation({
  args: { name: v.optional(v.string()), tokenIdentifier: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("users", { name: args.name ?? "", tokenIdentifier: args.tokenIdentifier });
  },
});
`;

const effect = (hook: string, destructure: string, body: string, extraImports = ''): string => `"use client";
import { ${hook} } from "@clerk/nextjs";
import { useMutation${extraImports} } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useEffect } from "react";

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const { ${destructure} } = ${hook}();
  const storeUser = useMutation(api.users.store);
${body}
  return <>{children}</>;
}
`;
const PASSES_ID = effect(
  'useUser',
  'user, isSignedIn',
  `  useEffect(() => {
    if (!isSignedIn || !user) return;
    storeUser({ tokenIdentifier: user.id, name: user.fullName ?? "" });
  }, [isSignedIn, user, storeUser]);`,
);

const gateFindings = (r: FileAnalysis | undefined): Finding[] =>
  (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/clerk-gate');
const at = (text: string, f: Finding | undefined): string => text.slice(f?.start, f?.end);

describe('clerk-gate: a mutation fired from an effect on Clerk state (audit7 M1)', () => {
  it('flags a call that passes the Clerk id when the handler reads the identity and throws', () => {
    const r = indexed({ 'convex/users.ts': THROWS, 'components/auth-provider.tsx': PASSES_ID }, {});
    const [f, ...rest] = gateFindings(r.get('components/auth-provider.tsx'));
    assert.equal(rest.length, 0);
    assert.equal(at(PASSES_ID, f), 'storeUser');
    assert.match(f?.message ?? '', /^storeUser\(\) runs api\.users\.store, which needs a signed-in user/);
    assert.match(f?.message ?? '', /waits only for Clerk's useUser\(\) \(isSignedIn, user\)/);
    assert.match(f?.message ?? '', /the handler gets no identity and throws/);
    assert.match(f?.message ?? '', /The Clerk id passed as an argument does not help/);
    assert.match(f?.message ?? '', /Guard the effect on useConvexAuth\(\)\.isAuthenticated/);
    assert.equal(
      at(PASSES_ID, { start: f?.related?.[0]?.start ?? 0, end: f?.related?.[0]?.end ?? 0 } as Finding),
      '!isSignedIn || !user',
    );
    assert.equal(f?.related?.[1]?.path, 'convex/users.ts');
  });

  it('says what a handler that returns without an identity does', () => {
    const text = PASSES_ID;
    const r = together({ 'convex/users.ts': STORE('if (!identity) return null;'), 'c.tsx': text });
    const [f] = gateFindings(r.get('c.tsx'));
    assert.match(f?.message ?? '', /gets no identity and returns without doing its work/);
  });

  it('useAuth: userId in a positive guard, the call in a .then chain of an action', () => {
    const text = `import { useAuth } from "@clerk/clerk-react";
import { useAction } from "convex/react";
import { useEffect } from "react";
import { api } from "../convex/_generated/api";
export function Sync() {
  const { isLoaded, userId } = useAuth();
  const sync = useAction(api.sync.run);
  useEffect(() => {
    if (isLoaded && userId) {
      fetch("/warm").then(() => sync({ clerkId: userId }));
    }
  }, [isLoaded, userId, sync]);
  return null;
}
`;
    const SYNC = `import { action } from "./_generated/server";
import { v } from "convex/values";
export const run = action({
  args: { clerkId: v.string() },
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    return identity.subject;
  },
});
`;
    const [f] = gateFindings(together({ 'convex/sync.ts': SYNC, 'src/Sync.tsx': text }).get('src/Sync.tsx'));
    assert.equal(at(text, f), 'sync');
    assert.match(f?.message ?? '', /Clerk's useAuth\(\) \(userId\)/);
  });

  it('no finding when the function is unknown, or known to read no identity', () => {
    const unknown = together({ 'components/auth-provider.tsx': PASSES_ID });
    assert.deepEqual(gateFindings(unknown.get('components/auth-provider.tsx')), []);
    const open = indexed({ 'convex/users.ts': OPEN, 'components/auth-provider.tsx': PASSES_ID }, {});
    assert.deepEqual(gateFindings(open.get('components/auth-provider.tsx')), []);
  });

  it('near misses: the guard reads useConvexAuth(); isLoaded alone says nothing of who is signed in', () => {
    const convex = effect(
      'useUser',
      'user',
      `  const { isAuthenticated } = useConvexAuth();
  useEffect(() => {
    if (!isAuthenticated || !user) return;
    storeUser({ tokenIdentifier: user.id });
  }, [isAuthenticated, user, storeUser]);`,
      ', useConvexAuth',
    );
    const loaded = effect(
      'useAuth',
      'isLoaded, userId',
      `  useEffect(() => {
    if (isLoaded) storeUser({ tokenIdentifier: userId ?? "" });
  }, [isLoaded, userId, storeUser]);`,
    );
    for (const text of [convex, loaded]) {
      const r = together({ 'convex/users.ts': THROWS, 'c.tsx': text });
      assert.deepEqual(gateFindings(r.get('c.tsx')), [], text);
    }
  });

  it("flags an effect that waits for Clerk's user and a query's null answer, when that query answers null anonymous", () => {
    const text = effect(
      'useUser',
      'user',
      `  const me = useQuery(api.users.current, {});
  useEffect(() => {
    if (!user || me !== null) return;
    void storeUser({ name: user.fullName ?? "" });
  }, [user, me, storeUser]);`,
      ', useQuery',
    );
    const [f, ...rest] = gateFindings(together({ 'convex/users.ts': THROWS, 'c.tsx': text }).get('c.tsx'));
    assert.equal(rest.length, 0);
    assert.equal(at(text, f), 'storeUser');
    assert.match(f?.message ?? '', /and for api\.users\.current to answer null, which it also answers to anyone/);
    assert.doesNotMatch(f?.message ?? '', /Clerk id/);
  });

  it('near misses: a query answering [] anonymous, a query result tested for presence, an unknown query', () => {
    const guarded = (query: string, test: string): string =>
      effect(
        'useUser',
        'user',
        `  const me = useQuery(api.users.${query}, {});
  useEffect(() => {
    if (${test}) void storeUser({ name: user.fullName ?? "" });
  }, [user, me, storeUser]);`,
        ', useQuery',
      );
    for (const text of [
      guarded('list', 'user && me === null'),
      guarded('current', 'user && me'),
      guarded('other', 'user && me === null'),
    ]) {
      const r = together({ 'convex/users.ts': THROWS, 'c.tsx': text });
      assert.deepEqual(gateFindings(r.get('c.tsx')), [], text);
    }
  });

  it('the index joins it again when the function changes: gone once the handler no longer reads the identity', () => {
    const r = together({ 'convex/users.ts': THROWS, 'components/auth-provider.tsx': PASSES_ID });
    const analysis = r.get('components/auth-provider.tsx') as FileAnalysis;
    assert.equal(analysis.gateCallSites?.length, 1);
    assert.equal(gateFindings(withIdentityFunctions(analysis, [], [])).length, 0);
    const functions = (r.get('convex/users.ts')?.facts.identityFunctions ?? []).map((f) => ({
      ...f,
      path: 'convex/users.ts',
    }));
    assert.equal(gateFindings(withIdentityFunctions(analysis, functions, [])).length, 1);
  });

  it('fixes it by waiting for isAuthenticated too: guard, dependencies, the hook and its import; then nothing', () => {
    const fixedBy = (text: string): string | undefined => {
      const [f] = gateFindings(together({ 'convex/users.ts': THROWS, 'c.tsx': text }).get('c.tsx'));
      const fix = f?.fixes[0];
      return fix && applyEdits(text, fix.edits);
    };
    const exit = fixedBy(PASSES_ID) ?? '';
    assert.match(exit, /import \{ useMutation, useConvexAuth \} from "convex\/react";/);
    assert.match(
      exit,
      /const storeUser = useMutation\(api\.users\.store\);\n {2}const \{ isAuthenticated \} = useConvexAuth\(\);/,
    );
    assert.match(exit, /if \(!isAuthenticated \|\| !isSignedIn \|\| !user\) return;/);
    assert.match(exit, /\}, \[isSignedIn, user, storeUser, isAuthenticated\]\);/);
    const positive = fixedBy(
      effect(
        'useAuth',
        'isSignedIn, userId',
        `  useEffect(() => {
    if (isSignedIn || userId) {
      storeUser({ tokenIdentifier: userId ?? "" });
    }
  }, []);`,
      ),
    );
    assert.match(positive ?? '', /if \(isAuthenticated && \(isSignedIn \|\| userId\)\) \{/);
    assert.match(positive ?? '', /\}, \[isAuthenticated\]\);/);
    for (const fixed of [exit, positive ?? '']) {
      assertParses('c.tsx', fixed);
      const after = together({ 'convex/users.ts': THROWS, 'c.tsx': fixed });
      assert.deepEqual(gateFindings(after.get('c.tsx')), [], fixed);
    }
  });

  it('offers no fix where the names are taken or the guard is not the effect’s own if', () => {
    const taken = effect(
      'useUser',
      'user, isSignedIn',
      `  useEffect(() => {
    if (!isSignedIn || !user) return;
    storeUser({ tokenIdentifier: user.id });
  }, [isSignedIn, user, storeUser]);
  const isAuthenticated = isSignedIn;`,
    );
    const nested = effect(
      'useUser',
      'user',
      `  useEffect(() => {
    const run = () => (user ? storeUser({ tokenIdentifier: user.id }) : undefined);
    run();
  }, [user, storeUser]);`,
    );
    const elsewhere = effect(
      'useUser',
      'user',
      `  const run = () => storeUser({ tokenIdentifier: user?.id ?? "" });
  useEffect(() => {
    if (user) {
      run();
    }
  }, [user, run]);`,
    );
    for (const text of [taken, nested, elsewhere]) {
      const found = gateFindings(together({ 'convex/users.ts': THROWS, 'c.tsx': text }).get('c.tsx'));
      assert.ok(found.length <= 1 && found.every((f) => f.fixes.length === 0), text);
    }
    // The call written in a function the effect calls is still reported (the guard is the effect's), without a fix.
    assert.equal(gateFindings(together({ 'convex/users.ts': THROWS, 'c.tsx': elsewhere }).get('c.tsx')).length, 1);
  });

  it("a finding grouped on a query's skip also names the mutation its effect fires on the same state", () => {
    const text = `import { useAuth } from "@clerk/clerk-react";
import { useMutation, useQuery } from "convex/react";
import { useEffect } from "react";
import { api } from "../../convex/_generated/api";
export function UserInitializer({ children }: { children: React.ReactNode }) {
  const { isSignedIn, isLoaded } = useAuth();
  const getCurrentUser = useMutation(api.users.getCurrentUser);
  const profile = useQuery(api.users.profile, isLoaded && isSignedIn ? {} : "skip");
  useEffect(() => {
    if (isLoaded && isSignedIn) getCurrentUser().catch(console.error);
  }, [isLoaded, isSignedIn, getCurrentUser]);
  return <>{profile ? children : null}</>;
}
`;
    const [f] = gateFindings(
      together({ 'src/components/UserInitializer.tsx': text }).get('src/components/UserInitializer.tsx'),
    );
    assert.match(f?.message ?? '', /decides when useQuery\(api\.users\.profile\) runs/);
    assert.match(
      f?.message ?? '',
      /getCurrentUser\(\) \(from useMutation\) is also called from an effect on the same state/,
    );
  });
});
