// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its missed server-token and
// identity forms (M5, M7, M8). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

// M7a: manikandareas/starter-kit @2a41ff2fb138 — convex/app.ts's generateUploadUrl awaits `ctx.auth.getUserIdentity`
// without calling it, then checks the result for null (a function: the check always passes).
const STARTER = 'manikandareas/starter-kit';
const STARTER_AT = '2a41ff2fb138';

// M8: jamalgillis/csn-monorepo @122680416229 — app/providers/ConvexClientProvider.tsx makes its ConvexReactClient in
// `useMemo(() => …, [getToken, isSignedIn])`. The real file hands the client to a plain ConvexProvider (its other bug,
// already reported); here it goes to ConvexProviderWithClerk so that the reduction carries the useMemo alone.
const CSN = 'jamalgillis/csn-monorepo';
const CSN_AT = '122680416229';

// M5a: 0xSardius/mindshift @064f8335b7ee — app/api/generate-meta/route.ts makes a ConvexHttpClient at module scope
// and, in a POST handler that reads `await auth()`, runs convex.query(api.queries.getUserPatterns) (convex/queries.ts:
// null without an identity) without ever calling setAuth; it also runs getUserPatternsByClerkId({ clerkId }), which
// reads no identity (its identity-from-args is another class, left out here).
const MINDSHIFT = '0xSardius/mindshift';
const MINDSHIFT_AT = '064f8335b7ee';

// M5b: MartinOpravil/Lunchefy @d2182ce90250 — app/(root)/app/page.tsx (a server page importing nothing of Clerk) gets the
// token from lib/authentication.ts's getAuthToken() (`await auth()`, getToken({ template: "convex" })) and passes it to
// one preloadQuery but not to preloadQuery(api.users.getLoggedUser), whose handler (convex/users.ts) answers "User not
// authenticated" without an identity (a value, not null or a throw).
const LUNCHEFY = 'MartinOpravil/Lunchefy';
const LUNCHEFY_AT = 'd2182ce90250';

// M5c: SimonHylander/gymbo @a141c92e76fa — apps/web/src/router.tsx makes a ConvexQueryClient in getRouter() and puts
// only queryClient in the router context (setupRouterSsrQueryIntegration loads queries on the server); no file calls
// serverHttpClient.setAuth; the /routines/ loader ensureQueryData(convexQuery(api.programs.listWithRoutines, {})), whose
// handler throws without a user; packages/backend/convex/auth.config.ts lists Clerk when CLERK_JWT_ISSUER_DOMAIN is set.
// The monorepo's folders are flattened here (src/, convex/).
const GYMBO = 'SimonHylander/gymbo';
const GYMBO_AT = 'a141c92e76fa';

// M7b: 080bct12alex/CoCode-Code-Less-Create-More @ac73b871cf99 — convex/users.ts's public mutation upgradeToPro({ email,
// … }) finds the user by the client-given email (filter on "email") and patches that row to Pro; it reads no identity.
// (C21's createUser has the same idiom but checks that someone is signed in; the owner's policy on such handlers is
// another change's, so the reduction is of the handler that reads no identity.)
const COCODE = '080bct12alex/CoCode-Code-Less-Create-More';
const COCODE_AT = 'ac73b871cf99';

