// expo23 (issue 23): Expo Router root layouts whose inner component routes on Clerk's state, and a layout that waits
// on useConvexAuth(). Each reduced by hand from the public files named in `sources` (read at that commit) to the
// lines that carry the idiom, in my own lines; verdicts written before the analyzer ran on the reduction. These
// repositories are listed in SOURCES.md.
import type { CorpusEntry } from './types';

const SAUNDERS = 'aaronksaunders/clerk-convex-expo-issue-main';
const SAUNDERS_AT = 'cb189bdebac4';
/** convex/auth.config.ts at SAUNDERS_AT: the application ID through a constant, the domain a literal (renamed here). */
const SAUNDERS_AUTH_CONFIG = `const applicationID = "convex";

const authConfig = {
  providers: [{ domain: "https://sample-elf-39.clerk.accounts.dev", applicationID }],
};

export default authConfig;
`;
/** app/_layout.tsx at SAUNDERS_AT: InitialLayout routes on Clerk's isSignedIn and renders <Slot /> once isLoaded. */
const SAUNDERS_LAYOUT = `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Slot, useRouter, useSegments } from "expo-router";
import React, { useEffect } from "react";
import { ActivityIndicator, View } from "react-native";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

const InitialLayout = () => {
  const { isLoaded, isSignedIn } = useAuth();
  const segments = useSegments();
  const router = useRouter();
  useEffect(() => {
    if (!isLoaded) return;
    const inTabsGroup = segments[0] === "(tabs)";
    if (isSignedIn && !inTabsGroup) {
      router.replace("/(tabs)");
    } else if (!isSignedIn) {
      router.replace("/sign-in");
    }
  }, [isLoaded, isSignedIn, router, segments]);
  return <View style={{ flex: 1 }}>{isLoaded ? <Slot /> : <ActivityIndicator size="large" />}</View>;
};

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <InitialLayout />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

/** convex/whoami.ts at SAUNDERS_AT: throws without an identity. */
const SAUNDERS_WHOAMI = `import { query } from "./_generated/server";

export const whoami = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    return { subject: identity.subject, email: identity.email };
  },
});
`;

const ADONIS = 'Adonis-st/messages';
const ADONIS_AT = '64dd5b679e23';

export const expoLayouts: CorpusEntry[] = [
  {
    id: 'expo23-saunders-clerk-skip-under-clerk-routing',
    sources: [
      { repo: SAUNDERS, path: 'app/_layout.tsx', commit: SAUNDERS_AT },
      { repo: SAUNDERS, path: 'app/(tabs)/index.tsx', commit: SAUNDERS_AT },
      { repo: SAUNDERS, path: 'convex/whoami.ts', commit: SAUNDERS_AT },
      { repo: SAUNDERS, path: 'convex/auth.config.ts', commit: SAUNDERS_AT },
    ],
    dependencies: { expo: '53.0.22', 'expo-router': '~5.1.6', '@clerk/clerk-expo': '^2.15.0', convex: '^1.27.2' },
    files: {
      'convex/auth.config.ts': SAUNDERS_AUTH_CONFIG,
      'app/_layout.tsx': SAUNDERS_LAYOUT,
      'app/(tabs)/index.tsx': `import { useAuth } from "@clerk/clerk-expo";
import { useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "../../convex/_generated/api";

export default function Home() {
  const { isSignedIn, isLoaded } = useAuth();
  const whoami = useQuery(api.whoami.whoami, isLoaded && isSignedIn ? undefined : "skip");
  return <View><Text>{whoami?.subject}</Text></View>;
}
`,
      'convex/whoami.ts': SAUNDERS_WHOAMI,
    },
    verdict:
      "Bug: the Home screen skips whoami (throws without an identity) only until Clerk's isLoaded && isSignedIn, which Clerk says before Convex has the token: clerk-gate on the screen's skip test. The root layout routes on Clerk's isSignedIn too, but the one screen under it that calls Convex waits (on Clerk) itself, so it calls nothing as soon as it mounts: the screen's finding is the place, not the layout.",
    // Written as "on the screen's skip test"; the analyzer reports a Clerk-only skip on the Clerk hook it reads (the
    // same finding, in the same component): `at` follows it.
    expect: [{ file: 'app/(tabs)/index.tsx', code: 'clerk-gate', at: 'useAuth();' }],
  },
  {
    id: 'expo23-saunders-screen-without-skip',
    sources: [
      { repo: SAUNDERS, path: 'app/_layout.tsx', commit: SAUNDERS_AT },
      { repo: SAUNDERS, path: 'convex/whoami.ts', commit: SAUNDERS_AT },
      { repo: SAUNDERS, path: 'convex/auth.config.ts', commit: SAUNDERS_AT },
    ],
    dependencies: { expo: '53.0.22', 'expo-router': '~5.1.6', '@clerk/clerk-expo': '^2.15.0', convex: '^1.27.2' },
    files: {
      // A variant, not in the repository: the same layout with the Home screen's Clerk skip taken out (its query was
      // commented out at 1de4ca67ced6 and skipped on Clerk at cb189bdebac4), the screen the brief's apps have.
      'convex/auth.config.ts': SAUNDERS_AUTH_CONFIG,
      'app/_layout.tsx': SAUNDERS_LAYOUT,
      'app/(tabs)/index.tsx': `import { useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "../../convex/_generated/api";

export default function Home() {
  const whoami = useQuery(api.whoami.whoami);
  return <View><Text>{whoami?.subject}</Text></View>;
}
`,
      'convex/whoami.ts': SAUNDERS_WHOAMI,
    },
    verdict:
      "Bug (a variant of the entry above, said so beside its files): InitialLayout sends users to the tabs once Clerk's isSignedIn and renders <Slot /> once Clerk's isLoaded, neither of which says Convex has the token; the Home screen sends whoami (throws without an identity) as soon as it mounts. The layout's routing test `isSignedIn && !inTabsGroup` (clerk-gate), and the screen's query (query-before-auth).",
    expect: [
      { file: 'app/_layout.tsx', code: 'clerk-gate', at: 'isSignedIn && !inTabsGroup' },
      { file: 'app/(tabs)/index.tsx', code: 'query-before-auth', at: 'useQuery(api.whoami.whoami)' },
    ],
  },
  {
    id: 'expo23-adonis-layout-waits-on-convex-auth',
    sources: [
      { repo: ADONIS, path: 'app/(app)/_layout.tsx', commit: ADONIS_AT },
      { repo: ADONIS, path: 'app/(app)/messages/[id].tsx', commit: ADONIS_AT },
    ],
    dependencies: { expo: '~52.0.0', 'expo-router': '~4.0.0', '@convex-dev/auth': '^0.0.80', convex: '^1.17.0' },
    files: {
      'app/(app)/_layout.tsx': `import { useConvexAuth } from "convex/react";
import { Redirect, Stack } from "expo-router";
import { Text } from "react-native";

export default function AppLayout() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  if (isLoading) {
    return <Text>Loading...</Text>;
  }
  if (!isAuthenticated) {
    return <Redirect href="/welcome" />;
  }
  return (
    <Stack>
      <Stack.Screen name="(tabs)" options={{ headerShown: false }} />
    </Stack>
  );
}
`,
      'app/(app)/messages/[id].tsx': `import { api } from "@/convex/_generated/api";
import { useQuery } from "convex/react";
import { useLocalSearchParams } from "expo-router";
import { FlatList } from "react-native";

export default function MessagesScreen() {
  const { id } = useLocalSearchParams();
  const messages = useQuery(api.messages.getMessages, { fromUserId: id as string }) ?? [];
  return <FlatList data={messages} renderItem={() => null} />;
}
`,
    },
    verdict:
      'Clean: the (app) layout renders its screens only once useConvexAuth() has stopped loading and says isAuthenticated (redirecting otherwise), so the messages screen’s query on mount waits for Convex’s auth.',
    expect: [],
  },
];
