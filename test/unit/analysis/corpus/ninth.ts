// Issue 23's ninth fresh check: reductions of my own lines carrying the idioms of its false findings (F1–F3). Each
// verdict was written down before the analyzer ran on the reduction. These repositories are listed in SOURCES.md.
import type { CorpusEntry } from './types';

// F2: 07rv/whatsapp-clone @dd437111f817 — convex/conversations.ts: kickUser reads the caller's identity (throws
// without one) and takes the member to remove as `userId`, patching the conversation's participants without them.
const WHATSAPP = '07rv/whatsapp-clone';
const WHATSAPP_AT = 'dd437111f817';

// F2: JayRileyDev/supptraq-claude @dfca84aa512d — convex/accessControl.ts exports getUserContext(auth, db), which
// reads auth.getUserIdentity(), throws without one and returns the caller's row; convex/users.ts's
// updateMemberPermissions / removeMember take it (handed ctx.auth, ctx.db), check the caller's role, and patch the
// member named by `userId`.
const SUPPTRAQ = 'JayRileyDev/supptraq-claude';
const SUPPTRAQ_AT = 'dfca84aa512d';

// F3: Hemosoo/hackMIT2024 @91949696baf1 — my-app/src/main.tsx renders a plain ConvexProvider around ClerkProvider;
// my-app/convex/tasks.ts serves a public task list. No auth.config, no function reads the identity.
const HACKMIT = 'Hemosoo/hackMIT2024';
const HACKMIT_AT = '91949696baf1';

// F3: 5ammiches/sugarbar @02f7a3774ab4 — src/routes/__root.tsx renders the project's ConvexProvider component
// (src/components/providers/ConvexProvider.tsx: convex/react's ConvexProvider imported as ConvexReactProvider) with
// the ClerkAuthProvider wrapper commented out; src/components/auth/clerk-provider.tsx defines that wrapper, rendered
// nowhere; convex/auth.config.ts names Clerk's issuer. No function of the item reads the identity.
const SUGARBAR = '5ammiches/sugarbar';
const SUGARBAR_AT = '02f7a3774ab4';

const VITE = { vite: '^5.4.1', react: '^18.3.1', '@clerk/clerk-react': '^5.8.2', convex: '^1.16.0' };
const START = {
  '@tanstack/react-start': '^1.131.36',
  '@tanstack/react-router': '^1.131.36',
  '@clerk/tanstack-react-start': '^0.18.3',
  '@convex-dev/react-query': '0.0.0-alpha.11',
  convex: '^1.26.2',
  react: '^18.3.1',
  vite: '^6.3.6',
};
const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };
const REACT_ROUTER = {
  '@react-router/dev': '^7.5.3',
  react: '^19.0.0',
  convex: '^1.24.0',
  '@clerk/react-router': '^1.4.0',
};