export const ninthMisses: CorpusEntry[] = [
  {
    id: 'ninth-m7a-identity-method-not-called',
    sources: [{ repo: STARTER, path: 'convex/app.ts', commit: STARTER_AT }],
    dependencies: { convex: '^1.21.0', '@clerk/clerk-react': '^5.24.0', react: '^19.0.0' },
    files: {
      'convex/app.ts': `import { mutation } from "./_generated/server";

export const generateUploadUrl = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity;
    if (!identity) {
      throw new Error("User not found");
    }
    return await ctx.storage.generateUploadUrl();
  },
});
`,
    },
    verdict:
      'Bug (identity-not-called): generateUploadUrl awaits ctx.auth.getUserIdentity without calling it; the value is the method itself, always truthy, so the null check never stops an anonymous caller from getting an upload URL',
    expect: [{ file: 'convex/app.ts', code: 'identity-not-called', at: 'ctx.auth.getUserIdentity;' }],
  },
  {
    id: 'ninth-m8-client-in-use-memo-with-deps',
    sources: [{ repo: CSN, path: 'app/providers/ConvexClientProvider.tsx', commit: CSN_AT }],
    dependencies: { next: '^15.2.4', react: '^19', convex: '^1.26.2', '@clerk/nextjs': '^6.31.9' },
    files: {
      'app/providers/ConvexClientProvider.tsx': `"use client";

import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";
import { ReactNode, useMemo } from "react";

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  const { getToken, isSignedIn } = useAuth();

  const convex = useMemo(() => {
    const url = process.env.NEXT_PUBLIC_CONVEX_URL;
    if (!url) {
      throw new Error("NEXT_PUBLIC_CONVEX_URL environment variable is required");
    }
    console.log("client for", isSignedIn ? "a user" : "nobody", typeof getToken);
    return new ConvexReactClient(url);
  }, [getToken, isSignedIn]);

  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
    },
    verdict:
      'Bug (client-in-component): the ConvexReactClient is made in useMemo with [getToken, isSignedIn]; isSignedIn changes at sign-in and sign-out, so each makes a new client with a new connection and leaves the old one unclosed',
    expect: [
      { file: 'app/providers/ConvexClientProvider.tsx', code: 'client-in-component', at: 'new ConvexReactClient(url)' },
    ],
  },
  {
    id: 'ninth-m5a-http-client-in-next-route-without-set-auth',
    sources: [
      { repo: MINDSHIFT, path: 'app/api/generate-meta/route.ts', commit: MINDSHIFT_AT },
      { repo: MINDSHIFT, path: 'convex/queries.ts', commit: MINDSHIFT_AT },
    ],
    dependencies: { next: '16.0.6', react: '19.2.0', convex: '^1.29.3', '@clerk/nextjs': '^6.35.5' },
    files: {
      'convex/queries.ts': `import { internalQuery, query } from "./_generated/server";
import { v } from "convex/values";

export const getUserPatterns = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null;
    }
    const user = await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", identity.subject))
      .unique();
    return user ? { themes: user.themes, isPro: user.isPro } : null;
  },
});

export const countPatterns = internalQuery({
  args: { clerkId: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", args.clerkId))
      .unique();
    return user?.themes.length ?? 0;
  },
});
`,
      'app/api/generate-meta/route.ts': `import { NextResponse } from "next/server";
import { auth } from "@clerk/nextjs/server";
import { ConvexHttpClient } from "convex/browser";
import { api } from "@/convex/_generated/api";

const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) {
    return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  }
  const { focus } = await req.json();
  const detailedPatterns = await convex.query(api.queries.getUserPatterns);
  if (!detailedPatterns) {
    return NextResponse.json({ error: "User not found" }, { status: 404 });
  }
  return NextResponse.json({ focus, themes: detailedPatterns.themes });
}
`,
    },
    verdict:
      'Bug (server-token): the route runs convex.query(api.queries.getUserPatterns) through a module-scope ConvexHttpClient that is never given the Clerk token, and getUserPatterns returns null without an identity, so the route always answers "User not found" to signed-in users',
    expect: [
      { file: 'app/api/generate-meta/route.ts', code: 'server-token', at: 'convex.query(api.queries.getUserPatterns)' },
    ],
  },
  {
    id: 'ninth-m5b-preload-without-token-beside-siblings-with-one',
    sources: [
      { repo: LUNCHEFY, path: 'app/(root)/app/page.tsx', commit: LUNCHEFY_AT },
      { repo: LUNCHEFY, path: 'lib/authentication.ts', commit: LUNCHEFY_AT },
      { repo: LUNCHEFY, path: 'convex/users.ts', commit: LUNCHEFY_AT },
    ],
    dependencies: { next: '15.0.3', react: '19.0.0-rc', convex: '^1.17.0', '@clerk/nextjs': '^6.3.1' },
    files: {
      'lib/authentication.ts': `import { redirect } from "next/navigation";
import { auth } from "@clerk/nextjs/server";

export async function getAuthToken() {
  const { getToken } = await auth();
  const token = await getToken({ template: "convex" });
  if (!token) redirect("/sign-in?loggedOut=true");
  return token;
}
`,
      'convex/users.ts': `import { query } from "./_generated/server";

export const getLoggedUser = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return { status: 401, message: "User not authenticated" };
    }
    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("email"), identity.email))
      .unique();
    return user ? { status: 200, data: user } : { status: 404, message: "User is not present in database" };
  },
});
`,
      'app/(root)/app/page.tsx': `import { api } from "@/convex/_generated/api";
import { preloadQuery } from "convex/nextjs";
import GroupListPage from "@/app/(root)/app/GroupListPage";
import { getAuthToken } from "@/lib/authentication";

const GroupListServerPage = async () => {
  const token = await getAuthToken();
  const userPreloadPromise = preloadQuery(api.users.getLoggedUser);
  const groupListPreloadPromise = preloadQuery(api.groups.getGroupList, {}, { token });
  const [userPreload, groupListPreload] = await Promise.all([userPreloadPromise, groupListPreloadPromise]);
  return <GroupListPage groupListPreloaded={groupListPreload} userPreloaded={userPreload} />;
};

