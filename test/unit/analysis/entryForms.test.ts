import assert from 'node:assert/strict';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import type { AnalysisContext } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { buildSnapshot } from '../../../src/project/snapshot';
import { codesOf, indexed } from './together';

// Issue 23's fourth fresh check: pages and screens whose default export is written apart from the component (#35,
// #90: abdullahahmadarslan/InterviewConnect, dotran150797/thread-clone), and `src/pages/` of a Vite app taken for
// Next's pages (#46: ifubaraboye/dinexpress). Sources in corpus/SOURCES.md; my own lines. Tests marked "(failed
// before)" failed on main at 62760d9 (checked by stashing the src change).

const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n';

function contextWith(dependencies: Record<string, string>): AnalysisContext {
  return {
    project: {
      authConfigs: [readAuthConfig(AUTH_CONFIG, 'convex/auth.config.ts', 'u')],
      env: [],
      packages: readPackageFacts(JSON.stringify({ dependencies })),
    },
  };
}

const NEXT = contextWith({ next: '14.2.23', '@clerk/nextjs': '^6.11.2', convex: '^1.19.0' });
const EXPO = contextWith({
  expo: '~52.0.30',
  'expo-router': '~4.0.17',
  '@clerk/clerk-expo': '^2.7.4',
  convex: '^1.19.0',
});
const VITE = contextWith({
  convex: '^1.31.2',
  '@clerk/clerk-react': '^5.59.2',
  'react-router-dom': '^7.11.0',
  vite: '^7.2.4',
});

// A query that throws without an identity (InterviewConnect convex/users.ts getUsers, thread-clone convex/users.ts
// getCurrentUser, dinexpress convex/orders.ts getRunnerStats, all of this shape).
const STAFF = `import { query } from "./_generated/server";
export const everyone = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("not signed in");
    return await ctx.db.query("staff").collect();
  },
});
`;

// InterviewConnect src/app/(admin)/dashboard/page.tsx: a client page declared first, exported as default below.
const BOARD_PAGE = `"use client";
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
function Board() {
  const staff = useQuery(api.staff.everyone);
  if (!staff) return <p>…</p>;
  return <ul>{staff.map((s) => <li key={s._id}>{s.name}</li>)}</ul>;
}
export default Board;
`;

// thread-clone app/(app)/(tabs)/index.tsx: an arrow screen, exported as default at the end, calling a project hook.
const FEED_SCREEN = `import { Text } from "react-native";
import useSelf from "@/hooks/useSelf";
const Feed = () => {
  const self = useSelf();
  return <Text>{self?.name ?? "…"}</Text>;
};
export default Feed;
`;
const USE_SELF = `import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function useSelf() {
  return useQuery(api.staff.everyone);
}
`;
const FEED_DIRECT = `import { Text } from "react-native";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
const Feed = () => {
  const self = useQuery(api.staff.everyone);
  return <Text>{self?.length ?? "…"}</Text>;
};
export default Feed;
`;

const expoLayout = (imports: string, body: string): string => `${imports}
function SignedInLayout() {
${body}
}
export default SignedInLayout;
`;
// thread-clone app/(app)/_layout.tsx gates on Clerk's isSignedIn: Convex may not have the token yet.
const CLERK_LAYOUT = expoLayout(
  'import { useAuth } from "@clerk/clerk-expo";\nimport { Redirect, Stack } from "expo-router";',
  '  const { isSignedIn } = useAuth();\n  if (!isSignedIn) return <Redirect href="/sign-in" />;\n  return <Stack />;',
);
const CONVEX_LAYOUT = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Redirect, Stack } from "expo-router";',
  '  const { isAuthenticated } = useConvexAuth();\n  if (!isAuthenticated) return <Redirect href="/sign-in" />;\n  return <Stack />;',
);

