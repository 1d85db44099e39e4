import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analysis/edits';
import type { AnalysisContext, IdentityFunction } from '../../../src/analysis/types';
import { assertParses, codes, only, project } from './helpers';

// Issue 23's ninth fresh check: server-side token mistakes it missed (M5).

function identityFunction(
  exportName: string,
  kind: IdentityFunction['kind'],
  path = 'convex/queries.ts',
): NonNullable<AnalysisContext['identityFunctions']>[number] {
  return {
    exportName,
    kind,
    start: 0,
    end: 1,
    position: { line: 0, character: 0, endLine: 0, endCharacter: 1 },
    without: 'returns-nothing',
    path,
  };
}

const NEXT = project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] } });
const known: AnalysisContext = {
  project: NEXT,
  identityFunctions: [identityFunction('getUserPatterns', 'query')],
  projectHasIdentityFunctions: true,
};

const route = (client: string, body: string, auth = 'import { auth } from "@clerk/nextjs/server";'): string => `${auth}
import { ConvexHttpClient } from "convex/browser";
import { api } from "@/convex/_generated/api";
${client}
export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) return Response.json({ error: "Unauthorized" }, { status: 401 });
${body}
  return Response.json({ patterns });
}
`;
const ROUTE = 'app/api/generate-meta/route.ts';
const MODULE_CLIENT = 'const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);';

