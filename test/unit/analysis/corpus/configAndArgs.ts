// Issue 23's fourth fresh check, classes still missed: the acting user's id under a role name and picked from rows
// in JavaScript (identity-from-args), ConvexProviderWithClerk in a project with no auth.config, and a plain
// ConvexProvider there. Reductions of my own lines from the named files; verdicts written before the analyzer ran.
import type { CorpusEntry } from './types';

const NEXT = { next: '15.3.3', '@clerk/nextjs': '^6.21.0', convex: '^1.24.8' };
const CLERK_CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;

/** hypeShelf's shape: the provider component, an identity helper in convex/auth.ts, a mutation that uses it. */
const HYPE_FILES = {
  'lib/convex/client.tsx': `"use client";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { useAuth } from "@clerk/nextjs";
import { ReactNode } from "react";

const url = process.env.NEXT_PUBLIC_CONVEX_URL;
const convex = url ? new ConvexReactClient(url) : null;

export function ConvexClientProvider({ children }: { children: ReactNode }) {
  if (!convex) return <>{children}</>;
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
  'convex/auth.ts': `import { QueryCtx, MutationCtx } from "./_generated/server";

export async function currentUserId(ctx: QueryCtx | MutationCtx): Promise<string> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Unauthorized");
  return identity.subject;
}
`,
  'convex/picks.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";
import { currentUserId } from "./auth";

export const addPick = mutation({
  args: { title: v.string(), link: v.string() },
  handler: async (ctx, args) => {
    const authorId = await currentUserId(ctx);
    return await ctx.db.insert("picks", { title: args.title, link: args.link, authorId });
  },
});
`,
};

