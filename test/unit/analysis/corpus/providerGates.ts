// Issue 23's fifth fresh check (audit5 F1 and M4). F1: a provider component of the project that renders every route inside
// Convex's <Authenticated> (it-is-Abhishek/whiteboard). The root layout renders `<ConvexClientProvider>{children}`,
// so nothing a route renders mounts before Convex has accepted the token: a Clerk condition in a page (an active
// organization) and a page's own query are then fine. Reductions of my own lines from the named files; verdicts
// written before the analyzer ran. M4 (KenCorbettJr/ai-wizard-duel-convex): the home page's <SignedIn> over a
// component whose own query is skipped on Clerk's useUser() alone: both gates let the query run before the token.
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

const WIZARD_COMMIT = '2daba8acfa37';
const WIZARD_DEPS = { next: '16.0.8', '@clerk/nextjs': '^6.36.1', convex: '^1.30.0' };
const WIZARD_SOURCES = [
  { repo: 'KenCorbettJr/ai-wizard-duel-convex', path: 'src/app/page.tsx', commit: WIZARD_COMMIT },
  { repo: 'KenCorbettJr/ai-wizard-duel-convex', path: 'src/components/DashboardContent.tsx', commit: WIZARD_COMMIT },
  { repo: 'KenCorbettJr/ai-wizard-duel-convex', path: 'convex/wizards.ts', commit: WIZARD_COMMIT },
];
const WIZARD_PROVIDER = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
const WIZARD_LAYOUT = `import { Providers } from "@/components/Providers";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
`;
const HOME = `import { SignedIn, SignedOut } from "@clerk/nextjs";
import type { Metadata } from "next";
import Overview from "@/components/Overview";
import Welcome from "@/components/Welcome";

export const metadata: Metadata = { title: "Spell Duels" };

export default function Home() {
  return (
    <>
      <SignedOut>
        <Welcome />
      </SignedOut>
      <SignedIn>
        <Overview />
      </SignedIn>
    </>
  );
}
`;
const overview = (skip: string): string => `"use client";
import { useUser } from "@clerk/nextjs";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";

export default function Overview() {
  const { user } = useUser();
  const router = useRouter();
  const [prompt, setPrompt] = useState(false);
  const mages = useQuery(api.mages.mine, ${skip});

  const wins = mages?.reduce((sum, m) => sum + (m.wins || 0), 0) || 0;
  return (
    <div>
      <p>{wins} wins</p>
      <button onClick={() => (prompt ? setPrompt(false) : router.push("/mages/new"))}>New mage</button>
    </div>
  );
}
`;
const MAGES = `import { v } from "convex/values";
import { query } from "./_generated/server";

export const mine = query({
  args: {},
  returns: v.array(v.object({ _id: v.id("mages"), name: v.string(), wins: v.optional(v.number()) })),
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) {
      throw new Error("Not authenticated");
    }
    return await ctx.db
      .query("mages")
      .withIndex("by_owner", (q) => q.eq("owner", identity.subject))
      .collect();
  },
});
`;
const wizardFiles = (skip: string): Record<string, string> => ({
  'src/components/Providers.tsx': WIZARD_PROVIDER,
  'src/app/layout.tsx': WIZARD_LAYOUT,
  'src/app/page.tsx': HOME,
  'src/components/Overview.tsx': overview(skip),
  'convex/mages.ts': MAGES,
  'convex/auth.config.ts': CONFIG,
});

providerGates.push(
  {
    id: 'wizard-duel-signed-in-over-clerk-skip',
    sources: WIZARD_SOURCES,
    dependencies: WIZARD_DEPS,
    files: wizardFiles('user?.id ? {} : "skip"'),
    verdict:
      "Bug, two gates on Clerk alone: <SignedIn> renders Overview as soon as Clerk has a session, and Overview's query skips only until Clerk's useUser() has a user, so mages.mine (throws without an identity) is sent before Convex has the token. Either gate made Convex's (<Authenticated>, or skip until isAuthenticated) would be right: on the <SignedIn> and on the useUser() whose value gates the query.",
    expect: [
      { file: 'src/app/page.tsx', code: 'clerk-gate', at: '<SignedIn>' },
      { file: 'src/components/Overview.tsx', code: 'clerk-gate', at: 'useUser()' },
    ],
  },
  {
    id: 'wizard-duel-signed-in-over-convex-skip',
    sources: WIZARD_SOURCES,
    dependencies: WIZARD_DEPS,
    files: {
      ...wizardFiles('isAuthenticated ? {} : "skip"'),
      'src/components/Overview.tsx': overview('isAuthenticated ? {} : "skip"')
        .replace(
          '  const { user } = useUser();\n',
          '  const { user } = useUser();\n  const { isAuthenticated } = useConvexAuth();\n',
        )
        .replace('import { useQuery } from "convex/react";', 'import { useConvexAuth, useQuery } from "convex/react";'),
    },
    verdict:
      "Clean (my variant): Overview skips its query until Convex's useConvexAuth() is authenticated, so the <SignedIn> above it only decides what is shown.",
    expect: [],
  },
);