describe("analysis: the ninth check's server-token misses", () => {
  describe('a ConvexHttpClient in a Next.js route never given the token (M5a)', () => {
    it('flags a call of a function that needs a user through a module-scope client, and says to make it per request', () => {
      const text = route(MODULE_CLIENT, '  const patterns = await convex.query(api.queries.getUserPatterns);');
      const [f] = only(ROUTE, text, 'server-token', known);
      assert.ok(f, codes(ROUTE, text, known).join(','));
      assert.equal(text.slice(f.start, f.end), 'convex.query');
      assert.match(f.message, /never given Clerk's token/);
      assert.match(f.message, /api\.queries\.getUserPatterns needs a signed-in user/);
      assert.match(f.message, /made at module scope and shared by every request/);
      assert.deepEqual(f.fixes, []);
    });
    it('a client made in the handler gets a fix that hands it the token with setAuth', () => {
      const text = route(
        '',
        '  const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n  const patterns = await convex.query(api.queries.getUserPatterns, {});',
      );
      const [f] = only(ROUTE, text, 'server-token', known);
      assert.ok(f);
      assert.equal(f.fixes.length, 2);
      for (const fix of f.fixes) {
        const fixed = applyEdits(text, fix.edits);
        assertParses(ROUTE, fixed);
        assert.match(fixed, /convex\.setAuth\(token\)/);
        assert.deepEqual(only(ROUTE, fixed, 'server-token', known), [], fixed);
      }
    });
    it('near misses: setAuth called, a function not known to need a user, no function index, an auth option', () => {
      const body = '  const patterns = await convex.query(api.queries.getUserPatterns);';
      const quiet: [string, string, AnalysisContext][] = [
        [ROUTE, route(MODULE_CLIENT, `  convex.setAuth((await (await auth()).getToken())!);\n${body}`), known],
        [
          ROUTE,
          route(
            MODULE_CLIENT,
            '  const patterns = await convex.query(api.queries.getUserByClerkId, { clerkId: userId });',
          ),
          known,
        ],
        [ROUTE, route(MODULE_CLIENT, body), { project: NEXT }],
        [
          ROUTE,
          route(
            'const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!, { auth: process.env.T });',
            body,
          ),
          known,
        ],
      ];
      for (const [file, text, context] of quiet) assert.deepEqual(only(file, text, 'server-token', context), [], text);
    });
  });

  describe('a convex/nextjs call without the token while its siblings pass one (M5b)', () => {
    const page = (first: string): string => `import { api } from "@/convex/_generated/api";
import { preloadQuery } from "convex/nextjs";
import { getAuthToken } from "@/lib/authentication";

const GroupListServerPage = async () => {
  const token = await getAuthToken();
  const userPreloadPromise = ${first};
  const groupListPreloadPromise = preloadQuery(api.groups.getGroupList, {}, { token });
  const [user, groups] = await Promise.all([userPreloadPromise, groupListPreloadPromise]);
  return <GroupListPage user={user} groups={groups} />;
};

export default GroupListServerPage;
`;
    const PAGE = 'app/(root)/app/page.tsx';
    it('flags the call left without it, though the file imports nothing of Clerk, and hands it the same token', () => {
      const text = page('preloadQuery(api.users.getLoggedUser)');
      const [f] = only(PAGE, text, 'server-token', { project: NEXT });
      assert.ok(f, codes(PAGE, text, { project: NEXT }).join(','));
      assert.equal(text.slice(f.start, f.end), 'preloadQuery');
      assert.match(f.message, /Other calls of this file pass \{ token \}/);
      const fix = f.fixes[0];
      assert.equal(fix?.mechanical, true);
      const fixed = applyEdits(text, fix?.edits ?? []);
      assert.match(fixed, /preloadQuery\(api\.users\.getLoggedUser, \{\}, \{ token \}\)/);
      assert.deepEqual(only(PAGE, fixed, 'server-token', { project: NEXT }), []);
    });
    it('near misses: no sibling passes a token, or the function is known to read no identity', () => {
      const alone = page('preloadQuery(api.users.getLoggedUser)').replace(
        'preloadQuery(api.groups.getGroupList, {}, { token })',
        'preloadQuery(api.groups.getGroupList, {})',
      );
      assert.deepEqual(only(PAGE, alone, 'server-token', { project: NEXT }), []);
      const open: AnalysisContext = {
        project: NEXT,
        openFunctions: [{ exportName: 'getLoggedUser', kind: 'query', path: 'convex/users.ts' }],
      };
      assert.deepEqual(only(PAGE, page('preloadQuery(api.users.getLoggedUser)'), 'server-token', open), []);
    });
  });

  describe("a TanStack Start router's ConvexQueryClient that nothing can hand the token (M5c)", () => {
    const router = (
      context: string,
      extra = '',
    ): string => `import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import { setupRouterSsrQueryIntegration } from "@tanstack/react-router-ssr-query";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { routeTree } from "./routeTree.gen";

export function getRouter() {
  const convexQueryClient = new ConvexQueryClient(import.meta.env.VITE_CONVEX_URL);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { queryKeyHashFn: convexQueryClient.hashFn(), queryFn: convexQueryClient.queryFn() } },
  });
  convexQueryClient.connect(queryClient);
${extra}
  const router = createRouter({
    routeTree,
    context: ${context},
    Wrap: ({ children }) => (
      <ClerkProvider>
        <ConvexProviderWithClerk client={convexQueryClient.convexClient} useAuth={useAuth}>
          {children}
        </ConvexProviderWithClerk>
      </ClerkProvider>
    ),
  });
  setupRouterSsrQueryIntegration({ router, queryClient });
  return router;
}
`;
    const ROUTER = 'src/router.tsx';
    const START = project({ packages: { framework: 'tanstack-start', clerkSdks: ['@clerk/tanstack-react-start'] } });
    const needsUser: AnalysisContext = { project: START, projectHasIdentityFunctions: true };
    it('flags the client kept out of the router context, in a project whose functions need a user', () => {
      const text = router('{ queryClient }');
      const [f] = only(ROUTER, text, 'server-set-auth', needsUser);
      assert.ok(f, codes(ROUTER, text, needsUser).join(','));
      assert.match(text.slice(f.start, f.end), /^new ConvexQueryClient\(/);
      assert.match(f.message, /serverHttpClient/);
      assert.match(f.message, /convexQueryClient stays inside this file/);
      const withConfig: AnalysisContext = {
        project: {
          ...START,
          authConfigs: [{ path: 'convex/auth.config.ts', uri: 'file:///a', providers: [], problem: 'computed' }],
        },
      };
      assert.equal(only(ROUTER, text, 'server-set-auth', withConfig).length, 1);
    });
    it('near misses: the client in the router context, serverHttpClient given the token here, nothing needs a user', () => {
      assert.deepEqual(only(ROUTER, router('{ queryClient, convexQueryClient }'), 'server-set-auth', needsUser), []);
      assert.deepEqual(
        only(
          ROUTER,
          router('{ queryClient }', '  convexQueryClient.serverHttpClient?.setAuth(getServerToken());'),
          'server-set-auth',
          needsUser,
        ),
        [],
      );
      assert.deepEqual(only(ROUTER, router('{ queryClient }'), 'server-set-auth', { project: START }), []);
    });
  });
});