describe('fourth check M2/M3: a page or screen whose default export is written apart is an entry', () => {
  it('Next: `function Board(){…} export default Board;` under app/ is rendered by the framework (failed before)', () => {
    const r = indexed({ 'src/app/(admin)/board/page.tsx': BOARD_PAGE, 'convex/staff.ts': STAFF }, NEXT);
    const found = r.get('src/app/(admin)/board/page.tsx')?.findings ?? [];
    assert.deepEqual(codesOf(r.get('src/app/(admin)/board/page.tsx')), ['query-before-auth']);
    assert.match(found[0]?.message ?? '', /Board is rendered by the framework/);
  });

  it('Expo: `const Feed = () => {…}; export default Feed;` through a hook and directly (failed before)', () => {
    const r = indexed(
      {
        'app/(app)/_layout.tsx': CLERK_LAYOUT,
        'app/(app)/(tabs)/index.tsx': FEED_SCREEN,
        'app/(app)/(tabs)/direct.tsx': FEED_DIRECT,
        'hooks/useSelf.ts': USE_SELF,
        'convex/staff.ts': STAFF,
      },
      EXPO,
    );
    assert.deepEqual(codesOf(r.get('app/(app)/(tabs)/index.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('app/(app)/(tabs)/direct.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('hooks/useSelf.ts')), []);
  });

  it('`export { Feed as default }` and a typed arrow (`const Feed: FC = …`) too (failed before)', () => {
    const asDefault = FEED_DIRECT.replace('export default Feed;', 'export { Feed as default };');
    const typed = FEED_DIRECT.replace('const Feed = () =>', 'const Feed: React.FC = () =>');
    const r = indexed({ 'app/as.tsx': asDefault, 'app/typed.tsx': typed, 'convex/staff.ts': STAFF }, EXPO);
    assert.deepEqual(codesOf(r.get('app/as.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('app/typed.tsx')), ['query-before-auth']);
  });

  it("the layout's Convex gate, itself written apart, still clears the screens under it", () => {
    const files = { 'app/(app)/(tabs)/index.tsx': FEED_SCREEN, 'hooks/useSelf.ts': USE_SELF, 'convex/staff.ts': STAFF };
    const gated = indexed({ ...files, 'app/(app)/_layout.tsx': CONVEX_LAYOUT }, EXPO);
    assert.deepEqual(codesOf(gated.get('app/(app)/(tabs)/index.tsx')), []);
    assert.deepEqual(codesOf(gated.get('app/(app)/_layout.tsx')), []);
    // Control: the same screen under a Clerk-only layout keeps its finding (failed before: it had none).
    const clerk = indexed({ ...files, 'app/(app)/_layout.tsx': CLERK_LAYOUT }, EXPO);
    assert.deepEqual(codesOf(clerk.get('app/(app)/(tabs)/index.tsx')), ['query-before-auth']);
  });

  it('controls: a skipped query, a component rendered under <Authenticated>, a non-default export, a non-function default', () => {
    const skipped = BOARD_PAGE.replace('import { useQuery }', 'import { useConvexAuth, useQuery }').replace(
      'const staff = useQuery(api.staff.everyone);',
      'const { isAuthenticated } = useConvexAuth();\n  const staff = useQuery(api.staff.everyone, isAuthenticated ? {} : "skip");',
    );
    const wrapped = `"use client";
import { Authenticated, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
function List() {
  const staff = useQuery(api.staff.everyone);
  return <p>{staff?.length}</p>;
}
const Page = () => <Authenticated><List /></Authenticated>;
export default Page;
`;
    const named = BOARD_PAGE.replace('export default Board;', 'export { Board };');
    const memo = BOARD_PAGE.replace('"use client";\n', '"use client";\nimport { memo } from "react";\n').replace(
      'export default Board;',
      'const Memo = memo(Board);\nexport default Memo;',
    );
    const r = indexed(
      {
        'app/skipped/page.tsx': skipped,
        'app/wrapped/page.tsx': wrapped,
        'app/named/page.tsx': named,
        'app/memo/page.tsx': memo,
        'convex/staff.ts': STAFF,
      },
      NEXT,
    );
    for (const path of ['app/skipped/page.tsx', 'app/wrapped/page.tsx', 'app/named/page.tsx', 'app/memo/page.tsx'])
      assert.deepEqual(codesOf(r.get(path)), [], path);
  });
});

// dinexpress: a Vite + react-router app; src/pages/ holds the route elements, rendered under a guard that waits
// for a Convex user (src/components/ProtectedRoute.tsx).
const GATE = `import { useQuery } from "convex/react";
import { Navigate, Outlet } from "react-router-dom";
import { useUser } from "@clerk/clerk-react";
import { api } from "../../convex/_generated/api";
export default function Gate() {
  const { isLoaded, isSignedIn } = useUser();
  const me = useQuery(api.people.me);
  if (!isLoaded || (isSignedIn && me === undefined)) return <p>…</p>;
  if (!isSignedIn) return <Navigate to="/login" replace />;
  if (!me) return <p>syncing</p>;
  return <Outlet />;
}
`;
const MAIN = `import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import Gate from "./components/Gate";
import Tally from "./pages/Tally";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
const router = createBrowserRouter([
  { path: "/", element: <Gate />, children: [{ index: true, element: <Tally /> }] },
]);
createRoot(document.getElementById("root")!).render(
  <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <RouterProvider router={router} />
    </ConvexProviderWithClerk>
  </ClerkProvider>
);
`;
const TALLY = `import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
export default function Tally() {
  const n = useQuery(api.people.tally);
  return <p>{n ?? "…"}</p>;
}
`;
const PEOPLE = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (who === null) return null;
    return await ctx.db.query("people").withIndex("by_ext", (q) => q.eq("ext", who.subject)).unique();
  },
});
export const tally = query({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("signed out");
    return (await ctx.db.query("jobs").withIndex("by_runner", (q) => q.eq("runner", who.subject)).collect()).length;
  },
});
`;

describe("fourth check F2: `pages/` is Next's only in a package that declares next", () => {
  const files = {
    'src/main.tsx': MAIN,
    'src/components/Gate.tsx': GATE,
    'src/pages/Tally.tsx': TALLY,
    'convex/people.ts': PEOPLE,
  };

  it('a Vite app: src/pages/Tally.tsx rendered by the app router behind its guard is no entry (failed before)', () => {
    const r = indexed(files, VITE);
    for (const path of Object.keys(files)) assert.deepEqual(codesOf(r.get(path)), [], path);
    // pages/ at the root of a Vite app alike.
    const root = indexed(
      { 'pages/Tally.tsx': TALLY.replace('../../convex', '../convex'), 'convex/people.ts': PEOPLE },
      VITE,
    );
    assert.deepEqual(codesOf(root.get('pages/Tally.tsx')), []);
  });

  it('controls: a Next package keeps its pages/ entries; without package facts pages/ still counts', () => {
    const next = indexed({ 'src/pages/Tally.tsx': TALLY, 'convex/people.ts': PEOPLE }, NEXT);
    assert.deepEqual(codesOf(next.get('src/pages/Tally.tsx')), ['query-before-auth']);
    const bare = indexed({ 'src/pages/Tally.tsx': TALLY, 'convex/people.ts': PEOPLE }, {});
    assert.deepEqual(codesOf(bare.get('src/pages/Tally.tsx')), ['query-before-auth']);
    // A Next package's pages/ folder is at its root or under src/: a pages/ folder deeper is a folder of components.
    const deep = indexed({ 'src/features/pages/Tally.tsx': TALLY, 'convex/people.ts': PEOPLE }, NEXT);
    assert.deepEqual(codesOf(deep.get('src/features/pages/Tally.tsx')), []);
  });

  it("a monorepo: the Next package's pages are entries, the Vite package's are not (the latter failed before)", () => {
    const pkg = (dependencies: Record<string, string>): string => JSON.stringify({ dependencies });
    const snapshot = buildSnapshot({
      folderUri: 'file:///w',
      files: [
        { path: 'package.json', text: JSON.stringify({ private: true }) },
        { path: 'apps/web/package.json', text: pkg({ next: '^15.0.0', convex: '^1.23.0' }) },
        { path: 'apps/spa/package.json', text: pkg({ vite: '^7.2.4', convex: '^1.23.0' }) },
        { path: 'packages/backend/package.json', text: pkg({ convex: '^1.23.0' }) },
      ],
      layout: { projectRoot: 'packages/backend', functionsDir: 'packages/backend/convex', source: 'default' },
      uriOf: (p) => `file:///w/${p}`,
      readAuthConfig,
    });
    const tally = TALLY.replace('../../convex/_generated/api', '@acme/backend/api');
    const r = indexed(
      {
        'apps/web/pages/tally.tsx': tally,
        'apps/spa/src/pages/Tally.tsx': tally,
        'packages/backend/convex/people.ts': PEOPLE,
      },
      { project: snapshot },
    );
    assert.deepEqual(codesOf(r.get('apps/web/pages/tally.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('apps/spa/src/pages/Tally.tsx')), []);
    assert.deepEqual(snapshot.packages.nextRoots, ['apps/web']);
  });
});
