// identity-from-args on the eighth fresh check's shapes: an access check run on the client's claim against a value
// derived from the rows read (`fair.map((f) => f.judgeId)[0] !== args.userId`, M5), an optional argument taken in
// preference to ctx.auth (`args.userId ?? identity.subject`, or an if/else on it, M6), and what the message says of
// a query that only reads by the argument (D1). Reduced from ezeigboemmanuel/HacknFair convex/fairs.ts and
// rajea-bilal/buymeadrink convex/subscriptions.ts. Failed on main @53497a9 (no finding for M5/M6; the read-only
// message told every query to take the user from ctx.auth).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string): { at: string; message: string; fixes: number }[] =>
  analyse('convex/fairs.ts', text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => ({ at: text.slice(f.start, f.end), message: f.message, fixes: f.fixes?.length ?? 0 }));

const HEAD = `import { query } from "./_generated/server";
import { v } from "convex/values";
`;

const judge = (compare: string, guard = ''): string => `${HEAD}
export const forJudge = query({
  args: { id: v.id("fairs"), userId: v.optional(v.id("users")) },
  handler: async (ctx, args) => {
    ${guard}
    const fairs = await ctx.db.query("fairs").filter((q) => q.eq(q.field("_id"), args.id)).collect();
    if (${compare}) {
      throw new Error("Unauthorised");
    }
    return fairs;
  },
});
`;

describe('analysis: identity-from-args on claims the client makes', () => {
  it('reports an access check that compares a row with the client-given id (M5), saying the claim passes it', () => {
    const [f, ...rest] = run(judge('fairs.map((item) => item.judgeId)[0] !== args.userId'));
    assert.equal(rest.length, 0);
    assert.equal(f?.at, 'userId: v.optional(v.id("users"))');
    assert.match(
      f.message,
      /this query checks access by it \(fairs\.map\(\(item\) => item\.judgeId\)\[0\] !== args\.userId\)/,
    );
    assert.match(f.message, /a client that sends the id of a user the check accepts gets through/);
    // The plain row form is the same check.
    assert.match(run(judge('fairs[0].judgeId !== args.userId'))[0]?.message ?? '', /checks access by it/);
    assert.match(run(judge('!fairs[0].judges.includes(args.userId)'))[0]?.message ?? '', /checks access by it/);
  });

  it('says an access-check helper run on the client-given id checks access by it (B39 listAll)', () => {
    const [f] = run(`${HEAD}
async function requireAdmin(ctx: any, clerkId: string) {
  const user = await ctx.db.query("users").withIndex("by_clerk", (q: any) => q.eq("clerkId", clerkId)).unique();
  if (user?.role !== "admin") throw new Error("admins only");
}
export const listAll = query({
  args: { clerkId: v.string() },
  handler: async (ctx, args) => {
    await requireAdmin(ctx, args.clerkId);
    return await ctx.db.query("users").collect();
  },
});
`);
    assert.match(f?.message ?? '', /this query checks access by it \(requireAdmin\(…, …\)\)/);
  });

  it('stays silent when the argument is bound to the caller first, or the row is checked against the caller', () => {
    const bound = `const identity = await ctx.auth.getUserIdentity();
    const me = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", identity?.subject)).unique();
    if (!me || me._id !== args.userId) throw new Error("not you");`;
    assert.deepEqual(run(judge('fairs.map((item) => item.judgeId)[0] !== args.userId', bound)), []);
  });

  const status = (body: string): string => `${HEAD}
export const subscriptionStatus = query({
  args: { userId: v.optional(v.string()) },
  handler: async (ctx, args) => {
    ${body}
    const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", tokenIdentifier)).unique();
    return { active: user?.active === true };
  },
});
`;
  const ifElse = `let tokenIdentifier: string;
    if (args.userId) {
      tokenIdentifier = args.userId;
    } else {
      const identity = await ctx.auth.getUserIdentity();
      if (!identity) return { active: false };
      tokenIdentifier = identity.subject;
    }`;

  it('reports an optional argument used instead of the signed-in user (M6), saying it wins over ctx.auth', () => {
    for (const body of [
      ifElse,
      `const identity = await ctx.auth.getUserIdentity();
    const tokenIdentifier = args.userId ?? identity?.subject;`,
      `const tokenIdentifier = args.userId || (await ctx.auth.getUserIdentity())?.subject;`,
      `const identity = await ctx.auth.getUserIdentity();
    const tokenIdentifier = args.userId ? args.userId : identity?.subject;`,
    ]) {
      const found = run(status(body));
      assert.equal(found.length, 1, body);
      assert.equal(found[0]?.at, 'userId: v.optional(v.string())');
      assert.match(
        found[0]?.message ?? '',
        /whenever a client sends it, this query uses it instead of the signed-in user in ctx\.auth/,
        body,
      );
      assert.match(found[0]?.message ?? '', /reads rows by it \(ctx\.db\.query\("users"\)\)/);
      assert.equal(found[0]?.fixes, 0, 'the fix of a lone argument does not fit: the author picks');
    }
  });

  it('stays silent when ctx.auth wins and the argument is never read into the database', () => {
    const identityFirst = `let tokenIdentifier: string;
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not signed in");
    tokenIdentifier = identity.subject;
    if (args.userId && args.userId !== identity.subject) throw new Error("not you");`;
    assert.deepEqual(run(status(identityFirst)), []);
  });

  it("says of a query that only reads by the id that any caller gets that user's rows, not that it acts as them", () => {
    const [f] = run(`${HEAD}
export const getUserById = query({
  args: { clerkId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.query("users").filter((q) => q.eq(q.field("clerkId"), args.clerkId)).unique();
  },
});
`);
    assert.match(f?.message ?? '', /any client can name any user, and this query reads rows by it/);
    assert.match(f?.message ?? '', /what it returns about that user reaches whoever called/);
    assert.match(f?.message ?? '', /if anyone may see them, return only public fields/);
    assert.doesNotMatch(f?.message ?? '', /send another user's id/);
  });

  it('leaves a query alone that returns only a public name and profile image (B34 getProfile)', () => {
    assert.deepEqual(
      run(`${HEAD}
export const getProfile = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const user = await ctx.db.get(args.userId);
    return { name: user?.name, profileImage: user?.profileImage };
  },
});
`),
      [],
    );
  });
});
