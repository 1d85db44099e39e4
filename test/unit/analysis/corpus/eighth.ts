// Issue 23's eighth fresh check: reductions of my own lines carrying the idioms of its five false findings (F1–F5).
// Each verdict was written down before the analyzer ran on the reduction. These repositories are listed in
// SOURCES.md.
import type { CorpusEntry } from './types';

// F1, F2: brandoneggar/next-convex-clerk-playground @05ab6de9bf62 — pages/_app.tsx (Pages Router, convex 0.9) defines
// its own component named ConvexProviderWithClerk: it fetches Clerk's "convex" template token, hands it to the client
// with client.setAuth, and renders a plain ConvexProvider.
const PLAYGROUND = 'brandoneggar/next-convex-clerk-playground';
const PLAYGROUND_AT = '05ab6de9bf62';

// F3, F4: tcynic/resonant @df2ec1d622a4 — convex/auth.config.js fills `const providers = []` with three
// providers.push(…); src/hooks/use-convex-user.ts fires createUser({ clerkId, … }) from an effect on Clerk's user,
// and convex/users.ts's createUser reads no identity (it trusts the clerkId argument: that one is a true finding).
const RESONANT = 'tcynic/resonant';
const RESONANT_AT = 'df2ec1d622a4';

// F5: korallis/elite-next-clerk-convex-starter @5f5c6a8febac — convex/connectionDrafts.ts: public functions that take
// a userId but first check a shared secret argument, assertAdminToken(ctx, args.adminToken) (convex/utils/adminAuth.ts
// compares it with process.env.CONVEX_ADMIN_TOKEN and throws); only the server, which holds the secret, can call them.
const ELITE = 'korallis/elite-next-clerk-convex-starter';
const ELITE_AT = '5f5c6a8febac';

const NEXT_PAGES = { next: '13.1.6', react: '18.2.0', '@clerk/nextjs': '^4.11.0', convex: '^0.9.1' };
const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };

const RESONANT_USERS = `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { checkInput } from "./utils/validation";

export const createUser = mutation({
  args: { clerkId: v.string(), name: v.string() },
  handler: async (ctx, args) => {
    checkInput(args);
    const existing = await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", args.clerkId))
      .first();
    if (existing) return existing._id;
    return await ctx.db.insert("users", { clerkId: args.clerkId, name: args.name });
  },
});
`;

