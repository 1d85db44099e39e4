// Issue 23's fifth fresh check (audit5 F1): a provider component of the project that renders every route inside
// Convex's <Authenticated> (it-is-Abhishek/whiteboard). The root layout renders `<ConvexClientProvider>{children}`,
// so nothing a route renders mounts before Convex has accepted the token: a Clerk condition in a page (an active
// organization) and a page's own query are then fine. Reductions of my own lines from the named files; verdicts
// written before the analyzer ran.
import type { CorpusEntry } from './types';

const NEXT = { next: '16.1.1', '@clerk/nextjs': '^6.37.3', convex: '^1.31.7' };
const COMMIT = '99d6bef57ca7';
const CONFIG = `export default {
  providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }],
};
`;

const providerOf = (inside: string): string => `"use client";

import React from "react";
import { ClerkProvider, useAuth, RedirectToSignIn } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { AuthLoading, Authenticated, Unauthenticated, ConvexReactClient } from "convex/react";
import { Spinner } from "@/components/auth/spinner";

interface ClientProviderProps {
  children: React.ReactNode;
}

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export const ConvexClientProvider = ({ children }: ClientProviderProps) => {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth as any}>
${inside}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
};
`;
const GATED = `        <AuthLoading>
          <Spinner />
        </AuthLoading>
        <Authenticated>
          {children}
        </Authenticated>
        <Unauthenticated>
          <RedirectToSignIn />
        </Unauthenticated>`;

const ROOT_LAYOUT = `import type { Metadata } from "next";
import "./globals.css";
import { ConvexClientProvider } from "@/providers/convex-client-provider";
import { Toaster } from "@/components/ui/sonner";

export const metadata: Metadata = { title: "Boards" };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>
        <ConvexClientProvider>
          <Toaster />
          {children}
        </ConvexClientProvider>
      </body>
    </html>
  );
}
`;
const DASHBOARD_LAYOUT = `import { Sidebar } from "./_components/sidebar";

const DashboardLayout = ({ children }: { children: React.ReactNode }) => {
  return (
    <main className="h-full">
      <Sidebar />
      <div className="pl-[60px] h-full">{children}</div>
    </main>
  );
};
export default DashboardLayout;
`;
const PAGE = `"use client";

import { useOrganization } from "@clerk/nextjs";
import { useSearchParams } from "next/navigation";
import { NoTeam } from "./_components/no-team";
import { CardGrid } from "./_components/card-grid";

const DashboardPage = () => {
  const { organization } = useOrganization();
  const params = useSearchParams();
  const filter = { search: params.get("search") ?? undefined };

  return (
    <div className="flex-1 p-6">
      {!organization ? <NoTeam /> : <CardGrid teamId={organization.id} filter={filter} />}
    </div>
  );
};

export default DashboardPage;
`;
const GRID = `"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

interface CardGridProps {
  teamId: string;
  filter: { search?: string };
}

export const CardGrid = ({ teamId, filter }: CardGridProps) => {
  const cards = useQuery(api.cards.get, { teamId, ...filter });
  if (cards === undefined) return <p>Loading…</p>;
  if (!cards.length) return <p>No cards yet</p>;
  return <ul>{cards.map((c) => <li key={c._id}>{c.title}</li>)}</ul>;
};
`;
const CARDS = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const get = query({
  args: { teamId: v.string(), search: v.optional(v.string()) },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Unauthorized");
    }
    return await ctx.db
      .query("cards")
      .withIndex("by_team", (q) => q.eq("teamId", args.teamId))
      .order("desc")
      .collect();
  },
});
`;
/** A page of the same app that sends its query itself (the whiteboard's board page reads its board this way). */
const OWN_QUERY_PAGE = `"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export default function RecentPage() {
  const cards = useQuery(api.cards.get, { teamId: "recent" });
  return <p>{cards?.length ?? 0} cards</p>;
}
`;

const SOURCES = [
  { repo: 'it-is-Abhishek/whiteboard', path: 'providers/convex-client-provider.tsx', commit: COMMIT },
  { repo: 'it-is-Abhishek/whiteboard', path: 'app/layout.tsx', commit: COMMIT },
  { repo: 'it-is-Abhishek/whiteboard', path: 'app/(dashboard)/layout.tsx', commit: COMMIT },
  { repo: 'it-is-Abhishek/whiteboard', path: 'app/(dashboard)/page.tsx', commit: COMMIT },
  { repo: 'it-is-Abhishek/whiteboard', path: 'app/(dashboard)/_components/board-list.tsx', commit: COMMIT },
  { repo: 'it-is-Abhishek/whiteboard', path: 'convex/boards.ts', commit: COMMIT },
];

const files = (provider: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'providers/convex-client-provider.tsx': provider,
  'app/layout.tsx': ROOT_LAYOUT,
  'app/(dashboard)/layout.tsx': DASHBOARD_LAYOUT,
  'app/(dashboard)/page.tsx': PAGE,
  'app/(dashboard)/_components/card-grid.tsx': GRID,
  'convex/cards.ts': CARDS,
  'convex/auth.config.ts': CONFIG,
  ...extra,
});

export const providerGates: CorpusEntry[] = [
  {
    id: 'whiteboard-provider-authenticated-children',
    sources: SOURCES,
    dependencies: NEXT,
    files: files(providerOf(GATED)),
    verdict:
      'Clean: the provider renders every route inside <Authenticated>, so the page mounts the grid (and its query) only once Convex has accepted the token; the organization condition is about which team, not about sign-in.',
    expect: [],
  },
  {
    id: 'whiteboard-provider-authenticated-own-query',
    sources: SOURCES,
    dependencies: NEXT,
    files: files(providerOf(GATED), { 'app/(dashboard)/recent/page.tsx': OWN_QUERY_PAGE }),
    verdict:
      'Clean: a page that sends a query needing a user on mount is rendered by the root layout inside the provider, which renders it only under <Authenticated>.',
    expect: [],
  },
  {
    id: 'whiteboard-provider-children-ungated',
    sources: SOURCES,
    dependencies: NEXT,
    files: files(providerOf('        {children}'), { 'app/(dashboard)/recent/page.tsx': OWN_QUERY_PAGE }),
    verdict:
      "Bug (my variant: the provider without <Authenticated>): the page mounts the grid once Clerk's useOrganization() has an organization, before Convex has the token, and the grid's query throws without an identity (clerk-gate on useOrganization()); the recent page's query is sent before the token (query-before-auth).",
    expect: [
      { file: 'app/(dashboard)/page.tsx', code: 'clerk-gate', at: 'useOrganization()' },
      {
        file: 'app/(dashboard)/recent/page.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.cards.get, { teamId: "recent" })',
      },
    ],
  },
];