export const ninth: CorpusEntry[] = [
  {
    id: 'ninth-f2-kick-a-member',
    sources: [{ repo: WHATSAPP, path: 'convex/conversations.ts', commit: WHATSAPP_AT }],
    dependencies: NEXT,
    files: {
      'convex/conversations.ts': `import { ConvexError, v } from "convex/values";
import { mutation } from "./_generated/server";

export const removeFromChat = mutation({
  args: { chatId: v.id("chats"), userId: v.id("users") },
  handler: async (ctx, args) => {
    const me = await ctx.auth.getUserIdentity();
    if (!me) throw new ConvexError("Unauthorized");
    const chat = await ctx.db.get(args.chatId);
    if (!chat) throw new ConvexError("No such chat");
    await ctx.db.patch(args.chatId, {
      members: chat.members.filter((m) => m !== args.userId),
    });
  },
});
`,
    },
    verdict:
      'Clean: the signed-in caller removes another member, named by userId (a target, not the caller); whether the caller may do so is authorisation, not this rule.',
    expect: [],
  },
  {
    id: 'ninth-f2-member-after-caller-context',
    sources: [
      { repo: SUPPTRAQ, path: 'convex/accessControl.ts', commit: SUPPTRAQ_AT },
      { repo: SUPPTRAQ, path: 'convex/users.ts', commit: SUPPTRAQ_AT },
    ],
    dependencies: REACT_ROUTER,
    files: {
      'convex/accessControl.ts': `import type { Auth } from "convex/server";
import type { DatabaseReader } from "./_generated/server";

export async function callerContext(auth: Auth, db: DatabaseReader) {
  const identity = await auth.getUserIdentity();
  if (!identity) throw new Error("Not signed in");
  const me = await db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.subject))
    .unique();
  if (!me) throw new Error("Unknown user");
  return { userId: me._id, role: me.role, orgId: me.orgId };
}
`,
      'convex/users.ts': `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { callerContext } from "./accessControl";

export const setMemberPages = mutation({
  args: { userId: v.id("users"), pages: v.array(v.string()) },
  handler: async (ctx, args) => {
    const caller = await callerContext(ctx.auth, ctx.db);
    if (caller.role !== "owner") throw new Error("Owners only");
    const member = await ctx.db.get(args.userId);
    if (!member || member.orgId !== caller.orgId) throw new Error("Not in your organisation");
    await ctx.db.patch(args.userId, { pages: args.pages });
  },
});

export const dropMember = mutation({
  args: { userId: v.id("users") },
  handler: async (ctx, args) => {
    const caller = await callerContext(ctx.auth, ctx.db);
    if (caller.role !== "owner") throw new Error("Owners only");
    await ctx.db.patch(args.userId, { orgId: undefined, role: undefined });
  },
});
`,
    },
    verdict:
      'Clean: both mutations take the caller from callerContext (it reads auth.getUserIdentity() and throws without one) and act on another member named by userId, a target.',
    expect: [],
  },
  {
    id: 'ninth-f3-public-list-behind-clerk',
    sources: [
      { repo: HACKMIT, path: 'my-app/src/main.tsx', commit: HACKMIT_AT },
      { repo: HACKMIT, path: 'my-app/convex/tasks.ts', commit: HACKMIT_AT },
    ],
    dependencies: VITE,
    files: {
      'src/main.tsx': `import React from "react";
import ReactDOM from "react-dom/client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ClerkProvider } from "@clerk/clerk-react";
import App from "./App";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);

ReactDOM.createRoot(document.getElementById("root")!).render(
  <ConvexProvider client={convex}>
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <App />
    </ClerkProvider>
  </ConvexProvider>,
);
`,
      'convex/tasks.ts': `import { query } from "./_generated/server";

export const list = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("tasks").collect(),
});
`,
    },
    verdict:
      'Hint only: nothing in the project needs the user (no auth.config, no function reads the identity or takes a user id), so the plain ConvexProvider is no mistake; an information hint on it, worded "if your Convex functions need the signed-in user", is true, a warning would not be (the severity is checked in ninthCheckProviders.test.ts).',
    expect: [{ file: 'src/main.tsx', code: 'plain-convex-provider', at: 'ConvexProvider client' }],
  },
  {
    id: 'ninth-f3-root-before-clerk-is-wired',
    sources: [
      { repo: SUGARBAR, path: 'src/routes/__root.tsx', commit: SUGARBAR_AT },
      { repo: SUGARBAR, path: 'src/components/providers/ConvexProvider.tsx', commit: SUGARBAR_AT },
      { repo: SUGARBAR, path: 'src/components/auth/clerk-provider.tsx', commit: SUGARBAR_AT },
      { repo: SUGARBAR, path: 'convex/auth.config.ts', commit: SUGARBAR_AT },
    ],
    dependencies: START,
    files: {
      'src/routes/__root.tsx': `import { createRootRoute, Outlet } from "@tanstack/react-router";
import { ConvexProvider } from "@/components/providers/ConvexProvider";

export const Route = createRootRoute({
  component: () => (
    // <ClerkAuthProvider>
    <ConvexProvider>
      <Outlet />
    </ConvexProvider>
    // </ClerkAuthProvider>
  ),
});
`,
      'src/components/providers/ConvexProvider.tsx': `import type { ReactNode } from "react";
import { ConvexReactClient, ConvexProvider as ConvexReactProvider } from "convex/react";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

export function ConvexProvider({ children }: { children: ReactNode }) {
  return <ConvexReactProvider client={convex}>{children}</ConvexReactProvider>;
}
`,
      'src/components/auth/clerk-provider.tsx': `import type { ReactNode } from "react";
import { ClerkProvider } from "@clerk/tanstack-react-start";

export function ClerkAuthProvider({ children }: { children: ReactNode }) {
  return <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>{children}</ClerkProvider>;
}
`,
      'convex/auth.config.ts': `export default {
  providers: [{ domain: process.env.VITE_CLERK_FRONTEND_API_URL, applicationID: "convex" }],
};
`,
    },
    verdict:
      "Hint only (×2): Clerk is not wired in yet (its wrapper is rendered nowhere) and no function reads the identity, so the plain providers are no mistake; information hints on the two plain providers (the root's <ConvexProvider>, the component's <ConvexReactProvider>), worded on the condition, are true, warnings would not be.",
    expect: [
      { file: 'src/routes/__root.tsx', code: 'plain-convex-provider', at: '<ConvexProvider>' },
      {
        file: 'src/components/providers/ConvexProvider.tsx',
        code: 'plain-convex-provider',
        at: 'ConvexReactProvider client',
      },
    ],
  },
];