export const eighth: CorpusEntry[] = [
  {
    id: 'eighth-f1-f2-hand-made-provider',
    sources: [{ repo: PLAYGROUND, path: 'pages/_app.tsx', commit: PLAYGROUND_AT }],
    dependencies: NEXT_PAGES,
    files: {
      'pages/_app.tsx': `import type { AppProps } from "next/app";
import { ReactNode, useEffect, useState } from "react";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

const ConvexProviderWithClerk = ({ children, client }: { children: ReactNode; client: ConvexReactClient }) => {
  const { getToken, isSignedIn } = useAuth();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!isSignedIn) return;
    getToken({ template: "convex" }).then((token) => {
      if (!token) return;
      client.setAuth(() => token);
      setReady(true);
    });
  }, [client, getToken, isSignedIn]);
  if (!ready) return null;
  return <ConvexProvider client={client}>{children}</ConvexProvider>;
};

export default function App({ Component, pageProps }: AppProps) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex}>
        <Component {...pageProps} />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict:
      'Clean: the ConvexProviderWithClerk here is the file\'s own component (not convex/react-clerk\'s): it gives the client the "convex" token with setAuth before rendering ConvexProvider, and a Pages Router file needs no "use client"',
    expect: [],
  },
  {
    id: 'eighth-f3-pushed-providers',
    sources: [{ repo: RESONANT, path: 'convex/auth.config.js', commit: RESONANT_AT }],
    dependencies: NEXT,
    files: {
      'convex/auth.config.js': `const providers = [];

if (process.env.CLERK_FRONTEND_API_URL) {
  providers.push({ domain: process.env.CLERK_FRONTEND_API_URL, applicationID: "convex" });
}

providers.push({ domain: "https://clerk.resonant-journal.app", applicationID: "convex" });

export default { providers };
`,
    },
    verdict: 'Clean: the providers list starts empty and is filled by providers.push(…) before it is exported',
    expect: [],
  },
  {
    id: 'eighth-f4-effect-on-open-mutation',
    sources: [
      { repo: RESONANT, path: 'src/hooks/use-convex-user.ts', commit: RESONANT_AT },
      { repo: RESONANT, path: 'convex/users.ts', commit: RESONANT_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/hooks/use-convex-user.ts': `import { useEffect } from "react";
import { useUser } from "@clerk/nextjs";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export function useConvexUser() {
  const { user, isLoaded } = useUser();
  const convexUser = useQuery(api.users.getByClerkId, user?.id ? { clerkId: user.id } : "skip");
  const createUser = useMutation(api.users.createUser);

  useEffect(() => {
    async function sync() {
      if (!isLoaded || !user?.id) return;
      if (convexUser !== null) return;
      const data = { clerkId: user.id, name: user.fullName ?? "Unknown" };
      await createUser(data);
    }
    sync();
  }, [isLoaded, user, convexUser, createUser]);

  return convexUser;
}
`,
      'convex/users.ts': RESONANT_USERS,
    },
    verdict:
      "Bug: createUser trusts the clerkId argument (identity-from-args); the effect firing it on Clerk's user is harmless, createUser reads no identity",
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'clerkId: v.string()' }],
  },
  {
    id: 'eighth-f5-admin-token',
    sources: [
      { repo: ELITE, path: 'convex/connectionDrafts.ts', commit: ELITE_AT },
      { repo: ELITE, path: 'convex/utils/adminAuth.ts', commit: ELITE_AT },
    ],
    dependencies: NEXT,
    files: {
      'convex/utils/adminAuth.ts': `import type { MutationCtx, QueryCtx } from "../_generated/server";

export function assertAdminToken(_ctx: QueryCtx | MutationCtx, token: string) {
  const expected = process.env.CONVEX_ADMIN_TOKEN;
  if (!expected) throw new Error("CONVEX_ADMIN_TOKEN is not set");
  if (token !== expected) throw new Error("Unauthorized");
}
`,
      'convex/connectionDrafts.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { assertAdminToken } from "./utils/adminAuth";

export const forUser = query({
  args: { adminToken: v.string(), orgId: v.string(), userId: v.string() },
  handler: async (ctx, args) => {
    assertAdminToken(ctx, args.adminToken);
    return await ctx.db
      .query("drafts")
      .withIndex("byOrgAndUser", (q) => q.eq("orgId", args.orgId).eq("createdBy", args.userId))
      .collect();
  },
});

export const save = mutation({
  args: { adminToken: v.string(), orgId: v.string(), userId: v.string(), name: v.string() },
  handler: async (ctx, args) => {
    assertAdminToken(ctx, args.adminToken);
    return await ctx.db.insert("drafts", { orgId: args.orgId, createdBy: args.userId, name: args.name });
  },
});
`,
    },
    verdict:
      'Clean: every function that takes a userId first checks the caller holds the shared admin secret (assertAdminToken throws otherwise); only the server calls them',
    expect: [],
  },
  {
    id: 'eighth-f5-inline-secret',
    sources: [{ repo: ELITE, path: 'convex/connectionDrafts.ts', commit: ELITE_AT }],
    dependencies: NEXT,
    files: {
      'convex/drafts.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const remove = mutation({
  args: { secret: v.string(), userId: v.string(), draftId: v.id("drafts") },
  handler: async (ctx, args) => {
    if (args.secret !== process.env.CONVEX_ADMIN_TOKEN) {
      throw new Error("Unauthorized");
    }
    const existing = await ctx.db.get(args.draftId);
    if (!existing || existing.createdBy !== args.userId) return;
    await ctx.db.delete(args.draftId);
  },
});
`,
    },
    verdict:
      "Clean: the mutation compares its secret argument with the deployment's CONVEX_ADMIN_TOKEN and throws otherwise (the variant: the check written inline)",
    expect: [],
  },
];
