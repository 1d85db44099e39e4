// Issue 23's seventh fresh check, class M1: a Convex mutation fired from an effect on Clerk's sign-in state (useUser's
// isSignedIn/user, useAuth's isSignedIn) with nothing of Convex's auth in the guard, whose handler needs a signed-in
// user. Clerk says signed in before ConvexProviderWithClerk has fetched the token and Convex has accepted it, so the
// first call runs anonymous and the handler throws. Reductions of my own lines from the named files (commits from
// the check's items list); verdicts written before the analyzer ran. The clean near miss (Jell13/chat-app) waits for
// useConvexAuth().isAuthenticated.
import type { CorpusEntry } from './types';

const NEXT = { next: '15.1.5', '@clerk/nextjs': '^6.9.14', convex: '^1.18.2' };
const CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;

const STORE_USERS = `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const store = mutation({
  args: { name: v.optional(v.string()), email: v.optional(v.string()), tokenIdentifier: v.optional(v.string()) },
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("store called without authentication");
    }
    const found = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .first();
    if (found) return found._id;
    return await ctx.db.insert("users", { name: identity.name ?? "", tokenIdentifier: identity.tokenIdentifier });
  },
});
`;

const A15_PROVIDER = `"use client";

import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useEffect } from "react";

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const { user, isSignedIn } = useUser();
  const storeUser = useMutation(api.users.store);

  useEffect(() => {
    if (!isSignedIn || !user) return;
    storeUser({ tokenIdentifier: user.id, name: user.fullName ?? "", email: user.primaryEmailAddress?.emailAddress });
  }, [isSignedIn, user, storeUser]);

  return <>{children}</>;
}
`;

const A15_HOOK = `"use client";

import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "@/convex/_generated/api";
import { useEffect } from "react";

export function useAuth() {
  const { isSignedIn, isLoaded, user } = useUser();
  const storeUser = useMutation(api.users.store);

  useEffect(() => {
    if (isLoaded && isSignedIn && user) {
      storeUser({ name: user.fullName ?? "", tokenIdentifier: user.id }).catch(console.error);
    }
  }, [isLoaded, isSignedIn, user, storeUser]);

  return { isAuthenticated: isSignedIn, isLoading: !isLoaded };
}
`;

const A39_LAYOUT = `import { useAuth } from "@clerk/clerk-expo";
import { Redirect } from "expo-router";
import { NativeTabs } from "expo-router/unstable-native-tabs";

export default function AppLayout() {
  const { isLoaded, isSignedIn } = useAuth();
  if (!isLoaded) return null;
  if (!isSignedIn) return <Redirect href="/(auth)/sign-in" />;
  return (
    <NativeTabs>
      <NativeTabs.Trigger name="index" />
    </NativeTabs>
  );
}
`;

const A39_SCREEN = `import { SignedIn, useUser } from "@clerk/clerk-expo";
import { useMutation, useQuery } from "convex/react";
import { useEffect, useRef } from "react";
import { Text, View } from "react-native";
import { api } from "@convex/_generated/api";

export default function HomeScreen() {
  const { user } = useUser();
  const currentUser = useQuery(api.users.current, {});
  const bootstrapUser = useMutation(api.users.bootstrap);
  const started = useRef(false);

  useEffect(() => {
    if (!user || currentUser !== null || started.current) {
      return;
    }
    started.current = true;
    void bootstrapUser({ email: user.primaryEmailAddress?.emailAddress, name: user.fullName ?? undefined });
  }, [bootstrapUser, currentUser, user]);

  return (
    <View>
      <SignedIn>
        <Text>{currentUser?.email ?? "Loading profile..."}</Text>
      </SignedIn>
    </View>
  );
}
`;

const A39_USERS = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { requireUserIdentity } from "./lib";

export const bootstrap = mutation({
  args: { email: v.optional(v.string()), name: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const identity = await requireUserIdentity(ctx);
    const existing = await ctx.db
      .query("users")
      .withIndex("by_clerk_user_id", (q) => q.eq("clerkUserId", identity.subject))
      .unique();
    if (existing) return existing._id;
    return ctx.db.insert("users", { clerkUserId: identity.subject, email: args.email, name: args.name });
  },
});

