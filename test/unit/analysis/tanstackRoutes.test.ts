import assert from 'node:assert/strict';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { fileRouteComponent, tanstackRouteSegments } from '../../../src/analysis/fileRoutes';
import { parseSource } from '../../../src/analysis/parse';
import { renderedUnder } from '../../../src/analysis/routeTree';
import { scanFile } from '../../../src/analysis/scan';
import type { AnalysisContext, FileAnalysis, Finding } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { indexed } from './together';

// Issue 23's fifth fresh check M1 (joao-vitor-prudente/personia @65a0863a7535, a Vite + TanStack Router app; the
// reductions of /work/audit5/red/M1 and M1f, my own lines): (a) a TanStack Router file route's component is
// `createFileRoute(…)({ component })`, and the route tree follows TanStack Router's file naming conventions
// (tanstack.com/router/v1/docs/routing/file-naming-conventions: `__root`, `.` nesting, `_` prefix pathless layouts,
// `_` suffix leaving the parent, `(group)` folders, `-` prefixed files excluded, `route` files, `index`, `[.]`
// escapes); (c) TanStack Query's `useQuery(convexQuery(ref, args))` is a Convex query on mount. The
// @convex-dev/react-query API read at get-convex/convex-react-query @0a921f7 src/index.ts: `convexQuery(funcRef,
// ...argsOrSkip)` returns `{ queryKey: ["convexQuery", name, args], staleTime: Infinity }` and adds
// `enabled: false` when the args are "skip" (L481-526); `export { useQuery as useConvexQuery, usePaginatedQuery as
// useConvexPaginatedQuery, … } from "convex/react"` (L31-40). Tests marked "(failed before)" fail on dfb418a.

const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n';

const VITE: AnalysisContext = {
  project: {
    authConfigs: [readAuthConfig(AUTH_CONFIG, 'convex/auth.config.ts', 'u')],
    env: [],
    packages: readPackageFacts(
      JSON.stringify({
        dependencies: {
          convex: '^1.23.0',
          '@clerk/clerk-react': '^5.25.0',
          '@tanstack/react-router': '^1.120.3',
          '@tanstack/react-query': '^5.74.4',
          '@convex-dev/react-query': '^0.0.0-alpha.8',
          vite: '^6.2.0',
        },
      }),
    ),
  },
};

const NOTES = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (who === null) throw new Error("Not signed in");
    return await ctx.db.query("notes").withIndex("by_owner", (q) => q.eq("owner", who.subject)).collect();
  },
});
`;

const CLERK_GATED = `import { RedirectToSignIn, useAuth } from "@clerk/clerk-react";
import { createFileRoute, Outlet } from "@tanstack/react-router";

export const Route = createFileRoute("/_member")({ component: MemberArea });

function MemberArea() {
  const clerk = useAuth();
  if (!clerk.isLoaded) return null;
  if (!clerk.isSignedIn) return <RedirectToSignIn />;
  return <Outlet />;
}
`;

const child = (
  route: string,
  call = 'useQuery(api.notes.mine)',
  imports = 'import { useQuery } from "convex/react";',
): string => `import { createFileRoute } from "@tanstack/react-router";
${imports}
import { api } from "${'../'.repeat(route.split('/').length)}convex/_generated/api";

export const Route = createFileRoute("${route}")({ component: Notes });

