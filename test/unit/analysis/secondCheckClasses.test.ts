import assert from 'node:assert/strict';
import { analyse, emptyFacts } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import { componentContext, crossFileNames } from '../../../src/analysis/componentContext';
import { codes, only, project } from './helpers';
import { codesOf, together } from './together';

// One describe per class of wrong verdict that issue 23's second fresh check (25 repositories) found. Each test marked
// "(failed before)" failed on the analyzer of the base commit b8ed06b (checked by stashing the src change).

const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n';
const withClerkConfig = {
  project: project({ authConfigs: [readAuthConfig(AUTH_CONFIG, 'convex/auth.config.ts', 'u')] }),
};

describe('second check F1: server-token follows the function it runs', () => {
  const page = `import { auth } from "@clerk/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import { api } from "@/convex/_generated/api";
export default async function Me() {
  const { userId } = await auth();
  const card = await preloadQuery(api.cards.byOwner, { ownerId: userId! });
  return <pre>{JSON.stringify(card)}</pre>;
}
`;
  const open = `import { query } from "./_generated/server";
import { v } from "convex/values";
export const byOwner = query({ args: { ownerId: v.string() }, handler: async (ctx, a) =>
  ctx.db.query("cards").filter((q) => q.eq(q.field("ownerId"), a.ownerId)).first() });
`;
  const needsIdentity = `import { query } from "./_generated/server";
export const byOwner = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthenticated");
  return ctx.db.query("cards").filter((q) => q.eq(q.field("ownerId"), identity.subject)).first();
} });
`;

  it('no finding when the function is known to read no identity (failed before)', () => {
    const results = together({ 'app/me/page.tsx': page, 'convex/cards.ts': open });
    assert.deepEqual(codesOf(results.get('app/me/page.tsx')), []);
  });

  it("the index's join drops it for an open function and states the fact for one that needs a user (failed before)", () => {
    const alone = analyse('app/me/page.tsx', page);
    assert.ok(alone.serverSites?.length, 'the site travels with the analysis');
    const opened = withIdentityFunctions(
      alone,
      [],
      [{ exportName: 'byOwner', kind: 'query', path: 'convex/cards.ts' }],
    );
    assert.deepEqual(
      opened.findings.map((f) => f.code),
      [],
    );
    const cards = analyse('convex/cards.ts', needsIdentity).facts.identityFunctions ?? [];
    assert.equal(cards.length, 1);
    const needed = withIdentityFunctions(
      alone,
      cards.map((f) => ({ ...f, path: 'convex/cards.ts' })),
    );
    const [f] = needed.findings;
    assert.equal(f?.code, 'clerk-convex/server-token');
    assert.equal(f?.severity, 'warning');
    assert.match(
      f?.message ?? '',
      /api\.cards\.byOwner needs a signed-in user: its handler in convex\/cards\.ts reads ctx\.auth\.getUserIdentity\(\) and throws without one/,
    );
    assert.equal(f?.related?.[0]?.path, 'convex/cards.ts');
    assert.equal(f?.fixes.length, 2, 'the token fixes are kept');
  });

  it('when it cannot tell, the message says so and claims no null identity (failed before)', () => {
    const [f] = only('app/me/page.tsx', page, 'server-token');
    assert.match(f?.message ?? '', /Convex sees an anonymous request: if api\.cards\.byOwner reads/);
    assert.match(f?.message ?? '', /Could not tell whether it does/);
    assert.doesNotMatch(f?.message ?? '', /getUserIdentity\(\) is null/);
  });
});

describe('second check F2: a plain ConvexProvider as the no-Clerk fallback', () => {
  const providers = (fallback: string): string => `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  if (process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)
    return <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>;
  return ${fallback};
}
`;

  it('is not flagged beside ConvexProviderWithClerk in the same component (failed before)', () => {
    assert.deepEqual(
      codes(
        'components/Providers.tsx',
        providers('<ConvexProvider client={convex}>{children}</ConvexProvider>'),
        withClerkConfig,
      ),
      [],
    );
  });

  it('a plain provider under ClerkProvider in that component is still the mistake', () => {
    const text = providers(
      '<ClerkProvider><ConvexProvider client={convex}>{children}</ConvexProvider></ClerkProvider>',
    );
    assert.equal(only('components/Providers.tsx', text, 'plain-convex-provider', withClerkConfig).length, 1);
  });
});

