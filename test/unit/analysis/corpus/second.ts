// From issue 23's second fresh check (25 repositories, an independent reviewer): the forms the analyzer flagged
// wrongly or missed, each reduced here by hand from the public file named in `sources` (read at that commit) to the
// lines that carry the idiom. Verdicts written before the analyzer ran on the reduction. These repositories are now
// part of the corpus, so a later fresh check must avoid them (SOURCES.md).
import type { CorpusEntry } from './types';

const NEXT = { next: '15.2.0', '@clerk/nextjs': '^6.12.0', convex: '^1.26.0' };
const CONVEX = { convex: '^1.26.0' };

export const second: CorpusEntry[] = [
  {
    id: 'second-server-preload-of-a-query-that-reads-no-identity',
    sources: [
      { repo: 'surajb1515/WhizApp', path: 'app/profile/page.tsx', commit: 'c8a3a5c98dfc' },
      { repo: 'surajb1515/WhizApp', path: 'convex/users.ts', commit: 'c8a3a5c98dfc' },
    ],
    dependencies: NEXT,
    files: {
      'app/profile/page.tsx': `import { api } from "@/convex/_generated/api";
import { auth } from "@clerk/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import Profile from "./_components/profile";

export default async function ProfilePage() {
  const { userId } = await auth();
  const info = await preloadQuery(api.users.readUser, { userId: userId! });
  return <Profile preloadedUserInfo={info} />;
}
`,
      'convex/users.ts': `import { query } from "./_generated/server";
import { v } from "convex/values";

export const readUser = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("userId"), args.userId))
      .first();
  },
});
`,
    },
    verdict:
      'Bug: readUser takes the user id from its arguments and reads that user by it (any client can read anyone). The page preloads it without the Clerk token, which is harmless: readUser never reads the identity, so no server-token finding.',
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'userId: v.string()' }],
  },
  {
    id: 'second-plain-provider-as-the-no-clerk-fallback',
    sources: [{ repo: '0xSalik/learnmate', path: 'components/shared/Providers.tsx', commit: 'fc8d9c4f4d31' }],
    dependencies: NEXT,
    files: {
      'components/shared/Providers.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL ?? "https://demo.convex.cloud");

export function Providers({ children }: { children: ReactNode }) {
  if (process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {
    return (
      <ClerkProvider>
        <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
          {children}
        </ConvexProviderWithClerk>
      </ClerkProvider>
    );
  }
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`,
      'convex/auth.config.ts': `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`,
    },
    verdict:
      'Clean: with a Clerk key the app renders ClerkProvider around ConvexProviderWithClerk; the plain ConvexProvider is the deliberate fallback when there is no Clerk key (no Clerk, so no token to send).',
    expect: [],
  },
  {
    id: 'second-identity-destructured-in-a-guarded-custom-mutation',
    sources: [
      { repo: 'CyberVerse2/squid', path: 'convex/utils.ts', commit: '29e98979e933' },
      { repo: 'CyberVerse2/squid', path: 'convex/user.ts', commit: '05e8f99c96a5' },
    ],
    dependencies: { ...CONVEX, 'convex-helpers': '^0.1.60' },
    files: {
      'convex/utils.ts': `import { QueryCtx, mutation } from "./_generated/server";
import { customMutation, customCtx } from "convex-helpers/server/customFunctions";
import { ConvexError } from "convex/values";
import { Auth } from "convex/server";

export async function getUserId(ctx: { auth: Auth }) {
  const info = await ctx.auth.getUserIdentity();
  return info?.tokenIdentifier;
}

export const getCurrentUser = async (ctx: QueryCtx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    throw new Error("Not authenticated");
  }
  const user = await ctx.db
    .query("users")
    .withIndex("by_clerkId", (q) => q.eq("clerkId", identity.subject))
    .unique();
  return user ?? { cause: { type: "NOT_FOUND" } };
};

export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const userId = await getUserId(ctx);
    const user = await getCurrentUser(ctx);
    if (userId === undefined) {
      throw new ConvexError("User must be logged in.");
    }
    return { user };
  }),
);
`,
      'convex/user.ts': `import { userMutation } from "./utils";