export const current = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      return null;
    }
    return ctx.db
      .query("users")
      .withIndex("by_clerk_user_id", (q) => q.eq("clerkUserId", identity.subject))
      .unique();
  },
});
`;

const A39_LIB = `import { ConvexError } from "convex/values";
import type { MutationCtx, QueryCtx } from "./_generated/server";

export async function requireUserIdentity(ctx: Pick<MutationCtx | QueryCtx, "auth">) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    throw new ConvexError("Unauthorized");
  }
  return identity;
}
`;

const A51_INITIALIZER = `import { useAuth } from "@clerk/clerk-react";
import { useMutation, useQuery } from "convex/react";
import { useEffect, useRef, useState } from "react";
import { api } from "../../convex/_generated/api";

export function UserInitializer({ children }: { children: React.ReactNode }) {
  const { isSignedIn, isLoaded } = useAuth();
  const getCurrentUser = useMutation(api.users.getCurrentUser);
  const running = useRef(false);
  const [ready, setReady] = useState(false);
  const profile = useQuery(api.users.getCurrentUserProfile, isLoaded && isSignedIn ? {} : "skip");

  useEffect(() => {
    if (running.current || ready) return;
    if (isLoaded && isSignedIn) {
      running.current = true;
      getCurrentUser()
        .then(() => setReady(true))
        .catch(() => {
          running.current = false;
        });
    }
  }, [isLoaded, isSignedIn, getCurrentUser, ready]);

  if (isLoaded && isSignedIn && !ready && profile === undefined) return <div>Loading...</div>;
  return <>{children}</>;
}
`;

const A51_USERS = `import { mutation, query } from "./_generated/server";

export const getCurrentUser = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    const existing = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.subject))
      .unique();
    if (existing) return existing._id;
    return await ctx.db.insert("users", { tokenIdentifier: identity.subject, name: identity.name ?? "" });
  },
});

export const getCurrentUserProfile = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.subject))
      .unique();
  },
});
`;

const CHAT_PAGE = `"use client";

import { api } from "@convex/_generated/api";
import { useConvexAuth, useMutation } from "convex/react";
import { useEffect } from "react";
import Fallback from "@components/conversation/ConversationFallback";

const ConversationsPage = () => {
  const store = useMutation(api.users.store);
  const { isAuthenticated } = useConvexAuth();
  useEffect(() => {
    if (isAuthenticated) {
      store({});
    }
  });
  return <Fallback />;
};

export default ConversationsPage;
`;

const CHAT_USERS = `import { ConvexError } from "convex/values";
import { mutation } from "./_generated/server";

