// identity-from-args and what binds a user argument to the caller (issue 23, F3): a project helper that requires
// sign-in and returns the caller's row (getCurrentUserOrThrow in convex/users.ts), then an owner check of a row
// against that user, or the user's own id in the database beside a target user. Reduced by hand from the public
// files named in `sources` (read at that commit) to the lines that carry the idiom, in my own lines; verdicts
// written before the analyzer ran on the reduction. The variant is said so in its verdict. Listed in SOURCES.md.
import type { CorpusEntry } from './types';

const NEXT = { next: '15.3.0', '@clerk/nextjs': '^6.19.0', convex: '^1.24.0' };
const SN = 'Snowy7/sncall';

const USERS = `import type { MutationCtx, QueryCtx } from "./_generated/server";

export async function getCurrentUserOrThrow(ctx: QueryCtx | MutationCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not authenticated");
  const user = await ctx.db.query("users").withIndex("by_clerk_id", (q) => q.eq("clerkId", identity.subject)).unique();
  if (!user) throw new Error("User not provisioned");
  return user;
}
`;

export const binding: CorpusEntry[] = [
  {
    id: 'binding-sign-in-helper-user-owner-check-and-target',
    sources: [
      { repo: SN, path: 'convex/users.ts', commit: '3da54b2dd1d8' },
      { repo: SN, path: 'convex/members.ts', commit: '3da54b2dd1d8' },
      { repo: SN, path: 'convex/dms.ts', commit: 'faecdf89c0d7' },
    ],
    dependencies: NEXT,
    files: {
      'convex/users.ts': USERS,
      'convex/members.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";
import { getCurrentUserOrThrow } from "./users";

export const setRole = mutation({
  args: { memberId: v.id("members"), role: v.union(v.literal("admin"), v.literal("member")) },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    const target = await ctx.db.get(args.memberId);
    if (!target) throw new Error("Member not found");
    const server = await ctx.db.get(target.serverId);
    if (!server) throw new Error("Server not found");
    if (server.ownerId !== user._id) throw new Error("Only owner can change roles");
    await ctx.db.patch(args.memberId, { role: args.role });
  },
});
`,
      'convex/dms.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";
import { getCurrentUserOrThrow } from "./users";

export const open = mutation({
  args: { otherUserId: v.id("users") },
  handler: async (ctx, args) => {
    const user = await getCurrentUserOrThrow(ctx);
    if (args.otherUserId === user._id) throw new Error("Cannot DM yourself");
    const channelId = await ctx.db.insert("channels", { name: "dm", type: "dm" });
    await ctx.db.insert("dmParticipants", { channelId, userId: user._id, otherUserId: args.otherUserId });
    await ctx.db.insert("dmParticipants", { channelId, userId: args.otherUserId, otherUserId: user._id });
    return channelId;
  },
});
`,
    },
    verdict:
      'Clean: every function takes the caller from getCurrentUserOrThrow (users.ts: it throws without an identity). setRole changes a member only after checking the server\'s owner is that user; open writes the other user (otherUserId, a v.id("users")) beside the caller\'s own id, as a target.',
    expect: [],
  },
  {
    id: 'binding-sign-in-helper-alone-binds-nothing',
    sources: [
      { repo: SN, path: 'convex/users.ts', commit: '3da54b2dd1d8' },
      { repo: SN, path: 'convex/members.ts', commit: '3da54b2dd1d8' },
    ],
    dependencies: NEXT,
    files: {
      'convex/users.ts': USERS,
      'convex/members.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";
import { getCurrentUserOrThrow } from "./users";

export const leave = mutation({
  args: { serverId: v.id("servers"), userId: v.id("users") },
  handler: async (ctx, args) => {
    await getCurrentUserOrThrow(ctx);
    const membership = await ctx.db
      .query("members")
      .withIndex("by_server_and_user", (q) => q.eq("serverId", args.serverId).eq("userId", args.userId))
      .unique();
    if (!membership) throw new Error("Not a member");
    await ctx.db.delete(membership._id);
  },
});
`,
    },
    verdict:
      'Bug (a variant of members.ts: leave takes the user from its arguments, where the real file uses the helper’s user): getCurrentUserOrThrow only requires sign-in, so any signed-in client can remove any user from any server by sending their userId. On userId.',
    expect: [{ file: 'convex/members.ts', code: 'identity-from-args', at: 'userId: v.id("users")' }],
  },
];
