// identity-from-args on a query that only says whether a row exists: the fifth fresh check's false finding F2
// (KenCorbettJr/ai-wizard-duel-convex @2daba8acfa37 convex/userProfiles.ts `checkUserIdAvailability`, whose
// `userId` argument is a username being chosen; my own lines). Telling whether a name is taken reveals nothing of
// the row, so no finding; returning the row, or a field of it beside the answer, still is one. The first test
// failed on main @f54c1dd (identity-from-args at `userId: v.string()`).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';

const run = (text: string): string[] =>
  analyse('convex/profiles.ts', text, {})
    .findings.filter((f) => f.code === 'clerk-convex/identity-from-args')
    .map((f) => text.slice(f.start, f.end));

const lookup = (returned: string, kind = 'query'): string => `import { v } from "convex/values";
import { ${kind} } from "./_generated/server";
export const isFree = ${kind}({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const taken = await ctx.db
      .query("profiles")
      .withIndex("by_user_id", (q) => q.eq("userId", userId.toLowerCase()))
      .first();
    return ${returned};
  },
});
`;

describe('analysis: identity-from-args on a query that only tells whether a row exists', () => {
  it('says nothing when the answer is only whether the row exists (failed before)', () => {
    for (const returned of [
      '{ available: taken === null }',
      '{ available: !taken, checked: true }',
      'taken !== null',
      '!!taken',
      'Boolean(taken)',
      'taken ? false : true',
    ])
      assert.deepEqual(run(lookup(returned)), [], returned);
  });

  it('says nothing when the answers are built from the argument and literals alone, as the real query does (failed before)', () => {
    const text = `import { v } from "convex/values";
import { query } from "./_generated/server";
const suggest = (name: string) => [name + "1", name + "_x"];
export const checkAvailability = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const format = /^[a-z0-9_]{3,20}$/.test(userId) ? { valid: true } : { valid: false, error: "3 to 20 letters" };
    if (!format.valid) return { available: false, valid: false, error: format.error };
    const existing = await ctx.db
      .query("users")
      .withIndex("by_user_id", (q) => q.eq("userId", userId.toLowerCase()))
      .first();
    if (existing) {
      const suggestions = suggest(userId);
      return { available: false, valid: true, error: "This user ID is already taken", suggestions };
    }
    return { available: true, valid: true };
  },
});
`;
    assert.deepEqual(run(text), []);
  });

  it('still reports what is made from the row or from a helper handed ctx', () => {
    const made = lookup('{ available: taken === null, owner: who }').replace(
      '    return',
      '    const who = taken?.email;\n    return',
    );
    assert.deepEqual(run(made), ['userId: v.string()']);
    const helper = lookup('{ available: taken === null, profile }').replace(
      '    return',
      '    const profile = await loadProfile(ctx, userId);\n    return',
    );
    assert.deepEqual(run(helper), ['userId: v.string()']);
  });

  it('still reports the row, or a private field of it beside the answer', () => {
    assert.deepEqual(run(lookup('taken')), ['userId: v.string()']);
    assert.deepEqual(run(lookup('{ available: taken === null, email: taken?.email }')), ['userId: v.string()']);
    assert.deepEqual(run(lookup('{ available: taken?.plan === "free" }')), ['userId: v.string()']);
  });

  it('still reports an action that reads by the argument and then writes, though it returns no row', () => {
    // Reduced from SalesyAI/cvbanai @5b0a3ed8a1bf convex/ai.ts generateFullResume (a finding that must stay).
    const text = `import { v } from "convex/values";
import { action } from "./_generated/server";
import { api } from "./_generated/api";
export const generate = action({
  args: { clerkId: v.string(), input: v.any() },
  handler: async (ctx, args) => {
    const user = await ctx.runQuery(api.users.byClerkId, { clerkId: args.clerkId });
    if (!user) throw new Error("User not found");
    const draft = { title: String(args.input) };
    await ctx.runMutation(api.resumes.create, { userId: user._id, title: draft.title });
    return { success: true, draft };
  },
});
`;
    assert.deepEqual(run(text), ['clerkId: v.string()']);
  });

  it('still reports a write for the argument, whatever it returns', () => {
    const text = lookup('taken === null', 'mutation').replace(
      '    return taken === null;',
      '    if (!taken) await ctx.db.insert("profiles", { userId });\n    return taken === null;',
    );
    assert.deepEqual(run(text), ['userId: v.string()']);
  });
});
