// Issue 23's ninth fresh check, M1d: root route files render their components before auth (C12c, C63a; C14b is the
// same TanStack Start form). Reductions of my own lines; each verdict was written down before the analyzer ran.
import type { CorpusEntry } from './types';

const AUTH_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;

// barrymichaeldoyle/grand-prix-picks @52588f156958 — src/routes/__root.tsx names only `shellComponent: RootDocument`
// (createRootRouteWithContext), which renders <Header /> inside the Clerk and Convex providers beside {children};
// src/components/Header.tsx sends useQuery(api.users.me) unskipped; convex/users.ts `me` returns null without an
// identity (through convex/lib/auth.ts getViewer); src/integrations/convex/provider.tsx is ConvexProviderWithClerk.
const PICKS = 'barrymichaeldoyle/grand-prix-picks';
const PICKS_AT = '52588f156958';

// kevinreber/watch-party @45d10ae1beb4 — app/root.tsx's default export App renders <Outlet /> inside
// <ConvexClientProvider><ConvexAuthProvider>; app/context/ConvexAuthContext.tsx's ConvexAuthProvider sends
// useQuery(api.users.getCurrentUser) unskipped; convex/users.ts getCurrentUser returns null without an identity.
const PARTY = 'kevinreber/watch-party';
const PARTY_AT = '45d10ae1beb4';

export const ninthRoots: CorpusEntry[] = [
  {
    id: 'ninth-m1d-tanstack-root-shell-header',
    sources: [
      { repo: PICKS, path: 'src/routes/__root.tsx', commit: PICKS_AT },
      { repo: PICKS, path: 'src/components/Header.tsx', commit: PICKS_AT },
      { repo: PICKS, path: 'src/integrations/convex/provider.tsx', commit: PICKS_AT },
      { repo: PICKS, path: 'convex/users.ts', commit: PICKS_AT },
    ],
    dependencies: {
      convex: '^1.31.0',
      '@clerk/clerk-react': '^5.59.0',
      '@tanstack/react-router': '^1.150.0',
      '@tanstack/react-start': '^1.150.0',
      react: '^19.2.0',
    },
    files: {
      'convex/auth.config.ts': AUTH_CONFIG,
      'convex/users.ts': `import { query } from "./_generated/server";

export const viewer = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    const row = await ctx.db
      .query("users")
      .withIndex("by_clerkUserId", (q) => q.eq("clerkUserId", identity.subject))
      .unique();
    return row && { _id: row._id, name: row.displayName };
  },
});
`,
      'src/integrations/convex/provider.tsx': `import { useAuth } from "@clerk/clerk-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { PropsWithChildren } from "react";

const client = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

export function ConvexLayer({ children }: PropsWithChildren) {
  return (
    <ConvexProviderWithClerk client={client} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
      'src/components/Header.tsx': `import { useQuery } from "convex/react";
import { Link } from "@tanstack/react-router";
import { api } from "../../convex/_generated/api";

export function TopBar({ dark }: { dark: boolean }) {
  const viewer = useQuery(api.users.viewer);
  return (
    <header className={dark ? "dark" : ""}>
      <Link to="/">Home</Link>
      {viewer ? <span>{viewer.name}</span> : <Link to="/sign-in">Sign in</Link>}
    </header>
  );
}
`,
      'src/routes/__root.tsx': `import { ClerkProvider } from "@clerk/clerk-react";
import { createRootRouteWithContext, HeadContent, Scripts } from "@tanstack/react-router";
import type { QueryClient } from "@tanstack/react-query";
import { useState, type PropsWithChildren } from "react";
import { TopBar } from "../components/Header";
import { ConvexLayer } from "../integrations/convex/provider";

export const Route = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  head: () => ({ meta: [{ title: "Picks" }] }),
  shellComponent: Document,
});

function Document({ children }: PropsWithChildren) {
  const [dark] = useState(false);
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body>
        <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
          <ConvexLayer>
            <TopBar dark={dark} />
            <main>{children}</main>
          </ConvexLayer>
        </ClerkProvider>
        <Scripts />
      </body>
    </html>
  );
}
`,
    },
    verdict:
      "Bug (query-before-auth): the root route's shellComponent renders TopBar on every page inside the providers but outside any Convex gate, and TopBar sends useQuery(api.users.viewer) unskipped; viewer answers null until Convex has the Clerk token, so 'Sign in' shows to a signed-in user first",
    expect: [{ file: 'src/components/Header.tsx', code: 'query-before-auth', at: 'useQuery(api.users.viewer)' }],
  },
  {
    id: 'ninth-m1d-react-router-root-auth-context',
    sources: [
      { repo: PARTY, path: 'app/root.tsx', commit: PARTY_AT },
      { repo: PARTY, path: 'app/context/ConvexAuthContext.tsx', commit: PARTY_AT },
      { repo: PARTY, path: 'app/providers/ConvexClientProvider.tsx', commit: PARTY_AT },
      { repo: PARTY, path: 'convex/users.ts', commit: PARTY_AT },
    ],
    dependencies: {
      convex: '^1.31.0',
      '@clerk/clerk-react': '^5.59.0',
      'react-router': '^7.1.1',
      '@react-router/dev': '^7.1.1',
      react: '^18.3.1',
    },
    files: {
      'convex/auth.config.ts': AUTH_CONFIG,
      'convex/users.ts': `import { query } from "./_generated/server";

export const currentProfile = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_clerk_id", (q) => q.eq("clerkId", identity.subject))
      .first();
  },
});
`,
      'app/providers/ConvexClientProvider.tsx': `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import type { ReactNode } from "react";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

export function BackendProvider({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
      'app/context/ConvexAuthContext.tsx': `import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

const ProfileContext = createContext<{ profile: unknown; loading: boolean } | null>(null);

export function ProfileProvider({ children }: { children: ReactNode }) {
  const profile = useQuery(api.users.currentProfile);
  return (
    <ProfileContext.Provider value={{ profile, loading: profile === undefined }}>{children}</ProfileContext.Provider>
  );
}

export const useProfile = () => useContext(ProfileContext);
`,
      'app/root.tsx': `import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import { BackendProvider } from "~/providers/ConvexClientProvider";
import { ProfileProvider } from "~/context/ConvexAuthContext";

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <BackendProvider>
      <ProfileProvider>
        <Outlet />
      </ProfileProvider>
    </BackendProvider>
  );
}
`,
    },
    verdict:
      "Bug (query-before-auth): React Router's root module renders ProfileProvider around every route inside the providers but outside any Convex gate, and it sends useQuery(api.users.currentProfile) unskipped; currentProfile answers null until Convex has the Clerk token, so every page sees a signed-in user's profile as null first",
    expect: [
      {
        file: 'app/context/ConvexAuthContext.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.users.currentProfile)',
      },
    ],
  },
];
