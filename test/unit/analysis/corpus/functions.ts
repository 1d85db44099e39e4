// Convex functions: where the user a function acts for comes from (ctx.auth, or the caller's arguments), and
// how the identity is read. Helpers that take an id from their caller are not public functions.
import type { CorpusEntry } from './types';

const CONVEX = { convex: '*', '@clerk/nextjs': '*', next: '*' };

export const functions: CorpusEntry[] = [
  {
    id: 'default-export-mutation-clerk-id-lookup',
    sources: [{ repo: 'terkoizmy/facthub', path: 'convex/getUser.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/getUser.ts': `// convex/getUser.ts
import { mutation } from "./_generated/server";
import { v } from "convex/values";

export default mutation({
  args: { clerkId: v.optional(v.string()) },
  handler: async (ctx, args) => {
    if (!args.clerkId) return null;
    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("clerkId"), args.clerkId))
      .first();
    return user;
  },
});
`,
    },
    verdict:
      'Bug: a public mutation returns any user row for a clerkId the caller chooses (no ctx.auth anywhere). On the clerkId argument.',
    expect: [{ file: 'convex/getUser.ts', code: 'identity-from-args', at: 'clerkId: v.optional' }],
  },
  {
    id: 'query-by-clerk-user-id-index',
    sources: [{ repo: 'nobz226/mojo-coffee', path: 'convex/users.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/users.ts': `import { query } from "./_generated/server";
import { v } from "convex/values";

export const getByClerkId = query({
  args: { clerkUserId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkUserId", args.clerkUserId))
      .collect();
  },
});
`,
    },
    verdict: 'Bug: reads the user rows of whichever clerkUserId the client sends. On the clerkUserId argument.',
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'clerkUserId: v.string()' }],
  },
  {
    id: 'create-inserts-args-whole',
    sources: [{ repo: 'dianAnton/scrittapp', path: 'convex/users.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/users.ts': `// convex/users.ts
import { mutation, query } from "./_generated/server";
import { v } from "convex/values";

export const create = mutation({
  args: {
    email: v.string(),
    name: v.optional(v.string()),
    clerkId: v.string(),
  },
  handler: async (ctx, args) => {
    return await ctx.db.insert("users", args);
  },
});

export const getByClerkId = query({
  args: { clerkId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", args.clerkId))
      .unique();
  },
});
`,
    },
    verdict:
      "Bug twice: create writes a users row for any clerkId the caller sends (the whole args object is inserted), and getByClerkId reads anyone's row. On each clerkId argument.",
    expect: [
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'clerkId: v.string(),\n  },' },
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'args: { clerkId: v.string() }' },
    ],
  },
  {
    id: 'helper-takes-clerk-id',
    sources: [{ repo: 'lukateg/strength-age', path: 'convex/models/userModel.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/models/userModel.ts': `import { type QueryCtx } from "convex/_generated/server";

export async function userByClerkId(ctx: QueryCtx, clerkId: string) {
  return await ctx.db
    .query("users")
    .withIndex("by_clerkId", (q) => q.eq("clerkId", clerkId))
    .unique();
}
`,
    },
    verdict: 'Clean: a helper; its callers decide where the id comes from.',
    expect: [],
  },
  {
    id: 'query-user-by-id-filter',
    sources: [{ repo: 'chantastic/b2b-starter-kit', path: 'convex/user.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/user.ts': `import { query } from "./_generated/server";
import { v } from "convex/values";

export const get = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("id"), args.userId))
      .first();
  },
});
`,
    },
    verdict: 'Bug: returns the user row for any userId the caller sends. On the userId argument.',
    expect: [{ file: 'convex/user.ts', code: 'identity-from-args', at: 'userId: v.string()' }],
  },
  {
    id: 'query-user-by-id-index',
    sources: [{ repo: 'tanitrack/agrichain', path: 'convex/users_queries.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/users_queries.ts': `import { query } from './_generated/server';
import { v } from 'convex/values';

export const get = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query('users')
      .withIndex('by_user_id', (q) => q.eq('userId', args.userId))
      .unique();
  },
});
`,
    },
    verdict: 'Bug: as above. On the userId argument.',
    expect: [{ file: 'convex/users_queries.ts', code: 'identity-from-args', at: 'userId: v.string()' }],
  },
  {
    id: 'internal-query-by-user-id',
    sources: [{ repo: 'ThunderboltDev/Resound', path: 'packages/backend/convex/user.ts' }],
    dependencies: CONVEX,
    files: {
      'packages/backend/convex/user.ts': `import { v } from "convex/values";
import { internalQuery } from "./_generated/server";

export const getByUserId = internalQuery({
  args: {
    userId: v.id("users"),
  },
  handler: async (ctx, { userId }) => {
    return await ctx.db.get(userId);
  },
});
`,
    },
    verdict: 'Clean: an internal query cannot be called by a client.',
    expect: [],
  },
  {
    id: 'ticket-marketplace-users',
    sources: [
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'convex/users.ts',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
    ],
    dependencies: { next: '15.0.3', '@clerk/nextjs': '^6.3.2', convex: '^1.17.0' },
    files: {
      'convex/users.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const getUsersStripeConnectId = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("userId"), args.userId))
      .first();
    return user?.stripeConnectId;
  },
});

export const updateOrCreateUserStripeConnectId = mutation({
  args: { userId: v.string(), stripeConnectId: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_user_id", (q) => q.eq("userId", args.userId))
      .first();
    if (!user) {
      throw new Error("User not found");
    }
    await ctx.db.patch(user._id, { stripeConnectId: args.stripeConnectId });
  },
});

export const updateUser = mutation({
  args: {
    userId: v.string(),
    name: v.string(),
    email: v.string(),
  },
  handler: async (ctx, { userId, name, email }) => {
    const existingUser = await ctx.db
      .query("users")
      .withIndex("by_user_id", (q) => q.eq("userId", userId))
      .first();
    if (existingUser) {
      await ctx.db.patch(existingUser._id, { name, email });
      return existingUser._id;
    }
    return await ctx.db.insert("users", { userId, name, email, stripeConnectId: undefined });
  },
});

export const getUserById = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_user_id", (q) => q.eq("userId", userId))
      .first();
    return user;
  },
});
`,
    },
    verdict:
      "Bug four times (a popular tutorial's code): every function takes the Clerk user id from its arguments, so any caller can read another user's Stripe account id and profile, or overwrite their Stripe account and name. On each userId argument.",
    expect: [
      {
        file: 'convex/users.ts',
        code: 'identity-from-args',
        at: 'args: { userId: v.string() },\n  handler: async (ctx, args) => {\n    const user',
      },
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'userId: v.string(), stripeConnectId' },
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'userId: v.string(),\n    name' },
      {
        file: 'convex/users.ts',
        code: 'identity-from-args',
        at: 'args: { userId: v.string() },\n  handler: async (ctx, { userId })',
      },
    ],
  },
  {
    id: 'monorepo-user-get-by-doc-id',
    sources: [
      {
        repo: 'darrylyip/tanstackstart-convex-clerk-pnpm-monorepo',
        path: 'packages/convex/queries/users.ts',
        commit: '3f8d57cfa3cccc9612b1e231e71966d0c4e8fd12',
      },
      {
        repo: 'darrylyip/tanstackstart-convex-clerk-pnpm-monorepo',
        path: 'packages/convex/functions/users.ts',
        commit: '3f8d57cfa3cccc9612b1e231e71966d0c4e8fd12',
      },
    ],
    dependencies: { '@tanstack/react-start': 'latest', '@clerk/clerk-react': '^5.45.0', convex: '^1.16.0' },
    files: {
      'packages/convex/queries/users.ts': `import { query } from '../_generated/server';
