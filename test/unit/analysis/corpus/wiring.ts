// From issue 23's third fresh check (December 7): two misses of the wiring rules, reduced from the reviewer's notes
// on the real files (the lines are ours). Both verdicts are the reviewer's, written before the analyzer ran.
import type { CorpusEntry, CorpusSource } from './types';

const tanstack = (path: string): CorpusSource => ({
  repo: 'AlexanderHott/clerk-tanstack-convext',
  path,
  commit: 'bf9deba16607',
});

export const wiring: CorpusEntry[] = [
  {
    id: 'third-plain-provider-in-router-wrap-clerk-in-root-route',
    sources: ['app/router.tsx', 'app/routes/__root.tsx', 'convex/auth.config.ts'].map(tanstack),
    dependencies: {
      convex: '^1.23.0',
      '@clerk/tanstack-react-start': '^0.13.0',
      '@tanstack/react-start': '^1.114.0',
      '@tanstack/react-router': '^1.114.0',
      '@convex-dev/react-query': '^0.0.0-alpha.8',
    },
    files: {
      'app/router.tsx': `import { createRouter as createTanStackRouter } from "@tanstack/react-router";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { routeTree } from "./routeTree.gen";

export function createRouter() {
  const client = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
  const convexQueryClient = new ConvexQueryClient(client);
  return createTanStackRouter({
    routeTree,
    context: { convexClient: client, convexQueryClient },
    Wrap: ({ children }) => (
      <ConvexProvider client={convexQueryClient.convexClient}>{children}</ConvexProvider>
    ),
  });
}
`,
      'app/routes/__root.tsx': `import { Outlet, createRootRouteWithContext } from "@tanstack/react-router";
import { ClerkProvider } from "@clerk/tanstack-react-start";
import { getAuth } from "@clerk/tanstack-react-start/server";
import { createServerFn } from "@tanstack/react-start";
import { getWebRequest } from "@tanstack/react-start/server";

const fetchToken = createServerFn({ method: "GET" }).handler(async () => {
  const { getToken } = await getAuth(getWebRequest()!);
  return await getToken({ template: "convex" });
});

export const Route = createRootRouteWithContext<{ convexQueryClient: any }>()({
  beforeLoad: async ({ context }) => {
    const token = await fetchToken();
    if (token) context.convexQueryClient.serverHttpClient?.setAuth(token);
  },
  component: () => (
    <ClerkProvider>
      <html>
        <body>
          <Outlet />
        </body>
      </html>
    </ClerkProvider>
  ),
});
`,
      'convex/auth.config.ts': `const authConfig = {
  providers: [{ domain: "https://merry-otter-12.clerk.accounts.dev", applicationID: "convex" }],
};
export default authConfig;
`,
    },
    verdict:
      'Bug: the router Wrap renders a plain ConvexProvider and no file renders ConvexProviderWithClerk, so queries from the browser carry no Clerk token (only the server HTTP client gets one in beforeLoad).',
    expect: [{ file: 'app/router.tsx', code: 'plain-convex-provider', at: 'ConvexProvider client=' }],
  },
  {
    id: 'third-middleware-auth-protect-not-awaited-on-clerk-6',
    sources: [{ repo: 'nehachintawar/Live-Connect', path: 'middleware.ts', commit: '92ccf95e49d8' }],
    dependencies: { convex: '^1.32.0', '@clerk/nextjs': '^6.38.2', next: '16.1.6' },
    files: {
      'middleware.ts': `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)", "/sign-up(.*)"]);

export default clerkMiddleware((auth, request) => {
  if (!isPublicRoute(request)) {
    auth().protect();
  }
});

export const config = {
  matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js|png|svg)).*)", "/(api|trpc)(.*)"],
};
`,
    },
    verdict:
      "Bug: on @clerk/nextjs 6 the middleware callback's auth returns a Promise, so auth().protect() throws instead of protecting the route (6's form is await auth.protect()).",
    expect: [{ file: 'middleware.ts', code: 'server-auth-await', at: 'auth()' }],
  },
];
