import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { componentContext } from '../../../src/analysis/componentContext';
import { only, project } from './helpers';
import { codesOf, together } from './together';

// The forms issue 23's fresh check (an independent reviewer's 51 public files) found missed or wrongly flagged; the
// reductions with their sources are in corpus/fresh.ts. These pin each form and its near misses.

const provider = (sdk: string): string => `"use client";
import { useAuth } from "${sdk}";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const layout = `import { ClerkProvider } from "@clerk/nextjs";
import { ConvexClientProvider } from "../providers/convex";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html><body><ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider></body></html>;
}
`;

describe('analysis: the forms of the fresh check (issue 23)', () => {
  const bothSdks = {
    project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs', '@clerk/clerk-react'] } }),
  };

  it('use-auth-source across files: the layout renders a provider whose useAuth is from another Clerk SDK', () => {
    const r = together(
      { 'src/providers/convex.tsx': provider('@clerk/clerk-react'), 'src/app/layout.tsx': layout },
      bothSdks,
    );
    const [finding, ...rest] = (r.get('src/app/layout.tsx')?.findings ?? []).filter(
      (f) => f.code === 'clerk-convex/use-auth-source',
    );
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(layout.slice(finding.start, finding.end), 'ConvexClientProvider');
    assert.match(finding.message, /useAuth from "@clerk\/clerk-react".*ClerkProvider from "@clerk\/nextjs"/);
    assert.equal(finding.related?.[0]?.path, 'src/providers/convex.tsx');
    assert.equal(finding.related?.[0]?.position?.line, 6);
    assert.deepEqual(codesOf(r.get('src/providers/convex.tsx')), []);
  });

  it('use-auth-source across files: the same SDK on both sides (or a subpath of it) is clean', () => {
    for (const sdk of ['@clerk/nextjs', '@clerk/nextjs/legacy']) {
      const r = together({ 'src/providers/convex.tsx': provider(sdk), 'src/app/layout.tsx': layout }, bothSdks);
      assert.deepEqual(codesOf(r.get('src/app/layout.tsx')), [], sdk);
    }
  });

  const helperFile = (helper: string, call: string): string => `import { query } from "./_generated/server";
${helper}
export const mine = query({ args: {}, handler: async (ctx) => {
  ${call}
  return ctx.db.query("todos").collect();
} });
`;
  const throwing = `async function mustBeSignedIn(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthorized");
  return identity.subject;
}`;

  it("a Convex function that reads the identity through the file's own helper that throws is recorded", () => {
    const facts = analyse('convex/todos.ts', helperFile(throwing, 'const me = await mustBeSignedIn(ctx);')).facts;
    assert.deepEqual(
      facts.identityFunctions?.map((f) => [f.exportName, f.kind, f.without, f.via]),
      [['mine', 'query', 'throws', 'mustBeSignedIn']],
    );
    const arrow = `const requireAuth = async (ctx: any) => {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) { throw new Error("no"); }
  return identity;
};`;
    assert.equal(
      analyse('convex/todos.ts', helperFile(arrow, 'await requireAuth(ctx);')).facts.identityFunctions?.length,
      1,
    );
  });

  it('a helper that returns null without an identity, or one called under a condition, is not recorded', () => {
    const returning = throwing.replace('throw new Error("Unauthorized")', 'return null');
    assert.equal(
      analyse('convex/todos.ts', helperFile(returning, 'const me = await mustBeSignedIn(ctx);')).facts
        .identityFunctions,
      undefined,
    );
    assert.equal(
      analyse('convex/todos.ts', helperFile(throwing, 'if (Math.random() > 1) await mustBeSignedIn(ctx);')).facts
        .identityFunctions,
      undefined,
    );
  });

  it('query-before-auth through a helper: the page that sends the query ungated is told, naming the helper', () => {
    const r = together({
      'convex/todos.ts': helperFile(throwing, 'const me = await mustBeSignedIn(ctx);'),
      'app/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export default function Page() {
  const todos = useQuery(api.todos.mine, {});
  return <p>{todos?.length}</p>;
}
`,
    });
    const findings = r.get('app/page.tsx')?.findings ?? [];
    assert.deepEqual(codesOf(r.get('app/page.tsx')), ['query-before-auth']);
    assert.match(findings[0]?.message ?? '', /\(through mustBeSignedIn\(\)\) and throws without one/);
  });

  const todos = `import { query } from "./_generated/server";
export const mine = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthorized");
  return ctx.db.query("todos").collect();
} });
`;
  const hook = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function useTodos() {
  const todos = useQuery(api.todos.mine);
  return todos ?? [];
}
`;
  const hookPage = (imports: string, gate = ''): string => `"use client";
