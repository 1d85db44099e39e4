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

export const eighthLayouts: CorpusEntry[] = [
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
