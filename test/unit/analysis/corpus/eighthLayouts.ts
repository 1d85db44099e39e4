// Issue 23's eighth fresh check, the misses in layouts, providers and server code (M2, M7, M8): reductions of my own
// lines carrying each idiom. Each verdict was written down before the analyzer ran on the reduction.
import type { CorpusEntry } from './types';

const NEXT = { next: '^15.0.0', react: '^19.0.0', convex: '^1.25.0', '@clerk/nextjs': '^6.0.0' };
const AUTH_CONFIG = `export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };
`;

// M8: tretyakovalex/nextjs-convex-clerk-template @301f57ed63e2 — src/app/layout.tsx renders its own
// ConvexClientProvider (a plain ConvexProvider with a client of its own, src/app/ConvexClientProvider.tsx) inside
// Providers (ClerkProvider around ConvexProviderWithClerk, src/app/providers.tsx).
const TEMPLATE = 'tretyakovalex/nextjs-convex-clerk-template';
const TEMPLATE_AT = '301f57ed63e2';

// M7: saymanq/PreFlight @8a9a1a184aef — PreFlight/app/server/page.tsx (a server page importing nothing of Clerk)
// preloads api.users.getCurrent without a token; PreFlight/convex/users.ts's getCurrent returns null without an identity.
const PREFLIGHT = 'saymanq/PreFlight';
const PREFLIGHT_AT = '8a9a1a184aef';

// M2: mohaimenkhalid/notion-clone-with-nextjs-convex @83052afc4e30 — app/(main)/layout.tsx (its useConvexAuth gate
// commented out) renders Navigation (app/(main)/_components/navigation.tsx, which renders DocumentList,
// app/(main)/_components/document-list.tsx) and SearchCommand (components/search-command.tsx) beside {children}; both
// query functions of convex/documents.ts that throw without an identity.
const NOTION = 'mohaimenkhalid/notion-clone-with-nextjs-convex';
const NOTION_AT = '83052afc4e30';

// M2: Manya1101/tars-chat @6cbf5da0366a — app/layout.tsx renders Sidebar (app/components/Sidebar.tsx) beside
// {children} inside Providers (app/Providers.tsx: ClerkProvider around ConvexProviderWithClerk); Sidebar queries
// convex/conversations.ts's getConversations, which returns [] without an identity.
const TARS = 'Manya1101/tars-chat';
const TARS_AT = '6cbf5da0366a';

export const eighthLayouts: CorpusEntry[] = [
  {
    id: 'eighth-m2-components-of-a-route-group-layout',
    sources: [
      { repo: NOTION, path: 'app/(main)/layout.tsx', commit: NOTION_AT },
      { repo: NOTION, path: 'app/(main)/_components/navigation.tsx', commit: NOTION_AT },
      { repo: NOTION, path: 'app/(main)/_components/document-list.tsx', commit: NOTION_AT },
      { repo: NOTION, path: 'components/search-command.tsx', commit: NOTION_AT },
      { repo: NOTION, path: 'convex/documents.ts', commit: NOTION_AT },
    ],
    dependencies: { next: '13.5.4', convex: '^1.8.0', '@clerk/clerk-react': '^4.30.4' },
    files: {
      'app/(main)/layout.tsx': `"use client";
// import { useConvexAuth } from "convex/react";
import Navigation from "@/app/(main)/_components/navigation";
import { SearchCommand } from "@/components/search-command";

export default function MainLayout({ children }: { children: React.ReactNode }) {
  // const { isAuthenticated, isLoading } = useConvexAuth();
  // if (!isAuthenticated) return redirect("/");
  return (
    <div className="flex h-full">
      <Navigation />
      <main className="flex-1">
        <SearchCommand />
        {children}
      </main>
    </div>
  );
}
`,
      'app/(main)/_components/navigation.tsx': `"use client";
import { DocumentList } from "@/app/(main)/_components/document-list";

function Navigation() {
  return (
    <aside>
      <DocumentList />
    </aside>
  );
}

export default Navigation;
`,
      'app/(main)/_components/document-list.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export const DocumentList = ({ parentDocumentId }: { parentDocumentId?: string }) => {
  const documents = useQuery(api.documents.getSidebar, { parentDocument: parentDocumentId });
  return <div>{documents?.map((d) => <p key={d._id}>{d.title}</p>)}</div>;
};
`,
      'components/search-command.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export const SearchCommand = () => {
  const documents = useQuery(api.documents.getSearch);
  return <ul>{documents?.map((d) => <li key={d._id}>{d.title}</li>)}</ul>;
};
`,
      'convex/documents.ts': `import { v } from "convex/values";
import { query } from "./_generated/server";

export const getSidebar = query({
  args: { parentDocument: v.optional(v.id("documents")) },
  handler: async (ctx, args) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    return ctx.db
      .query("documents")
      .withIndex("by_user_parent", (q) => q.eq("userId", identity.subject).eq("parentDocument", args.parentDocument))
      .collect();
  },
});

export const getSearch = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    return ctx.db
      .query("documents")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the (main) layout renders SearchCommand and, through Navigation, DocumentList outside any Convex gate (the useConvexAuth gate is commented out), and nothing above waits for Convex; both queries throw without an identity. Reported on each useQuery.',
    expect: [
      { file: 'components/search-command.tsx', code: 'query-before-auth', at: 'useQuery(api.documents.getSearch)' },
      {
        file: 'app/(main)/_components/document-list.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.documents.getSidebar',
      },
    ],
  },
  {
    id: 'eighth-m2-sidebar-of-the-root-layout',
    sources: [
      { repo: TARS, path: 'app/layout.tsx', commit: TARS_AT },
      { repo: TARS, path: 'app/Providers.tsx', commit: TARS_AT },
      { repo: TARS, path: 'app/components/Sidebar.tsx', commit: TARS_AT },
      { repo: TARS, path: 'convex/conversations.ts', commit: TARS_AT },
    ],
    dependencies: NEXT,
    files: {
      'app/layout.tsx': `import Providers from "./Providers";
import Sidebar from "./components/Sidebar";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <div className="flex">
            <Sidebar />
            <div className="flex-1">{children}</div>
          </div>
        </Providers>
      </body>
    </html>
  );
}
`,
      'app/Providers.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
      'app/components/Sidebar.tsx': `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