${imports}
export default function Page() {
  ${gate}
  const todos = useTodos();
  return <p>{todos.length}</p>;
}
`;

  it("query-before-auth through a project hook in another file: on the page's call of the hook", () => {
    const page = hookPage('import { useTodos } from "../hooks/useTodos";');
    const r = together({ 'convex/todos.ts': todos, 'hooks/useTodos.ts': hook, 'app/page.tsx': page });
    const findings = only('app/page.tsx', page, 'query-before-auth', {
      ...componentContext([...r].map(([path, a]) => ({ path, facts: a.facts }))),
      identityFunctions: (r.get('convex/todos.ts')?.facts.identityFunctions ?? []).map((f) => ({
        ...f,
        path: 'convex/todos.ts',
      })),
    });
    assert.equal(findings.length, 1);
    assert.equal(page.slice(findings[0]?.start, findings[0]?.end), 'useTodos()');
    assert.match(findings[0]?.message ?? '', /^api\.todos\.mine \(sent by useTodos\(\)\) needs a signed-in user/);
    assert.deepEqual(codesOf(r.get('hooks/useTodos.ts')), []);
  });

  it('query-before-auth through a hook of the same file; a page that hands the hook Convex auth is clean', () => {
    const same = hookPage(hook.replace('"../convex/_generated/api"', '"../convex/_generated/api"')).replace(
      'export function useTodos',
      'function useTodos',
    );
    const r = together({ 'convex/todos.ts': todos, 'app/page.tsx': same });
    assert.deepEqual(codesOf(r.get('app/page.tsx')), ['query-before-auth']);
    // Reading useConvexAuth() is not waiting for it: the hook still sends its query on the first render.
    const reads = hookPage(
      `import { useConvexAuth } from "convex/react";\nimport { useTodos } from "../hooks/useTodos";`,
      'const { isAuthenticated } = useConvexAuth();',
    );
    const r2 = together({ 'convex/todos.ts': todos, 'hooks/useTodos.ts': hook, 'app/page.tsx': reads });
    assert.deepEqual(codesOf(r2.get('app/page.tsx')), ['query-before-auth']);
    const skips = hook
      .replace('useTodos()', 'useTodos(ready: boolean)')
      .replace('useQuery(api.todos.mine)', 'useQuery(api.todos.mine, ready ? {} : "skip")');
    const gated = reads.replace('useTodos();', 'useTodos(isAuthenticated);');
    const r3 = together({ 'convex/todos.ts': todos, 'hooks/useTodos.ts': skips, 'app/page.tsx': gated });
    assert.deepEqual(codesOf(r3.get('app/page.tsx')), []);
  });

  const card = (field: string): string => `"use client";
import { useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export function Card() {
  const { ${field} } = useAuth();
  const team = useQuery(api.teams.mine, ${field} ? { org: "x" } : "skip");
  return <p>{team?.name}</p>;
}
`;

  it("clerk-gate: a query skipped on Clerk's orgId or orgRole (not the user's id) waits for Clerk, not Convex", () => {
    for (const field of ['orgId', 'orgRole'])
      assert.equal(only('app/card.tsx', card(field), 'clerk-gate').length, 1, field);
    const passesOrg = card('orgId').replace('{ org: "x" }', '{ org: orgId }');
    assert.equal(
      only('app/card.tsx', passesOrg, 'clerk-gate').length,
      1,
      'passing the org id does not excuse the gate',
    );
  });

  const likes = (args: string, write: string): string => `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
export const like = mutation({
  args: { ${args} },
  handler: async (ctx, args) => {
    ${write}
  },
});
`;

  it('identity-from-args: the first v.id("users") argument that writes rows is the acting user, whatever its name', () => {
    const text = likes(
      'likerId: v.id("users"), likedId: v.id("users")',
      'await ctx.db.insert("likes", { likerId: args.likerId, likedId: args.likedId });',
    );
    const findings = only('convex/likes.ts', text, 'identity-from-args');
    assert.equal(findings.length, 1);
    assert.equal(text.slice(findings[0]?.start, findings[0]?.end), 'likerId: v.id("users")');
    assert.deepEqual(findings[0]?.fixes, [], 'a document id has no mechanical replacement');
  });

  it('identity-from-args: reading a v.id("users") row, or an optional one, is not a user claim', () => {
    const read = likes('profileId: v.id("users")', 'return await ctx.db.get(args.profileId);');
    assert.equal(only('convex/likes.ts', read, 'identity-from-args').length, 0);
    const optional = likes(
      'likerId: v.optional(v.id("users"))',
      'await ctx.db.insert("likes", { likerId: args.likerId });',
    );
    assert.equal(only('convex/likes.ts', optional, 'identity-from-args').length, 0);
  });

  const card7 = (ret: string): string => `import { v } from "convex/values";
import { query } from "./_generated/server";
export const publicCard = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    const u = await ctx.db.query("users").withIndex("by_userId", (q) => q.eq("userId", args.userId)).first();
    return ${ret};
  },
});
`;

  it("identity-from-args: a lookup that returns only another user's public fields, in either branch, is clean", () => {
    for (const ret of [
      'u ? { name: u.name, avatar: u.avatar } : null',
      'u && { name: u.name }',
      '!u ? undefined : { image: u.image }',
    ])
      assert.equal(only('convex/profiles.ts', card7(ret), 'identity-from-args').length, 0, ret);
    for (const ret of ['u ? { name: u.name, email: u.email } : null', 'u ? u : null', 'u && { ...u }'])
      assert.equal(only('convex/profiles.ts', card7(ret), 'identity-from-args').length, 1, ret);
  });
});