export const configAndArgs: CorpusEntry[] = [
  {
    id: 'args-inviter-user-id-checked-against-the-workspace',
    sources: [{ repo: 'Shirataki2/next-convex-app', path: 'convex/invitations.ts', commit: '8690bfac4ee2' }],
    dependencies: NEXT,
    files: {
      'convex/auth.config.js': CLERK_CONFIG,
      'convex/invitations.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const createInvitation = mutation({
  args: { workspaceId: v.id("workspaces"), email: v.string(), inviterUserId: v.string() },
  handler: async (ctx, { workspaceId, email, inviterUserId }) => {
    const ws = await ctx.db.get(workspaceId);
    if (!ws) throw new Error("no workspace");
    if (ws.ownerId !== inviterUserId && !ws.members.includes(inviterUserId)) {
      throw new Error("not allowed to invite");
    }
    return await ctx.db.insert("workspaceInvitations", { workspaceId, inviterUserId, email, status: "pending" });
  },
});
`,
    },
    verdict:
      "Bug: the inviter's id comes from the client, decides whether the invitation is allowed (owner or member) and is stored as the inviter: anyone can invite as anyone. On the inviterUserId argument.",
    expect: [{ file: 'convex/invitations.ts', code: 'identity-from-args', at: 'inviterUserId: v.string()' }],
  },
  {
    id: 'args-workspaces-filtered-in-javascript-by-user-id',
    sources: [{ repo: 'Shirataki2/next-convex-app', path: 'convex/workspaces.ts', commit: '8690bfac4ee2' }],
    dependencies: NEXT,
    files: {
      'convex/auth.config.js': CLERK_CONFIG,
      'convex/workspaces.ts': `import { v } from "convex/values";
import { query } from "./_generated/server";

export const getUserWorkspaces = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    const all = await ctx.db.query("workspaces").collect();
    return all.filter((w) => w.ownerId === userId || w.members.includes(userId));
  },
});
`,
    },
    verdict:
      "Bug: any signed-in user lists another user's workspaces: the rows are collected and picked in JavaScript by the userId the client sends (the identity is checked for presence only). On the userId argument.",
    expect: [{ file: 'convex/workspaces.ts', code: 'identity-from-args', at: 'userId: v.string()' }],
  },
  {
    id: 'config-missing-behind-convex-provider-with-clerk',
    sources: [
      { repo: 'amazonking-dev/hypeShelf-next-convex-app', path: 'lib/convex/client.tsx', commit: '82162a6fa05c' },
      { repo: 'amazonking-dev/hypeShelf-next-convex-app', path: 'convex/auth.ts', commit: '82162a6fa05c' },
      { repo: 'amazonking-dev/hypeShelf-next-convex-app', path: 'convex/mutations.ts', commit: '82162a6fa05c' },
    ],
    dependencies: { next: '^16.1.6', '@clerk/nextjs': '^6.38.0', convex: '^1.32.0' },
    files: HYPE_FILES,
    verdict:
      'Bug: ConvexProviderWithClerk sends the token, the mutation needs a signed-in user (through the helper), and the project has no convex/auth.config.*: Convex rejects every token. On the ConvexProviderWithClerk element.',
    expect: [{ file: 'lib/convex/client.tsx', code: 'auth-config-missing', at: 'ConvexProviderWithClerk client' }],
  },
  {
    id: 'config-present-beside-the-same-provider',
    sources: [
      { repo: 'amazonking-dev/hypeShelf-next-convex-app', path: 'lib/convex/client.tsx', commit: '82162a6fa05c' },
    ],
    dependencies: { next: '^16.1.6', '@clerk/nextjs': '^6.38.0', convex: '^1.32.0' },
    files: { ...HYPE_FILES, 'convex/auth.config.ts': CLERK_CONFIG },
    verdict: 'Clean: the same project once convex/auth.config.ts names Clerk.',
    expect: [],
  },
  {
    id: 'config-in-the-backend-package-of-a-monorepo',
    sources: [
      { repo: 'panjiggm/jems', path: 'apps/web/src/components/providers/convex-providers.tsx', commit: '2a8952c4e04a' },
      { repo: 'panjiggm/jems', path: 'packages/backend/convex/auth.config.js', commit: '2a8952c4e04a' },
    ],
    dependencies: { next: '16.0.0', '@clerk/nextjs': '^6.33.0', convex: '^1.28.0' },
    packageJsons: {
      'apps/web/package.json': { next: '16.0.0', '@clerk/nextjs': '^6.33.0', convex: '^1.28.0' },
      'packages/backend/package.json': { convex: '^1.28.0' },
    },
    files: {
      'apps/web/src/components/providers/convex-providers.tsx': `"use client";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexProviders({ children }: { children: React.ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
      'packages/backend/convex/auth.config.js': `export default {
  providers: [{ domain: process.env.CLERK_ISSUER_URL, applicationID: "convex" }],
};
`,
      'packages/backend/convex/profile.ts': `import { query } from "./_generated/server";

export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    return await ctx.db
      .query("profiles")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .unique();
  },
});
`,
    },
    verdict:
      "Clean: the auth.config sits in the backend package's convex/ folder, which is the project's Convex folder.",
    expect: [],
  },
  {
    id: 'plain-provider-in-a-project-with-no-auth-config',
    sources: [{ repo: 'Victor11-leo/post-natal-care', path: 'app/_layout.tsx', commit: 'fc18d4a40045' }],
    dependencies: { expo: '53.0.10', 'expo-router': '~5.0.0', '@clerk/clerk-expo': '^2.9.12', convex: '^1.23.0' },
    files: {
      'app/_layout.tsx': `import { Stack } from "expo-router";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ClerkProvider } from "@clerk/clerk-expo";
import { tokenCache } from "@clerk/clerk-expo/token-cache";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

export default function RootLayout() {
  return (
    <ConvexProvider client={convex}>
      <ClerkProvider tokenCache={tokenCache}>
        <Stack screenOptions={{ headerShown: false }} />
      </ClerkProvider>
    </ConvexProvider>
  );
}
`,
      'convex/posts.ts': `import { query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("posts").order("desc").collect(),
});
`,
    },
    verdict:
      'Bug: a plain ConvexProvider in an app that signs users in with Clerk (no token ever reaches Convex); the project has no auth.config either, so the advice must name both steps. On the ConvexProvider element.',
    expect: [{ file: 'app/_layout.tsx', code: 'plain-convex-provider', at: 'ConvexProvider client' }],
  },
];