describe('second check F3: identity-null-check inside a guarded custom builder', () => {
  const builder = `import { mutation, query } from "./_generated/server";
import { customMutation, customQuery, customCtx } from "convex-helpers/server/customFunctions";
export const signedInMutation = customMutation(mutation, customCtx(async (ctx) => {
  const who = await ctx.auth.getUserIdentity();
  if (!who) throw new Error("Not authenticated");
  return { who };
}));
export const signedInQuery = customQuery(query, {
  args: {},
  input: async (ctx, args) => {
    const who = await ctx.auth.getUserIdentity();
    if (who === null) throw new Error("Not authenticated");
    return { ctx: { who }, args };
  },
});
export const looseMutation = customMutation(mutation, customCtx(async (ctx) => ({ who: await ctx.auth.getUserIdentity() })));
`;
  const handlers = `
export const touch = signedInMutation({ args: {}, handler: async (ctx) => {
  const { subject, email } = await ctx.auth.getUserIdentity();
  await ctx.db.insert("visits", { subject, email });
} });
export const mine = signedInQuery({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  return ctx.db.query("visits").filter((q) => q.eq(q.field("subject"), identity.subject)).collect();
} });
`;
  const loose = `
export const risky = looseMutation({ args: {}, handler: async (ctx) => {
  const { subject } = await ctx.auth.getUserIdentity();
  await ctx.db.insert("visits", { subject });
} });
`;

  it('a handler of a builder of the same file whose ctx function throws without an identity is checked (failed before)', () => {
    assert.deepEqual(codes('convex/lib.ts', builder + handlers), []);
  });

  it('the same through an import (the index carries the builder) (failed before)', () => {
    const results = together({
      'convex/lib.ts': builder,
      'convex/profile.ts': `import { signedInMutation, signedInQuery } from "./lib";\n${handlers}`,
    });
    assert.deepEqual(codesOf(results.get('convex/profile.ts')), []);
    const exported = results.get('convex/lib.ts')?.facts.exported?.identityHelpers ?? [];
    assert.deepEqual(
      exported.map((h) => [h.name, h.builder]),
      [
        ['signedInMutation', true],
        ['signedInQuery', true],
      ],
    );
  });

  it('a builder whose ctx function does not stop without an identity does not count', () => {
    assert.deepEqual(codes('convex/lib.ts', builder + loose), ['clerk-convex/identity-null-check']);
  });
});