export const store = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new ConvexError("store called before authentication");
    }
    const user = await ctx.db
      .query("users")
      .withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
      .unique();
    if (user !== null) return user._id;
    return await ctx.db.insert("users", { username: identity.name, tokenIdentifier: identity.tokenIdentifier });
  },
});
`;

export const mutationsOnClerk: CorpusEntry[] = [
  {
    id: 'audit7-A15-store-on-clerk-state',
    sources: [
      {
        repo: 'VidAIze/NextJS-Convex-Clerk-Starter-Templete',
        path: 'components/providers/auth-provider.tsx',
        commit: '86961516ac9e',
      },
      { repo: 'VidAIze/NextJS-Convex-Clerk-Starter-Templete', path: 'app/hooks/use-auth.ts', commit: '86961516ac9e' },
      { repo: 'VidAIze/NextJS-Convex-Clerk-Starter-Templete', path: 'convex/users.ts', commit: '86961516ac9e' },
    ],
    dependencies: NEXT,
    files: {
      'components/providers/auth-provider.tsx': A15_PROVIDER,
      'app/hooks/use-auth.ts': A15_HOOK,
      'convex/users.ts': STORE_USERS,
      'convex/auth.config.ts': CONFIG,
    },
    verdict:
      "Bug ×2 (clerk-gate): both files fire users.store (which throws without an identity) from an effect that waits only for Clerk's useUser() isSignedIn/user; the Clerk id they pass is ignored by the handler",
    expect: [
      { file: 'components/providers/auth-provider.tsx', code: 'clerk-gate', at: 'storeUser({' },
      { file: 'app/hooks/use-auth.ts', code: 'clerk-gate', at: 'storeUser({' },
    ],
  },
  {
    id: 'audit7-A39-bootstrap-on-clerk-user-and-null-query',
    sources: [
      { repo: 'niteshbalusu11/react-native-airborne', path: 'client/app/(app)/index.tsx', commit: 'e5174332239d' },
      { repo: 'niteshbalusu11/react-native-airborne', path: 'client/app/(app)/_layout.tsx', commit: 'e5174332239d' },
      { repo: 'niteshbalusu11/react-native-airborne', path: 'server/convex/users.ts', commit: 'e5174332239d' },
      { repo: 'niteshbalusu11/react-native-airborne', path: 'server/convex/lib.ts', commit: 'e5174332239d' },
    ],
    packageJsons: {
      'client/package.json': {
        '@clerk/clerk-expo': '^2.19.22',
        convex: '^1.28.2',
        expo: '^55.0.0-preview.10',
        'expo-router': '~55.0.0-preview.7',
        'react-native': '0.83.1',
      },
      'server/package.json': { convex: '^1.28.2' },
    },
    dependencies: {
      '@clerk/clerk-expo': '^2.19.22',
      convex: '^1.28.2',
      expo: '^55.0.0-preview.10',
      'expo-router': '~55.0.0-preview.7',
      'react-native': '0.83.1',
    },
    files: {
      'client/app/(app)/_layout.tsx': A39_LAYOUT,
      'client/app/(app)/index.tsx': A39_SCREEN,
      'server/convex/users.ts': A39_USERS,
      'server/convex/lib.ts': A39_LIB,
      'server/convex/auth.config.ts': CONFIG,
    },
    verdict:
      "Bug (clerk-gate): the home screen fires users.bootstrap (throws without an identity) once Clerk's user is set and users.current answered null, which it answers to anyone not yet authenticated; and <SignedIn> only hides users.current's result (the query is sent outside it)",
    expect: [
      { file: 'client/app/(app)/index.tsx', code: 'clerk-gate', at: 'bootstrapUser({' },
      { file: 'client/app/(app)/index.tsx', code: 'clerk-gate', at: '<SignedIn>' },
    ],
  },
  {
    id: 'audit7-A51-initializer-on-clerk-state',
    sources: [
      { repo: 'seidaiegoshi/tss_clerk_convex', path: 'src/components/UserInitializer.tsx', commit: 'b834c08cc6d1' },
      { repo: 'seidaiegoshi/tss_clerk_convex', path: 'convex/users.ts', commit: 'b834c08cc6d1' },
    ],
    dependencies: {
      '@clerk/clerk-react': '^5.49.0',
      '@tanstack/react-router': '^1.132.0',
      '@tanstack/react-start': '^1.132.0',
      convex: '^1.27.3',
    },
    files: {
      'src/components/UserInitializer.tsx': A51_INITIALIZER,
      'convex/users.ts': A51_USERS,
      'convex/auth.config.ts': CONFIG,
    },
    verdict:
      "Bug (clerk-gate): UserInitializer skips users.getCurrentUserProfile and fires the getCurrentUser mutation (throws without an identity) on Clerk's useAuth() isLoaded && isSignedIn alone",
    expect: [{ file: 'src/components/UserInitializer.tsx', code: 'clerk-gate', at: '= useAuth()' }],
  },
  {
    id: 'fresh-chat-app-store-on-convex-auth',
    sources: [
      { repo: 'Jell13/chat-app', path: 'app/(root)/conversations/page.jsx', commit: '13b88eab9e08' },
      { repo: 'Jell13/chat-app', path: 'convex/users.js', commit: 'd6fdd6205d56' },
    ],
    dependencies: { next: '14.2.3', '@clerk/nextjs': '^5.1.2', convex: '^1.12.0' },
    files: {
      'app/(root)/conversations/page.jsx': CHAT_PAGE,
      'convex/users.js': CHAT_USERS,
      'convex/auth.config.js': CONFIG,
    },
    verdict:
      'Clean: the page fires users.store (throws without an identity) from an effect that waits for useConvexAuth().isAuthenticated',
    expect: [],
  },
];