import { v } from 'convex/values';

export const get = query({
  args: { userId: v.id('users') },
  handler: async (ctx, args) => {
    return await ctx.db.get(args.userId);
  },
});

export const getByEmail = query({
  args: { email: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query('users')
      .filter((q) => q.eq(q.field('email'), args.email))
      .first();
  },
});
`,
      'packages/convex/functions/users.ts': `import { v } from "convex/values";
import { internalMutation } from "../_generated/server";

export const syncUser = internalMutation({
  args: { clerkId: v.string(), email: v.string() },
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", args.clerkId))
      .unique();
    if (existing) {
      await ctx.db.patch(existing._id, { email: args.email });
      return existing._id;
    }
    return await ctx.db.insert("users", { clerkId: args.clerkId, email: args.email });
  },
});
`,
    },
    verdict:
      "Bug: the public get returns any user's whole row (email, phone) for a user id the client sends; getByEmail does too, but its argument does not name a user id (out of this rule's reach). The webhook's syncUser is internal: clean. On get's userId argument.",
    expect: [{ file: 'packages/convex/queries/users.ts', code: 'identity-from-args', at: "userId: v.id('users')" }],
  },
  {
    id: 'identity-subject-passed-to-internal',
    sources: [
      {
        repo: 'keyzeroc/online-games-next-convex-clerk',
        path: 'convex/battleships.ts',
        commit: '7a3fced4014f64f696b58333df58b15813976329',
      },
    ],
    dependencies: { next: '14.2.5', '@clerk/nextjs': '^5.2.8', convex: '^1.13.2' },
    files: {
      'convex/battleships.ts': `import { v } from "convex/values";