function Notes() {
  const notes = ${call};
  return <p>{JSON.stringify(notes)}</p>;
}
`;

const codes = (r: FileAnalysis | undefined): string[] =>
  (r?.findings ?? []).map((f) => f.code.replace('clerk-convex/', ''));
const only = (r: FileAnalysis | undefined, code: string): Finding[] =>
  (r?.findings ?? []).filter((f) => f.code === `clerk-convex/${code}`);

describe('fifth check M1a: TanStack Router file routes', () => {
  it('a route’s component is createFileRoute(…)({ component }): a name, an inline function, the root’s forms', () => {
    const component = (text: string): string | undefined => {
      const file = parseSource('src/routes/x.tsx', text);
      assert.ok(file);
      const fn = fileRouteComponent(scanFile('src/routes/x.tsx', text, file));
      return fn && text.slice(fn.start ?? 0, (fn.start ?? 0) + 20);
    };
    const head =
      'import { createFileRoute, createLazyFileRoute, createRootRoute, createRootRouteWithContext } from "@tanstack/react-router";\n';
    assert.equal(
      component(
        `${head}export const Route = createFileRoute("/a")({ component: A });\nfunction A() { return null; }\n`,
      ),
      'function A() { retur',
    );
    assert.equal(
      component(`${head}export const Route = createLazyFileRoute("/a")({ component: () => <p /> });\n`),
      '() => <p /> });\n',
    );
    assert.equal(
      component(`${head}const A = () => null;\nexport const Route = createRootRoute({ component: A });\n`),
      '() => null;\nexport c',
    );
    assert.equal(
      component(
        `${head}export const Route = createRootRouteWithContext<{ q: 1 }>()({ beforeLoad: () => ({}), component: Root });\nfunction Root() { return null; }\n`,
      ),
      'function Root() { re',
    );
    // Not TanStack Router's: a same-named function of another package, or no component.
    assert.equal(
      component(
        'import { createFileRoute } from "./mine";\nexport const Route = createFileRoute("/a")({ component: A });\nfunction A() { return null; }\n',
      ),
      undefined,
    );
    assert.equal(component(`${head}export const Route = createFileRoute("/a")({ loader: () => 1 });\n`), undefined);
  });

  it('the route tree follows the file naming conventions (failed before)', () => {
    assert.deepEqual(tanstackRouteSegments('src/routes/__root.tsx'), []);
    assert.deepEqual(tanstackRouteSegments('src/routes/_auth/route.tsx'), ['_auth']);
    assert.deepEqual(tanstackRouteSegments('src/routes/_auth.tsx'), ['_auth']);
    assert.deepEqual(tanstackRouteSegments('src/routes/posts.lazy.tsx'), ['posts']);
    assert.deepEqual(tanstackRouteSegments('app/routes/(shop)/cart.tsx'), ['cart']);
    assert.deepEqual(tanstackRouteSegments('src/routes/api[.]v1.tsx'), ['api[.]v1']);
    assert.equal(tanstackRouteSegments('src/routes/-components/Nav.tsx'), undefined);
    assert.equal(tanstackRouteSegments('src/components/Nav.tsx'), undefined);
    const under = (route: string, layout: string): boolean => renderedUnder(route, layout);
    assert.ok(under('src/routes/_auth/notes.tsx', 'src/routes/_auth/route.tsx'));
    assert.ok(under('src/routes/_auth.notes.tsx', 'src/routes/_auth.tsx'));
    assert.ok(under('src/routes/_auth/notes.tsx', 'src/routes/_auth.tsx'));
    assert.ok(under('src/routes/_auth/notes/index.tsx', 'src/routes/_auth.tsx'));
    assert.ok(under('src/routes/posts.index.tsx', 'src/routes/posts.tsx'));
    assert.ok(under('src/routes/posts_.$id.edit.tsx', 'src/routes/__root.tsx'));
    assert.ok(under('apps/web/src/routes/(app)/_auth/x.tsx', 'apps/web/src/routes/_auth.tsx'));
    // Siblings of a flat layout file, a `_` suffix leaving its parent, and a layout itself are not under it (failed before).
    assert.ok(!under('src/routes/about.tsx', 'src/routes/_auth.tsx'));
    assert.ok(!under('src/routes/posts_.$id.edit.tsx', 'src/routes/posts.tsx'));
    assert.ok(!under('src/routes/_auth/route.tsx', 'src/routes/_auth.tsx'));
    // Next's and Expo Router's trees are unchanged, a `routes` folder of their app/ included.
    assert.ok(under('app/routes/x/page.tsx', 'app/routes/layout.tsx'));
    assert.ok(!under('app/about/page.tsx', 'app/(member)/layout.tsx'));
  });

  const files = (layout: string, notes = child('/_member/notes')): Record<string, string> => ({
    'convex/notes.ts': NOTES,
    'src/routes/_member/route.tsx': layout,
    'src/routes/_member/notes.tsx': notes,
    'src/routes/about.tsx': child('/about', '"static"', ''),
  });

  it('a layout route gated on Clerk alone: clerk-gate on its test, query-before-auth on the child (failed before)', () => {
    const results = indexed(files(CLERK_GATED), VITE);
    const layout = results.get('src/routes/_member/route.tsx');
    const gate = only(layout, 'clerk-gate');
    assert.deepEqual(
      gate.map((f) => CLERK_GATED.slice(f.start, f.end)),
      ['!clerk.isSignedIn'],
    );
    const message = gate[0]?.message ?? '';
    assert.match(
      message,
      /^This layout renders the child routes \(<Outlet \/>\) once Clerk's useAuth\(\) says someone is signed in/,
    );
    assert.match(message, /src\/routes\/_member\/notes\.tsx calls useQuery\(api\.notes\.mine\) as soon as it mounts/);
    assert.match(message, /Render <Outlet \/> inside <Authenticated> from "convex\/react"/);
    assert.doesNotMatch(message, /\{children\}|use client/);
    assert.deepEqual(codes(results.get('src/routes/_member/notes.tsx')), ['query-before-auth']);
    assert.deepEqual(codes(results.get('src/routes/about.tsx')), []);
  });

  it('a layout route that waits for Convex’s auth makes its children clean: <Authenticated>, useConvexAuth() (the bare child failed before)', () => {
    const authenticated = `import { createFileRoute, Outlet } from "@tanstack/react-router";
