// From issue 23's fourth fresh check (an independent reviewer, December 7): clerk-gate through a project hook (M1),
// and route layouts that gate their child routes on Clerk alone (M2/M3). Each reduced by hand from the public files
// named in `sources` (read at that commit) to the lines that carry the idiom, in my own lines; verdicts written
// before the analyzer ran on the reduction. Controls are variants of the same files, said so in their verdicts.
// These repositories are listed in SOURCES.md.
import type { CorpusEntry } from './types';

const EXPO_54 = { expo: '~54.0.29', 'expo-router': '~6.0.0', '@clerk/clerk-expo': '^2.18.3', convex: '^1.30.0' };
const EXPO_52 = { expo: '~52.0.30', 'expo-router': '~4.0.17', '@clerk/clerk-expo': '^2.7.4', convex: '^1.19.0' };
const NEXT = { next: '14.2.23', '@clerk/nextjs': '^6.11.2', convex: '^1.19.0' };

const BEAN = 'malachyfernandez/BeanJar';
const BEAN_AT = '60e6b46f89c6';
const IC = 'abdullahahmadarslan/InterviewConnect';
const IC_AT = '22f0abb8470b';
const TC = 'dotran150797/thread-clone';
const TC_AT = '8620dc490c7f';

const BEAN_ROOT = `import { ClerkLoaded, ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Slot } from "expo-router";

const client = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);

export default function AppRoot() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ClerkLoaded>
        <ConvexProviderWithClerk client={client} useAuth={useAuth}>
          <Slot />
        </ConvexProviderWithClerk>
      </ClerkLoaded>
    </ClerkProvider>
  );
}
`;

const BEAN_HOME = `import { SignedIn, SignedOut } from "@clerk/clerk-expo";
import { SafeAreaView, Text } from "react-native";
import Jar from "../components/Jar";

export default function Home() {
  return (
    <SafeAreaView>
      <SignedIn>
        <Jar />
      </SignedIn>
      <SignedOut>
        <Text>Sign in to see your beans</Text>
      </SignedOut>
    </SafeAreaView>
  );
}
`;

const BEAN_VARS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const get = query({
  args: { key: v.string() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    const owner = identity?.subject;
    if (!owner) return null;
    return await ctx.db
      .query("user_vars")
      .withIndex("by_owner_key", (q) => q.eq("owner", owner).eq("key", args.key))
      .unique();
  },
});

export const set = mutation({
  args: { key: v.string(), value: v.any() },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    await ctx.db.insert("user_vars", { owner: identity.subject, key: args.key, value: args.value });
  },
});
`;

const BEAN_HOOK = `import { useMutation, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function useStoredValue<T>({ key, fallback }: { key: string; fallback: T }): [T, (next: T) => void] {
  const row = useQuery(api.user_vars.get, { key });
  const save = useMutation(api.user_vars.set);
  const value = row === undefined || row === null ? fallback : (row.value as T);
  return [value, (next) => void save({ key, value: next })];
}
`;

const IC_PROVIDER = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

function ClerkConvex({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider publishableKey={process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}

export default ClerkConvex;
`;

const IC_LAYOUT = `import { RedirectToSignIn, SignedIn, SignedOut } from "@clerk/nextjs";
import ClerkConvex from "@/components/providers/ClerkConvex";
import TopBar from "@/components/TopBar";

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <ClerkConvex>
      <html lang="en">
        <body>
          <SignedIn>
            <div className="min-h-screen">
              <TopBar />
              <main className="px-4">{children}</main>
            </div>
          </SignedIn>
          <SignedOut>
            <RedirectToSignIn />
          </SignedOut>
        </body>
      </html>
    </ClerkConvex>
  );
}
`;

const IC_USERS = `import { query } from "./_generated/server";

export const listUsers = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("User is not authenticated");
    return await ctx.db.query("users").collect();
  },
});
`;

const TC_ROOT = `import { ClerkLoaded, ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Slot } from "expo-router";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <ClerkLoaded>
          <Slot />
        </ClerkLoaded>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const TC_SCREEN = `import { FlatList, Text } from "react-native";
import useMe from "@/hooks/useMe";

const TimelineScreen = () => {
  const me = useMe();
  return <FlatList data={me ? [me] : []} renderItem={({ item }) => <Text>{item.username}</Text>} />;
};

export default TimelineScreen;
`;

const TC_HOOK = `import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

const useMe = () => {
  const me = useQuery(api.users.me);
  return me;
};

export default useMe;
`;

const TC_USERS = `import { query } from "./_generated/server";

export const me = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    return await ctx.db
      .query("users")
      .filter((q) => q.eq(q.field("clerkId"), identity.subject))
      .first();
  },
});
`;

const tcLayout = (guard: string, convexAuth: boolean): string => `import { useAuth } from "@clerk/clerk-expo";
${convexAuth ? 'import { useConvexAuth } from "convex/react";\n' : ''}import { Redirect, Stack } from "expo-router";