import { internalMutation, mutation } from "./_generated/server";
import { internal } from "./_generated/api";

export const resetGameState = mutation({
  args: { gameId: v.id('battleships') },
  handler: async (ctx, { gameId }) => {
    const user = await ctx.auth.getUserIdentity();
    if (!user) return [];
    await ctx.scheduler.runAfter(3000, internal.battleships.resetGameInternal, { gameId, userId: user.subject })
  }
})

export const resetGameInternal = internalMutation({
  args: { gameId: v.id('battleships'), userId: v.string() },
  handler: async (ctx, { gameId, userId }) => {
    const foundGame = await ctx.db.get(gameId);
    if (!foundGame) return [];
    await ctx.db.patch(gameId, { currentMovePlayerId: userId })
  },
});
`,
    },
    verdict:
      'Clean: the public mutation takes the user from ctx.auth and hands identity.subject to an internal mutation.',
    expect: [],
  },
  {
    id: 'users-token-identifier-lookup',
    sources: [
      {
        repo: 'jaronheard/expo-convex-clerk',
        path: 'convex/users.ts',
        commit: '844fb76110bd4038c69f12d2736970b4c17dca63',
      },
    ],
    dependencies: { expo: '~53.0.9', '@clerk/clerk-expo': '^2.11.5', convex: '^1.24.1' },
    files: {
      'convex/users.ts': `import { v } from "convex/values";
import { mutation, query, QueryCtx } from "./_generated/server";

export async function userByExternalId(ctx: QueryCtx, externalId: string) {
  return await ctx.db
    .query("users")
    .filter((q) => q.eq(q.field("tokenIdentifier"), externalId))
    .unique();
}

export const updateProfile = mutation({
  args: { firstName: v.optional(v.string()), bio: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    const user = await userByExternalId(ctx, identity.tokenIdentifier);
    if (user) {
      await ctx.db.patch(user._id, { ...args, onboarded: true });
      return user._id;
    }
    return await ctx.db.insert("users", { ...args, tokenIdentifier: identity.tokenIdentifier, onboarded: true });
  },
});

export const getCurrentUser = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null;
    }
    return await userByExternalId(ctx, identity.tokenIdentifier);
  },
});
`,
    },
    verdict: 'Clean: both functions find the user by identity.tokenIdentifier, after a null check.',
    expect: [],
  },
  {
    id: 'internal-payments-by-user-id',
    sources: [
      {
        repo: 'alexwox/next-convex-clerk-stripe-boilerplate',
        path: 'convex/payments.ts',
        commit: '6936e66e0e3fe0befc4ece110bb20fe72fac8356',
      },
    ],
    dependencies: { next: '14.2.14', '@clerk/nextjs': '^5.7.1', convex: '^1.16.3' },
    files: {
      'convex/payments.ts': `import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

export const createPayment = internalMutation({
  args: { userId: v.string(), amount: v.number(), stripeId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db.insert("payments", { userId: args.userId, amount: args.amount, status: "pending", stripeId: args.stripeId });
  },
});

