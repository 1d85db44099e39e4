// The query-before-auth forms issue 23's ninth fresh check found missed through an indirection (M1a–d, M3); the
// reductions with their sources are in corpus/ninthQueries.ts. These pin each form and its near misses, in lines of
// my own; each verdict was written before the fix.
import assert from 'node:assert/strict';
import { foundIn, joined } from './together';

const PROJECTS = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("projects").collect();
  },
});
`;
const HOOK = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export const useProjects = () => {
  const projects = useQuery(api.projects.mine);
  return { projects, loading: projects === undefined };
};
`;
const CLIENT = `"use client";
import { useProjects } from "../../hooks/useProject";
export function ProjectsClient() {
  const { projects } = useProjects();
  return <ul>{projects?.map((p) => <li key={p._id}>{p.name}</li>)}</ul>;
}
`;
const serverPage = (render: string): string => `import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { Authenticated } from "convex/react";
import { ProjectsClient } from "./ProjectsClient";
export default async function ProjectsPage() {
  const { userId } = await auth();
  if (!userId) {
    redirect("/");
  }
  return ${render};
}
`;

describe('analysis: query-before-auth through indirections (ninth fresh check, issue 23)', () => {
  describe('M1a: a project hook called by a component a server page renders after its own Clerk check', () => {
    const files = (page: string): Record<string, string> => ({
      'convex/projects.ts': PROJECTS,
      'hooks/useProject.ts': HOOK,
      'app/projects/ProjectsClient.tsx': CLIENT,
      'app/projects/page.tsx': page,
    });

    it('rendered after `if (!userId) redirect("/")` in an async page: the hook call is reported', () => {
      const f = files(serverPage('<ProjectsClient />'));
      assert.deepEqual(foundIn(joined(f), f), ['app/projects/ProjectsClient.tsx query-before-auth @ useProjects()']);
    });

    it('rendered by the same async page inside <Authenticated>: nothing', () => {
      const f = files(serverPage('<Authenticated><ProjectsClient /></Authenticated>'));
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('rendered after an early return of a client page (its condition may be Convex state): nothing', () => {
      const page = `"use client";
import { useConvexAuth } from "convex/react";
import { ProjectsClient } from "./ProjectsClient";
export default function ProjectsPage() {
  const { isAuthenticated } = useConvexAuth();
  if (!isAuthenticated) return null;
  return <ProjectsClient />;
}
`;
      const f = files(page);
      assert.deepEqual(foundIn(joined(f), f), []);
    });
  });

  describe("M1b: convex-helpers' cached useQuery is convex/react's useQuery", () => {
    // convex-helpers 0.1.135 (npm pack): package.json exports "./react/cache" and "./react/cache/hooks";
    // dist/react/cache.d.ts is `export { useQuery, useQueries, usePaginatedQuery } from "./cache/hooks.js"`; hooks.js
    // subscribes through useConvex()'s client on mount and sends nothing when the args are "skip".
    const page = (source: string, args: string): string => `"use client";
import { useQuery } from "${source}";
import { api } from "../../convex/_generated/api";
export default function Dashboard() {
  const plans = useQuery(api.projects.mine, ${args});
  return <p>{plans?.length}</p>;
}
`;
    for (const source of ['convex-helpers/react/cache', 'convex-helpers/react/cache/hooks']) {
      it(`useQuery from ${source}, unskipped on a page: reported`, () => {
        const f = { 'convex/projects.ts': PROJECTS, 'app/dashboard/page.tsx': page(source, '{}') };
        assert.deepEqual(foundIn(joined(f), f), [
          'app/dashboard/page.tsx query-before-auth @ useQuery(api.projects.mine, {})',
        ]);
      });

      it(`useQuery from ${source} with "skip": nothing`, () => {
        const f = { 'convex/projects.ts': PROJECTS, 'app/dashboard/page.tsx': page(source, '"skip"') };
        assert.deepEqual(foundIn(joined(f), f), []);
      });
    }

    it('a useQuery of the same name from a package that is not Convex: nothing', () => {
      const f = { 'convex/projects.ts': PROJECTS, 'app/dashboard/page.tsx': page('some-other/cache', '{}') };
      assert.deepEqual(foundIn(joined(f), f), []);
    });
  });
});
