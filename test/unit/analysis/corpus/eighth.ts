// Issue 23's eighth fresh check: reductions of my own lines carrying the idioms of its missed query-before-auth forms
// (M1, M3, M4). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^14.2.0', react: '^18', convex: '^1.16.0', '@clerk/nextjs': '^5.7.0' };

// M1: microDotBuilder/demo-clerk-convex @482e25dcd120 — convex/documents.ts reads the identity as
// `(await ctx.auth.getUserIdentity())?.tokenIdentifier`, returns [] without it; src/app/page.tsx (a "use client" page)
// sends useQuery(api.documents.getDocument) with no skip and outside <Authenticated>.
const DEMO = 'microDotBuilder/demo-clerk-convex';
const DEMO_AT = '482e25dcd120';

export const eighth: CorpusEntry[] = [
  {
    id: 'eighth-m1-inline-identity-field',
    sources: [
      { repo: DEMO, path: 'convex/documents.ts', commit: DEMO_AT },
      { repo: DEMO, path: 'src/app/page.tsx', commit: DEMO_AT },
    ],
    dependencies: NEXT,
    files: {
      'convex/documents.ts': `import { mutation, query } from "./_generated/server";
import { ConvexError, v } from "convex/values";

export const create = mutation({
  args: { title: v.string() },
  handler: async (ctx, args) => {
    const owner = (await ctx.auth.getUserIdentity())?.tokenIdentifier;
    if (!owner) throw new ConvexError("Not signed in");
    return await ctx.db.insert("documents", { title: args.title, owner });
  },
});

export const list = query({
  async handler(ctx) {
    const owner = (await ctx.auth.getUserIdentity())?.tokenIdentifier;
    if (!owner) return [];
    return await ctx.db
      .query("documents")
      .withIndex("by_owner", (q) => q.eq("owner", owner))
      .collect();
  },
});
`,
      'src/app/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function Home() {
  const documents = useQuery(api.documents.list);
  return <ul>{documents?.map((d) => <li key={d._id}>{d.title}</li>)}</ul>;
}
`,
    },
    verdict:
      'Bug (query-before-auth): the page sends useQuery(api.documents.list) on its first render, unskipped and outside <Authenticated>; list returns [] without an identity, so it answers [] before Convex has the Clerk token',
    expect: [{ file: 'src/app/page.tsx', code: 'query-before-auth', at: 'useQuery(api.documents.list)' }],
  },
];
