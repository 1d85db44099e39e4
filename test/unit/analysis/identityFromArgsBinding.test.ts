// identity-from-args follows what binds the argument to the caller rather than whether an identity is read at all
// (issue 23, classes F3, M5, M4). F3: an owner check of a row against the user a sign-in helper returns shows the
// handler acts as the caller (a user argument beside it is a target), while a helper that only requires sign-in binds
// nothing. M5: an identity read on one branch says nothing of the other. M4: `owner: v.id("users")` names a user.
// The F3, M5 and M4 cases failed on main @5b9594b; the near misses pass on both.
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string): string[] =>
  analyse('convex/teams.ts', text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => text.slice(f.start, f.end));

const HEAD = `import { mutation, query } from "./_generated/server";
import type { QueryCtx } from "./_generated/server";
import { v } from "convex/values";
`;
/** A helper that returns null without a signed-in user (the handler throws on it). */
const GET_CURRENT_USER = `async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", identity.subject)).unique();
}
`;
const addMember = (helperLines: string, check: string): string => `${HEAD}${helperLines}
export const addMember = mutation({
  args: { teamId: v.id("teams"), userId: v.id("users") },
  handler: async (ctx, args) => {
    const user = await getCurrentUser(ctx);
    if (!user) throw new Error("Sign in first");
    const team = await ctx.db.get(args.teamId);
    ${check}
    await ctx.db.insert("members", { teamId: args.teamId, userId: args.userId });
  },
});
`;

describe('analysis: identity-from-args binds through the sign-in helper’s user (F3)', () => {
  it('an owner check of the row against the helper’s user makes the user argument a target (failed on main)', () => {
    const check = 'if (!team || team.ownerId !== user._id) throw new Error("Owners only");';
    assert.deepEqual(run(addMember(GET_CURRENT_USER, check)), []);
    // The helper in another file, judged by its name (getCurrentUserOrThrow returns the signed-in user).
    const imported = `${HEAD}import { getCurrentUserOrThrow } from "./users";
export const addMember = mutation({
  args: { teamId: v.id("teams"), userId: v.id("users") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    const team = await ctx.db.get(args.teamId);
    if (team?.ownerId !== user._id) throw new Error("Owners only");
    await ctx.db.insert("members", { teamId: args.teamId, userId: args.userId });
  },
});
`;
    assert.deepEqual(run(imported), []);
  });

  it('a helper that only requires sign-in binds nothing: the argument written to rows is reported (failed on main)', () => {
    const requireUser = `async function requireUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Sign in first");
  return identity;
}
`;
    const text = `${HEAD}${requireUser}
export const addMember = mutation({
  args: { teamId: v.id("teams"), userId: v.id("users") },
  handler: async (ctx, args) => {
    await requireUser(ctx);
    await ctx.db.insert("members", { teamId: args.teamId, userId: args.userId });
  },
});
`;
    assert.deepEqual(run(text), ['userId: v.id("users")']);
    // An owner check that does not stop on a mismatch binds nothing either, but the handler keeps the caller (`user`):
    // the argument names the member it adds, and whether adding is authorised is not this rule's (issue 23, ninth
    // check F2: the owner's policy).
    const noStop = addMember(GET_CURRENT_USER, 'const isOwner = team?.ownerId !== user._id;');
    assert.deepEqual(run(noStop), []);
  });

  it('a helper that checks more than sign-in (a role) is still an access check', () => {
    const requireAdmin = `async function requireAdmin(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Sign in first");
  const me = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", identity.subject)).unique();
  if (me?.role !== "admin") throw new Error("Admins only");
  return me;
}
`;
    const text = `${HEAD}${requireAdmin}
export const setRole = mutation({
  args: { userId: v.id("users"), role: v.string() },
  handler: async (ctx, args) => {
    await requireAdmin(ctx);
    await ctx.db.patch(args.userId, { role: args.role });
  },
});
`;
    assert.deepEqual(run(text), []);
  });

  it('throwing when the argument IS the caller binds nothing, and the kept caller makes the argument a target', () => {
    const text = `${HEAD}${GET_CURRENT_USER}
export const follow = mutation({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const user = await getCurrentUser(ctx);
    if (user?._id === args.userId) throw new Error("Cannot follow yourself");
    await ctx.db.insert("follows", { userId: args.userId, since: Date.now() });
  },
});
`;
    // The user followed, not the follower: a mutation that keeps the caller is not told to use it instead (F2).
    assert.deepEqual(run(text), []);
  });
});

describe('analysis: identity-from-args is path-aware where the identity is read (M5)', () => {
  const notes = (body: string): string => `${HEAD}
export const list = query({
  args: { userId: v.optional(v.string()), mine: v.optional(v.boolean()) },
  handler: async (ctx, args) => {
${body}
  },
});
`;
  const byIdentity =
    'await ctx.db.query("notes").withIndex("by_user", (q) => q.eq("userId", identity.subject)).collect()';
  const byArg = 'await ctx.db.query("notes").withIndex("by_user", (q) => q.eq("userId", args.userId)).collect()';

  it('reports the argument used on the other branch of an if/else (failed on main)', () => {
    const text = notes(`    if (args.mine) {
      const identity = await ctx.auth.getUserIdentity();
      if (!identity) throw new Error("Sign in first");
      return ${byIdentity};
    } else {
      return ${byArg};
    }`);
    assert.deepEqual(run(text), ['userId: v.optional(v.string())']);
  });

  it('reports the argument used after a branch that read the identity and returned (failed on main)', () => {
    const text = notes(`    if (!args.userId) {
      const identity = await ctx.auth.getUserIdentity();
      if (!identity) return [];
      return ${byIdentity};
    }
    return ${byArg};`);
    assert.deepEqual(run(text), ['userId: v.optional(v.string())']);
    // And the mirror: the argument's branch returns first, the identity is read after it.
    const mirror = notes(`    if (args.userId) return ${byArg};
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return ${byIdentity};`);
    assert.deepEqual(run(mirror), ['userId: v.optional(v.string())']);
  });

  it('stays silent where the check covers the use or the paths are uncertain', () => {
    // The binding before the branch covers both branches.
    const bound = notes(`    const identity = await ctx.auth.getUserIdentity();
    if (!identity || identity.subject !== args.userId) throw new Error("Not yours");
    if (args.mine) return ${byIdentity};
    return ${byArg};`);
    assert.deepEqual(run(bound), []);
    // A branch that does not leave: whether the use runs without the identity depends on the data.
    const uncertain = notes(`    const rows = [];
    if (args.mine) {
      const identity = await ctx.auth.getUserIdentity();
      if (identity) rows.push(...(${byIdentity}));
    }
    return [...rows, ...(${byArg})];`);
    assert.deepEqual(run(uncertain), []);
  });
});

describe('analysis: identity-from-args reads a user by its validator, not its name alone (M4)', () => {
  const boards = (validator: string): string => `${HEAD}
export const boards = query({
  args: { owner: ${validator} },
  handler: async (ctx, args) => {
    return await ctx.db.query("boards").withIndex("by_owner", (q) => q.eq("owner", args.owner)).collect();
  },
});
`;
  it('takes `owner: v.id("users")` as the acting user and reports its reads (failed on main)', () => {
    assert.deepEqual(run(boards('v.id("users")')), ['owner: v.id("users")']);
  });

  it('leaves `owner: v.string()` alone (a GitHub owner, a display name)', () => {
    assert.deepEqual(run(boards('v.string()')), []);
  });
});
