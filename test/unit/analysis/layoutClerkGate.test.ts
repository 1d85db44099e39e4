import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { applyEdits } from '../../../src/analysis/edits';
import type { AnalysisContext, FileAnalysis, Finding } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { indexed } from './together';

// Issue 23's fourth fresh check: clerk-gate through a project hook (M1: malachyfernandez/BeanJar app/index.tsx), and
// route layouts that gate their child routes on Clerk alone (M2: abdullahahmadarslan/InterviewConnect
// src/app/layout.tsx; M3: dotran150797/thread-clone app/(app)/_layout.tsx). Sources in corpus/SOURCES.md; my own
// lines. Tests marked "(failed before)" failed on main at 4a86ced (run there with this file and together.ts).

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

const NEXT = contextWith({ next: '15.1.0', '@clerk/nextjs': '^6.11.2', convex: '^1.19.0' });
const EXPO = contextWith({
  expo: '~52.0.30',
  'expo-router': '~4.0.17',
  '@clerk/clerk-expo': '^2.7.4',
  convex: '^1.19.0',
});

const STAFF = `import { query } from "./_generated/server";
export const everyone = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("not signed in");
    return await ctx.db.query("staff").collect();
  },
});
`;

const PROVIDER = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const PAGE_QUERY = `"use client";
import { useQuery } from "convex/react";
import { api } from "../../../convex/_generated/api";
export default function Board() {
  const staff = useQuery(api.staff.everyone);
  return <ul>{staff?.map((s) => <li key={s._id}>{s.name}</li>)}</ul>;
}
`;

const PAGE_HOOK = `"use client";
import { useStaff } from "../../../hooks/useStaff";
export default function Board() {
  const staff = useStaff();
  return <p>{staff?.length}</p>;
}
`;

const HOOK = `import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function useStaff() {
  return useQuery(api.staff.everyone);
}
`;

const PAGE_PLAIN = `export default function About() {
  return <p>About us</p>;
}
`;

/** A Next root layout with `body` as its JSX inside the providers. */
const nextLayout = (
  body: string,
  head = '',
): string => `${head}import { RedirectToSignIn, SignedIn, SignedOut } from "@clerk/nextjs";
import Providers from "../components/Providers";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <Providers>
      <html lang="en">
        <body>
          ${body}
          <SignedOut><RedirectToSignIn /></SignedOut>
        </body>
      </html>
    </Providers>
  );
}
`;