import { Authenticated } from "convex/react";
export const Route = createFileRoute("/_member")({
  component: () => (
    <Authenticated>
      <Outlet />
    </Authenticated>
  ),
});
`;
    const waiting = `import { createFileRoute, Navigate, Outlet } from "@tanstack/react-router";
import { useConvexAuth } from "convex/react";
export const Route = createFileRoute("/_member")({ component: Member });
function Member() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  if (isLoading) return null;
  if (!isAuthenticated) return <Navigate to="/sign-in" />;
  return <Outlet />;
}
`;
    for (const layout of [authenticated, waiting]) {
      const results = indexed(files(layout), VITE);
      assert.deepEqual(codes(results.get('src/routes/_member/route.tsx')), []);
      assert.deepEqual(codes(results.get('src/routes/_member/notes.tsx')), []);
    }
    // The same children without any layout above them send their query before auth (failed before).
    const bare = indexed({ 'convex/notes.ts': NOTES, 'src/routes/notes.tsx': child('/notes') }, VITE);
    assert.deepEqual(codes(bare.get('src/routes/notes.tsx')), ['query-before-auth']);
  });

  it('a flat pathless layout `_member.tsx` joins `_member.notes.tsx` and `_member/notes.tsx`, not its siblings (failed before)', () => {
    const results = indexed(
      {
        'convex/notes.ts': NOTES,
        'src/routes/_member.tsx': CLERK_GATED,
        'src/routes/_member.notes.tsx': child('/_member/notes'),
        'src/routes/about.tsx': child('/about'),
      },
      VITE,
    );
    const gate = only(results.get('src/routes/_member.tsx'), 'clerk-gate');
    assert.equal(gate.length, 1);
    assert.match(gate[0]?.message ?? '', /src\/routes\/_member\.notes\.tsx calls/);
    assert.doesNotMatch(gate[0]?.message ?? '', /about\.tsx|more route/);
  });
});

describe('fifth check M1c: TanStack Query with convexQuery', () => {
  const TQ =
    'import { useQuery, useSuspenseQuery } from "@tanstack/react-query";\nimport { convexQuery, useConvexQuery } from "@convex-dev/react-query";';
  const run = (call: string): string[] => {
    const results = indexed({ 'convex/notes.ts': NOTES, 'src/routes/notes.tsx': child('/notes', call, TQ) }, VITE);
    return codes(results.get('src/routes/notes.tsx'));
  };

  it('useQuery / useSuspenseQuery of convexQuery(ref, args), options spread, and useConvexQuery are Convex queries on mount (failed before)', () => {
    assert.deepEqual(run('useQuery(convexQuery(api.notes.mine, {}))'), ['query-before-auth']);
    assert.deepEqual(run('useSuspenseQuery(convexQuery(api.notes.mine, {}))'), ['query-before-auth']);
    assert.deepEqual(run('useQuery({ ...convexQuery(api.notes.mine, {}), placeholderData: [] })'), [
      'query-before-auth',
    ]);
    assert.deepEqual(run('useConvexQuery(api.notes.mine)'), ['query-before-auth']);
  });

  it('"skip", options that set `enabled`, and TanStack queries of anything else send nothing of Convex’s', () => {
    assert.deepEqual(run('useQuery(convexQuery(api.notes.mine, "skip"))'), []);
    assert.deepEqual(
      run('useQuery(convexQuery(api.notes.mine, ready ? {} : "skip"))'.replace('ready', 'Math.random() > 1')),
      [],
    );
    assert.deepEqual(run('useQuery({ ...convexQuery(api.notes.mine, {}), enabled: false })'), []);
    assert.deepEqual(run('useQuery({ queryKey: ["x"], queryFn: () => fetch("/x") })'), []);
  });

  it('a project hook wrapping useQuery(convexQuery(…)), and a convexQuery skipped on Clerk’s state alone (failed before)', () => {
    const hook = `import { useQuery } from "@tanstack/react-query";
