// Issue 23's eighth fresh check, the misses in layouts, providers and server code (M2, M7, M8): reductions of my own
// lines carrying each idiom. Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };
const AUTH_CONFIG = `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };
`;

// M8: tretyakovalex/nextjs-convex-clerk-template @301f57ed63e2 — src/app/layout.tsx renders its own
// ConvexClientProvider (a plain ConvexProvider with a client of its own, src/app/ConvexClientProvider.tsx) inside
// Providers (ClerkProvider around ConvexProviderWithClerk, src/app/providers.tsx).
const TEMPLATE = 'tretyakovalex/nextjs-convex-clerk-template';
const TEMPLATE_AT = '301f57ed63e2';

// M7: saymanq/PreFlight @8a9a1a184aef — PreFlight/app/server/page.tsx (a server page importing nothing of Clerk)
// preloads api.users.getCurrent without a token; PreFlight/convex/users.ts's getCurrent returns null without an identity.
const PREFLIGHT = 'saymanq/PreFlight';
const PREFLIGHT_AT = '8a9a1a184aef';

export const eighthLayouts: CorpusEntry[] = [
  {
    id: 'eighth-m7-preload-without-token-in-clerkless-server-page',
    sources: [
      { repo: PREFLIGHT, path: 'PreFlight/app/server/page.tsx', commit: PREFLIGHT_AT },
      { repo: PREFLIGHT, path: 'PreFlight/convex/users.ts', commit: PREFLIGHT_AT },
    ],
    dependencies: NEXT,
    files: {
      'app/server/page.tsx': `import { preloadQuery, preloadedQueryResult } from "convex/nextjs";
import { api } from "@/convex/_generated/api";

export default async function ServerPage() {
  const preloaded = await preloadQuery(api.users.getCurrent);
  const me = preloadedQueryResult(preloaded);
  return <pre>{JSON.stringify(me)}</pre>;
}
`,
      'convex/users.ts': `import { query } from "./_generated/server";

export const getCurrent = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_externalId", (q) => q.eq("externalId", identity.subject))
      .unique();
  },
});
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the server page preloads getCurrent, which returns null without an identity, with no token options, so the server render always gets null. Reported on the preloadQuery call (the file asks Clerk for nothing).',
    expect: [{ file: 'app/server/page.tsx', code: 'server-token', at: 'preloadQuery(api.users.getCurrent)' }],
  },
  {
    id: 'eighth-m8-plain-provider-inside-providers',
    sources: [
      { repo: TEMPLATE, path: 'src/app/layout.tsx', commit: TEMPLATE_AT },
      { repo: TEMPLATE, path: 'src/app/providers.tsx', commit: TEMPLATE_AT },
      { repo: TEMPLATE, path: 'src/app/ConvexClientProvider.tsx', commit: TEMPLATE_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/app/providers.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL as string);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={client} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
      'src/app/ConvexClientProvider.tsx': `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";

const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={client}>{children}</ConvexProvider>;
}
`,
      'src/app/layout.tsx': `import ConvexClientProvider from "./ConvexClientProvider";
import { Providers } from "./providers";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <ConvexClientProvider>
            <main>{children}</main>
          </ConvexClientProvider>
        </Providers>
      </body>
    </html>
  );
}
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the layout renders ConvexClientProvider (a plain ConvexProvider with a second ConvexReactClient) inside Providers, whose ConvexProviderWithClerk sends the token; the inner client takes over below it and never gets the token. Reported where the layout renders it.',
    expect: [{ file: 'src/app/layout.tsx', code: 'plain-convex-provider', at: '<ConvexClientProvider>\n' }],
  },
];
