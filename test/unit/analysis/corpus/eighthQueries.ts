// Issue 23's eighth fresh check: reductions of my own lines carrying the idioms of its missed query-before-auth forms
// (M1, M3, M4). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^14.2.0', react: '^18', convex: '^1.16.0', '@clerk/nextjs': '^5.7.0' };

// M1: microDotBuilder/demo-clerk-convex @482e25dcd120 — convex/documents.ts reads the identity as
// `(await ctx.auth.getUserIdentity())?.tokenIdentifier`, returns [] without it; src/app/page.tsx (a "use client" page)
// sends useQuery(api.documents.getDocument) with no skip and outside <Authenticated>.
const DEMO = 'microDotBuilder/demo-clerk-convex';
const DEMO_AT = '482e25dcd120';

// M3: kyameinsahilwho/Main-Character-Quest @79895a37d586 — src/hooks/use-tasks.tsx reads useConvexAuth() (renamed, then
// derived with a local flag) only to pick server or local data, and sends useQuery(api.tasks.get) unskipped;
// src/hooks/use-weblogs.ts skips on the same state; src/context/task-quest-context.tsx's provider reads useConvexAuth
// and calls useTasks (the (main) layout renders it: a component a layout renders is class M2, another change, so the
// caller here is a page of my own with the provider's calls); convex/tasks.ts returns [] when convex/utils.ts's
// getUserId finds no identity.
const QUEST = 'kyameinsahilwho/Main-Character-Quest';
const QUEST_AT = '79895a37d586';

// M4: TestGithubByHusnain/Spott @4a4f992374840 — hooks/use-convex-query.js wraps useQuery as
// `useConvexQuery(query, ...args)` (useQuery(query, ...args), the result copied into state); app/(main)/my-tickets/page.jsx
// calls useConvexQuery(api.registrations.getMyRegistrations) with no skip. The real handler reaches the user through
// ctx.runQuery (not followed here); in my lines it reads the identity itself and throws without one.
const SPOTT = 'TestGithubByHusnain/Spott';
const SPOTT_AT = '4a4f99237484';

export const eighthQueries: CorpusEntry[] = [
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
  {
    id: 'eighth-m3-hook-reads-convex-auth-unskipped',
    sources: [
      { repo: QUEST, path: 'convex/utils.ts', commit: QUEST_AT },
      { repo: QUEST, path: 'convex/tasks.ts', commit: QUEST_AT },
      { repo: QUEST, path: 'src/hooks/use-tasks.tsx', commit: QUEST_AT },
      { repo: QUEST, path: 'src/hooks/use-weblogs.ts', commit: QUEST_AT },
      { repo: QUEST, path: 'src/context/task-quest-context.tsx', commit: QUEST_AT },
    ],
    dependencies: { next: '^15.0.0', react: '^19.0.0', convex: '^1.17.0', '@clerk/nextjs': '^6.0.0' },
    files: {
      'convex/utils.ts': `import { QueryCtx } from "./_generated/server";

export async function getUserId(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    return null;
  }
  const user = await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
  return user?._id;
}
`,
      'convex/tasks.ts': `import { query } from "./_generated/server";
import { getUserId } from "./utils";

export const get = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getUserId(ctx);
    if (!userId) return [];
    return await ctx.db.query("tasks").withIndex("by_user", (q) => q.eq("userId", userId)).collect();
  },
});

export const tags = query({
  args: {},
  handler: async (ctx) => {
    const userId = await getUserId(ctx);
    if (!userId) return [];
    return await ctx.db.query("tags").withIndex("by_user", (q) => q.eq("userId", userId)).collect();
  },
});
`,
      'src/hooks/use-tasks.tsx': `"use client";
import { useState } from "react";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export const useTasks = (initialTasks?: unknown[]) => {
  const { isAuthenticated: signedInToConvex, isLoading } = useConvexAuth();
  const [offline, setOffline] = useState(false);
  const isAuthenticated = signedInToConvex && !offline;
  const serverTasks = useQuery(api.tasks.get);
  const tasks = isAuthenticated ? (serverTasks ?? initialTasks ?? []) : [];
  return { tasks, isLoading, setOffline };
};
`,
      'src/hooks/use-weblogs.ts': `"use client";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export function useTags() {
  const { isAuthenticated } = useConvexAuth();
  const tags = useQuery(api.tasks.tags, isAuthenticated ? {} : "skip");
  return tags ?? [];
}
`,
      'src/app/(main)/tasks/page.tsx': `"use client";
import { useConvexAuth } from "convex/react";
import { useTasks } from "../../../hooks/use-tasks";
import { useTags } from "../../../hooks/use-weblogs";

export default function TasksPage() {
  const { isAuthenticated } = useConvexAuth();
  const { tasks } = useTasks();
  const tags = useTags();
  return <p>{isAuthenticated ? tasks.length + tags.length : 0}</p>;
}
`,
    },
    verdict:
      'Bug (query-before-auth): the tasks page calls useTasks(), and useTasks sends useQuery(api.tasks.get) unskipped: both read useConvexAuth() only to choose what to show, so the query runs before Convex has the token and answers []. useTags skips until isAuthenticated (clean)',
    expect: [{ file: 'src/app/(main)/tasks/page.tsx', code: 'query-before-auth', at: 'useTasks()' }],
  },
  {
    id: 'eighth-m4-query-wrapper-hook',
    sources: [
      { repo: SPOTT, path: 'hooks/use-convex-query.js', commit: SPOTT_AT },
      { repo: SPOTT, path: 'app/(main)/my-tickets/page.jsx', commit: SPOTT_AT },
      { repo: SPOTT, path: 'convex/registrations.js', commit: SPOTT_AT },
    ],
    dependencies: { next: '^16.0.0', react: '^19.0.0', convex: '^1.28.0', '@clerk/nextjs': '^6.0.0' },
    files: {
      'hooks/use-convex-query.js': `import { useQuery, useMutation } from "convex/react";
import { useEffect, useState } from "react";

export const useConvexQuery = (query, ...args) => {
  const result = useQuery(query, ...args);
  const [data, setData] = useState(undefined);
  useEffect(() => {
    if (result !== undefined) setData(result);
  }, [result]);
  return { data, isLoading: result === undefined };
};

export const useConvexMutation = (mutation) => {
  const run = useMutation(mutation);
  return { mutate: (...args) => run(...args) };
};
`,
      'convex/registrations.js': `import { query } from "./_generated/server";

export const getMine = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    return await ctx.db
      .query("registrations")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});

export const upcoming = query({
  handler: async (ctx) => await ctx.db.query("events").collect(),
});
`,
      'app/(main)/my-tickets/page.jsx': `"use client";
import { useConvexQuery } from "@/hooks/use-convex-query";
import { api } from "@/convex/_generated/api";

export default function MyTicketsPage() {
  const { data: registrations, isLoading } = useConvexQuery(api.registrations.getMine);
  const { data: events } = useConvexQuery(api.registrations.upcoming);
  if (isLoading) return <p>Loading</p>;
  return <p>{registrations.length} of {events?.length}</p>;
}
`,
    },
    verdict:
      'Bug (query-before-auth): the page sends api.registrations.getMine through the project wrapper useConvexQuery (useQuery(query, ...args)) on its first render, unskipped; getMine throws without an identity. The upcoming call reads no identity (clean)',
    expect: [
      {
        file: 'app/(main)/my-tickets/page.jsx',
        code: 'query-before-auth',
        at: 'useConvexQuery(api.registrations.getMine)',
      },
    ],
  },
];
