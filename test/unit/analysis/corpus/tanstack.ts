// Issue 23's fifth fresh check, M1: TanStack Router (Vite) file routes and TanStack Query's convexQuery. Reduced by
// hand from joao-vitor-prudente/personia @65a0863a7535 (a Vite app: ClerkProvider > ConvexProviderWithClerk >
// QueryClientProvider > RouterProvider; a pathless layout route `_authenticated/route.tsx` rendering <Outlet/> once
// Clerk's useAuth().isSignedIn; child routes calling `useQuery(convexQuery(…))` on mount) and from
// luketurnbull/luke-design @b1c02b2432d3 (TanStack Start: __root re-provides ClerkProvider > ConvexProviderWithClerk
// around <Outlet/>, `_authed.tsx` redirects in beforeLoad on the server's Clerk userId). My own lines; verdicts
// written before the analyzer ran on them. personia's functions are built with convex-helpers customQuery whose ctx
// requires an identity; here they are reduced to what that does (a plain query that throws without one), since the
// builder is another class of the check (M1b).
import type { CorpusEntry } from './types';

const PERSONIA = 'joao-vitor-prudente/personia';
const PERSONIA_AT = '65a0863a7535';
const LUKE = 'luketurnbull/luke-design';
const LUKE_AT = 'b1c02b2432d3';

const VITE = {
  convex: '^1.23.0',
  '@clerk/clerk-react': '^5.25.0',
  '@tanstack/react-router': '^1.120.3',
  '@tanstack/react-query': '^5.74.4',
  '@convex-dev/react-query': '^0.0.0-alpha.8',
  react: '^19.0.0',
  vite: '^6.2.0',
};

const MAIN = `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createRouter, RouterProvider } from "@tanstack/react-router";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { createRoot } from "react-dom/client";
import { routeTree } from "./routeTree.gen";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
const convexQueryClient = new ConvexQueryClient(convex);
const queryClient = new QueryClient({
  defaultOptions: { queries: { queryFn: convexQueryClient.queryFn(), queryKeyHashFn: convexQueryClient.hashFn() } },
});
convexQueryClient.connect(queryClient);
const router = createRouter({ routeTree });

createRoot(document.getElementById("root")!).render(
  <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string}>
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConvexProviderWithClerk>
  </ClerkProvider>,
);
`;

const CLERK_LAYOUT = `import { RedirectToSignIn, useAuth, UserButton } from "@clerk/clerk-react";
import { createFileRoute, Link, Outlet } from "@tanstack/react-router";

export const Route = createFileRoute("/_authenticated")({
  component: RouteComponent,
});

function RouteComponent() {
  const auth = useAuth();
  if (!auth.isLoaded) return null;
  if (!auth.isSignedIn) return <RedirectToSignIn />;
  return (
    <>
      <header><Link to="/projects">Projects</Link><UserButton /></header>
      <Outlet />
    </>
  );
}
`;

const CONVEX_LAYOUT = `import { UserButton } from "@clerk/clerk-react";
import { createFileRoute, Link, Outlet } from "@tanstack/react-router";
import { Authenticated } from "convex/react";

export const Route = createFileRoute("/_authenticated")({
  component: RouteComponent,
});

function RouteComponent() {
  return (
    <>
      <header><Link to="/projects">Projects</Link><UserButton /></header>
      <Authenticated>
        <Outlet />
      </Authenticated>
    </>
  );
}
`;

const UNAUTHENTICATED = `import { useAuth } from "@clerk/clerk-react";
import { createFileRoute, Navigate, Outlet } from "@tanstack/react-router";

export const Route = createFileRoute("/_unauthenticated")({
  component: RouteComponent,
});

function RouteComponent() {
  const auth = useAuth();
  if (!auth.isLoaded) return null;
  if (auth.isSignedIn) return <Navigate to="/projects" />;
  return <Outlet />;
}
`;

