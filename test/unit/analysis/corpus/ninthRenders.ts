// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its missed query-before-auth
// sites (M2) and provider wrappers (M6). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^15.0.0', react: '^19', convex: '^1.27.0', '@clerk/nextjs': '^6.32.0' };

// C30b: 4cecoder/todo @0776f4b6054f — app/todos/page.tsx calls `useQuery(api.categories.getCategories as any)` at the
// top of the page, then returns its markup inside components/AuthGuard.tsx (Clerk's useAuth: a redirect, no Convex
// gate); convex/categories.ts throws "Not authenticated" without an identity.
const TODO = '4cecoder/todo';
const TODO_AT = '0776f4b6054f';

// C43a: AnujSsStw/full-forms @a5da75118758 — app/admin/page.tsx sends useQuery(api.users.current) ungated (the
// provider's <Authenticated> is commented out); convex/users.ts's `current` returns `await getCurrentUser(ctx)`, a
// helper declared below it that returns null without an identity.
const FORMS = 'AnujSsStw/full-forms';
const FORMS_AT = 'a5da75118758';

// C42a: Coding-Mohamed/Forum @097d9198fb26 — app/layout.tsx renders `<ConvexClientProvider>{children}</…>` inside
// @clerk/nextjs's ClerkProvider; app/ConvexClientProvider.tsx ("use client") renders a plain ConvexProvider with a
// client of its own. The project has no convex/auth.config (as in arjunhg/triggr's app/layout.tsx, C23a).
const FORUM = 'Coding-Mohamed/Forum';
const FORUM_AT = '097d9198fb26';

// C25a: G9000/turbo-expo-nextjs-clerk-convex-monorepo @9a70664b6880 — apps/native/src/navigation/Navigation.tsx
// gives TripsDashboardScreen to `<Stack.Screen component={…}>`; the screen sends useQuery(api.trips.getUserTrips)
// unskipped, and packages/backend/convex/trips.ts returns [] without an identity. In my lines the app renders the
// navigator from src/App.tsx with no early return: the real apps/native/App.tsx (a package-root entry, after
// `if (!loaded) return false` on useFonts) is a place the analyzer does not follow yet.
const TRIPS = 'G9000/turbo-expo-nextjs-clerk-convex-monorepo';
const TRIPS_AT = '9a70664b6880';

