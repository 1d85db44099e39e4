// Issue 23's eighth fresh check, identity-from-args on claims: an access check run on a client-given id (M5), an
// optional id taken in preference to ctx.auth (M6), and read-only lookups by a user id (D1). Reductions of my own
// lines; each verdict was written down before the analyzer ran on it.
import type { CorpusEntry } from './types';

const SERVER = `import { query } from "./_generated/server";
import { v } from "convex/values";
`;

export const eighthClaims: CorpusEntry[] = [
  {
    id: 'eighth-m5-judge-claim',
    // getSingleFairForJudge: the judge check compares the fair's judgeId (through .map(…)[0]) with args.userId.
    sources: [{ repo: 'ezeigboemmanuel/HacknFair', path: 'convex/fairs.ts', commit: '52f75617391d' }],
    dependencies: { convex: '^1.14.0' },
    files: {
      'convex/fairs.ts': `${SERVER}
export const fairForJudge = query({
  args: { id: v.id("fairs"), userId: v.optional(v.id("users")) },
  handler: async (ctx, args) => {
    const found = await ctx.db.query("fairs").filter((q) => q.eq(q.field("_id"), args.id)).collect();
    if (found.map((f) => f.judgeId)[0] !== args.userId) {
      throw new Error("Unauthorised");
    }
    return found;
  },
});

export const fairForMe = query({
  args: { fairId: v.id("fairs") },
  handler: async (ctx, { fairId }) => {
    const identity = await ctx.auth.getUserIdentity();
    const me = await ctx.db.query("users").withIndex("by_clerk", (q) => q.eq("clerkId", identity?.subject)).unique();
    const fair = await ctx.db.get(fairId);
    if (!me || !fair || fair.judgeId !== me._id) throw new Error("Unauthorised");
    return fair;
  },
});
`,
    },
    verdict:
      "Bug (identity-from-args): fairForJudge lets a client that sends the fair's judgeId as userId through the judge check; fairForMe checks the judge against ctx.auth and is clean",
    expect: [{ file: 'convex/fairs.ts', code: 'identity-from-args', at: 'userId: v.optional(v.id("users"))' }],
  },
  {
    id: 'eighth-m6-arg-over-auth',
    // checkUserSubscriptionStatus: `if (args.userId) tokenIdentifier = args.userId; else … identity.subject`.
    sources: [{ repo: 'rajea-bilal/buymeadrink', path: 'convex/subscriptions.ts', commit: '958333e1e6c2' }],
    dependencies: { convex: '^1.23.0' },
    files: {
      'convex/subscriptions.ts': `${SERVER}
export const subscriptionStatus = query({
  args: { userId: v.optional(v.string()) },
  handler: async (ctx, args) => {
    let token: string;
    if (args.userId) {
      token = args.userId;
    } else {
      const identity = await ctx.auth.getUserIdentity();
      if (!identity) return { active: false };
      token = identity.subject;
    }
    const sub = await ctx.db.query("subscriptions").withIndex("userId", (q) => q.eq("userId", token)).first();
    return { active: sub?.status === "active" };
  },
});
`,
    },
    verdict:
      "Bug (identity-from-args): whenever a client sends userId, subscriptionStatus reads that user's subscription instead of the signed-in user's",
    expect: [{ file: 'convex/subscriptions.ts', code: 'identity-from-args', at: 'userId: v.optional(v.string())' }],
  },
  {
    id: 'eighth-d1-public-profile',
    // getProfile(v.id("users")) returns only the user's name and profile image.
    sources: [{ repo: 'panzacoder/plfx-ai', path: 'convex/users.ts', commit: '10b26703921c' }],
    dependencies: { convex: '^1.12.0' },
    files: {
      'convex/users.ts': `${SERVER}
export const profileOf = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const row = await ctx.db.get(args.userId);
    return { name: row?.name, profileImage: row?.profileImage };
  },
});
`,
    },
    verdict: 'Clean: a public profile (name and picture) by id; nothing else of the user is returned',
    expect: [],
  },
  {
    id: 'eighth-d1-row-by-clerk-id',
    // getUserById({ clerkId }): the whole users row of any Clerk id, to any caller.
    sources: [{ repo: 'Cancey-Dejean/nextjs-convex-clerk-starter', path: 'convex/users.ts', commit: '69e22ca0a37c' }],
    dependencies: { convex: '^1.19.0' },
    files: {
      'convex/users.ts': `${SERVER}
export const userByClerkId = query({
  args: { clerkId: v.string() },
  handler: async (ctx, args) => {
    const row = await ctx.db.query("users").filter((q) => q.eq(q.field("clerkId"), args.clerkId)).unique();
    if (!row) throw new Error("User not found");
    return row;
  },
});
`,
    },
    verdict:
      'Finding (identity-from-args, read-only): any caller reads the whole users row (email included) of any Clerk id it names; the message must say that, not that the query acts as that user',
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'clerkId: v.string()' }],
  },
];