const PROJECTS_PAGE = `import { convexQuery } from "@convex-dev/react-query";
import { api } from "@server/api";
import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useState } from "react";

export const Route = createFileRoute("/_authenticated/projects/")({
  component: RouteComponent,
});

function RouteComponent() {
  const [search] = useState("");
  const projects = useQuery(convexQuery(api.functions.projects.listProjects, { search, sorting: "asc" }));
  if (projects.isPending) return <p>Loading</p>;
  return <ul>{projects.data?.map((p) => <li key={p._id}><Link to="/projects/$id" params={{ id: p._id }}>{p.name}</Link></li>)}</ul>;
}
`;

const EXPERIMENT_PAGE = `import { convexQuery } from "@convex-dev/react-query";
import { api } from "@server/api";
import { useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/_authenticated/experiments/$id")({
  component: RouteComponent,
});

function RouteComponent() {
  const { id } = Route.useParams();
  const experiment = useQuery(convexQuery(api.functions.experiments.getExperiment, { id }));
  return <h1>{experiment.data?.name}</h1>;
}
`;

const SIGN_IN = `import { SignIn } from "@clerk/clerk-react";
import { createFileRoute } from "@tanstack/react-router";

export const Route = createFileRoute("/_unauthenticated/sign-in")({
  component: () => <SignIn />,
});
`;

const requireAuth = (table: string, name: string, arg: string): string => `import { v } from "convex/values";
import { query } from "../_generated/server";

export const ${name} = query({
  args: { ${arg} },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return await ctx.db.query("${table}").withIndex("organizationId", (q) => q.eq("organizationId", identity.subject)).collect();
  },
});
`;

const personiaFiles = (layout: string): Record<string, string> => ({
  'src/main.tsx': MAIN,
  'src/routes/_authenticated/route.tsx': layout,
  'src/routes/_authenticated/projects/index.tsx': PROJECTS_PAGE,
  'src/routes/_authenticated/experiments/$id.tsx': EXPERIMENT_PAGE,
  'src/routes/_unauthenticated/route.tsx': UNAUTHENTICATED,
  'src/routes/_unauthenticated/sign-in.tsx': SIGN_IN,
  'convex/functions/projects.ts': requireAuth('projects', 'listProjects', 'search: v.string(), sorting: v.string()'),
  'convex/functions/experiments.ts': requireAuth('experiments', 'getExperiment', 'id: v.string()'),
  'convex/auth.config.ts':
    'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n',
});

const personiaSources = [
  { repo: PERSONIA, path: 'src/main.tsx', commit: PERSONIA_AT },
  { repo: PERSONIA, path: 'src/routes/_authenticated/route.tsx', commit: PERSONIA_AT },
  { repo: PERSONIA, path: 'src/routes/_authenticated/projects/index.tsx', commit: PERSONIA_AT },
  { repo: PERSONIA, path: 'src/routes/_authenticated/experiments/$id.tsx', commit: PERSONIA_AT },
  { repo: PERSONIA, path: 'src/routes/_unauthenticated/route.tsx', commit: PERSONIA_AT },
  { repo: PERSONIA, path: 'convex/context/public.ts', commit: PERSONIA_AT },
];

const LUKE_ROOT = `import { createRootRouteWithContext, Outlet, useRouteContext } from "@tanstack/react-router";
import { ClerkProvider, useAuth } from "@clerk/tanstack-start";
import { Meta, Scripts, createServerFn } from "@tanstack/start";
import type { QueryClient } from "@tanstack/react-query";
import { getAuth } from "@clerk/tanstack-start/server";
import { getWebRequest } from "vinxi/http";
import type { ConvexQueryClient } from "@convex-dev/react-query";
import type { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const auth = await getAuth(getWebRequest());
  const token = await auth.getToken({ template: "convex" });
  return { userId: auth.userId, token };
});

export const Route = createRootRouteWithContext<{
  queryClient: QueryClient;
  convexClient: ConvexReactClient;
  convexQueryClient: ConvexQueryClient;
}>()({
  beforeLoad: async (ctx) => {
    const { userId, token } = await fetchClerkAuth();
    if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);
    return { userId, token };
  },
  component: RootComponent,
});

function RootComponent() {
  const context = useRouteContext({ from: Route.id });
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>
        <html>
          <head><Meta /></head>
          <body>
            <Outlet />
            <Scripts />
          </body>
        </html>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const LUKE_AUTHED = `import { createFileRoute, Outlet, redirect, useMatches } from "@tanstack/react-router";