describe('second check F4b, M4l, M5b: identity-from-args judges a helper by what it does, not by its name', () => {
  const file = (
    helper: string,
    call: string,
    args = 'userId: v.id("users")',
    use = 'ctx.db.patch(a.userId, { banned: true })',
  ): string =>
    `import { mutation, query, type MutationCtx } from "./_generated/server";
import { v } from "convex/values";
${helper}
export const act = mutation({ args: { ${args} }, handler: async (ctx, a) => {
  ${call};
  await ${use};
} });
`;
  const moderator = `async function getValidatedModerator(ctx: MutationCtx) {
  const who = await ctx.auth.getUserIdentity();
  if (!who) throw new Error("Unauthenticated");
  const me = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", who.subject)).unique();
  if (me?.role !== "moderator") throw new Error("Forbidden");
}`;

  it('a helper of any name that reads ctx.auth and throws is an access check (F4b) (failed before)', () => {
    assert.deepEqual(codes('convex/admin.ts', file(moderator, 'await getValidatedModerator(ctx)')), []);
  });

  it('an imported helper the index knows to read the identity counts too, whatever its name (failed before)', () => {
    const results = together({
      'convex/lib/auth.ts': `import type { MutationCtx } from "../_generated/server";\nexport ${moderator}\n`,
      'convex/admin.ts': file(
        'import { getValidatedModerator } from "./lib/auth";',
        'await getValidatedModerator(ctx)',
      ),
    });
    assert.deepEqual(codesOf(results.get('convex/admin.ts')), []);
  });

  it('a check* function that never reads ctx.auth does not silence the rule (M4l) (failed before)', () => {
    const text = file(
      `export const checkSpots = query({ args: { eventId: v.id("events") }, handler: async (ctx, { eventId }) =>
  (await ctx.db.query("queue").filter((q) => q.eq(q.field("eventId"), eventId)).collect()).length < 10 });`,
      'const open = await checkSpots(ctx, { eventId: a.eventId })',
      'eventId: v.id("events"), userId: v.string()',
      'ctx.db.insert("queue", { eventId: a.eventId, userId: a.userId, open })',
    );
    const [f] = only('convex/queue.ts', text, 'identity-from-args');
    assert.match(f?.message ?? '', /`userId` comes from the caller/);
  });

  it("a require* helper that loads the argument's own user binds nothing to the caller (M5b) (failed before)", () => {
    const text = file(
      `async function requireActiveUser(ctx: MutationCtx, id: any) {
  const u = await ctx.db.get(id);
  if (!u || u.banned) throw new Error("not allowed");
}`,
      'await requireActiveUser(ctx, a.authorId)',
      'roomId: v.id("rooms"), authorId: v.id("users"), body: v.string()',
      'ctx.db.insert("messages", { roomId: a.roomId, authorId: a.authorId, body: a.body })',
    );
    assert.equal(only('convex/chat.ts', text, 'identity-from-args').length, 1);
  });

  it('the same helper in another file: the index says it never reads the identity (M5b across files) (failed before)', () => {
    const results = together({
      'convex/security.ts': `import type { MutationCtx } from "./_generated/server";
export async function requireActiveUser(ctx: MutationCtx, userId: string) {
  const user = await ctx.db.get(userId);
  if (!user || user.isBanned) throw new Error("suspended");
  return user;
}
`,
      'convex/messages.ts': file(
        'import { requireActiveUser } from "./security";',
        'await requireActiveUser(ctx, a.senderId)',
        'conversationId: v.id("conversations"), senderId: v.id("users"), content: v.string()',
        'ctx.db.insert("messages", { conversationId: a.conversationId, senderId: a.senderId, content: a.content })',
      ),
    });
    const security = results.get('convex/security.ts')?.facts;
    assert.deepEqual(security?.exported?.identityFreeHelpers, ['requireActiveUser']);
    // A file that calls it is analysed again when what the index knows of it changes.
    const context = componentContext([{ path: 'convex/security.ts', facts: security ?? emptyFacts() }]);
    assert.ok(crossFileNames(context).includes('requireActiveUser'));
    assert.deepEqual(codesOf(results.get('convex/messages.ts')), ['identity-from-args']);
  });

  it('a helper whose body is not in the workspace keeps the name rule (requireAdmin from another package)', () => {
    const text = file('import { requireAdmin } from "@acme/convex-auth";', 'await requireAdmin(ctx)');
    assert.deepEqual(codes('convex/admin.ts', text), []);
  });
});

describe('second check M3 and M5: the user id through a local, and user-naming arguments validated as strings', () => {
  it('a user id pushed into a copied array that is then written is followed (M3) (failed before)', () => {
    const text = `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const vote = mutation({
  args: { pollId: v.id("polls"), userId: v.id("users"), choice: v.string() },
  handler: async (ctx, args) => {
    const poll = await ctx.db.get(args.pollId);
    if (!poll) return;
    const votes = [...poll.votes];
    votes.push({ userId: args.userId, choice: args.choice });
    await ctx.db.patch(args.pollId, { votes });
  },
});
`;
    const [f] = only('convex/polls.ts', text, 'identity-from-args');
    assert.match(f?.message ?? '', /writes rows for it \(ctx\.db\.patch\(…, …\)\)/);
    assert.equal(text.slice(f?.related?.[0]?.start, f?.related?.[0]?.end).startsWith('ctx.db.patch'), true);
  });

  it('a user id put in an object literal that is then inserted is followed (failed before)', () => {
    const text = `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const log = mutation({ args: { userId: v.string(), what: v.string() }, handler: async (ctx, a) => {
  const entry = { userId: a.userId, what: a.what, at: Date.now() };
  await ctx.db.insert("log", entry);
} });
`;
    assert.equal(only('convex/log.ts', text, 'identity-from-args').length, 1);
  });

  it('senderId: v.string() inserted is flagged like authorId: v.id("users") (M5) (failed before)', () => {
    const text = `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const send = mutation({
  args: { roomId: v.id("rooms"), senderId: v.string(), body: v.string() },
  handler: async (ctx, a) => {
    await ctx.db.insert("messages", { roomId: a.roomId, senderId: a.senderId, body: a.body });
  },
});
`;
    const [f] = only('convex/chat.ts', text, 'identity-from-args');
    assert.match(f?.message ?? '', /`senderId` comes from the caller/);
    assert.equal(f?.fixes.length, 1, 'the mechanical fix (identity.subject) is offered for a string id');
  });
});