export default GroupListServerPage;
`,
    },
    verdict:
      'Bug (server-token): the page has the Clerk token and passes it to the group list preload, but preloads api.users.getLoggedUser without it; getLoggedUser reads the identity, so the server always preloads its "User not authenticated" answer',
    expect: [{ file: 'app/(root)/app/page.tsx', code: 'server-token', at: 'preloadQuery(api.users.getLoggedUser)' }],
  },
  {
    id: 'ninth-m5c-query-client-never-handed-the-token',
    sources: [
      { repo: GYMBO, path: 'apps/web/src/router.tsx', commit: GYMBO_AT },
      { repo: GYMBO, path: 'apps/web/src/routes/routines.index.tsx', commit: GYMBO_AT },
      { repo: GYMBO, path: 'packages/backend/convex/auth.config.ts', commit: GYMBO_AT },
    ],
    dependencies: {
      react: '^19.2.4',
      convex: '^1.39.1',
      '@clerk/tanstack-react-start': '^1.4.13',
      '@convex-dev/react-query': '^0.1.0',
      '@tanstack/react-query': '^5.100.11',
      '@tanstack/react-router': '^1.132.0',
      '@tanstack/react-router-ssr-query': '^1.167.0',
      '@tanstack/react-start': '^1.132.0',
    },
    files: {
      'convex/auth.config.ts': `export default {
  providers: process.env.CLERK_JWT_ISSUER_DOMAIN
    ? [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }]
    : [],
};
`,
      'src/router.tsx': `import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { QueryClient } from "@tanstack/react-query";
import { createRouter as createTanStackRouter } from "@tanstack/react-router";
import { setupRouterSsrQueryIntegration } from "@tanstack/react-router-ssr-query";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { routeTree } from "./routeTree.gen";

export function getRouter() {
  const convexQueryClient = new ConvexQueryClient(import.meta.env.VITE_CONVEX_URL);
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { queryKeyHashFn: convexQueryClient.hashFn(), queryFn: convexQueryClient.queryFn() },
    },
  });
  convexQueryClient.connect(queryClient);

  const router = createTanStackRouter({
    routeTree,
    context: { queryClient },
    Wrap: ({ children }: { children: React.ReactNode }) => (
      <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
        <ConvexProviderWithClerk client={convexQueryClient.convexClient} useAuth={useAuth}>
          {children}
        </ConvexProviderWithClerk>
      </ClerkProvider>
    ),
  });
  setupRouterSsrQueryIntegration({ router, queryClient });
  return router;
}
`,
      'src/routes/routines.index.tsx': `import { createFileRoute } from "@tanstack/react-router";
import { convexQuery } from "@convex-dev/react-query";
import { api } from "../../convex/_generated/api";

export const Route = createFileRoute("/routines/")({
  loader: ({ context: { queryClient } }) =>
    queryClient.ensureQueryData(convexQuery(api.programs.listWithRoutines, {})),
  component: () => <main>Routines</main>,
});
`,
    },
    verdict:
      'Bug (server-set-auth): the router keeps its ConvexQueryClient out of the route context and never calls serverHttpClient.setAuth, so the /routines/ loader runs listWithRoutines anonymously during server rendering (Convex gets no Clerk token there)',
    expect: [
      { file: 'src/router.tsx', code: 'server-set-auth', at: 'new ConvexQueryClient(import.meta.env.VITE_CONVEX_URL)' },
    ],
  },
  {
    id: 'ninth-m7b-user-named-by-email',
    sources: [{ repo: COCODE, path: 'convex/users.ts', commit: COCODE_AT }],
    dependencies: { next: '15.1.3', react: '^19.0.0', convex: '^1.17.4', '@clerk/nextjs': '^6.9.6' },
    files: {
      'convex/users.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const upgradeToPro = mutation({
  args: {
    email: v.string(),
    lemonSqueezyCustomerId: v.string(),
    amount: v.number(),
  },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("email"), args.email))
      .first();

    if (!user) throw new Error("User not found");

    await ctx.db.patch(user._id, {
      isPro: true,
      proSince: Date.now(),
      lemonSqueezyCustomerId: args.lemonSqueezyCustomerId,
    });
    return { success: true };
  },
});
`,
    },
    verdict:
      'Bug (identity-from-args): upgradeToPro is public, reads no identity, and makes Pro whichever user the client names by email, so any client can upgrade any account',
    expect: [{ file: 'convex/users.ts', code: 'identity-from-args', at: 'email: v.string()' }],
  },
];
