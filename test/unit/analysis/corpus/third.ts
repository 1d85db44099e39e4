// From issue 23's third fresh check (22 repositories, an independent reviewer): Expo Router screens, a skip test on
// useOrganization()/useUser() state, and <SignedIn> around the result of a query that reads no identity. Each reduced
// by hand from the public file named in `sources` (read at that commit) to the lines that carry the idiom; verdicts
// written before the analyzer ran on the reduction. These repositories are listed in SOURCES.md.
import type { CorpusEntry } from './types';

const EXPO = { expo: '~52.0.0', 'expo-router': '~4.0.0', '@clerk/clerk-expo': '^2.10.0', convex: '^1.23.0' };

const EXPO_LAYOUT = `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { Slot } from "expo-router";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <Slot />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

/** Both Expo repositories below have one (a reduction of other lines: the project the learner has wired). */
const CLERK_AUTH_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }],
};
`;

export const third: CorpusEntry[] = [
  {
    id: 'third-expo-router-tab-screen-queries-before-auth',
    sources: [
      { repo: 'TapToDev94/Chat-App-Expo-Convex', path: 'app/(protected)/(tabs)/index.tsx', commit: 'e7705455e8e6' },
      { repo: 'TapToDev94/Chat-App-Expo-Convex', path: 'convex/chats.ts', commit: 'e7705455e8e6' },
    ],
    dependencies: EXPO,
    files: {
      'app/_layout.tsx': EXPO_LAYOUT,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
      'app/(protected)/(tabs)/index.tsx': `import { useQuery } from "convex/react";
import { FlatList, Text } from "react-native";
import { api } from "@/convex/_generated/api";

export default function ChatsScreen() {
  const chats = useQuery(api.chats.getChats, {});
  return <FlatList data={chats ?? []} renderItem={({ item }) => <Text>{item.title}</Text>} />;
}
`,
      'convex/chats.ts': `import { query } from "./_generated/server";

export const getChats = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    return await ctx.db
      .query("chats")
      .withIndex("by_member", (q) => q.eq("member", identity.subject))
      .collect();
  },
});
`,
    },
    verdict:
      'Bug: the tab screen is rendered by Expo Router as soon as the root layout renders its Slot, and sends getChats (which throws without an identity) before Convex has the Clerk token.',
    expect: [
      {
        file: 'app/(protected)/(tabs)/index.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.chats.getChats, {})',
      },
    ],
  },
  {
    id: 'third-expo-router-index-authenticated-only-around-output',
    sources: [{ repo: 'ethan-krich/clerk-convex-repo', path: 'app/index.tsx', commit: 'ab4f35b2c34e' }],
    dependencies: EXPO,
    files: {
      'app/_layout.tsx': EXPO_LAYOUT,
      'convex/auth.config.ts': CLERK_AUTH_CONFIG,
      'app/index.tsx': `import { Authenticated, Unauthenticated, useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "@/convex/_generated/api";

export default function Index() {
  const tasks = useQuery(api.tasks.getTasks);
  return (
    <View>
      <Authenticated>
        {tasks?.map(({ _id, text }) => <Text key={_id}>{text}</Text>)}
      </Authenticated>
      <Unauthenticated>
        <Text>Please sign in</Text>
      </Unauthenticated>
    </View>
  );
}
`,
      'convex/tasks.ts': `import { query } from "./_generated/server";

export const getTasks = query({
  args: {},
  handler: async (ctx) => {
    const user = await ctx.auth.getUserIdentity();
    if (user === null) throw new Error("Not signed in");
    return await ctx.db.query("tasks").filter((q) => q.eq(q.field("owner"), user.tokenIdentifier)).collect();
  },
});
`,
    },
    verdict:
      'Bug: the query is sent at the top of the index screen (rendered by Expo Router), outside <Authenticated>, which only wraps its output; getTasks throws without an identity.',
    expect: [{ file: 'app/index.tsx', code: 'query-before-auth', at: 'useQuery(api.tasks.getTasks)' }],
  },
  {
    id: 'third-skip-on-organization-or-user-id',
    sources: [
      { repo: 'xCarter93/nextjs-file-drive', path: 'src/components/FilesBrowser.tsx', commit: '415878aff06b' },
      { repo: 'xCarter93/nextjs-file-drive', path: 'convex/files.ts', commit: '415878aff06b' },
    ],
    dependencies: { next: '14.1.0', '@clerk/nextjs': '^4.29.9', convex: '^1.10.0' },
    files: {
      'src/components/FilesBrowser.tsx': `"use client";
import { useOrganization, useUser } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export function FilesBrowser({ title }: { title: string }) {
  const organization = useOrganization();
  const user = useUser();

  let orgId: string | undefined = undefined;
  if (organization.isLoaded && user.isLoaded) {
    orgId = organization.organization?.id ?? user.user?.id;
  }

  const files = useQuery(api.files.getFiles, orgId ? { orgId } : "skip");
  return (
    <section>
      <h1>{title}</h1>
      {files?.map((f) => <p key={f._id}>{f.name}</p>)}
    </section>
  );
}
`,
      'convex/files.ts': `import { v } from "convex/values";
import { query, type QueryCtx } from "./_generated/server";

async function hasAccessToOrg(ctx: QueryCtx, orgId: string) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  const user = await ctx.db
    .query("users")
    .withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .first();
  if (!user) return null;
  return user.orgIds.includes(orgId) || user.tokenIdentifier.includes(orgId) ? { user } : null;
}

export const getFiles = query({
  args: { orgId: v.string() },
  async handler(ctx, args) {
    const access = await hasAccessToOrg(ctx, args.orgId);
    if (!access) return [];
    return ctx.db.query("files").withIndex("by_orgId", (q) => q.eq("orgId", args.orgId)).collect();
  },
});
`,
    },
    verdict:
      "Bug: the query waits only for Clerk (useOrganization()/useUser() loaded and an org or user id), not for Convex's auth; getFiles returns [] without an identity, so the list starts empty before the token is accepted.",
    expect: [{ file: 'src/components/FilesBrowser.tsx', code: 'clerk-gate', at: 'useOrganization()' }],
  },
  {
    id: 'third-signed-in-around-result-of-open-query',
    sources: [{ repo: 'elcokiin/EHC-GYM', path: 'apps/native/app/(home)/index.tsx', commit: '618df251b973' }],
    dependencies: EXPO,
    files: {
      'app/(home)/index.tsx': `import { SignedIn, SignedOut } from "@clerk/clerk-expo";
import { useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "@/convex/_generated/api";

export default function Home() {
  const healthCheck = useQuery(api.healthCheck.get);
  return (
    <View>
      <SignedIn>
        <Text>{healthCheck === "OK" ? "Connected" : "Checking…"}</Text>
      </SignedIn>
      <SignedOut>
        <Text>Sign in to continue</Text>
      </SignedOut>
    </View>
  );
}
`,
      'convex/healthCheck.ts': `import { query } from "./_generated/server";

export const get = query({
  handler: async () => {
    return "OK";
  },
});
`,
    },
    verdict:
      'Clean: <SignedIn> only hides the result of a query whose function reads no identity; it answers the same with or without the token.',
    expect: [],
  },
];
