// Reductions for issue 23's convex-helpers builders and args validators held in a const (audit5 M1b, M5): a query
// made by `customQuery(query, customCtx(getCustomCtx))` whose ctx throws without an identity, reached through a
// barrel; and a create mutation whose `args` is a table's validator. Verdicts written before the analyzer ran on them.
import type { CorpusEntry } from './types';

const PERSONIA = '65a0863a753582c577b5c8b73b77e1b41fda987b';
const DEV_COMPANION = '318a7e73367bc2ccc483dbc56989600af6faf152';

export const builders: CorpusEntry[] = [
  {
    id: 'builders-custom-query-through-barrel-page-on-mount',
    sources: [
      { repo: 'joao-vitor-prudente/personia', path: 'convex/context/public.ts', commit: PERSONIA },
      { repo: 'joao-vitor-prudente/personia', path: 'convex/context/index.ts', commit: PERSONIA },
      { repo: 'joao-vitor-prudente/personia', path: 'convex/functions/messages.ts', commit: PERSONIA },
      { repo: 'joao-vitor-prudente/personia', path: 'src/routes/_authenticated/experiments/$id.tsx', commit: PERSONIA },
      { repo: 'joao-vitor-prudente/personia', path: 'src/main.tsx', commit: PERSONIA },
    ],
    // The repository is a Vite app with TanStack Router routes (another helper's class, audit5 M1a); the route
    // component is written here as the Next page it would be, so that only the builder is what this entry tests.
    dependencies: { next: '^15.3.0', '@clerk/nextjs': '^6.20.0', convex: '^1.23.0', 'convex-helpers': '^0.1.88' },
    files: {
      'convex/auth.config.ts': `const authConfig = {
  providers: [{ applicationID: "convex", domain: process.env.CLERK_FRONTEND_API_URL }],
};
export default authConfig;
`,
      'convex/context/public.ts': `import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { ConvexError } from "convex/values";
import {
  mutation as baseMutation,
  query as baseQuery,
  type MutationCtx as BaseMutationCtx,
  type QueryCtx as BaseQueryCtx,
} from "../_generated/server";

export const query = customQuery(baseQuery, customCtx(getCustomCtx));

export const mutation = customMutation(baseMutation, customCtx(getCustomCtx));

async function getCustomCtx(ctx: BaseQueryCtx | BaseMutationCtx) {
  const identity = await requireAuth(ctx);
  return { ...ctx, identity };
}

async function requireAuth(ctx: BaseQueryCtx | BaseMutationCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) throw new ConvexError("User is not signed in");
  const [id, role] = Object.entries(identity.organizations)[0];
  return { ...identity, organization: { id, role } };
}
`,
      'convex/context/index.ts': `export { mutation, type MutationCtx, query, type QueryCtx } from "./public";
`,
      'convex/functions/messages.ts': `import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { query } from "../context";

export const listMessages = query({
  args: { experimentId: v.id("experiments"), paginationOpts: paginationOptsValidator },
  handler: async (ctx, args) => {
    return await ctx.db
      .query("messages")
      .withIndex("experimentId", (q) => q.eq("experimentId", args.experimentId))
      .order("desc")
      .paginate(args.paginationOpts);
  },
});
`,
      // main.tsx's sandwich, as the root layout of the Next app the route is written for.
      'app/layout.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL as string);

export default function Root({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider publishableKey={process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY as string}>
          <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
        </ClerkProvider>
      </body>
    </html>
  );
}
`,
      'app/experiments/[id]/page.tsx': `"use client";
import { usePaginatedQuery } from "convex/react";
import { useParams } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";

export default function Experiment() {
  const experimentId = useParams().id as Id<"experiments">;
  const messages = usePaginatedQuery(
    api.functions.messages.listMessages,
    { experimentId },
    { initialNumItems: 20 },
  );
  return <ul>{messages.results.map((m) => <li key={m._id}>{m.body}</li>)}</ul>;
}
`,
    },
    verdict:
      'BUG (query-before-auth): listMessages is made by the custom query builder of convex/context/public.ts (re-exported by the barrel), whose ctx throws without an identity; the page sends it as it mounts, before Convex has the token',
    expect: [{ file: 'app/experiments/[id]/page.tsx', code: 'query-before-auth', at: 'usePaginatedQuery(' }],
  },
  {
    id: 'builders-create-mutation-args-table-validator',
    sources: [{ repo: 'pixelmord/dev-companion', path: 'convex/teams.ts', commit: DEV_COMPANION }],
    dependencies: { '@clerk/tanstack-react-start': '^0.12.2', convex: '^1.19.2' },
    files: {
      // The repository writes its Clerk development domain out; the reduction reads it from the environment.
      'convex/auth.config.ts': `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`,
      'convex/teams.ts': `import { defineTable } from "convex/server";
import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const teamsTables = {
  teams: defineTable({
    id: v.string(),
    name: v.string(),
    createdBy: v.id("users"),
    members: v.array(v.id("users")),
  }),
};

const team = teamsTables.teams.validator;

export const updateTeamSchema = v.object({
  id: team.fields.id,
  name: v.optional(team.fields.name),
  members: v.optional(team.fields.members),
});

export const getTeams = query(async (ctx) => {
  return await ctx.db.query("teams").collect();
});

export const createTeam = mutation({
  args: team,
  handler: async (ctx, args) => {
    return await ctx.db.insert("teams", args);
  },
});
`,
    },
    verdict:
      "BUG (identity-from-args): createTeam takes the whole team row from the caller, createdBy (a users id) included, and inserts it: any client can create a team in another user's name",
    expect: [{ file: 'convex/teams.ts', code: 'identity-from-args', at: 'createdBy: v.id("users")' }],
  },
];
