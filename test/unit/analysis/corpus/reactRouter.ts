// Issue 23, class M2: React Router v7 framework mode, routes declared in app/routes.ts (reactRouterRoutes.ts). Reduced
// by hand from superlearnco/xam @0c8b4ecde053 (app/routes.ts, app/root.tsx: ClerkProvider from @clerk/react-router >
// ConvexProviderWithClerk > <Outlet/>; app/routes/dashboard/layout.tsx: a loader that redirects on the server's Clerk
// userId and a component rendering <Outlet/> ungated; app/routes/dashboard/settings.tsx @1abcff3bd9be, and
// convex/users.ts `getOnboardingStatus`, which returns null without an identity) and from
// codewithpassion/cf-react-router-convex-clerk-template @306a0b0076d9 (flat routes: app/routes/_auth.tsx, the same
// loader redirect over an ungated <Outlet/>). My own lines; verdicts written before the analyzer ran on them.
import type { CorpusEntry } from './types';

const XAM = 'superlearnco/xam';
const TEMPLATE = 'codewithpassion/cf-react-router-convex-clerk-template';

const RR7 = {
  convex: '^1.24.0',
  '@clerk/react-router': '^1.4.0',
  'react-router': '^7.5.0',
  '@react-router/dev': '^7.5.0',
  react: '^19.0.0',
};

const ROOT = `import { Outlet } from "react-router";
import { ClerkProvider, useAuth } from "@clerk/react-router";
import { rootAuthLoader } from "@clerk/react-router/ssr.server";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { Route } from "./+types/root";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);

export async function loader(args: Route.LoaderArgs) {
  return rootAuthLoader(args);
}

export default function App({ loaderData }: Route.ComponentProps) {
  return (
    <ClerkProvider loaderData={loaderData}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <Outlet />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const SERVER_REDIRECT_LAYOUT = `import { getAuth } from "@clerk/react-router/ssr.server";
import { Outlet, redirect } from "react-router";
import type { Route } from "./+types/layout";

export async function loader(args: Route.LoaderArgs) {
  const { userId } = await getAuth(args);
  if (!userId) throw redirect("/sign-in");
  return {};
}

export default function DashboardLayout() {
  return (
    <div className="flex flex-col">
      <Outlet />
    </div>
  );
}
`;

// Both projects declare Clerk as Convex's provider (the projects' own auth.config is not what these entries are about).
const AUTH_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL, applicationID: "convex" }],
};
`;

export const reactRouter: CorpusEntry[] = [
  {
    id: 'rr7-xam-settings-under-server-redirect-layout',
    sources: [
      { repo: XAM, path: 'app/routes.ts', commit: '0833284be5c9' },
      { repo: XAM, path: 'app/root.tsx', commit: '0c8b4ecde053' },
      { repo: XAM, path: 'app/routes/dashboard/layout.tsx', commit: '0c8b4ecde053' },
      { repo: XAM, path: 'app/routes/dashboard/settings.tsx', commit: '1abcff3bd9be' },
      { repo: XAM, path: 'convex/users.ts', commit: '1abcff3bd9be' },
      { repo: XAM, path: 'convex/auth.config.ts', commit: '3974c8ddebb5' },
    ],
    dependencies: RR7,
    files: {
      'app/routes.ts': `import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  layout("routes/dashboard/layout.tsx", [
    route("dashboard/settings", "routes/dashboard/settings.tsx"),
  ]),
] satisfies RouteConfig;
`,
      'app/root.tsx': ROOT,
      'app/routes/dashboard/layout.tsx': SERVER_REDIRECT_LAYOUT,
      'app/routes/dashboard/settings.tsx': `import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
import type { Route } from "./+types/settings";

export default function Page(_: Route.ComponentProps) {
  const onboarding = useQuery(api.users.getOnboardingStatus);
  return <p>{onboarding?.hasCompletedOnboarding ? "done" : "in progress"}</p>;
}
`,
      'convex/auth.config.ts': AUTH_CONFIG,
      'convex/users.ts': `import { query } from "./_generated/server";

export const getOnboardingStatus = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    const user = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.subject))
      .unique();
    return { hasCompletedOnboarding: user?.hasCompletedOnboarding ?? false };
  },
});
`,
    },
    verdict:
      'Buggy: routes.ts puts settings.tsx under the dashboard layout, whose component renders <Outlet/> with no gate (its loader redirects on the server when Clerk has no user, which says nothing of whether Convex has the token). settings.tsx sends useQuery(api.users.getOnboardingStatus) on mount and that query returns null without an identity: query-before-auth on the call. The layout gates nothing in its component, so it has no clerk-gate finding; the root renders the provider sandwich.',
    expect: [
      {
        file: 'app/routes/dashboard/settings.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.users.getOnboardingStatus)',
      },
    ],
  },
  {
    id: 'rr7-template-flat-routes-server-redirect',
    sources: [
      { repo: TEMPLATE, path: 'app/routes/_auth.tsx', commit: '306a0b0076d9' },
      { repo: TEMPLATE, path: 'app/root.tsx', commit: '306a0b0076d9' },
    ],
    dependencies: { ...RR7, '@react-router/fs-routes': '^7.5.0' },
    files: {
      'app/routes.ts': `import { type RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

export default [...(await flatRoutes())] satisfies RouteConfig;
`,
      'app/root.tsx': ROOT,
      'app/routes/_auth.tsx': `import { getAuth } from "@clerk/react-router/server";
import { type LoaderFunctionArgs, Outlet, redirect } from "react-router";

export async function loader(args: LoaderFunctionArgs) {
  const { userId } = await getAuth(args);
  if (!userId) return redirect("/login");
  return null;
}

export default function Protected() {
  return <Outlet />;
}
`,
      'convex/auth.config.ts': AUTH_CONFIG,
      'app/routes/_auth.photos.tsx': `import { useAuth } from "@clerk/react-router";

export default function UserPhotos() {
  const { userId } = useAuth();
  return <h1>Photos of {userId}</h1>;
}
`,
    },
    verdict:
      'Clean: the pathless `_auth` layout renders <Outlet/> ungated (its loader redirects on the server), and the route under it by its flat name calls nothing of Convex; the root renders ClerkProvider around ConvexProviderWithClerk.',
    expect: [],
  },
];