const SignedInStack = () => {
  const { isSignedIn } = useAuth();
${convexAuth ? '  const { isAuthenticated, isLoading } = useConvexAuth();\n  if (isLoading) return null;\n' : ''}
  if (${guard}) {
    return <Redirect href={"/sign-in"} />;
  }

  return (
    <Stack>
      <Stack.Screen name="(tabs)" options={{ headerShown: false }} />
    </Stack>
  );
};

export default SignedInStack;
`;

/** Each of the three repositories below has one (BeanJar and thread-clone convex/auth.config.ts, InterviewConnect
 * convex/auth.config.js): a reduction of other lines, so that the project is the one the learner has wired. */
const CLERK_AUTH_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;

export const fourth: CorpusEntry[] = [
  {
    id: 'fourth-expo-signed-in-component-through-project-hook',
    sources: [
      { repo: BEAN, path: 'app/index.tsx', commit: BEAN_AT },
      { repo: BEAN, path: 'app/components/BeanPage.tsx', commit: BEAN_AT },
      { repo: BEAN, path: 'hooks/useUserVariable.ts', commit: BEAN_AT },
      { repo: BEAN, path: 'convex/user_vars.ts', commit: BEAN_AT },
      { repo: BEAN, path: 'app/_layout.tsx', commit: BEAN_AT },
    ],
    dependencies: EXPO_54,
    files: {
      'app/_layout.tsx': BEAN_ROOT,
      'app/index.tsx': BEAN_HOME,
      // Kept outside app/ (the original sits in app/components/, which Expo Router would also take for a screen) and
      // imported relatively (the original's bare `hooks/…` resolves through baseUrl alone, which is not followed).
      'components/Jar.tsx': `import { Text } from "react-native";
import { useStoredValue } from "../hooks/useStoredValue";

const Jar = () => {
  const [profile] = useStoredValue<{ name?: string }>({ key: "profile", fallback: {} });
  return <Text>{profile.name ?? "…"}</Text>;
};

export default Jar;
`,
      'hooks/useStoredValue.ts': BEAN_HOOK,
      'convex/user_vars.ts': BEAN_VARS,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
    },
    verdict:
      'Bug: <SignedIn> (Clerk) mounts Jar, whose only Convex call is the project hook useStoredValue(), which sends useQuery(api.user_vars.get) on every render; Clerk says signed in whether or not Convex has accepted the token, so the query can run without an identity. The <SignedIn> element in app/index.tsx.',
    expect: [{ file: 'app/index.tsx', code: 'clerk-gate', at: 'SignedIn>\n        <Jar' }],
  },
  {
    id: 'fourth-expo-signed-in-component-with-its-own-query',
    sources: [
      { repo: BEAN, path: 'app/index.tsx', commit: BEAN_AT },
      { repo: BEAN, path: 'convex/user_vars.ts', commit: BEAN_AT },
    ],
    dependencies: EXPO_54,
    files: {
      'app/_layout.tsx': BEAN_ROOT,
      'app/index.tsx': BEAN_HOME,
      'components/Jar.tsx': `import { Text } from "react-native";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

const Jar = () => {
  const row = useQuery(api.user_vars.get, { key: "profile" });
  return <Text>{row?.value?.name ?? "…"}</Text>;
};

