import assert from 'node:assert/strict';
import { assertFixesResolve, codes, only } from './helpers';

// Issue 23's ninth fresh check: identity misuses it missed (M7).

const mutationWith = (body: string): string => `import { mutation } from "./_generated/server";
export const generateUploadUrl = mutation({
  args: {},
  handler: async (ctx) => {
${body}
    return await ctx.storage.generateUploadUrl();
  },
});
`;

describe("analysis: the ninth check's identity misses", () => {
  describe('identity-not-called (M7a)', () => {
    it('flags `await ctx.auth.getUserIdentity;` and calls it', () => {
      const text = mutationWith(
        '    const identity = await ctx.auth.getUserIdentity;\n    if (!identity) {\n      throw new Error("User not found");\n    }',
      );
      const [f] = only('convex/app.ts', text, 'identity-not-called');
      assert.ok(f, codes('convex/app.ts', text).join(','));
      assert.equal(f.severity, 'error');
      assert.equal(text.slice(f.start, f.end), 'ctx.auth.getUserIdentity');
      assert.match(f.message, /always truthy/);
      const [fixed] = assertFixesResolve('convex/app.ts', text, 'identity-not-called');
      assert.match(fixed ?? '', /await ctx\.auth\.getUserIdentity\(\);/);
      assert.deepEqual(codes('convex/app.ts', fixed ?? ''), []);
    });
    it('flags it with a destructured auth and through optional chaining', () => {
      const text = mutationWith(
        '    const who = await ctx.auth?.getUserIdentity;\n    if (!who) throw new Error("no");',
      );
      assert.equal(only('convex/app.ts', text, 'identity-not-called').length, 1);
      const destructured = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async ({ auth }) => {
    const identity = await auth.getUserIdentity;
    return identity ? "yes" : "no";
  },
});
`;
      assert.equal(only('convex/m.ts', destructured, 'identity-not-called').length, 1);
    });
    it('near misses: called, called with a non-null assertion, taken as a value, mentioned in a comment', () => {
      for (const body of [
        '    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) throw new Error("no");',
        '    const identity = await ctx.auth.getUserIdentity ();\n    if (!identity) throw new Error("no");',
        '    const read = ctx.auth.getUserIdentity.bind(ctx.auth);\n    if (!(await read())) throw new Error("no");',
        '    // await ctx.auth.getUserIdentity; was a bug\n    if (!(await ctx.auth.getUserIdentity())) throw new Error("no");',
      ])
        assert.deepEqual(only('convex/app.ts', mutationWith(body), 'identity-not-called'), [], body);
    });
  });

  describe('identity-from-args: a user named by an email that keys the users table (M7b)', () => {
    const users = (fn: string): string => `import { mutation, query } from "./_generated/server";
import { v } from "convex/values";

${fn}
`;
    const upgrade = `export const upgradeToPro = mutation({
  args: { email: v.string(), orderId: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("email"), args.email))
      .first();
    if (!user) throw new Error("User not found");
    await ctx.db.patch(user._id, { isPro: true, orderId: args.orderId });
    return { success: true };
  },
});`;
    it('flags a mutation that finds the user by a client-given email and writes the users table', () => {
      const [f] = only('convex/users.ts', users(upgrade), 'identity-from-args');
      assert.ok(f);
      assert.equal(users(upgrade).slice(f.start, f.end), 'email: v.string()');
      assert.match(f.message, /another user's email address/);
      assert.match(f.message, /writes the users table/);
      assert.deepEqual(f.fixes, []);
      const create = `export const createNewUser = mutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const found = await ctx.db.query("UserTable").withIndex("by_email", (q) => q.eq("email", args.email)).collect();
    if (found.length === 0) return await ctx.db.insert("UserTable", { name: args.name, email: args.email });
    return found[0];
  },
});`;
      assert.equal(only('convex/user.ts', users(create), 'identity-from-args').length, 1);
    });
    it('near miss: a sign-up of its own that takes a password beside the email (tenth fresh check D20)', () => {
      const register = `export const register = mutation({
  args: { email: v.string(), password: v.string(), name: v.string() },
  handler: async (ctx, args) => {
    const existing = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", args.email)).unique();
    if (existing) throw new Error("Email already registered");
    return await ctx.db.insert("users", { email: args.email, passwordHash: await hash(args.password), name: args.name });
  },
});`;
      assert.deepEqual(only('convex/auth.ts', users(register), 'identity-from-args'), []);
      const noPassword = register.replace('password: v.string(), ', '').replace('await hash(args.password)', '"x"');
      assert.equal(only('convex/auth.ts', users(noPassword), 'identity-from-args').length, 1, 'without it, reported');
    });
    it('near misses: an email only stored beside the user id, a read by email, an invite written elsewhere, a member added by the checked caller, a membership written', () => {
      const stored = `export const syncUser = mutation({
  args: { clerkId: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    await ctx.db.insert("users", { clerkId: args.clerkId, email: args.email });
  },
});`;
      const findings = only('convex/users.ts', users(stored), 'identity-from-args');
      assert.deepEqual(
        findings.map((f) => users(stored).slice(f.start, f.end)),
        ['clerkId: v.string()'],
      );
      const read = `export const byEmail = query({
  args: { email: v.string() },
  handler: async (ctx, args) =>
    await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", args.email)).unique(),
});`;
      const invite = `export const invite = mutation({
  args: { email: v.string(), teamId: v.id("teams") },
  handler: async (ctx, args) => {
    const user = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", args.email)).unique();
    await ctx.db.insert("invites", { teamId: args.teamId, userId: user?._id, email: args.email });
  },
});`;
      // A member added by email after the caller's own check (the owner's policy: the caller is read, say nothing).
      const member = `export const createTeamMember = mutation({
  args: { name: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const me = await getUserContext(ctx.auth, ctx.db);
    if (me.role !== "owner") throw new Error("Only owners");
    const existing = await ctx.db.query("users").filter((q) => q.eq(q.field("email"), args.email)).first();
    if (existing) throw new Error("exists");
    return await ctx.db.insert("users", { name: args.name, email: args.email, orgId: me.orgId });
  },
});`;
      // Found by email, but the rows written are a membership's, not the user's.
      const grant = `export const grant = mutation({
  args: { email: v.string(), groupId: v.id("groups") },
  handler: async (ctx, args) => {
    const user = await ctx.db.query("users").filter((q) => q.eq(q.field("email"), args.email)).unique();
    const group = await ctx.db.get(args.groupId);
    if (user && group) await ctx.db.patch(group._id, { members: [...group.members, user._id] });
    if (user) await ctx.db.insert("userGroupRelationship", { userId: user._id, groupId: args.groupId });
  },
});`;
      for (const fn of [read, invite, member, grant])
        assert.deepEqual(only('convex/users.ts', users(fn), 'identity-from-args'), [], fn);
    });
  });
});
