// Issue 23's seventh fresh check: reductions of my own lines carrying the idioms of four wrong or missed verdicts
// (F1, F2, M6, M5). Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };

// F1: projectservan8n/VebTask @31ff9acf773a — src/lib/convex.ts makes a ConvexReactClient at module scope and exports
// it; nothing imports it, and it renders nothing. The provider file (src/app/ConvexClientProvider.tsx) says "use client".
const VEBTASK = 'projectservan8n/VebTask';
const VEBTASK_AT = '31ff9acf773a';

// F2: raising-vibrations/planatery-pairs @9687f483fbef — src/app/layout.tsx builds the page in a variable and wraps it
// in ClerkProvider when the publishable key looks valid, rendering it bare otherwise (a no-key fallback).
const PAIRS = 'raising-vibrations/planatery-pairs';
const PAIRS_AT = '9687f483fbef';

// M5: devagrawal09/clerk-convex-liveboard @28df702e9fe5 — convex/users.ts: public mutations meant for Clerk's webhook
// take the Clerk user (and session) whole as a v.object argument and upsert the row of whatever id is sent.
const LIVEBOARD = 'devagrawal09/clerk-convex-liveboard';
const LIVEBOARD_AT = '28df702e9fe5';

export const seventh: CorpusEntry[] = [
  {
    id: 'seventh-m5-object-args',
    sources: [{ repo: LIVEBOARD, path: 'convex/users.ts', commit: LIVEBOARD_AT }],
    dependencies: { convex: '^1.10.0' },
    files: {
      'convex/users.ts': `import { mutation } from "./_generated/server";
import { v } from "convex/values";

export const storeUser = mutation({
  args: { user: v.object({ id: v.string(), email: v.string() }) },
  handler: async (ctx, args) => {
    const { user: clerkUser } = args;
    const found = await ctx.db
      .query("users")
      .withIndex("by_user_id", (q) => q.eq("clerkUser.id", clerkUser.id))
      .unique();
    if (found === null) await ctx.db.insert("users", { clerkUser });
    else await ctx.db.patch(found._id, { clerkUser });
  },
});

export const storeSession = mutation({
  args: { session: v.object({ id: v.string(), user_id: v.string(), status: v.string() }) },
  handler: async (ctx, args) => {
    const { session: clerkSession } = args;
    await ctx.db.insert("sessions", { clerkSession });
  },
});
`,
    },
    verdict:
      'Bug x2 (identity-from-args): storeUser writes the users row of the Clerk id in args.user.id, and storeSession records a session for args.session.user_id; both are public, so any client can write them for another user',
    expect: [
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'id: v.string(), email' },
      { file: 'convex/users.ts', code: 'identity-from-args', at: 'user_id: v.string()' },
    ],
  },
  {
    id: 'seventh-f1-module-client',
    sources: [
      { repo: VEBTASK, path: 'src/lib/convex.ts', commit: VEBTASK_AT },
      { repo: VEBTASK, path: 'src/app/ConvexClientProvider.tsx', commit: VEBTASK_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/lib/convex.ts': `import { ConvexReactClient } from "convex/react";

const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL || "https://example.convex.cloud");

export { client };
`,
      'src/app/ConvexClientProvider.tsx': `"use client";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { useAuth } from "@clerk/nextjs";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`,
    },
    verdict:
      'Clean: the module that only makes and exports a client renders nothing and uses no React context, so "use client" is not what it lacks (a module with no directive runs wherever its importer runs); the provider file has the directive',
    expect: [],
  },
  {
    id: 'seventh-f2-wrapped-variable',
    sources: [{ repo: PAIRS, path: 'src/app/layout.tsx', commit: PAIRS_AT }],
    dependencies: NEXT,
    files: {
      'src/app/layout.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
const keyLooksRight = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY?.startsWith("pk_");

export default function RootLayout({ children }: { children: React.ReactNode }) {
  const page = (
    <html lang="en">
      <body>
        <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
          {children}
        </ConvexProviderWithClerk>
      </body>
    </html>
  );
  if (keyLooksRight) {
    return <ClerkProvider>{page}</ClerkProvider>;
  }
  return page;
}
`,
    },
    verdict:
      'Clean: the tree in the variable is rendered inside ClerkProvider whenever a publishable key is set; the bare return is the no-key fallback, a path the author chose (not the provider-order mistake)',
    expect: [],
  },
];
