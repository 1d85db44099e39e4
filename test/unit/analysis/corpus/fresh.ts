// From the fresh check of issue 23 (an independent reviewer's 51 files, none of them in this corpus before): the
// forms the analyzer missed, or flagged wrongly, reduced by that reviewer to the lines that carry them. Each verdict
// is the reviewer's, written before the analyzer ran; these repositories are now part of the corpus, so a later
// fresh check must avoid them (SOURCES.md).
import type { CorpusEntry } from './types';

const NEXT = { next: '15.2.0', '@clerk/nextjs': '^6.12.0', convex: '^1.26.0' };

export const fresh: CorpusEntry[] = [
  {
    id: 'fresh-provider-use-auth-from-clerk-react-under-nextjs-layout',
    sources: [
      { repo: 'jonjj2016/convex-clerk-template', path: 'src/providers/convex-provider.tsx' },
      { repo: 'jonjj2016/convex-clerk-template', path: 'src/app/layout.tsx' },
    ],
    dependencies: { ...NEXT, '@clerk/clerk-react': '^5.24.0' },
    files: {
      'src/providers/convex-provider.tsx': `"use client";
import { useAuth } from "@clerk/clerk-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
      'src/app/layout.tsx': `import { ClerkProvider } from "@clerk/nextjs";
import { ConvexClientProvider } from "../providers/convex-provider";

export default function RootLayout({ children }: { children: React.ReactNode }) {
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
      'Bug: the provider passes useAuth from @clerk/clerk-react while the layout renders it under ClerkProvider from @clerk/nextjs (another SDK). Reported where the layout renders the provider.',
    expect: [{ file: 'src/app/layout.tsx', code: 'use-auth-source', at: '<ConvexClientProvider>{children}' }],
  },
  {
    id: 'fresh-query-needs-identity-through-local-helper',
    sources: [
      { repo: 'ascencioian/nextjs-clerk-convex-crm', path: 'convex/businessProfiles.ts' },
      { repo: 'ascencioian/nextjs-clerk-convex-crm', path: 'app/portal/profile/page.tsx' },
    ],
    dependencies: NEXT,
    files: {
      'convex/businessProfiles.ts': `import { query } from "./_generated/server";

async function requireAuth(ctx: any) {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) {
    throw new Error("Unauthorized");
  }
  return identity.subject;
}

export const mine = query({
  args: {},
  handler: async (ctx) => {
    const userId = await requireAuth(ctx);
    return ctx.db
      .query("businessProfiles")
      .withIndex("by_user", (q) => q.eq("userId", userId))
      .first();
  },
});
`,
      'app/portal/profile/page.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";

export default function ProfilePage() {
  const profile = useQuery(api.businessProfiles.mine, {});
  return <h1>{profile?.name}</h1>;
}
`,
    },
    verdict:
      'Bug: the page sends api.businessProfiles.mine ungated and its handler throws without an identity (through requireAuth). On the useQuery call.',
    expect: [
      { file: 'app/portal/profile/page.tsx', code: 'query-before-auth', at: 'useQuery(api.businessProfiles.mine, {})' },
    ],
  },
  {
    id: 'fresh-query-through-project-hook',
    sources: [
      { repo: 'JavierTapiaMx/clerk-convex-nextjs', path: 'hooks/useTasks.ts' },
      { repo: 'JavierTapiaMx/clerk-convex-nextjs', path: 'app/tasks/page.tsx' },
    ],
    dependencies: NEXT,
    files: {
      'convex/tasks.ts': `import { query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthorized");
    return ctx.db
      .query("tasks")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});
`,
      'hooks/useTasks.ts': `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export function useTasks() {
  const tasks = useQuery(api.tasks.list);
  return { tasks: tasks ?? [], isLoading: tasks === undefined };
}
`,
      'app/tasks/page.tsx': `"use client";
import { useTasks } from "../../hooks/useTasks";

export default function TasksPage() {
  const { tasks } = useTasks();
  return <ul>{tasks.map((t) => <li key={t._id}>{t.text}</li>)}</ul>;
}
`,
    },
    verdict:
      'Bug: the page calls useTasks(), which sends api.tasks.list ungated; the handler throws without an identity. On the useTasks() call in the page.',
    expect: [{ file: 'app/tasks/page.tsx', code: 'query-before-auth', at: 'useTasks()' }],
  },
  {
    id: 'fresh-query-skipped-on-clerk-org-id',
    sources: [
      {
        repo: 'snjugunanjenga/Indeed-Clone-Multi-Tenant-Clerk-Convex-MCP',
        path: 'app/company/_components/billing-usage-cards.tsx',
      },
    ],
    dependencies: NEXT,
    files: {
      'app/company/_components/billing-usage-cards.tsx': `"use client";
import { useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export function BillingUsageCards() {
  const { orgId } = useAuth();
  const usage = useQuery(api.billing.usage, orgId ? { orgId } : "skip");
  return <p>{usage?.seats ?? 0} seats</p>;
}
`,
    },
    verdict:
      "Bug: the query is skipped only on Clerk's orgId, so it can run before Convex has the token. On the skip test.",
    expect: [{ file: 'app/company/_components/billing-usage-cards.tsx', code: 'clerk-gate', at: 'useAuth()' }],
  },
  {
    id: 'fresh-mutation-writes-for-a-users-id-argument',
    sources: [{ repo: 'tarak6984/AI-Dating-App-Expo-SDK-55-Clerk-Convex-OpenAI', path: 'convex/swipes.ts' }],
    dependencies: { expo: '~55.0.0', '@clerk/clerk-expo': '^2.13.0', convex: '^1.26.0' },
    files: {
      'convex/swipes.ts': `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const createSwipe = mutation({
  args: { swiperId: v.id("users"), swipedId: v.id("users"), liked: v.boolean() },
  handler: async (ctx, args) => {
    await ctx.db.insert("swipes", {
      swiperId: args.swiperId,
      swipedId: args.swipedId,
      liked: args.liked,
    });
  },
});

export const profile = query({
  args: { profileId: v.id("users") },
  handler: async (ctx, args) => {
    const u = await ctx.db.get(args.profileId);
    return u ? { name: u.name, bio: u.bio } : null;
  },
});
`,
    },
    verdict:
      'Bug: createSwipe writes a swipe for whichever swiperId (a users id) the client sends. On the swiperId argument; the profile read of another user is fine.',
    expect: [{ file: 'convex/swipes.ts', code: 'identity-from-args', at: 'swiperId: v.id("users")' }],
  },
  {
    id: 'fresh-public-profile-card-by-user-id',
    sources: [{ repo: 'projectplannerai/nextjs-clerk-convex-stripe-resend-template', path: 'convex/users.ts' }],
    dependencies: NEXT,
    files: {
      'convex/users.ts': `import { v } from "convex/values";
import { query } from "./_generated/server";

export const getUserMetadata = query({
  args: { userId: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_userId", (q) => q.eq("userId", args.userId))
      .first();
    return user ? { name: user.name, image: user.image } : undefined;
  },
});
`,
    },
    verdict:
      "Clean: a read-only lookup of another user's public card (name, image) by id; taking the user from ctx.auth would be the wrong advice.",
    expect: [],
  },
];
