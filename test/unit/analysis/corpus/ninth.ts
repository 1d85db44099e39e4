// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its false findings (F1–F3). Each
// verdict was written down before the analyzer ran on the reduction. These repositories are listed in SOURCES.md.
import type { CorpusEntry } from './types';

// F2: 07rv/whatsapp-clone @dd437111f817 — convex/conversations.ts: kickUser reads the caller's identity (throws
// without one) and takes the member to remove as `userId`, patching the conversation's participants without them.
const WHATSAPP = '07rv/whatsapp-clone';
const WHATSAPP_AT = 'dd437111f817';

// F2: JayRileyDev/supptraq-claude @dfca84aa512d — convex/accessControl.ts exports getUserContext(auth, db), which
// reads auth.getUserIdentity(), throws without one and returns the caller's row; convex/users.ts's
// updateMemberPermissions / removeMember take it (handed ctx.auth, ctx.db), check the caller's role, and patch the
// member named by `userId`.
const SUPPTRAQ = 'JayRileyDev/supptraq-claude';
const SUPPTRAQ_AT = 'dfca84aa512d';

const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };
const REACT_ROUTER = {
  '@react-router/dev': '^7.5.3',
  react: '^19.0.0',
  convex: '^1.24.0',
  '@clerk/react-router': '^1.4.0',
};

export const ninth: CorpusEntry[] = [
  {
    id: 'ninth-f2-kick-a-member',
    sources: [{ repo: WHATSAPP, path: 'convex/conversations.ts', commit: WHATSAPP_AT }],
    dependencies: NEXT,
    files: {
      'convex/conversations.ts': `import { ConvexError, v } from "convex/values";
import { mutation } from "./_generated/server";

export const removeFromChat = mutation({
  args: { chatId: v.id("chats"), userId: v.id("users") },
  handler: async (ctx, args) => {
    const me = await ctx.auth.getUserIdentity();
    if (!me) throw new ConvexError("Unauthorized");
    const chat = await ctx.db.get(args.chatId);
    if (!chat) throw new ConvexError("No such chat");
    await ctx.db.patch(args.chatId, {
      members: chat.members.filter((m) => m !== args.userId),
    });
  },
});
`,
    },
    verdict:
      'Clean: the signed-in caller removes another member, named by userId (a target, not the caller); whether the caller may do so is authorisation, not this rule.',
    expect: [],
  },
  {
    id: 'ninth-f2-member-after-caller-context',
    sources: [
      { repo: SUPPTRAQ, path: 'convex/accessControl.ts', commit: SUPPTRAQ_AT },
      { repo: SUPPTRAQ, path: 'convex/users.ts', commit: SUPPTRAQ_AT },
    ],
    dependencies: REACT_ROUTER,
    files: {
      'convex/accessControl.ts': `import type { Auth } from "convex/server";
import type { DatabaseReader } from "./_generated/server";

export async function callerContext(auth: Auth, db: DatabaseReader) {
  const identity = await auth.getUserIdentity();
  if (!identity) throw new Error("Not signed in");
  const me = await db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.subject))
    .unique();
  if (!me) throw new Error("Unknown user");
  return { userId: me._id, role: me.role, orgId: me.orgId };
}
`,
      'convex/users.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { callerContext } from "./accessControl";

export const setMemberPages = mutation({
  args: { userId: v.id("users"), pages: v.array(v.string()) },
  handler: async (ctx, args) => {
    const caller = await callerContext(ctx.auth, ctx.db);
    if (caller.role !== "owner") throw new Error("Owners only");
    const member = await ctx.db.get(args.userId);
    if (!member || member.orgId !== caller.orgId) throw new Error("Not in your organisation");
    await ctx.db.patch(args.userId, { pages: args.pages });
  },
});

export const dropMember = mutation({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const caller = await callerContext(ctx.auth, ctx.db);
    if (caller.role !== "owner") throw new Error("Owners only");
    await ctx.db.patch(args.userId, { orgId: undefined, role: undefined });
  },
});
`,
    },
    verdict:
      'Clean: both mutations take the caller from callerContext (it reads auth.getUserIdentity() and throws without one) and act on another member named by userId, a target.',
    expect: [],
  },
];