export default Jar;
`,
      'hooks/useStoredValue.ts': BEAN_HOOK,
      'convex/user_vars.ts': BEAN_VARS,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
    },
    verdict:
      'Bug (variant of the entry above: Jar calls useQuery itself, the form already flagged): the same <SignedIn>, reported once.',
    expect: [{ file: 'app/index.tsx', code: 'clerk-gate', at: 'SignedIn>\n        <Jar' }],
  },
  {
    id: 'fourth-next-root-layout-signed-in-around-children',
    sources: [
      { repo: IC, path: 'interview_connect/src/app/layout.tsx', commit: IC_AT },
      { repo: IC, path: 'interview_connect/src/components/providers/ConvexClerkProvider.tsx', commit: IC_AT },
      { repo: IC, path: 'interview_connect/src/app/(admin)/dashboard/page.tsx', commit: IC_AT },
      { repo: IC, path: 'interview_connect/convex/users.ts', commit: IC_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/app/layout.tsx': IC_LAYOUT,
      'src/components/providers/ClerkConvex.tsx': IC_PROVIDER,
      'src/app/(admin)/dashboard/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";

function AdminBoard() {
  const people = useQuery(api.users.listUsers);
  if (!people) return <p>Loading…</p>;
  return <ul>{people.map((p) => <li key={p._id}>{p.name}</li>)}</ul>;
}

export default AdminBoard;
`,
      'convex/users.ts': IC_USERS,
      'convex/auth.config.js': CLERK_AUTH_CONFIG,
    },
    verdict:
      "Bug: the root layout renders {children} inside Clerk's <SignedIn>, not Convex's <Authenticated>; the dashboard page under it sends listUsers (throws without an identity) as soon as it mounts. The layout's <SignedIn> (clerk-gate), and the page's query (query-before-auth: it is rendered by the framework before Convex has accepted the token).",
    expect: [
      { file: 'src/app/layout.tsx', code: 'clerk-gate', at: 'SignedIn>\n            <div' },
      { file: 'src/app/(admin)/dashboard/page.tsx', code: 'query-before-auth', at: 'useQuery(api.users.listUsers)' },
    ],
  },
  {
    id: 'fourth-next-root-layout-signed-in-pages-without-convex',
    sources: [
      { repo: IC, path: 'interview_connect/src/app/layout.tsx', commit: IC_AT },
      { repo: IC, path: 'interview_connect/src/components/providers/ConvexClerkProvider.tsx', commit: IC_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/app/layout.tsx': IC_LAYOUT,
      'src/components/providers/ClerkConvex.tsx': IC_PROVIDER,
      'src/app/(root)/about/page.tsx': `export default function About() {
  return <p>Interviews, scheduled and recorded.</p>;
}
`,
      'convex/users.ts': IC_USERS,
      'convex/auth.config.js': CLERK_AUTH_CONFIG,
    },
    verdict:
      'Clean (variant of the entry above: the only page under the <SignedIn> layout calls no Convex function, so the Clerk gate gates nothing of Convex).',
    expect: [],
  },
  {
    id: 'fourth-expo-group-layout-redirect-unless-clerk-signed-in',
    sources: [
      { repo: TC, path: 'app/(app)/_layout.tsx', commit: TC_AT },
      { repo: TC, path: 'app/(app)/(tabs)/index.tsx', commit: TC_AT },
      { repo: TC, path: 'hooks/useCurrentUser.ts', commit: TC_AT },
      { repo: TC, path: 'convex/users.ts', commit: TC_AT },
    ],
    dependencies: EXPO_52,
    files: {
      'app/_layout.tsx': TC_ROOT,
      'app/(app)/_layout.tsx': tcLayout('!isSignedIn', false),
      'app/(app)/(tabs)/index.tsx': TC_SCREEN,
      'hooks/useMe.ts': TC_HOOK,
      'convex/users.ts': TC_USERS,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
    },
    verdict:
      "Bug: app/(app)/_layout.tsx returns <Redirect> unless Clerk's isSignedIn and otherwise renders the <Stack> of the screens under it; the timeline screen sends users.me (throws without an identity) through useMe() as soon as it mounts. The layout's `!isSignedIn` test (clerk-gate), and the screen's useMe() call (query-before-auth).",
    expect: [
      { file: 'app/(app)/_layout.tsx', code: 'clerk-gate', at: '!isSignedIn' },
      { file: 'app/(app)/(tabs)/index.tsx', code: 'query-before-auth', at: 'useMe()' },
    ],
  },
  {
    id: 'fourth-expo-group-layout-clerk-and-convex-auth',
    sources: [
      { repo: TC, path: 'app/(app)/_layout.tsx', commit: TC_AT },
      { repo: TC, path: 'app/(app)/(tabs)/index.tsx', commit: TC_AT },
    ],
    dependencies: EXPO_52,
    files: {
      'app/_layout.tsx': TC_ROOT,
      'app/(app)/_layout.tsx': tcLayout('!isSignedIn || !isAuthenticated', true),
      'app/(app)/(tabs)/index.tsx': TC_SCREEN,
      'hooks/useMe.ts': TC_HOOK,
      'convex/users.ts': TC_USERS,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
    },
    verdict:
      "Clean (variant of the entry above: the layout waits while useConvexAuth() loads and redirects unless Clerk's isSignedIn and Convex's isAuthenticated both hold, so the screens mount only once Convex has accepted the token).",
    expect: [],
  },
];
