// A provider list where Convex never reads it, and a config file under convex/ that is no auth config at all.
import type { CorpusEntry } from './types';

export const misplaced: CorpusEntry[] = [
  {
    id: 'auth-config-in-auth-folder',
    sources: [
      { repo: 'scicluna/collabboard', path: 'convex/auth/config.js', commit: 'f4d719f27f19' },
      { repo: 'scicluna/collabboard', path: 'components/client/ConvexClerkProvider.tsx', commit: 'f4d719f27f19' },
      { repo: 'scicluna/collabboard', path: 'convex/boards.ts', commit: 'f4d719f27f19' },
    ],
    dependencies: { convex: '^1.2.1', '@clerk/nextjs': '^4.23.5', next: '13.4.19' },
    files: {
      'convex/auth/config.js': `export default {
    providers: [
        {
            domain: "https://bright-heron-12.clerk.accounts.dev",
            applicationID: "convex",
        },
    ]
};
`,
      'components/client/ConvexClerkProvider.tsx': `"use client";
import { ReactNode } from "react";
import { useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClerkProvider({ children }: { children: ReactNode }) {
    return (
        <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
            {children}
        </ConvexProviderWithClerk>
    );
}
`,
      'convex/boards.ts': `import { mutation } from "./_generated/server"
import { v } from "convex/values"

export const checkBoard = mutation({
    args: { boardId: v.id("boards") },
    handler: async (ctx, args) => {
        const found = await ctx.db.query("boards").filter(q => q.eq(q.field("_id"), args.boardId)).collect()
        return !!found[0]
    }
})
`,
    },
    verdict:
      'Bug: the Clerk provider list sits in convex/auth/config.js, which the Convex CLI never bundles (it reads only convex/auth.config.ts or .js), so the deployment has no auth provider; the finding belongs on that file. No function reads the identity, so nothing else is reported.',
    expect: [{ file: 'convex/auth/config.js', code: 'auth-config-location', at: 'providers' }],
  },
  {
    id: 'convex-config-constants',
    sources: [{ repo: 'JamsusMaximus/pomo', path: 'convex/config.ts', commit: '83fc7b3bf9e8' }],
    dependencies: { convex: '*', '@clerk/clerk-react': '*' },
    files: {
      'convex/config.ts': `/**
 * Configuration values that need to be accessible in Convex functions.
 */
export const ADMIN_EMAILS = ["admin@example.com"];
`,
    },
    verdict: 'Clean: app settings for Convex functions in convex/config.ts, not an auth config.',
    expect: [],
  },
];