export const fulfill = internalMutation({
  args: { userId: v.string() },
  handler: async ({ db }, args) => {
    const payment = await db.query("payments").withIndex("by_userId", (q) => q.eq("userId", args.userId)).unique();
    if (payment) await db.patch(payment._id, { status: "fulfilled" });
  },
});
`,
    },
    verdict: 'Clean: internal mutations (called by a Stripe webhook action), never by a client.',
    expect: [],
  },
  {
    id: 'notes-by-user-id-argument',
    sources: [
      {
        repo: 'yukikotani231/tanstack-convex-clerk-notes',
        path: 'convex/notes.ts',
        commit: 'eef0b2c6ecf356fdac2347765448cbc3019902f9',
      },
    ],
    dependencies: { '@tanstack/react-start': '^1.132.0', '@clerk/tanstack-react-start': '^0.27.12', convex: '^1.31.2' },
    files: {
      'convex/notes.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const list = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("notes")
      .withIndex("by_user", (q) => q.eq("userId", args.userId))
      .order("desc")
      .collect();
  },
});

export const create = mutation({
  args: {
    userId: v.string(),
    title: v.string(),
    content: v.string(),
  },
  handler: async (ctx, args) => {
    const now = Date.now();
    return await ctx.db.insert("notes", {
      userId: args.userId,
      title: args.title,
      content: args.content,
      createdAt: now,
    });
  },
});

export const remove = mutation({
  args: { id: v.id("notes") },
  handler: async (ctx, args) => {
    await ctx.db.delete(args.id);
  },
});
`,
    },
    verdict:
      "Bug: list reads and create writes notes for whichever userId the client sends. On both userId arguments. (remove deletes any note by id without an owner check: a different mistake, lesson 7's, not this rule's.)",
    expect: [
      { file: 'convex/notes.ts', code: 'identity-from-args', at: 'args: { userId: v.string() }' },
      { file: 'convex/notes.ts', code: 'identity-from-args', at: 'userId: v.string(),\n    title' },
    ],
  },
  {
    id: 'public-profile-name-and-image',
    sources: [
      {
        repo: 'Mohammed-Abdelhady/Cloud-Storage-next.js-convex-clerk-shadcn',
        path: 'convex/users.ts',
        commit: '2b757e18020cd2d4d66ad4b0f0120a1655b9b13e',
      },
    ],
    dependencies: { next: '14.2.4', '@clerk/nextjs': '^5.1.5', convex: '^1.12.1' },
    files: {
      'convex/users.ts': `import { v } from "convex/values";
import { query } from "./_generated/server";
import { getUser } from "./helpers";

export const getUserProfile = query({
  args: { userId: v.id("users") },
  async handler(ctx, args) {
    const user = await ctx.db.get(args.userId);
    return {
      name: user?.name,
      image: user?.image,
    };
  },
});

export const getMe = query({
  args: {},
  async handler(ctx) {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null;
    }
    return await getUser(ctx, identity.tokenIdentifier);
  },
});
`,
    },
    verdict:
      "Clean: getUserProfile shows another user's public name and picture (the uploader of a file), not the caller's data; getMe reads the identity.",
    expect: [],
  },
  {
    id: 'admin-functions-without-any-check',
    sources: [
      {
        repo: 'smartekaico/saaskit-convex-clerk-react-router',
        path: 'convex/functions/admin.ts',
        commit: '006ad57558ddc1a5615bd48b8d8aa327683ce1b9',
      },
    ],
    dependencies: { 'react-router': '^7.1.0', vite: '^8.0.9', '@clerk/react-router': '^3.1.3', convex: '^1.36.0' },
    files: {
      'convex/functions/admin.ts': `import { v } from 'convex/values';
import { mutation, query } from './_generated/server';

// Admin query to get single user by ID
export const getUserById = query({
  args: {
    userId: v.id('users'),
  },
  handler: async (ctx, args) => {
    const user = await ctx.db.get('users', args.userId);
    if (!user) {
      throw new Error('User not found');
    }
    return user;
  },
});

// Admin mutation to update user role
export const updateUserRole = mutation({
  args: {
    userId: v.id('users'),
    role: v.union(v.literal('user'), v.literal('admin')),
  },
  handler: async (ctx, args) => {
    const { userId, role } = args;
    const user = await ctx.db.get('users', userId);
    if (!user) {
      throw new Error('User not found');
    }
    await ctx.db.patch('users', userId, { role });
  },
});
`,
    },
    verdict:
      'Bug: "admin" functions with no check at all: any client reads any user\'s row and can make any user (itself) an admin. On both userId arguments.',
    expect: [
      { file: 'convex/functions/admin.ts', code: 'identity-from-args', at: "userId: v.id('users'),\n  },\n  handler" },
      { file: 'convex/functions/admin.ts', code: 'identity-from-args', at: "userId: v.id('users'),\n    role" },
    ],
  },
  {
    id: 'profile-by-user-id-whole-row',
    sources: [
      {
        repo: 'Bileonaire/next-shadcn-convex-clerk-template',
        path: 'convex/users.ts',
        commit: '197d06488330131eeddf29e5023309994181ec2a',
      },
    ],
    dependencies: { next: '15.5.2', '@clerk/nextjs': '^6.31.10', convex: '^1.27.0' },
    files: {
      'convex/users.ts': `import { mutation, query } from "./_generated/server";
import { getAuthUserId } from "@convex-dev/auth/server";
import { v } from "convex/values";

export const getUserProfile = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getAuthUserId(ctx);
    if (!userId) {
      return null;
    }
    const profile = await ctx.db
      .query("profiles")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .first();
    return { userId, profile };
  },
});

export const getProfileByUserId = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    return await ctx.db
      .query("profiles")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .first();
  },
});
`,
    },
    verdict:
      "Bug: getProfileByUserId returns the whole profile row (email included) of any userId the client sends. getUserProfile reads the caller's own id: clean. On getProfileByUserId's userId argument.",
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'args: { userId: v.string() }' }],
  },
  {
    id: 'signed-in-check-then-clerk-id-from-args',
    sources: [{ repo: 'simioworld/simioapp', path: 'convex/user.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/user.ts': `import { ConvexError, v } from "convex/values";
import { query } from "./_generated/server";

export const getUser = query({
  args: {
    clerkId: v.string(),
  },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new ConvexError("User not authenticated");
    }

    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("clerkId"), args.clerkId))
      .unique();
    if (!user) throw new ConvexError("User not found");

    return user._id;
  },
});
`,
    },
    verdict:
      'Bug: it checks that someone is signed in, then looks up whichever clerkId the client sends instead of identity.subject. On the clerkId argument.',
    expect: [{ file: 'convex/user.ts', code: 'identity-from-args', at: 'clerkId: v.string()' }],
  },
  {
    id: 'chat-owner-compared-with-argument',
    sources: [
      {
        repo: 'Arminbusatlic72/vercel-ai-sdke-ai-elements-convex-clerk',
        path: 'convex/chats.ts',
        commit: 'e4cd5a6d6bb88fa1045d70911dfd828366ded7bd',
      },
    ],
    dependencies: { next: '^16.0.8', '@clerk/nextjs': '^6.35.4', convex: '^1.29.3' },
    files: {
      'convex/chats.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const getChat = query({
  args: { id: v.id("chats"), userId: v.string() },
  handler: async (ctx, args) => {
    const chat = await ctx.db.get(args.id);
    if (!chat || chat.userId !== args.userId) return null;
    return chat;
  }
});

export const updateChatTitle = mutation({
  args: { id: v.id("chats"), title: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    const chat = await ctx.db.get(args.id);
    if (!chat || chat.userId !== identity.subject) {
      throw new Error("Unauthorized");
    }
    await ctx.db.patch(args.id, { title: args.title });
    return null;
  }
});
`,
    },
    verdict:
      "Bug in getChat: its owner check compares the chat's owner with a userId the client sends, so anyone who knows the owner's id reads the chat. updateChatTitle compares with identity.subject: clean. On getChat's userId argument.",
    expect: [{ file: 'convex/chats.ts', code: 'identity-from-args', at: 'userId: v.string() }' }],
  },
  {
    id: 'identity-picture-field',
    sources: [
      {
        repo: 'Arminbusatlic72/vercel-ai-sdke-ai-elements-convex-clerk',
        path: 'convex/users.ts',
        commit: 'e4cd5a6d6bb88fa1045d70911dfd828366ded7bd',
      },
    ],
    dependencies: { next: '^16.0.8', '@clerk/nextjs': '^6.35.4', convex: '^1.29.3' },
    files: {
      'convex/users.ts': `import { mutation } from "./_generated/server";

export const syncCurrentUser = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");

    const existingUser = await ctx.db
      .query("users")
      .withIndex("by_clerkId", (q) => q.eq("clerkId", identity.subject))
      .first();

    const userData = {
      email: identity.email ?? existingUser?.email ?? "",
      imageUrl: typeof identity.picture === "string" ? identity.picture : existingUser?.imageUrl,
    };
    if (existingUser) {
      await ctx.db.patch(existingUser._id, userData);
      return existingUser._id;
    }
    return await ctx.db.insert("users", { clerkId: identity.subject, ...userData });
  },
});
`,
    },
    verdict:
      'Bug: Convex renames the OIDC claim picture to pictureUrl, so identity.picture is always undefined and the image is never taken from the identity. On both identity.picture reads.',
    expect: [
      { file: 'convex/users.ts', code: 'identity-field', at: 'picture === "string"' },
      { file: 'convex/users.ts', code: 'identity-field', at: 'picture : existingUser' },
    ],
  },
  {
    id: 'auth-helper-returns-subject',
    sources: [{ repo: 'hoanghuy-huy/Notion-Clone', path: 'utils/auth.ts' }],
    dependencies: CONVEX,
    files: {
      'utils/auth.ts': `export async function getUserIdOrThrow(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not authenticated");
  return identity.subject;
}
`,
    },
    verdict: 'Clean: the helper every function should call.',
    expect: [],
  },
  {
    id: 'require-user-helper',
    sources: [{ repo: 'Chryaor/convex-app', path: 'convex/helpers.ts' }],
    dependencies: CONVEX,
    files: {
      'convex/helpers.ts': `import { QueryCtx } from "./_generated/server";

export const requireUser = async (ctx: QueryCtx) => {
    const user = await ctx.auth.getUserIdentity();
    if (!user) {
        throw new Error("Unauthorized");
    }
    return user;
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
];