const clerkGates = (r: FileAnalysis | undefined): Finding[] =>
  (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/clerk-gate');

function at(text: string, f: Finding): string {
  return text.slice(f.start, f.end);
}

describe('fourth check M1: a component under <SignedIn> whose Convex call goes through a project hook', () => {
  const files = (hookFile: string, board: string): Record<string, string> => ({
    'convex/staff.ts': STAFF,
    'hooks/useStaff.ts': hookFile,
    'components/Board.tsx': board,
    'app/index.tsx': `import { SignedIn } from "@clerk/clerk-expo";
import Board from "../components/Board";
export default function Home() {
  return <SignedIn><Board /></SignedIn>;
}
`,
  });
  const BOARD = `import { Text } from "react-native";
import { useStaff } from "../hooks/useStaff";
export default function Board() {
  const staff = useStaff();
  return <Text>{staff?.length}</Text>;
}
`;

  it('is reported on <SignedIn>, naming the hook and the query it sends (failed before)', () => {
    const results = indexed(files(HOOK, BOARD), EXPO);
    const text = files(HOOK, BOARD)['app/index.tsx'] ?? '';
    const found = clerkGates(results.get('app/index.tsx'));
    assert.deepEqual(
      found.map((f) => at(text, f)),
      ['SignedIn'],
    );
    assert.match(found[0]?.message ?? '', /useQuery\(api\.staff\.everyone\) through useStaff\(\)/);
  });

  it('a hook of the same file, and a chain of two hooks, count too (failed before)', () => {
    const local = `import { SignedIn } from "@clerk/clerk-expo";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
function useStaffList() {
  return useQuery(api.staff.everyone);
}
function useStaffCount() {
  return useStaffList()?.length;
}
function Count() {
  const n = useStaffCount();
  return <p>{n}</p>;
}
export default function Home() {
  return <SignedIn><Count /></SignedIn>;
}
`;
    const r = analyse('app/index.tsx', local, EXPO);
    assert.deepEqual(
      clerkGates(r).map((f) => at(local, f)),
      ['SignedIn'],
    );
  });

  it('controls: a hook that skips until Convex is authenticated, and a component that waits on useConvexAuth', () => {
    const skipping = `import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function useStaff() {
  const { isAuthenticated } = useConvexAuth();
  return useQuery(api.staff.everyone, isAuthenticated ? {} : "skip");
}
`;
    assert.deepEqual(clerkGates(indexed(files(skipping, BOARD), EXPO).get('app/index.tsx')), []);
    const waiting = `import { Text } from "react-native";
import { useConvexAuth } from "convex/react";
import { useStaff } from "../hooks/useStaff";
export default function Board() {
  const { isAuthenticated } = useConvexAuth();
  const staff = useStaff();
  return isAuthenticated ? <Text>{staff?.length}</Text> : null;
}
`;
    assert.deepEqual(clerkGates(indexed(files(HOOK, waiting), EXPO).get('app/index.tsx')), []);
  });

  // The real BeanJar imports its hook as "hooks/useUserVariable", which only the tsconfig's baseUrl resolves.
  it('a hook imported by a bare name that the tsconfig’s baseUrl resolves counts too (failed before)', () => {
    const bare = (board: string): Record<string, string> => ({
      ...files(HOOK, board),
      'components/Board.tsx': board,
    });
    const BARE = BOARD.replace('"../hooks/useStaff"', '"hooks/useStaff"');
    const withBaseUrl: AnalysisContext = { ...EXPO, moduleAliases: { baseUrl: '', pathsBase: '' } };
    assert.deepEqual(
      clerkGates(indexed(bare(BARE), withBaseUrl).get('app/index.tsx')).map((f) => f.code),
      ['clerk-convex/clerk-gate'],
    );
    // Controls: no config (a bare name is a package then), and a bare name with no project file behind it.
    assert.deepEqual(clerkGates(indexed(bare(BARE), EXPO).get('app/index.tsx')), []);
    const PACKAGE = BOARD.replace('"../hooks/useStaff"', '"staff-hooks"');
    assert.deepEqual(clerkGates(indexed(bare(PACKAGE), withBaseUrl).get('app/index.tsx')), []);
  });
});

describe('fourth check M2: a Next layout that renders {children} inside Clerk’s <SignedIn>', () => {
  const project = (layout: string, page: string, extra: Record<string, string> = {}): Record<string, string> => ({
    'convex/staff.ts': STAFF,
    'hooks/useStaff.ts': HOOK,
    'components/Providers.tsx': PROVIDER,
    'app/layout.tsx': layout,
    'app/(admin)/board/page.tsx': page,
    ...extra,
  });

  it('is reported on the layout’s <SignedIn>, naming the page and its call (failed before)', () => {
    const layout = nextLayout('<SignedIn><main>{children}</main></SignedIn>');
    const results = indexed(project(layout, PAGE_QUERY), NEXT);
    const found = clerkGates(results.get('app/layout.tsx'));
    assert.deepEqual(
      found.map((f) => at(layout, f)),
      ['SignedIn'],
    );
    const message = found[0]?.message ?? '';
    assert.match(message, /app\/\(admin\)\/board\/page\.tsx calls useQuery\(api\.staff\.everyone\)/);
    assert.match(message, /whether or not Convex has accepted the Clerk token/);
    assert.match(message, /<Authenticated> from "convex\/react"/);
    assert.equal(found[0]?.related?.[0]?.path, 'app/(admin)/board/page.tsx');
    // A Server Component layout (no "use client"): <Authenticated> reads React context there, so no quick fix.
    assert.deepEqual(found[0]?.fixes, []);
    // The page keeps its own finding.
    assert.deepEqual(
      (results.get('app/(admin)/board/page.tsx')?.findings ?? []).map((f) => f.code),
      ['clerk-convex/query-before-auth'],
    );
  });

  it('through a project hook of the page, and with Clerk Core 3’s <Show when="signed-in"> (failed before)', () => {
    const hooked = project(nextLayout('<SignedIn>{children}</SignedIn>'), PAGE_HOOK);
    assert.equal(clerkGates(indexed(hooked, NEXT).get('app/layout.tsx')).length, 1);
    const show = `import { Show } from "@clerk/nextjs";
import Providers from "../components/Providers";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <Providers><html><body><Show when="signed-in">{children}</Show></body></html></Providers>;
}
`;
    const found = clerkGates(indexed(project(show, PAGE_QUERY), NEXT).get('app/layout.tsx'));
    assert.deepEqual(
      found.map((f) => at(show, f)),
      ['Show'],
    );
    assert.match(found[0]?.message ?? '', /^<Show when="signed-in"> renders \{children\}/);
  });

  it('a "use client" layout whose <SignedIn> holds only {children} under the Convex provider gets the fix (failed before)', () => {
    const layout = `"use client";
import { ClerkProvider, SignedIn, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { convex } from "../lib/convex";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <SignedIn>
          <main>{children}</main>
        </SignedIn>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
    const found = clerkGates(indexed(project(layout, PAGE_QUERY), NEXT).get('app/layout.tsx'));
    assert.equal(found.length, 1);
    const fix = found[0]?.fixes[0];
    assert.equal(fix?.title, 'Replace <SignedIn> with <Authenticated>');
    assert.equal(fix?.mechanical, true);
    const fixed = applyEdits(layout, fix?.edits ?? []);
    assert.match(fixed, /<Authenticated>\s*<main>\{children\}<\/main>\s*<\/Authenticated>/);
    assert.match(fixed, /import \{[^}]*\bAuthenticated\b[^}]*\} from "convex\/react"/);
    assert.doesNotMatch(fixed, /SignedIn/);
    // The fixed layout waits for Convex: the gate is gone, and the page under it is cleared by the layout.
    const after = indexed(project(fixed, PAGE_QUERY), NEXT);
    assert.deepEqual(clerkGates(after.get('app/layout.tsx')), []);
    assert.deepEqual(after.get('app/(admin)/board/page.tsx')?.findings ?? [], []);
  });

  it('no fix where swapping would change more than the routes: <SignedIn> also holding the nav bar', () => {
    const layout = `"use client";
import { ClerkProvider, SignedIn, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { convex } from "../lib/convex";
import TopBar from "../components/TopBar";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <SignedIn><TopBar /><main>{children}</main></SignedIn>
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
    const found = clerkGates(indexed(project(layout, PAGE_QUERY), NEXT).get('app/layout.tsx'));
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.fixes, []);
  });

  it('controls: pages that call no Convex, <SignedIn> around links only, a page outside the layout’s folder', () => {
    const gated = nextLayout('<SignedIn><main>{children}</main></SignedIn>');
    assert.deepEqual(clerkGates(indexed(project(gated, PAGE_PLAIN), NEXT).get('app/layout.tsx')), []);
    const links = nextLayout('<header><SignedIn><a href="/board">Board</a></SignedIn></header><main>{children}</main>');
    assert.deepEqual(clerkGates(indexed(project(links, PAGE_QUERY), NEXT).get('app/layout.tsx')), []);
    const nested = {
      'convex/staff.ts': STAFF,
      'components/Providers.tsx': PROVIDER,
      'app/(admin)/layout.tsx': nextLayout('<SignedIn>{children}</SignedIn>'),
      'app/(public)/board/page.tsx': PAGE_QUERY,
    };
    assert.deepEqual(clerkGates(indexed(nested, NEXT).get('app/(admin)/layout.tsx')), []);
  });

  it('controls: a layout below that waits for Convex clears the routes under it; a layout that reads Convex too', () => {
    const outer = nextLayout('<SignedIn>{children}</SignedIn>');
    const inner = `"use client";
import { Authenticated } from "convex/react";
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <Authenticated>{children}</Authenticated>;
}
`;
    const results = indexed(project(outer, PAGE_QUERY, { 'app/(admin)/layout.tsx': inner }), NEXT);
    assert.deepEqual(clerkGates(results.get('app/layout.tsx')), []);
    const both = `"use client";
import { useAuth } from "@clerk/nextjs";
import { useConvexAuth } from "convex/react";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  const { isSignedIn } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  return <main>{isSignedIn && isAuthenticated ? children : null}</main>;
}
`;
    assert.deepEqual(clerkGates(indexed(project(both, PAGE_QUERY), NEXT).get('app/layout.tsx')), []);
  });
});

describe('fourth check M3: an Expo layout that renders its screens once Clerk’s isSignedIn', () => {
  const ROOT = `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Slot } from "expo-router";
const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);
export default function Root() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}><Slot /></ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
  const SCREEN = `import { Text } from "react-native";
import { useStaff } from "../../../hooks/useStaff";
const Feed = () => {
  const staff = useStaff();
  return <Text>{staff?.length}</Text>;
};
export default Feed;
`;
  const project = (layout: string, screen = SCREEN): Record<string, string> => ({
    'convex/staff.ts': STAFF,
    'hooks/useStaff.ts': HOOK,
    'app/_layout.tsx': ROOT,
    'app/(app)/_layout.tsx': layout,
    'app/(app)/(tabs)/index.tsx': screen,
  });
  const layoutWith = (body: string, imports = 'import { useAuth } from "@clerk/clerk-expo";'): string => `${imports}
import { Redirect, Slot, Stack } from "expo-router";
const SignedInLayout = () => {
  const { isSignedIn, isLoaded } = useAuth();
  ${body}
};
export default SignedInLayout;
`;

  it('an early return unless isSignedIn, a ternary, `isSignedIn && <Slot/>`: reported on the test (failed before)', () => {
    for (const body of [
      'if (!isSignedIn) {\n    return <Redirect href="/sign-in" />;\n  }\n  return <Stack />;',
      'return isSignedIn ? <Stack /> : <Redirect href="/sign-in" />;',
      'return <>{isSignedIn && <Slot />}</>;',
      'if (!isLoaded || !isSignedIn) return null;\n  return <Stack />;',
    ]) {
      const layout = layoutWith(body);
      const found = clerkGates(indexed(project(layout), EXPO).get('app/(app)/_layout.tsx'));
      assert.equal(found.length, 1, body);
      const [f] = found;
      assert.ok(f, body);
      assert.match(at(layout, f), /isSignedIn/, body);
      assert.match(f.message, /^This layout renders the screens once Clerk's useAuth\(\) says/, body);
      assert.match(f.message, /useQuery\(api\.staff\.everyone\) through useStaff\(\)/, body);
    }
  });

  // expo23: a wait for Clerk's isLoaded alone is reported as what it is, a wait for Clerk and not for Convex.
  it('isLoaded only: reported as a wait for Clerk, not Convex (expo23; no finding before)', () => {
    const loadedOnly = layoutWith('if (!isLoaded) return null;\n  return <Stack />;');
    const found = clerkGates(indexed(project(loadedOnly), EXPO).get('app/(app)/_layout.tsx'));
    assert.deepEqual(
      found.map((f) => at(loadedOnly, f)),
      ['!isLoaded'],
    );
    assert.match(found[0]?.message ?? '', /^This layout waits only for Clerk to load \(isLoaded\), not for Convex/);
  });

  it('controls: a guard that reads useConvexAuth too, screens that call no Convex', () => {
    const both = layoutWith(
      'const { isAuthenticated, isLoading } = useConvexAuth();\n  if (isLoading) return null;\n  if (!isSignedIn || !isAuthenticated) return <Redirect href="/sign-in" />;\n  return <Stack />;',
      'import { useAuth } from "@clerk/clerk-expo";\nimport { useConvexAuth } from "convex/react";',
    );
    const results = indexed(project(both), EXPO);
    assert.deepEqual(clerkGates(results.get('app/(app)/_layout.tsx')), []);
    assert.deepEqual(
      results.get('app/(app)/(tabs)/index.tsx')?.findings ?? [],
      [],
      'the screen is cleared by the gate',
    );
    const plain = `import { Text } from "react-native";
export default function Feed() {
  return <Text>Hello</Text>;
}
`;
    const redirect = layoutWith('if (!isSignedIn) return <Redirect href="/sign-in" />;\n  return <Stack />;');
    assert.deepEqual(clerkGates(indexed(project(redirect, plain), EXPO).get('app/(app)/_layout.tsx')), []);
  });
});