export const createUser = userMutation({
  args: {},
  async handler(ctx) {
    const { subject, email, name, pictureUrl, nickname } = await ctx.auth.getUserIdentity();
    if ("cause" in ctx.user) {
      await ctx.db.insert("users", { clerkId: subject, email, name, githubUsername: nickname, profileUrl: pictureUrl });
    }
  },
});
`,
    },
    verdict:
      "Clean: userMutation's ctx function calls getCurrentUser, which throws without an identity, so createUser's handler never runs anonymous and destructuring the identity cannot meet null.",
    expect: [],
  },
  {
    id: 'second-moderator-check-by-what-the-helper-does',
    sources: [{ repo: 'Glaucio24/Redtea', path: 'convex/admin.ts', commit: '18ca4a290c04' }],
    dependencies: CONVEX,
    files: {
      'convex/admin.ts': `import { mutation, query, MutationCtx, QueryCtx } from "./_generated/server";
import { v } from "convex/values";

async function getValidatedAdmin(ctx: QueryCtx | MutationCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    throw new Error("Unauthenticated");
  }
  const user = await ctx.db
    .query("users")
    .withIndex("byClerkId", (q) => q.eq("clerkId", identity.subject))
    .unique();
  if (!user || user.role !== "admin") {
    throw new Error("Admin privileges required");
  }
  return user;
}

export const toggleUserBan = mutation({
  args: { userId: v.id("users"), isBanned: v.boolean() },
  handler: async (ctx, args) => {
    await getValidatedAdmin(ctx);
    await ctx.db.patch(args.userId, { isBanned: args.isBanned });
  },
});

export const getUserPosts = query({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    await getValidatedAdmin(ctx);
    return await ctx.db
      .query("posts")
      .withIndex("byUserId", (q) => q.eq("userId", args.userId))
      .collect();
  },
});
`,
    },
    verdict:
      'Clean: an admin acts on another user by design; getValidatedAdmin reads ctx.auth and throws unless the caller is an admin, whatever its name says.',
    expect: [],
  },
  {
    id: 'second-vote-written-through-a-copied-array',
    sources: [{ repo: 'Glaucio24/Redtea', path: 'convex/posts.ts', commit: '18ca4a290c04' }],
    dependencies: CONVEX,
    files: {
      'convex/posts.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";

export const handleVote = mutation({
  args: {
    postId: v.id("posts"),
    userId: v.id("users"),
    voteType: v.union(v.literal("green"), v.literal("red"), v.null()),
  },
  handler: async (ctx, args) => {
    const post = await ctx.db.get(args.postId);
    if (!post) throw new Error("Post not found");
    const voters = [...post.voters];
    const existing = voters.findIndex((voter) => voter.userId === args.userId);
    if (existing !== -1) voters.splice(existing, 1);
    if (args.voteType !== null) {
      voters.push({ userId: args.userId, voteType: args.voteType });
    }
    await ctx.db.patch(args.postId, { voters });
  },
});
`,
    },
    verdict:
      "Bug: the voter is taken from the arguments and written into the post's voters, so any client can vote (or take back a vote) as anyone.",
    expect: [{ file: 'convex/posts.ts', code: 'identity-from-args', at: 'userId: v.id("users")' }],
  },
  {
    id: 'second-check-named-query-is-not-an-access-check',
    sources: [{ repo: 'cobeo2004/ticket-hunter', path: 'convex/events.ts', commit: '4fe48cf76e1b' }],
    dependencies: CONVEX,
    files: {
      'convex/events.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const checkAvailability = query({
  args: { eventId: v.id("events") },
  handler: async (ctx, args) => {
    const event = await ctx.db.get(args.eventId);
    if (!event) throw new Error("Event not found");
    const sold = (await ctx.db.query("tickets").withIndex("by_event", (q) => q.eq("eventId", args.eventId)).collect()).length;
    return { available: event.totalTickets - sold > 0 };
  },
});