// F5 and F6: "(failed before)" here means on aa17a88 (checked by stashing the src change).
describe('second check F5: `subject` is a user only where the handler treats it as one', () => {
  const fn = (args: string, body: string): string => `import { mutation } from "./_generated/server";
import { v } from "convex/values";
export const open = mutation({ args: { ${args} }, handler: async (ctx, args) => {
  ${body};
} });
`;

  it('a course subject beside requesterId: v.id("users") is not named; requesterId is (failed before)', () => {
    const text = fn(
      'requesterId: v.id("users"), subject: v.string(), title: v.string()',
      'return ctx.db.insert("requests", { ...args, status: "open" })',
    );
    const found = only('convex/requests.ts', text, 'identity-from-args');
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      ['requesterId: v.id("users")'],
    );
    assert.match(found[0]?.message ?? '', /`requesterId` comes from the caller/);
    assert.match(found[0]?.message ?? '', /writes rows for it \(ctx\.db\.insert\("requests", …\)\)/);
  });

  it('a subject alone, spread into a table of anything but users, is no user (failed before)', () => {
    const text = fn('subject: v.string(), title: v.string()', 'await ctx.db.insert("requests", { ...args })');
    assert.deepEqual(codes('convex/requests.ts', text), []);
  });

  it('a subject matched against a field of the same name outside the users table is no user (failed before)', () => {
    const text = fn(
      'subject: v.string()',
      'return ctx.db.query("lessons").filter((q) => q.eq(q.field("subject"), args.subject)).collect()',
    );
    assert.deepEqual(codes('convex/lessons.ts', text), []);
  });

  for (const [where, body] of [
    [
      'looked up by clerkId',
      'return ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", args.subject)).unique()',
    ],
    ['stored as userId', 'await ctx.db.insert("notes", { userId: args.subject, body: "x" })'],
    [
      'matched against the users table’s subject',
      'return ctx.db.query("users").filter((q) => q.eq(q.field("subject"), args.subject)).first()',
    ],
    ['spread into the users table', 'await ctx.db.insert("users", { ...args })'],
  ] as const) {
    it(`a subject ${where} is still the caller's claim`, () => {
      const text = fn('subject: v.string()', body);
      const [f] = only('convex/users.ts', text, 'identity-from-args');
      assert.match(f?.message ?? '', /`subject` comes from the caller/);
    });
  }
});

describe('second check F6: an argument that only leaves its user out reads nobody’s rows by it', () => {
  const search = (filter: string, after = ''): string => `import { query } from "./_generated/server";
import { v } from "convex/values";
export const search = query({ args: { term: v.string(), currentUserId: v.string() }, handler: async (ctx, a) => {
  const others = await ctx.db.query("people").filter((q) => ${filter}).collect();${after}
  return others.filter((p) => p.name.includes(a.term)).map((p) => ({ name: p.name, email: p.email }));
} });
`;

  for (const filter of [
    'q.neq(q.field("userId"), a.currentUserId)',
    'q.not(q.eq(q.field("userId"), a.currentUserId))',
    'q.and(q.neq(q.field("userId"), a.currentUserId), q.eq(q.field("active"), true))',
  ])
    it(`${filter.split('(')[0]}: no finding (failed before)`, () => {
      assert.deepEqual(codes('convex/people.ts', search(filter)), []);
    });

  it('an equality filter by it is still a read of that user’s rows', () => {
    const [f] = only('convex/people.ts', search('q.eq(q.field("userId"), a.currentUserId)'), 'identity-from-args');
    assert.match(f?.message ?? '', /reads rows by it \(ctx\.db\.query\("people"\)\)/);
  });

  it('excluding the caller does not hide a write made for the argument', () => {
    const text = search(
      'q.neq(q.field("userId"), a.currentUserId)',
      '\n  await ctx.db.insert("searches", { userId: a.currentUserId, term: a.term });',
    );
    const [f] = only('convex/people.ts', text, 'identity-from-args');
    assert.match(f?.message ?? '', /writes rows for it \(ctx\.db\.insert\("searches", …\)\)/);
  });
});
