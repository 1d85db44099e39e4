// Provider files, root layouts and entry files: Next.js, Vite, Expo, TanStack Start.
import type { CorpusEntry } from './types';

// Search-found files: only the packages their imports prove, versions unknown ('*').
const NEXT = { next: '*', '@clerk/nextjs': '*', convex: '*' };

export const providers: CorpusEntry[] = [
  {
    id: 'next-provider-js',
    sources: [{ repo: 'Shoury7/splitr', path: 'components/convex-client-provider.jsx' }],
    dependencies: NEXT,
    files: {
      'components/convex-client-provider.jsx': `"use client";

import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL);
import { useAuth } from "@clerk/nextjs";
export function ConvexClientProvider({ children }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
    },
    verdict: 'Clean: the Convex docs provider file (an import after a statement changes nothing).',
    expect: [],
  },
  {
    id: 'next-provider-with-clerk-inside',
    sources: [{ repo: 'lottiger/cms', path: 'components/convex-client-provider.jsx' }],
    dependencies: NEXT,
    files: {
      'components/convex-client-provider.jsx': `'use client'
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL)

function ConvexClientProvider({ children }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  )
}
export default ConvexClientProvider
`,
    },
    verdict: 'Clean: ClerkProvider wraps ConvexProviderWithClerk in one client file.',
    expect: [],
  },
  {
    id: 'next-plain-provider-with-useauth-prop',
    sources: [{ repo: 'Nishant-0203/Mydues', path: 'components/convex-client-provider.jsx' }],
    dependencies: NEXT,
    files: {
      'components/convex-client-provider.jsx': `"use client";
import { useAuth } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL);

export function ConvexClientProvider({ children }) {
  return <ConvexProvider client={convex}
  useAuth={useAuth}
  >{children}</ConvexProvider>;
}
`,
    },
    verdict:
      'Bug: a plain ConvexProvider is given useAuth, which it ignores, so no Clerk token is ever sent; it must be ConvexProviderWithClerk (the opening <ConvexProvider>).',
    expect: [
      { file: 'components/convex-client-provider.jsx', code: 'plain-convex-provider', at: 'ConvexProvider client' },
    ],
  },
  {
    id: 'next-providers-with-theme',
    sources: [
      {
        repo: 'keyzeroc/online-games-next-convex-clerk',
        path: 'src/components/providers/Providers.tsx',
        commit: '7a3fced4014f64f696b58333df58b15813976329',
      },
    ],
    dependencies: { next: '14.2.5', '@clerk/nextjs': '^5.2.8', convex: '^1.13.2' },
    files: {
      'src/components/providers/Providers.tsx': `"use client";