export const joinWaitingList = mutation({
  args: {
    eventId: v.id("events"),
    userId: v.string(),
  },
  handler: async (ctx, args) => {
    const { available } = await checkAvailability(ctx, { eventId: args.eventId });
    await ctx.db.insert("waitingList", {
      eventId: args.eventId,
      userId: args.userId,
      status: available ? "offered" : "waiting",
    });
  },
});
`,
    },
    verdict:
      'Bug: joinWaitingList queues whoever the client names; checkAvailability only counts tickets (it never reads ctx.auth), so it binds nothing to the caller.',
    expect: [{ file: 'convex/events.ts', code: 'identity-from-args', at: 'userId: v.string()' }],
  },
  {
    id: 'second-sender-id-as-a-string-argument',
    sources: [{ repo: '0xAmaan/message-ai', path: 'convex/messages.ts', commit: '640e37e72043' }],
    dependencies: CONVEX,
    files: {
      'convex/messages.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const sendMessage = mutation({
  args: {
    conversationId: v.id("conversations"),
    senderId: v.string(),
    content: v.string(),
  },
  handler: async (ctx, args) => {
    const messageId = await ctx.db.insert("messages", {
      conversationId: args.conversationId,
      senderId: args.senderId,
      content: args.content,
      readBy: [args.senderId],
    });
    await ctx.db.patch(args.conversationId, { lastMessageAt: Date.now() });
    return messageId;
  },
});
`,
    },
    verdict: 'Bug: the sender is whatever the client says, so anyone can post messages as anyone.',
    expect: [{ file: 'convex/messages.ts', code: 'identity-from-args', at: 'senderId: v.string()' }],
  },
  {
    id: 'second-require-helper-checks-the-arguments-user-not-the-caller',
    sources: [
      { repo: 'A-Shalchian/college-marketplace', path: 'convex/security.ts', commit: '0c5bbbd10edb' },
      { repo: 'A-Shalchian/college-marketplace', path: 'convex/messages.ts', commit: '1cfc626929c3' },
    ],
    dependencies: CONVEX,
    files: {
      'convex/security.ts': `import { QueryCtx, MutationCtx } from "./_generated/server";
import { Id } from "./_generated/dataModel";

export async function checkRateLimit(ctx: MutationCtx, identifier: string, action: string): Promise<void> {
  const key = \`\${action}:\${identifier}\`;
  const existing = await ctx.db.query("rateLimits").withIndex("by_key", (q) => q.eq("key", key)).first();
  if (existing && existing.count >= 10) throw new Error("Rate limit exceeded");
}

export async function requireConversationParticipant(
  ctx: QueryCtx | MutationCtx,
  conversationId: Id<"conversations">,
  userId: Id<"users">,
) {
  const conversation = await ctx.db.get(conversationId);
  if (!conversation) throw new Error("Conversation not found");
  if (conversation.buyerId !== userId && conversation.sellerId !== userId) {
    throw new Error("Unauthorized: You are not a participant in this conversation");
  }
  return conversation;
}

export async function requireActiveUser(ctx: QueryCtx | MutationCtx, userId: Id<"users">) {
  const user = await ctx.db.get(userId);
  if (!user) throw new Error("User not found");
  if (user.isBanned) throw new Error("Your account has been suspended");
  return user;
}
`,
      'convex/messages.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireActiveUser, requireConversationParticipant, checkRateLimit } from "./security";

export const getOrCreateConversation = mutation({
  args: {
    listingId: v.id("listings"),
    buyerId: v.id("users"),
    sellerId: v.id("users"),
  },
  handler: async (ctx, args) => {
    await requireActiveUser(ctx, args.buyerId);
    await checkRateLimit(ctx, args.buyerId, "createConversation");
    if (args.buyerId === args.sellerId) throw new Error("You cannot start a conversation with yourself");
    return await ctx.db.insert("conversations", {
      listingId: args.listingId,
      buyerId: args.buyerId,
      sellerId: args.sellerId,
      lastMessageAt: Date.now(),
    });
  },
});

export const getMessages = query({
  args: {
    conversationId: v.id("conversations"),
    userId: v.id("users"),
  },
  handler: async (ctx, args) => {
    await requireConversationParticipant(ctx, args.conversationId, args.userId);
    return await ctx.db
      .query("messages")
      .withIndex("by_conversation", (q) => q.eq("conversationId", args.conversationId))
      .collect();
  },
});
`,
    },
    verdict:
      "Bug: both functions trust the user the client names. requireActiveUser and requireConversationParticipant check that user (banned? a participant?), never the caller (neither reads ctx.auth), so any client can open conversations as another buyer or read another participant's messages.",
    expect: [
      { file: 'convex/messages.ts', code: 'identity-from-args', at: 'buyerId: v.id("users")' },
      { file: 'convex/messages.ts', code: 'identity-from-args', at: 'userId: v.id("users"),\n  },' },
    ],
  },
  {
    id: 'second-course-subject-beside-the-requester-id',
    sources: [{ repo: '0xSalik/learnmate', path: 'convex/projects.ts', commit: '5bdd4d18de23' }],
    dependencies: CONVEX,
    files: {
      'convex/projects.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";

async function signedInUser(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthorized");
  const user = await ctx.db.query("users").withIndex("by_clerk_id", (q: any) => q.eq("clerkId", identity.subject)).first();
  if (!user) throw new Error("No profile");
  return user;
}

export const create = mutation({
  args: {
    requesterId: v.id("users"),
    title: v.string(),
    subject: v.string(),
    deadline: v.number(),
    grade: v.optional(v.string()),
  },
  handler: async (ctx, args) => {
    return await ctx.db.insert("projects", { ...args, status: "open", createdAt: Date.now() });
  },
});

export const createForCurrentUser = mutation({
  args: { title: v.string(), subject: v.string(), deadline: v.number() },
  handler: async (ctx, args) => {
    const user = await signedInUser(ctx);
    return await ctx.db.insert("projects", {
      requesterId: user._id,
      title: args.title,
      subject: args.subject,
      deadline: args.deadline,
      status: "open",
    });
  },
});
`,
    },
    verdict:
      'Bug: create posts a project as whichever user the client names in requesterId (a users row id, spread into the insert). subject is the course the project is about, not a user. createForCurrentUser is the right form: the requester comes from the identity.',
    expect: [{ file: 'convex/projects.ts', code: 'identity-from-args', at: 'requesterId: v.id("users")' }],
  },
  {
    id: 'second-caller-id-only-leaves-the-caller-out-of-a-search',
    sources: [{ repo: 'surajb1515/WhizApp', path: 'convex/users.ts', commit: 'c8a3a5c98dfc' }],
    dependencies: CONVEX,
    files: {
      'convex/users.ts': `import { query } from "./_generated/server";
import { v } from "convex/values";

// will return [] of users
export const searchUsers = query({
  args: {
    searchTerm: v.string(),
    currentUserId: v.string(),
  },
  handler: async (ctx, args) => {
    if (!args.searchTerm) return [];
    const term = args.searchTerm.toLocaleLowerCase();
    const users = await ctx.db
      .query("users")
      .filter((q) => q.neq(q.field("userId"), args.currentUserId))
      .collect();
    return users.filter((u: any) => u?.name?.toLocaleLowerCase().includes(term)).slice(0, 10);
  },
});
`,
    },
    verdict:
      'Clean as to identity from arguments: currentUserId only leaves one user out of the search (q.neq). A client that sends another id gets the same list with itself in it and that user missing; no row is read because it belongs to the named user. (The search is open to any caller whatever the argument; that is not taken from it.)',
    expect: [],
  },
];
