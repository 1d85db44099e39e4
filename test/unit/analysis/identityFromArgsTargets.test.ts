// identity-from-args and a mutation that keeps the caller (issue 23, ninth check F2): a mutation or action that holds
// the caller read from ctx.auth and takes a user id acts on that user as a target (kick a member, change a member's
// pages). "Use the identity instead" would be false there, and whether the caller may act is authorisation: the
// rule says nothing. It still speaks where no caller is kept (nothing read, or a bare sign-in requirement) and where
// the argument replaces the caller (`args.userId ?? identity.subject`).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string, file = 'convex/members.ts'): string[] =>
  analyse(file, text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => text.slice(f.start, f.end));

const HEAD = `import { mutation, action } from "./_generated/server";
import { internal } from "./_generated/api";
import type { QueryCtx } from "./_generated/server";
import { v } from "convex/values";
`;
const remove = (caller: string): string => `${HEAD}
export const remove = mutation({
  args: { groupId: v.id("groups"), userId: v.id("users") },
  handler: async (ctx, args) => {
    ${caller}
    const group = await ctx.db.get(args.groupId);
    if (!group) throw new Error("No such group");
    await ctx.db.patch(args.groupId, { members: group.members.filter((m) => m !== args.userId) });
  },
});
`;

describe('analysis: identity-from-args leaves a target member alone where the mutation keeps the caller (F2)', () => {
  it('a mutation that keeps the identity and removes the member named by userId is not reported (failed on main)', () => {
    const kept = 'const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("Sign in");';
    assert.deepEqual(run(remove(kept)), []);
  });

  it('a caller kept through a helper of the file handed ctx.auth is not reported either (failed on main)', () => {
    const text = `${HEAD}
async function whoCalls(auth: QueryCtx["auth"]) {
  const identity = await auth.getUserIdentity();
  if (!identity) throw new Error("Sign in");
  return identity.subject;
}
export const setPages = mutation({
  args: { userId: v.id("users"), pages: v.array(v.string()) },
  handler: async (ctx, args) => {
    const me = await whoCalls(ctx.auth);
    await ctx.db.patch(args.userId, { pages: args.pages, changedBy: me });
  },
});
`;
    assert.deepEqual(run(text), []);
  });

  it('an action that keeps the identity and names another user is not reported (failed on main)', () => {
    const text = `${HEAD}
export const invite = action({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Sign in");
    await ctx.runMutation(internal.invites.add, { userId: args.userId });
  },
});
`;
    assert.deepEqual(run(text), []);
    // The same action without the identity read names the user it acts for.
    const unread = text.replace(/const identity[^;]*;\n\s*if \(!identity\)[^;]*;/, '');
    assert.deepEqual(run(unread), ['userId: v.id("users")']);
  });

  it('still reports the argument where no caller is read, or only sign-in is required (passes on main too)', () => {
    assert.deepEqual(run(remove('')), ['userId: v.id("users")']);
    const signInOnly = `async function requireUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Sign in");
  return identity;
}
`;
    assert.deepEqual(run(remove('await requireUser(ctx);').replace(HEAD, HEAD + signInOnly)), [
      'userId: v.id("users")',
    ]);
    // A helper named like a caller whose body is nowhere to be seen proves no caller is read.
    const unseen = remove('const me = await currentUser(ctx);').replace(
      HEAD,
      `${HEAD}import { currentUser } from "some-lib";\n`,
    );
    assert.deepEqual(run(unseen), ['userId: v.id("users")']);
  });

  it('still reports an argument the mutation takes in preference to the caller (passes on main too)', () => {
    const text = `${HEAD}
export const join = mutation({
  args: { groupId: v.id("groups"), userId: v.optional(v.id("users")) },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Sign in");
    const who = args.userId ?? identity.subject;
    await ctx.db.insert("memberships", { groupId: args.groupId, userId: who });
  },
});
`;
    assert.deepEqual(run(text), ['userId: v.optional(v.id("users"))']);
  });
});