export const ninthRenders: CorpusEntry[] = [
  {
    id: 'ninth-m2-cast-reference-above-clerk-guard',
    sources: [
      { repo: TODO, path: 'app/todos/page.tsx', commit: TODO_AT },
      { repo: TODO, path: 'components/AuthGuard.tsx', commit: TODO_AT },
      { repo: TODO, path: 'convex/categories.ts', commit: TODO_AT },
    ],
    dependencies: NEXT,
    files: {
      'convex/categories.ts': `import { query } from "./_generated/server";

export const getCategories = query({
  args: {},
  handler: async (ctx: any) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    return await ctx.db.query("categories").collect();
  },
});
`,
      'components/AuthGuard.tsx': `'use client'
import { useAuth } from '@clerk/nextjs'

export function AuthGuard({ children }: { children: React.ReactNode }) {
  const { isLoaded, isSignedIn } = useAuth()
  if (!isLoaded) return <p>Loading...</p>
  if (!isSignedIn) return <a href="/sign-in">Sign in</a>
  return <>{children}</>
}
`,
      'app/todos/page.tsx': `'use client'
import { useQuery } from 'convex/react'
import { api } from '@/convex/_generated/api'
import { AuthGuard } from '@/components/AuthGuard'

export default function TodosPage() {
  const categories = useQuery(api.categories.getCategories as any)
  if (categories === undefined) {
    return <AuthGuard><p>Loading your todos...</p></AuthGuard>
  }
  return (
    <AuthGuard>
      <ul>{categories.map((c: any) => <li key={c._id}>{c.name}</li>)}</ul>
    </AuthGuard>
  )
}
`,
    },
    verdict:
      'Bug (query-before-auth): the page sends useQuery(api.categories.getCategories as any) on every render, above the Clerk AuthGuard it returns (the guard wraps only its markup, and it waits for Clerk, not Convex); getCategories throws without an identity',
    expect: [
      { file: 'app/todos/page.tsx', code: 'query-before-auth', at: 'useQuery(api.categories.getCategories as any)' },
    ],
  },
  {
    id: 'ninth-m2-handler-returns-helper-answer',
    sources: [
      { repo: FORMS, path: 'app/admin/page.tsx', commit: FORMS_AT },
      { repo: FORMS, path: 'convex/users.ts', commit: FORMS_AT },
    ],
    dependencies: NEXT,
    files: {
      'convex/users.ts': `import { query, QueryCtx } from "./_generated/server";

export const current = query({
  args: {},
  handler: async (ctx) => {
    return await getCurrentUser(ctx);
  },
});

export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await ctx.db
    .query("user")
    .withIndex("by_email", (q) => q.eq("email", identity.email as string))
    .unique();
}
`,
      'app/admin/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export default function AdminPage() {
  const user = useQuery(api.users.current);
  if (user?.role !== "admin") return <p>Not allowed</p>;
  return <h1>Admin</h1>;
}
`,
    },
    verdict:
      'Bug (query-before-auth): the admin page sends useQuery(api.users.current) ungated; current returns getCurrentUser(ctx), which is null without an identity, so the page reads null before Convex has the token',
    expect: [{ file: 'app/admin/page.tsx', code: 'query-before-auth', at: 'useQuery(api.users.current)' }],
  },
  {
    id: 'ninth-m6-plain-provider-wrapper-under-clerk',
    sources: [
      { repo: FORUM, path: 'app/layout.tsx', commit: FORUM_AT },
      { repo: FORUM, path: 'app/ConvexClientProvider.tsx', commit: FORUM_AT },
    ],
    dependencies: { next: '14.2.7', react: '^18', convex: '^1.15.0', '@clerk/nextjs': '^5.4.0' },
    files: {
      'app/ConvexClientProvider.tsx': `"use client";

import { ConvexProvider, ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`,
      'app/layout.tsx': `import { ClerkProvider } from "@clerk/nextjs";
import ConvexClientProvider from "./ConvexClientProvider";
import React, { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider>
          <ConvexClientProvider>{children}</ConvexClientProvider>
        </ClerkProvider>
      </body>
    </html>
  );
}
`,
    },
    verdict:
      'Bug (plain-convex-provider): the layout signs users in with ClerkProvider but renders Convex through a wrapper of a plain ConvexProvider (another file), so no Clerk token ever reaches Convex, the same mistake as the plain provider written in the layout itself',
    expect: [{ file: 'app/layout.tsx', code: 'plain-convex-provider', at: 'ConvexClientProvider>{children}' }],
  },
  {
    id: 'ninth-m2-react-navigation-screen-component',
    sources: [
      { repo: TRIPS, path: 'apps/native/src/navigation/Navigation.tsx', commit: TRIPS_AT },
      { repo: TRIPS, path: 'apps/native/src/screens/TripsDashboardScreen.tsx', commit: TRIPS_AT },
      { repo: TRIPS, path: 'packages/backend/convex/trips.ts', commit: TRIPS_AT },
    ],
    dependencies: {
      expo: '~53.0.0',
      react: '19.0.0',
      'react-native': '0.79.0',
      convex: '^1.25.0',
      '@clerk/clerk-expo': '^2.13.2',
      '@react-navigation/native': '^7.0.0',
      '@react-navigation/native-stack': '^7.0.0',
    },
    files: {
      'convex/auth.config.ts': `export default {
  providers: [{ domain: process.env.CLERK_ISSUER_URL, applicationID: "convex" }],
};
`,
      'convex/trips.ts': `import { query } from "./_generated/server";

export const getUserTrips = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db
      .query("trips")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});
`,
      'src/screens/TripsDashboardScreen.tsx': `import { FlatList, Text } from "react-native";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

const TripsDashboardScreen = ({ navigation }) => {
  const trips = useQuery(api.trips.getUserTrips);
  if (trips === undefined) return <Text>Loading</Text>;
  return <FlatList data={trips} renderItem={({ item }) => <Text>{item.name}</Text>} />;
};

export default TripsDashboardScreen;
`,
      'src/screens/LoginScreen.tsx': `import { Text } from "react-native";

export default function LoginScreen() {
  return <Text>Sign in</Text>;
}
`,
      'src/navigation/Navigation.tsx': `import { NavigationContainer } from "@react-navigation/native";
import { createNativeStackNavigator } from "@react-navigation/native-stack";
import LoginScreen from "../screens/LoginScreen";
import TripsDashboardScreen from "../screens/TripsDashboardScreen";

const Stack = createNativeStackNavigator();

const Navigation = () => (
  <NavigationContainer>
    <Stack.Navigator initialRouteName="LoginScreen">
      <Stack.Screen name="LoginScreen" component={LoginScreen} />
      <Stack.Screen name="TripsDashboardScreen" component={TripsDashboardScreen} />
    </Stack.Navigator>
  </NavigationContainer>
);

export default Navigation;
`,
      'src/App.tsx': `import Navigation from "./navigation/Navigation";
import ConvexClientProvider from "./ConvexClientProvider";

export default function App() {
  return (
    <ConvexClientProvider>
      <Navigation />
    </ConvexClientProvider>
  );
}
`,
      'src/ConvexClientProvider.tsx': `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }) {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
    },
    verdict:
      'Bug (query-before-auth): the app renders the navigator outside any Convex gate, and React Navigation renders TripsDashboardScreen (its Stack.Screen component) when the login screen navigates there, which sends useQuery(api.trips.getUserTrips) unskipped; getUserTrips returns [] without an identity',
    expect: [
      {
        file: 'src/screens/TripsDashboardScreen.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.trips.getUserTrips)',
      },
    ],
  },
];
