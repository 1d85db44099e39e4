// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its missed query-before-auth forms
// through an indirection (M1a–d, M3). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '15.5.6', react: '19.2.0', convex: '^1.28.0', '@clerk/nextjs': '^6.33.7' };

// M1a: 0xAmaan/collab-canvas @89ed910ade2f — hooks/useProject.ts exports an arrow hook `useProjects` sending
// useQuery(api.projects.getMyProjects) unskipped; app/projects/ProjectsClient.tsx calls it; app/projects/page.tsx is an
// async server page that redirects on Clerk's `auth()` and then renders <ProjectsClient />; convex/projects.ts returns
// [] without an identity.
const CANVAS = '0xAmaan/collab-canvas';
const CANVAS_AT = '89ed910ade2f';

// M1b: Aadhi-07/travel_planner @39109398d1d3 — components/dashboard/Dashboard.tsx imports useQuery from
// "convex-helpers/react/cache/hooks" and sends useQuery(api.plan.getAllPlansForAUser, {}) unskipped; app/dashboard/page.tsx
// renders <Dashboard />; convex/plan.ts returns [] without an identity.
const TRAVEL = 'Aadhi-07/travel_planner';
const TRAVEL_AT = '39109398d1d3';

export const ninthQueries: CorpusEntry[] = [
  {
    id: 'ninth-m1a-hook-under-server-page-redirect',
    sources: [
      { repo: CANVAS, path: 'hooks/useProject.ts', commit: CANVAS_AT },
      { repo: CANVAS, path: 'app/projects/ProjectsClient.tsx', commit: CANVAS_AT },
      { repo: CANVAS, path: 'app/projects/page.tsx', commit: CANVAS_AT },
      { repo: CANVAS, path: 'convex/projects.ts', commit: CANVAS_AT },
    ],
    dependencies: NEXT,
    files: {
      'convex/projects.ts': `import { query } from "./_generated/server";

export const listMine = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) {
      return [];
    }
    return await ctx.db
      .query("boards")
      .withIndex("by_owner", (q) => q.eq("ownerId", who.subject))
      .collect();
  },
});
`,
      'hooks/useProject.ts': `import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export const useBoards = () => {
  const boards = useQuery(api.projects.listMine);
  const create = useMutation(api.projects.create);
  return { boards, create, loading: boards === undefined };
};
`,
      'app/projects/ProjectsClient.tsx': `"use client";
import { useBoards } from "@/hooks/useProject";

export function BoardsClient() {
  const { boards, loading } = useBoards();
  if (loading) return <p>Loading…</p>;
  return <ul>{boards?.map((b) => <li key={b._id}>{b.name}</li>)}</ul>;
}
`,
      'app/projects/page.tsx': `import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { BoardsClient } from "./ProjectsClient";

const BoardsPage = async () => {
  const { userId } = await auth();
  if (!userId) {
    redirect("/");
  }
  return <BoardsClient />;
};

export default BoardsPage;
`,
    },
    verdict:
      'Bug (query-before-auth): BoardsClient calls useBoards(), whose useQuery(api.projects.listMine) is unskipped; the async page renders it after a server-side Clerk redirect, which does not make Convex have the token first, so listMine answers [] until it does',
    expect: [{ file: 'app/projects/ProjectsClient.tsx', code: 'query-before-auth', at: 'useBoards()' }],
  },
  {
    id: 'ninth-m1b-convex-helpers-cached-usequery',
    sources: [
      { repo: TRAVEL, path: 'components/dashboard/Dashboard.tsx', commit: TRAVEL_AT },
      { repo: TRAVEL, path: 'app/dashboard/page.tsx', commit: TRAVEL_AT },
      { repo: TRAVEL, path: 'convex/plan.ts', commit: TRAVEL_AT },
    ],
    dependencies: { ...NEXT, 'convex-helpers': '^0.1.67' },
    files: {
      'convex/plan.ts': `import { query } from "./_generated/server";

export const plansOfViewer = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return [];
    }
    return await ctx.db
      .query("plan")
      .withIndex("by_userId", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});
`,
      'components/dashboard/Dashboard.tsx': `"use client";
import { useState } from "react";
import { useQuery } from "convex-helpers/react/cache/hooks";
import { api } from "@/convex/_generated/api";

export default function Trips() {
  const [filter, setFilter] = useState("");
  const plans = useQuery(api.plan.plansOfViewer, {});
  const shown = plans?.filter((p) => p.title.includes(filter));
  if (shown?.length === 0) return <p>No trips yet</p>;
  return <ul>{shown?.map((p) => <li key={p._id}>{p.title}</li>)}</ul>;
}
`,
      'app/dashboard/page.tsx': `import Trips from "@/components/dashboard/Dashboard";

export const metadata = { title: "Trips" };

export default function TripsPage() {
  return <Trips />;
}
`,
    },
    verdict:
      "Bug (query-before-auth): Trips sends convex-helpers' cached useQuery(api.plan.plansOfViewer, {}) unskipped, rendered by the page outside <Authenticated>; plansOfViewer answers [] until Convex has the Clerk token, so 'No trips yet' shows first",
    expect: [
      {
        file: 'components/dashboard/Dashboard.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.plan.plansOfViewer, {})',
      },
    ],
  },
];