import { useConvexQuery } from "@convex-dev/react-query";
import { api } from "convex/_generated/api";
import type { Id } from "convex/_generated/dataModel";

export const Route = createFileRoute("/_authed")({
  beforeLoad: ({ context }) => {
    if (!context.userId) {
      throw redirect({ to: "/sign-in/$", params: { _splat: "" } });
    }
  },
  component: RouteComponent,
});

function RouteComponent() {
  const matches = useMatches();
  const modelId = matches.find((m) => m.params && "modelId" in m.params)?.params.modelId as Id<"models"> | undefined;
  const model = useConvexQuery(api.models.getById, modelId ? { id: modelId } : "skip");
  return (
    <main>
      <h1>{model?.name ?? "Models"}</h1>
      <Outlet />
    </main>
  );
}
`;

const LUKE_MODELS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const getById = query({
  args: { id: v.id("models") },
  handler: async (ctx, { id }) => {
    return await ctx.db.get(id);
  },
});
`;

export const tanstack: CorpusEntry[] = [
  {
    id: 'fifth-tanstack-router-layout-route-gated-on-clerk',
    sources: personiaSources,
    dependencies: VITE,
    files: personiaFiles(CLERK_LAYOUT),
    verdict:
      "Bug: the pathless layout route _authenticated renders its child routes (<Outlet/>) once Clerk's useAuth().isSignedIn, whether or not Convex has accepted the token; its child routes projects/index and experiments/$id call, through TanStack Query's useQuery(convexQuery(…)), queries that throw without an identity as soon as they mount. clerk-gate on the layout's test, query-before-auth on each child's convexQuery. The _unauthenticated layout (renders its routes when signed out) and the sign-in route are clean.",
    expect: [
      { file: 'src/routes/_authenticated/route.tsx', code: 'clerk-gate', at: '!auth.isSignedIn' },
      {
        file: 'src/routes/_authenticated/projects/index.tsx',
        code: 'query-before-auth',
        at: 'convexQuery(api.functions.projects.listProjects',
      },
      {
        file: 'src/routes/_authenticated/experiments/$id.tsx',
        code: 'query-before-auth',
        at: 'convexQuery(api.functions.experiments.getExperiment',
      },
    ],
  },
  {
    id: 'fifth-tanstack-router-layout-route-under-authenticated',
    sources: personiaSources,
    dependencies: VITE,
    files: personiaFiles(CONVEX_LAYOUT),
    verdict:
      "Clean (the same project with the fix: the layout route renders <Outlet/> inside convex/react's <Authenticated>, so no child route mounts before Convex has accepted the token).",
    expect: [],
  },
  {
    id: 'fifth-tanstack-start-before-load-redirect',
    sources: [
      { repo: LUKE, path: 'app/routes/__root.tsx', commit: LUKE_AT },
      { repo: LUKE, path: 'app/routes/_authed.tsx', commit: LUKE_AT },
      { repo: LUKE, path: 'convex/models.ts', commit: LUKE_AT },
    ],
    dependencies: {
      convex: '^1.17.0',
      '@clerk/tanstack-start': '^0.9.0',
      '@tanstack/react-router': '^1.95.0',
      '@tanstack/start': '^1.95.0',
      '@tanstack/react-query': '^5.62.0',
      '@convex-dev/react-query': '^0.0.0-alpha.8',
      react: '^19.0.0',
    },
    files: {
      'app/routes/__root.tsx': LUKE_ROOT,
      'app/routes/_authed.tsx': LUKE_AUTHED,
      'convex/models.ts': LUKE_MODELS,
      'convex/auth.config.ts':
        'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n',
    },
    verdict:
      "Clean: __root re-provides ClerkProvider > ConvexProviderWithClerk around <Outlet/> and sets the server client's token in beforeLoad; _authed redirects in beforeLoad on the server's Clerk userId (no Clerk gate in a component), and its only query (getById, through @convex-dev/react-query's useConvexQuery) reads no identity and is skipped without an id.",
    expect: [],
  },
];
