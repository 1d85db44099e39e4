// Root route files are routes (issue 23's ninth fresh check, M1d: C12c, C14b, C63a): TanStack Start's
// `createRootRoute…({ shellComponent })` and React Router's app/root.tsx (its default export and its `Layout`) render
// around every page, so a component they render outside a Convex gate sends its queries before the token. The
// reductions with their sources are in corpus/ninthRoots.ts; these pin the form and its near misses, in lines of my
// own, each verdict written before the fix.
import assert from 'node:assert/strict';
import { foundIn, joined } from './together';

const ME = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return null;
    return await ctx.db.query("users").withIndex("by_token", (q) => q.eq("token", identity.tokenIdentifier)).unique();
  },
});
`;
const badge = (call: string, extra = ''): string => `import { useQuery${extra} } from "convex/react";
import { api } from "../../convex/_generated/api";
export function Badge() {
${call}
  return <span>{me?.name ?? "Guest"}</span>;
}
`;
const UNGATED = badge('  const me = useQuery(api.users.me);');
const SKIPPED = badge(
  '  const { isAuthenticated } = useConvexAuth();\n  const me = useQuery(api.users.me, isAuthenticated ? {} : "skip");',
  ', useConvexAuth',
);
const PROVIDER = `import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { ClerkProvider, useAuth } from "@clerk/clerk-react";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
const tanstackRoot = (
  options: string,
  body: string,
): string => `import { createRootRoute, Outlet, Scripts } from "@tanstack/react-router";
import { Authenticated } from "convex/react";
import { Providers } from "../lib/providers";
import { Badge } from "../components/Badge";
export const Route = createRootRoute({ ${options} });
function Shell({ children }: { children: React.ReactNode }) {
  return (
    <html>
      <body>
        <Providers>
${body}
        </Providers>
        <Scripts />
      </body>
    </html>
  );
}
function Root() {
  return <Outlet />;
}
`;
const tanstack = (root: string, badgeFile = UNGATED): Record<string, string> => ({
  'convex/users.ts': ME,
  'src/lib/providers.tsx': PROVIDER,
  'src/components/Badge.tsx': badgeFile,
  'src/routes/__root.tsx': root,
});
const REPORTED = ['src/components/Badge.tsx query-before-auth @ useQuery(api.users.me)'];

describe('analysis: root route files render their components before auth (ninth fresh check M1d, issue 23)', () => {
  describe("TanStack Start's root route", () => {
    it('a shellComponent rendering the component ungated inside the providers: reported', () => {
      const f = tanstack(tanstackRoot('shellComponent: Shell', '          <Badge />\n          {children}'));
      assert.deepEqual(foundIn(joined(f), f), REPORTED);
    });

    it('a root component rendering it beside <Outlet /> (with a shell too): reported', () => {
      const root = tanstackRoot('shellComponent: Shell, component: Root', '          {children}').replace(
        'return <Outlet />;',
        'return <><Badge /><Outlet /></>;',
      );
      const f = tanstack(root);
      assert.deepEqual(foundIn(joined(f), f), REPORTED);
    });

    it('the shell rendering it inside <Authenticated>: nothing', () => {
      const f = tanstack(
        tanstackRoot(
          'shellComponent: Shell',
          '          <Authenticated><Badge /></Authenticated>\n          {children}',
        ),
      );
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('the component skipping its query until useConvexAuth says authenticated: nothing', () => {
      const f = tanstack(tanstackRoot('shellComponent: Shell', '          <Badge />\n          {children}'), SKIPPED);
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('a page under a shell that renders the routes inside <Authenticated>: nothing', () => {
      const f = {
        ...tanstack(tanstackRoot('shellComponent: Shell', '          <Authenticated>{children}</Authenticated>')),
        'src/routes/index.tsx': `import { createFileRoute } from "@tanstack/react-router";
import { Badge } from "../components/Badge";
export const Route = createFileRoute("/")({ component: Home });
function Home() {
  return <Badge />;
}
`,
      };
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('a shell function the root route does not name: nothing', () => {
      const f = tanstack(tanstackRoot('component: Root', '          <Badge />\n          {children}'));
      assert.deepEqual(foundIn(joined(f), f), []);
    });
  });

  describe("React Router's app/root.tsx", () => {
    const root = (
      app: string,
      layout = '{children}',
    ): string => `import { Links, Meta, Outlet, Scripts } from "react-router";
import { Authenticated } from "convex/react";
import { Providers } from "./lib/providers";
import { Badge } from "./components/Badge";
export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html>
      <head><Meta /><Links /></head>
      <body>${layout}<Scripts /></body>
    </html>
  );
}
export default function App() {
  return <Providers>${app}</Providers>;
}
`;
    const files = (rootFile: string, badgeFile = UNGATED, path = 'app/root.tsx'): Record<string, string> => ({
      'convex/users.ts': ME,
      'app/lib/providers.tsx': PROVIDER,
      'app/components/Badge.tsx': badgeFile,
      [path]: rootFile,
    });
    const REPORTED_RR = ['app/components/Badge.tsx query-before-auth @ useQuery(api.users.me)'];

    it('the default export rendering the component ungated inside the providers: reported', () => {
      const f = files(root('<Badge /><Outlet />'));
      assert.deepEqual(foundIn(joined(f), f), REPORTED_RR);
    });

    it('the Layout export rendering the component ungated: reported', () => {
      const f = files(root('<Outlet />', '<Providers><Badge />{children}</Providers>'));
      assert.deepEqual(foundIn(joined(f), f), REPORTED_RR);
    });

    it('under <Authenticated> in the default export: nothing', () => {
      const f = files(root('<Authenticated><Badge /></Authenticated><Outlet />'));
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('skipped until useConvexAuth says authenticated: nothing', () => {
      const f = files(root('<Badge /><Outlet />'), SKIPPED);
      assert.deepEqual(foundIn(joined(f), f), []);
    });

    it('a root.tsx outside app/ (not the root route module): nothing', () => {
      const f = files(root('<Badge /><Outlet />'), UNGATED, 'lib/root.tsx');
      assert.deepEqual(foundIn(joined(f), f), []);
    });
  });
});