import { convexQuery } from "@convex-dev/react-query";
import { api } from "../../convex/_generated/api";
export function useNotes() {
  return useQuery(convexQuery(api.notes.mine, {}));
}
`;
    const page = `import { createFileRoute } from "@tanstack/react-router";
import { useNotes } from "../hooks/useNotes";
export const Route = createFileRoute("/notes")({ component: Notes });
function Notes() {
  const notes = useNotes();
  return <p>{notes.data?.length}</p>;
}
`;
    const viaHook = indexed(
      { 'convex/notes.ts': NOTES, 'src/hooks/useNotes.ts': hook, 'src/routes/notes.tsx': page },
      VITE,
    );
    assert.deepEqual(codes(viaHook.get('src/routes/notes.tsx')), ['query-before-auth']);
    const clerkSkip = `import { useAuth } from "@clerk/clerk-react";
import { useQuery } from "@tanstack/react-query";
import { convexQuery } from "@convex-dev/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { api } from "../../convex/_generated/api";
export const Route = createFileRoute("/notes")({ component: Notes });
function Notes() {
  const { isSignedIn } = useAuth();
  const notes = useQuery(convexQuery(api.notes.mine, isSignedIn ? {} : "skip"));
  return <p>{notes.data?.length}</p>;
}
`;
    const gated = indexed({ 'convex/notes.ts': NOTES, 'src/routes/notes.tsx': clerkSkip }, VITE);
    assert.deepEqual(codes(gated.get('src/routes/notes.tsx')), ['clerk-gate']);
  });

  it('red/M1f: a Next page under a Clerk-only layout using useQuery(convexQuery(…)): both findings (failed before)', () => {
    const NEXT: AnalysisContext = {
      project: {
        ...VITE.project!,
        packages: readPackageFacts(
          JSON.stringify({
            dependencies: {
              next: '^15.3.0',
              '@clerk/nextjs': '^6.20.0',
              convex: '^1.23.0',
              '@tanstack/react-query': '^5.0.0',
              '@convex-dev/react-query': '^0.0.0',
            },
          }),
        ),
      },
    };
    const page = `"use client";
import { convexQuery } from "@convex-dev/react-query";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/convex/_generated/api";

export default function Notes() {
  const notes = useQuery(convexQuery(api.notes.mine, {}));
  return <ul>{notes.data?.map((n) => <li key={n._id}>{n.body}</li>)}</ul>;
}
`;
    const layout = `"use client";
import { RedirectToSignIn, useAuth } from "@clerk/nextjs";

export default function MemberLayout({ children }: { children: React.ReactNode }) {
  const clerk = useAuth();
  if (!clerk.isLoaded) return null;
  if (!clerk.isSignedIn) return <RedirectToSignIn />;
  return <>{children}</>;
}
`;
    const results = indexed(
      { 'convex/notes.ts': NOTES, 'app/(member)/layout.tsx': layout, 'app/(member)/notes/page.tsx': page },
      NEXT,
    );
    const q = only(results.get('app/(member)/notes/page.tsx'), 'query-before-auth');
    assert.deepEqual(
      q.map((f) => page.slice(f.start, f.end)),
      ['convexQuery(api.notes.mine, {})'],
    );
    const gate = only(results.get('app/(member)/layout.tsx'), 'clerk-gate');
    assert.equal(gate.length, 1);
    assert.match(gate[0]?.message ?? '', /This layout renders \{children\} once/);
    assert.match(gate[0]?.message ?? '', /calls useQuery\(convexQuery\(api\.notes\.mine\)\) as soon as it mounts/);
  });
});