import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ReactNode } from "react";
import { ThemeProvider } from "./theme-provider";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL as string);

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <ThemeProvider attribute="class" defaultTheme="system">{children}</ThemeProvider>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'next-clerk-react-sdk-in-next-app',
    sources: [
      {
        repo: 'Mohammed-Abdelhady/Cloud-Storage-next.js-convex-clerk-shadcn',
        path: 'app/ConvexClientProvider.tsx',
        commit: '2b757e18020cd2d4d66ad4b0f0120a1655b9b13e',
      },
    ],
    dependencies: { next: '14.2.4', '@clerk/nextjs': '^5.1.5', '@clerk/clerk-react': '^5.2.4', convex: '^1.12.1' },
    files: {
      'app/ConvexClientProvider.tsx': `"use client";
import { ReactNode } from "react";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict:
      'Clean: ClerkProvider and useAuth come from the same SDK (@clerk/clerk-react); the ConvexProvider import is unused.',
    expect: [],
  },
  {
    id: 'ticket-marketplace-plain-provider-outside-clerk',
    sources: [
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'components/ConvexClientProvider.tsx',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'app/layout.tsx',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
      {
        repo: 'ramyosama/ticket-marketplace-saas-nextjs15-convex-clerk-stripe-connect',
        path: 'convex/auth.config.ts',
        commit: '8696cb2b5603ea36df7f10827a6d277f9289f527',
      },
    ],
    dependencies: { next: '15.0.3', '@clerk/nextjs': '^6.3.2', convex: '^1.17.0' },
    files: {
      // The project's auth.config (it names Clerk: the app means Convex to see the user).
      'convex/auth.config.ts': `export default {
  providers: [{ domain: "https://fresh-monster-41.clerk.accounts.dev/", applicationID: "convex" }],
};
`,
      'components/ConvexClientProvider.tsx': `"use client";

import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ReactNode } from "react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`,
      'app/layout.tsx': `import type { Metadata } from "next";
import { ConvexClientProvider } from "@/components/ConvexClientProvider";
import Header from "@/components/Header";
import { ClerkProvider } from "@clerk/nextjs";

export const metadata: Metadata = { title: "Tickets" };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>
        <ConvexClientProvider>
          <ClerkProvider>
            <Header />
            {children}
          </ClerkProvider>
        </ConvexClientProvider>
      </body>
    </html>
  );
}
`,
    },
    verdict:
      "Bug: the app uses Clerk but its Convex provider is a plain ConvexProvider, which never sends Clerk's token (every Convex function sees no identity). Where it is defined (the <ConvexProvider> element) and where the layout renders it in a Clerk app (the <ConvexClientProvider> element, which also sits outside ClerkProvider).",
    expect: [
      { file: 'components/ConvexClientProvider.tsx', code: 'plain-convex-provider', at: 'ConvexProvider client' },
      { file: 'app/layout.tsx', code: 'plain-convex-provider', at: 'ConvexClientProvider>\n          <ClerkProvider' },
    ],
  },
  {
    id: 'expo-clerk-expo-provider-without-key',
    sources: [{ repo: 'GiditheCoder/Spotlight', path: 'providers/ClerkandConvexProvider.tsx' }],
    dependencies: { expo: '*', '@clerk/clerk-expo': '*', convex: '*' },
    files: {
      'providers/ClerkandConvexProvider.tsx': `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { tokenCache } from "@clerk/clerk-expo/token-cache";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);

export default function ClerkandConvexProvider({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider tokenCache={tokenCache}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict:
      "Clean: @clerk/clerk-expo's ClerkProvider reads EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY itself, as Clerk's Expo quickstart shows; only @clerk/expo (Core 3) needs the prop.",
    expect: [],
  },
  {
    id: 'expo-root-layout-clerk-only',
    sources: [{ repo: 'sankar-max/social-feed', path: 'mobile/app/_layout.tsx' }],
    dependencies: { expo: '*', '@clerk/clerk-expo': '*' },
    files: {
      'mobile/app/_layout.tsx': `import { ClerkProvider } from "@clerk/clerk-expo"
import { Stack } from "expo-router"
import { tokenCache } from "@clerk/clerk-expo/token-cache"
export default function RootLayout() {
  return (
    <ClerkProvider tokenCache={tokenCache}>
      <Stack />
    </ClerkProvider>
  )
}
`,
    },
    verdict: 'Clean: @clerk/clerk-expo without the publishableKey prop (read from the environment).',
    expect: [],
  },
  {
    id: 'expo-root-layout-with-key',
    sources: [{ repo: 'tinky1207/TournageTech', path: 'mobile/app/_layout.tsx' }],
    dependencies: { expo: '*', '@clerk/clerk-expo': '*' },
    files: {
      'mobile/app/_layout.tsx': `import { ClerkProvider } from '@clerk/clerk-expo';
import { Stack } from 'expo-router';
import * as SecureStore from 'expo-secure-store';

const tokenCache = {
  async getToken(key: string) {
    return SecureStore.getItemAsync(key);
  },
  async saveToken(key: string, value: string) {
    return SecureStore.setItemAsync(key, value);
  },
};

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}>
      <Stack screenOptions={{ headerShown: false }} />
    </ClerkProvider>
  );
}
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'expo-providers-clerk-loaded',
    sources: [
      {
        repo: 'jaronheard/expo-convex-clerk',
        path: 'components/Providers/index.tsx',
        commit: '844fb76110bd4038c69f12d2736970b4c17dca63',
      },
    ],
    dependencies: { expo: '~53.0.9', '@clerk/clerk-expo': '^2.11.5', convex: '^1.24.1' },
    files: {
      'components/Providers/index.tsx': `import { ClerkLoaded, ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexQueryCacheProvider } from "convex-helpers/react/cache";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { SafeAreaProvider } from "react-native-safe-area-context";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });
const clerkPublishableKey = process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!;

export default function Providers({ children }: { children: React.ReactNode }) {
  return (
    <SafeAreaProvider>
      <ClerkProvider publishableKey={clerkPublishableKey}>
        <ClerkLoaded>
          <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
            <ConvexQueryCacheProvider>{children}</ConvexQueryCacheProvider>
          </ConvexProviderWithClerk>
        </ClerkLoaded>
      </ClerkProvider>
    </SafeAreaProvider>
  );
}
`,
    },
    verdict: 'Clean: ClerkLoaded between the two providers does not break the sandwich.',
    expect: [],
  },
  {
    id: 'expo-signed-in-share-handler',
    sources: [
      {
        repo: 'KotaMorikawa/react-native-convex-clerk',
        path: 'app/_layout.tsx',
        commit: '05d7ee773544e290627b8d4306e9988311febdf9',
      },
      {
        repo: 'KotaMorikawa/react-native-convex-clerk',
        path: 'components/ShareIntentHandler.tsx',
        commit: '05d7ee773544e290627b8d4306e9988311febdf9',
      },
    ],
    dependencies: { expo: '~53.0.11', '@clerk/clerk-expo': '^2.13.0', convex: '^1.24.8' },
    files: {
      'app/_layout.tsx': `import { AuthScreen } from "@/components/AuthScreen";
import ShareIntentHandler from "@/components/ShareIntentHandler";
import { tokenCache } from "@/utils/cache";
import { ClerkLoaded, ClerkProvider, SignedIn, SignedOut, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Stack } from "expo-router";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL || "", { unsavedChangesWarning: false });
const clerkPublishableKey = process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY || "";

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={clerkPublishableKey} tokenCache={tokenCache}>
      <ClerkLoaded>
        <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
          <SignedIn>
            <ShareIntentHandler />
            <Stack />
          </SignedIn>
          <SignedOut>
            <AuthScreen />
          </SignedOut>
        </ConvexProviderWithClerk>
      </ClerkLoaded>
    </ClerkProvider>
  );
}
`,
      'components/ShareIntentHandler.tsx': `import { api } from "@/convex/_generated/api";
import { useMutation } from "convex/react";
import { useShareIntent } from "expo-share-intent";
import { useCallback, useEffect } from "react";

export default function ShareIntentHandler() {
  const { hasShareIntent, shareIntent, resetShareIntent } = useShareIntent();
  const saveLink = useMutation(api.links.saveLinkWithMetadata);

  const handleShareIntent = useCallback(async () => {
    if (!shareIntent?.webUrl) return;
    try {
      await saveLink({ url: String(shareIntent.webUrl), originalApp: "Shared" });
    } finally {
      resetShareIntent();
    }
  }, [shareIntent, saveLink, resetShareIntent]);

  useEffect(() => {
    if (hasShareIntent && shareIntent) {
      handleShareIntent();
    }
  }, [hasShareIntent, shareIntent, handleShareIntent]);

  return null;
}
`,
    },
    verdict:
      'Bug: <SignedIn> (Clerk) mounts ShareIntentHandler, whose effect runs the saveLinkWithMetadata mutation on mount when the app was opened from a share; Clerk says signed in before Convex has the token, so the mutation (which throws without an identity) can run anonymous. The <SignedIn> element in app/_layout.tsx.',
    expect: [{ file: 'app/_layout.tsx', code: 'clerk-gate', at: 'SignedIn>\n            <ShareIntentHandler' }],
  },
  {
    id: 'vite-main-jsx',
    sources: [{ repo: 'jookie/PhotoTrack', path: 'src/main.jsx' }],
    dependencies: { vite: '*', '@clerk/clerk-react': '*', convex: '*' },
    files: {
      'src/main.jsx': `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { StrictMode } from "react";
import ReactDOM from "react-dom";
import App from "./App";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

ReactDOM.render(
  <StrictMode>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  </StrictMode>,
  document.getElementById("root")
);
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'vite-main-tsx-monorepo',
    sources: [{ repo: 'mohammedfirdouss/VivaMoms', path: 'web-app/src/main.tsx' }],
    dependencies: { vite: '*', '@clerk/clerk-react': '*', convex: '*' },
    files: {
      'web-app/src/main.tsx': `import React from 'react'
import ReactDOM from 'react-dom/client'
import { ConvexProviderWithClerk } from 'convex/react-clerk'
import { ClerkProvider, useAuth } from '@clerk/clerk-react'
import { ConvexReactClient } from 'convex/react'
import App from './App'

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL)

ReactDOM.createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <App />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  </React.StrictMode>
);
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'vite-main-aliased-useauth',
    sources: [{ repo: 'UzzwalSharma/Pixora', path: 'src/main.jsx' }],
    dependencies: { vite: '*', '@clerk/clerk-react': '*', convex: '*' },
    files: {
      'src/main.jsx': `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import App from "./App.jsx";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
const PUBLISHABLE_KEY = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;

if (!PUBLISHABLE_KEY) {
  throw new Error("Missing Clerk publishable key");
}

import { createRoot } from "react-dom/client";

createRoot(document.getElementById("root")).render(
  <ClerkProvider publishableKey={PUBLISHABLE_KEY} afterSignOutUrl="/">
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <App />
    </ConvexProviderWithClerk>
  </ClerkProvider>
);
`,
    },
    verdict: 'Clean.',
    expect: [],
  },
  {
    id: 'tanstack-root-with-clerk-react',
    sources: [
      {
        repo: 'darrylyip/tanstackstart-convex-clerk-pnpm-monorepo',
        path: 'apps/web/src/routes/__root.tsx',
        commit: '3f8d57cfa3cccc9612b1e231e71966d0c4e8fd12',
      },
    ],
    dependencies: { '@tanstack/react-start': 'latest', '@clerk/clerk-react': '^5.45.0', convex: '^1.16.0' },
    files: {
      'apps/web/src/routes/__root.tsx': `/// <reference types="vite/client" />
import { Outlet, createRootRoute, HeadContent, Scripts } from "@tanstack/react-router";
import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL!);

export const Route = createRootRoute({ component: RootComponent });

function RootComponent() {
  return (
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <html>
          <head>
            <HeadContent />
          </head>
          <body>
            <Outlet />
            <Scripts />
          </body>
        </html>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict: 'Clean: the sandwich in the root route (client-side only; no server-side Convex calls in this app).',
    expect: [],
  },
  {
    id: 'tanstack-local-provider-wrappers',
    sources: [
      {
        repo: 'jivebot/tanstack-convex-clerk-template',
        path: 'src/routes/__root.tsx',
        commit: 'fab488d7e39b6fa218905ad855a6e3948281df65',
      },
      {
        repo: 'jivebot/tanstack-convex-clerk-template',
        path: 'src/integrations/convex/provider.tsx',
        commit: 'fab488d7e39b6fa218905ad855a6e3948281df65',
      },
      {
        repo: 'jivebot/tanstack-convex-clerk-template',
        path: 'src/integrations/clerk/provider.tsx',
        commit: 'fab488d7e39b6fa218905ad855a6e3948281df65',
      },
    ],
    dependencies: { '@tanstack/react-start': '^1.132.0', '@clerk/clerk-react': '^5.49.0', convex: '^1.27.3' },
    files: {
      'src/routes/__root.tsx': `import { createRootRoute, HeadContent, Scripts } from "@tanstack/react-router";
import Header from "../components/Header";
import ClerkProvider from "../integrations/clerk/provider";
import ConvexProvider from "../integrations/convex/provider";

export const Route = createRootRoute({ shellComponent: RootDocument });

function RootDocument({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body>
        <ClerkProvider>
          <ConvexProvider>
            <Header />
            {children}
          </ConvexProvider>
        </ClerkProvider>
        <Scripts />
      </body>
    </html>
  );
}
`,
      'src/integrations/convex/provider.tsx': `import { useAuth } from "@clerk/clerk-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

export default function AppConvexProvider({ children }: { children: React.ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
      'src/integrations/clerk/provider.tsx': `import { ClerkProvider } from "@clerk/clerk-react";

const PUBLISHABLE_KEY = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;

export default function AppClerkProvider({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider publishableKey={PUBLISHABLE_KEY} afterSignOutUrl="/">
      {children}
    </ClerkProvider>
  );
}
`,
    },
    verdict:
      "Clean: the root imports the project's own providers under the names ClerkProvider and ConvexProvider; the one called ConvexProvider renders ConvexProviderWithClerk, inside the Clerk one.",
    expect: [],
  },
  {
    id: 'tanstack-router-wrap-and-root',
    sources: [
      {
        repo: 'devczero/tanstackstart-convex-clerk-polarsh-starter',
        path: 'src/router.tsx',
        commit: '8ac113e194547520944f0a69c1a5ac9717e78af2',
      },
      {
        repo: 'devczero/tanstackstart-convex-clerk-polarsh-starter',
        path: 'src/routes/__root.tsx',
        commit: '8ac113e194547520944f0a69c1a5ac9717e78af2',
      },
    ],
    dependencies: { '@tanstack/react-start': '^1.141.3', '@clerk/tanstack-react-start': '^0.27.10', convex: '^1.31.3' },
    files: {
      'src/router.tsx': `import { createRouter } from '@tanstack/react-router'
import { routerWithQueryClient } from '@tanstack/react-router-with-query'
import { ConvexProvider, ConvexReactClient } from 'convex/react'
import { ConvexQueryClient } from '@convex-dev/react-query'
import { QueryClient } from '@tanstack/react-query'
import { routeTree } from './routeTree.gen'

export function getRouter() {
  const CONVEX_URL = (import.meta as any).env.VITE_CONVEX_URL!
  const convex = new ConvexReactClient(CONVEX_URL, { unsavedChangesWarning: false })
  const convexQueryClient = new ConvexQueryClient(convex)
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: { queries: { queryKeyHashFn: convexQueryClient.hashFn(), queryFn: convexQueryClient.queryFn() } },
  })
  convexQueryClient.connect(queryClient)
  return routerWithQueryClient(
    createRouter({
      routeTree,
      context: { queryClient, convexClient: convex, convexQueryClient },
      Wrap: ({ children }) => (
        <ConvexProvider client={convexQueryClient.convexClient}>
          {children}
        </ConvexProvider>
      ),
    }),
    queryClient,
  )
}
`,
      'src/routes/__root.tsx': `import { Outlet, createRootRouteWithContext, useRouteContext } from '@tanstack/react-router'
import { ClerkProvider, useAuth } from '@clerk/tanstack-react-start'
import { createServerFn } from '@tanstack/react-start'
import { auth } from '@clerk/tanstack-react-start/server'
import { ConvexProviderWithClerk } from 'convex/react-clerk'
import type { ConvexQueryClient } from '@convex-dev/react-query'
import type { ConvexReactClient } from 'convex/react'
import type { QueryClient } from '@tanstack/react-query'

const fetchClerkAuth = createServerFn({ method: 'GET' }).handler(async () => {
  const { getToken, userId } = await auth()
  const token = await getToken({ template: 'convex' })
  return { userId, token }
})

export const Route = createRootRouteWithContext<{
  queryClient: QueryClient
  convexClient: ConvexReactClient
  convexQueryClient: ConvexQueryClient
}>()({
  beforeLoad: async (ctx) => {
    const { userId, token } = await fetchClerkAuth()
    if (token) {
      ctx.context.convexQueryClient.serverHttpClient?.setAuth(token)
    }
    return { userId, token }
  },
  component: RootComponent,
})

function RootComponent() {
  const context = useRouteContext({ from: Route.id })
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>
        <Outlet />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  )
}
`,
    },
    verdict:
      "Clean: Convex's TanStack Start guide: the router's Wrap gives the plain ConvexProvider, the root route renders ConvexProviderWithClerk on the same client inside ClerkProvider, and beforeLoad hands the server client Clerk's token.",
    expect: [],
  },
];