export default function Sidebar() {
  const conversations = useQuery(api.conversations.getConversations);
  return <nav>{conversations?.length ?? 0} chats</nav>;
}
`,
      'convex/conversations.ts': `import { query } from "./_generated/server";

export const getConversations = query({
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db
      .query("conversations")
      .filter((q) => q.eq(q.field("memberIds"), [identity.subject]))
      .collect();
  },
});
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the root layout renders Sidebar beside {children} with no Convex gate; its query returns [] without an identity, so it runs anonymous until the token is accepted. Reported on the useQuery.',
    expect: [
      {
        file: 'app/components/Sidebar.tsx',
        code: 'query-before-auth',
        at: 'useQuery(api.conversations.getConversations)',
      },
    ],
  },
  {
    id: 'eighth-m7-preload-without-token-in-clerkless-server-page',
    sources: [
      { repo: PREFLIGHT, path: 'PreFlight/app/server/page.tsx', commit: PREFLIGHT_AT },
      { repo: PREFLIGHT, path: 'PreFlight/convex/users.ts', commit: PREFLIGHT_AT },
    ],
    dependencies: NEXT,
    files: {
      'app/server/page.tsx': `import { preloadQuery, preloadedQueryResult } from "convex/nextjs";
import { api } from "@/convex/_generated/api";

export default async function ServerPage() {
  const preloaded = await preloadQuery(api.users.getCurrent);
  const me = preloadedQueryResult(preloaded);
  return <pre>{JSON.stringify(me)}</pre>;
}
`,
      'convex/users.ts': `import { query } from "./_generated/server";

export const getCurrent = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db
      .query("users")
      .withIndex("by_externalId", (q) => q.eq("externalId", identity.subject))
      .unique();
  },
});
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the server page preloads getCurrent, which returns null without an identity, with no token options, so the server render always gets null. Reported on the preloadQuery call (the file asks Clerk for nothing).',
    expect: [{ file: 'app/server/page.tsx', code: 'server-token', at: 'preloadQuery(api.users.getCurrent)' }],
  },
  {
    id: 'eighth-m8-plain-provider-inside-providers',
    sources: [
      { repo: TEMPLATE, path: 'src/app/layout.tsx', commit: TEMPLATE_AT },
      { repo: TEMPLATE, path: 'src/app/providers.tsx', commit: TEMPLATE_AT },
      { repo: TEMPLATE, path: 'src/app/ConvexClientProvider.tsx', commit: TEMPLATE_AT },
    ],
    dependencies: NEXT,
    files: {
      'src/app/providers.tsx': `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";

const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL as string);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={client} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`,
      'src/app/ConvexClientProvider.tsx': `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";

const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={client}>{children}</ConvexProvider>;
}
`,
      'src/app/layout.tsx': `import ConvexClientProvider from "./ConvexClientProvider";
import { Providers } from "./providers";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <ConvexClientProvider>
            <main>{children}</main>
          </ConvexClientProvider>
        </Providers>
      </body>
    </html>
  );
}
`,
      'convex/auth.config.ts': AUTH_CONFIG,
    },
    verdict:
      'Bug: the layout renders ConvexClientProvider (a plain ConvexProvider with a second ConvexReactClient) inside Providers, whose ConvexProviderWithClerk sends the token; the inner client takes over below it and never gets the token. Reported where the layout renders it.',
    expect: [{ file: 'src/app/layout.tsx', code: 'plain-convex-provider', at: '<ConvexClientProvider>\n' }],
  },
];
