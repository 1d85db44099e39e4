import { mutation, query } from "./_generated/server";
import { v } from "convex/values";

export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db
      .query("messages")
      .withIndex("by_user", (q) => q.eq("userId", identity.userId))
      .collect();
  },
});

export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    const identity = await ctx.auth.getUserIdentity();
    await ctx.db.insert("messages", { body, userId: identity.subject });
  },
});
