// Server helpers and server components: getting Clerk's token to Convex on the server.
import type { CorpusEntry } from './types';

export const server: CorpusEntry[] = [
  {
    id: 'auth-sync-on-clerk-4',
    sources: [
      {
        repo: 'get-convex/ents-saas-starter',
        path: 'app/t/auth.ts',
        commit: '094b33d0f03ddd8b5590ad3e481eb231b519be33',
      },
    ],
    dependencies: { next: '^14.1.0', '@clerk/nextjs': '^4.29.3', convex: '^1.8.0' },
    files: {
      'app/t/auth.ts': `import { auth } from "@clerk/nextjs/server";

export async function getAuthToken() {
  return (await auth().getToken({ template: "convex" })) ?? undefined;
}
`,
    },
    verdict: 'Clean: with @clerk/nextjs 4 (declared ^4.29.3) auth() returns the auth object synchronously.',
    expect: [],
  },
  {
    id: 'auth-awaited-destructured',
    sources: [{ repo: 'goongoom/goongoom', path: 'lib/auth.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'lib/auth.ts': `import { auth } from "@clerk/nextjs/server";

export async function getAuthToken(): Promise<string | undefined> {
  const { getToken } = await auth();
  return (await getToken({ template: "convex" })) ?? undefined;
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'auth-awaited-result',
    sources: [{ repo: 'MartinIsProgramming/convex-clerk-next-js-starter-kit', path: 'src/lib/auth.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'src/lib/auth.ts': `import "server-only";

import { auth } from "@clerk/nextjs/server";

export async function getAuthToken() {
  const authResult = await auth();
  return (await authResult.getToken({ template: "convex" })) ?? undefined;
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'auth-awaited-inline',
    sources: [{ repo: 'Anushchrist123/Travel', path: 'app/auth.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'app/auth.ts': `import { auth } from "@clerk/nextjs/server";

export async function getAuthToken() {
  // return (await auth().getToken({ template: "convex" })) ?? undefined;
  return ((await auth()).getToken({template: "convex"}));
}
`,
    },
    verdict: 'Clean: the awaited form (the old line is a comment).',
    expect: [],
  },
  {
    id: 'auth-awaited-returns-token-promise',
    sources: [{ repo: 'ignacioScognamiglio/True-Self-Care', path: 'lib/auth.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'lib/auth.ts': `import { auth } from "@clerk/nextjs/server";

export async function getAuthToken(): Promise<string | null> {
  const { getToken } = await auth();
  return getToken({ template: "convex" });
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'preload-with-token-helper',
    sources: [{ repo: 'RyanCwynar/byldr-finance', path: 'lib/convex.ts' }],
    dependencies: { next: '*', '@clerk/nextjs': '*', convex: '*' },
    files: {
      'lib/convex.ts': `import { preloadQuery } from "convex/nextjs";
import { getAuthToken } from "@/app/auth";
import { FunctionReference } from "convex/server";

export async function preloadQueryWithAuth<T>(query: FunctionReference<"query", any, any>, args: any): Promise<T> {
  const token = await getAuthToken();
  const options = token ? { token } : {};
  return (await preloadQuery(query, args, options))._valueJSON as unknown as T;
}
`,
    },
    verdict: 'Clean: the token is passed (as options built beforehand).',
    expect: [],
  },
  {
    id: 'fetch-query-convex-auth-token',
    sources: [{ repo: 'trace2798/t3-chat-clone', path: 'app/dashboard/page.tsx' }],
    dependencies: { next: '*', '@convex-dev/auth': '*', convex: '*' },
    files: {
      'app/dashboard/page.tsx': `import { api } from "@/convex/_generated/api";
import { convexAuthNextjsToken } from "@convex-dev/auth/nextjs/server";
import { fetchQuery } from "convex/nextjs";

const Page = async () => {
  const user = await fetchQuery(api.users.getUser, {}, { token: await convexAuthNextjsToken() });
  return <div>{user?.name}</div>;
};

export default Page;
`,
    },
    verdict: "Clean: Convex Auth's token (not Clerk).",
    expect: [],
  },
  {
    id: 'middleware-auth-protect-clerk-5',
    sources: [
      {
        repo: 'Mohammed-Abdelhady/Cloud-Storage-next.js-convex-clerk-shadcn',
        path: 'middleware.ts',
        commit: '2b757e18020cd2d4d66ad4b0f0120a1655b9b13e',
      },
    ],
    dependencies: { next: '14.2.4', '@clerk/nextjs': '^5.1.5', convex: '^1.12.1' },
    files: {
      'middleware.ts': `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/"]);

export default clerkMiddleware((auth, request) => {
  if (!isPublicRoute(request)) {
    auth().protect();
  }
});

export const config = { matcher: ["/((?!.*\\\\..*|_next).*)", "/", "/(api|trpc)(.*)"] };
`,
    },
    verdict: "Clean: Clerk 5's middleware (the callback's auth is synchronous there).",
    expect: [],
  },
  {
    id: 'server-actions-await-auth-clerk-6',
    sources: [
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'app/seller/page.tsx',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
    ],
    dependencies: { next: '15.0.3', '@clerk/nextjs': '^6.3.2', convex: '^1.17.0' },
    files: {
      'app/seller/page.tsx': `import SellerDashboard from "@/components/SellerDashboard";
import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";

export default async function SellerPage() {
  const { userId } = await auth();
  if (!userId) redirect("/");
  return <SellerDashboard />;
}
`,
    },
    verdict: 'Clean: auth() awaited on Clerk 6.',
    expect: [],
  },
];
