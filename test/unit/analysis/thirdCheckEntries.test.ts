import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { buildSnapshot } from '../../../src/project/snapshot';
import { readPackageFacts } from '../../../src/project/packageFacts';
import type { ProjectSnapshot } from '../../../src/project/types';
import { codesOf, together } from './together';

// Classes of issue 23's third fresh check (reductions M2, M3, M8, F2b; sources in corpus/SOURCES.md). Each test marked
// "(failed before)" failed on the analyzer of main at d4b8eca (checked by stashing the src change).

const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n';

function projectWith(dependencies: Record<string, string>): ProjectSnapshot {
  return {
    authConfigs: [readAuthConfig(AUTH_CONFIG, 'convex/auth.config.ts', 'u')],
    env: [],
    packages: readPackageFacts(JSON.stringify({ dependencies })),
  };
}

const EXPO = { convex: '^1.23.0', '@clerk/clerk-expo': '^2.10.0', 'expo-router': '~4.0.0', react: '^19.0.0' };
const EXPO_NO_ROUTER = { convex: '^1.23.0', '@clerk/clerk-expo': '^2.10.0', expo: '~52.0.0', react: '^19.0.0' };
const NEXT = { convex: '^1.23.0', '@clerk/nextjs': '^6.0.0', next: '^15.0.0', react: '^19.0.0' };

// A function that throws without an identity (TapToDev94/Chat-App-Expo-Convex's getChats through
// getCurrentUserOrThrow, inlined).
const ROOMS = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("Unauthorized");
    return await ctx.db.query("rooms").withIndex("by_owner", (q) => q.eq("owner", who.subject)).collect();
  },
});
`;

const LAYOUT = `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { Slot } from "expo-router";
const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);
export default function RootLayout() {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <Slot />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

// TapToDev94/Chat-App-Expo-Convex app/(protected)/(tabs)/index.tsx: a tab screen queries at the top of its body.
const TAB_SCREEN = `import { useQuery } from "convex/react";
import { Text } from "react-native";
import { api } from "@/convex/_generated/api";
export default function ChatsTab() {
  const rooms = useQuery(api.rooms.mine, {});
  return <Text>{rooms?.length ?? "…"}</Text>;
}
`;

// ethan-krich/clerk-convex-repo app/index.tsx: the query at the top, <Authenticated> only around its output.
const HOME_SCREEN = `import { Authenticated, Unauthenticated, useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "@/convex/_generated/api";
export default function Index() {
  const rooms = useQuery(api.rooms.mine);
  return (
    <View>
      <Authenticated>{rooms?.map((r) => <Text key={r._id}>{r.title}</Text>)}</Authenticated>
      <Unauthenticated><Text>Sign in first</Text></Unauthenticated>
    </View>
  );
}
`;

function run(files: Record<string, string>, dependencies: Record<string, string>): Map<string, FileAnalysis> {
  return together(files, { project: projectWith(dependencies) });
}

describe('third check M2/M3: Expo Router screens are rendered by the framework (query-before-auth)', () => {
  it('a screen in group folders, app/(signed)/(tabs)/index.tsx, of an expo-router project (failed before)', () => {
    const r = run(
      { 'app/_layout.tsx': LAYOUT, 'app/(signed)/(tabs)/index.tsx': TAB_SCREEN, 'convex/rooms.ts': ROOMS },
      EXPO,
    );
    const found = r.get('app/(signed)/(tabs)/index.tsx')?.findings ?? [];
    assert.deepEqual(
      found.map((f) => f.code),
      ['clerk-convex/query-before-auth'],
    );
    assert.match(found[0]?.message ?? '', /ChatsTab is rendered by the framework/);
    assert.match(found[0]?.message ?? '', /convex\/rooms\.ts .* throws without one/);
    assert.deepEqual(codesOf(r.get('app/_layout.tsx')), []);
  });

  it('app/index.tsx with <Authenticated> only around the output (failed before), as Next app/page.tsx is', () => {
    const expo = run({ 'app/_layout.tsx': LAYOUT, 'app/index.tsx': HOME_SCREEN, 'convex/rooms.ts': ROOMS }, EXPO);
    assert.deepEqual(codesOf(expo.get('app/index.tsx')), ['query-before-auth']);
    // Control (M3b): the same component as a Next page was already flagged.
    const next = run({ 'app/page.tsx': HOME_SCREEN, 'convex/rooms.ts': ROOMS }, NEXT);
    assert.deepEqual(codesOf(next.get('app/page.tsx')), ['query-before-auth']);
  });

  it('src/app/ screens too (failed before), and a screen whose query is skipped stays clean', () => {
    const skipped = TAB_SCREEN.replace(
      'import { useQuery } from "convex/react";',
      'import { useConvexAuth, useQuery } from "convex/react";',
    ).replace(
      'const rooms = useQuery(api.rooms.mine, {});',
      'const { isAuthenticated } = useConvexAuth();\n  const rooms = useQuery(api.rooms.mine, isAuthenticated ? {} : "skip");',
    );
    const r = run(
      {
        'src/app/_layout.tsx': LAYOUT,
        'src/app/(tabs)/chats.tsx': TAB_SCREEN,
        'src/app/(tabs)/skipped.tsx': skipped,
        'convex/rooms.ts': ROOMS,
      },
      EXPO,
    );
    assert.deepEqual(codesOf(r.get('src/app/(tabs)/chats.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('src/app/(tabs)/skipped.tsx')), []);
  });

  it('controls: no expo-router, an API route, a component outside app/, and a Next app/ component stay as they were', () => {
    const noRouter = run({ 'app/home.tsx': TAB_SCREEN, 'convex/rooms.ts': ROOMS }, EXPO_NO_ROUTER);
    assert.deepEqual(codesOf(noRouter.get('app/home.tsx')), []);
    const expo = run(
      {
        'app/rooms+api.ts': TAB_SCREEN.replace('<Text>{rooms?.length ?? "…"}</Text>', 'null'),
        'components/RoomCount.tsx': TAB_SCREEN,
        'convex/rooms.ts': ROOMS,
      },
      EXPO,
    );
    assert.deepEqual(codesOf(expo.get('app/rooms+api.ts')), []);
    assert.deepEqual(codesOf(expo.get('components/RoomCount.tsx')), []);
    // A Next app keeps its own rules: a component file under app/ that is no page or layout is not an entry.
    const next = run({ 'app/dashboard/rooms.tsx': TAB_SCREEN, 'convex/rooms.ts': ROOMS }, NEXT);
    assert.deepEqual(codesOf(next.get('app/dashboard/rooms.tsx')), []);
  });

  it("a monorepo: the router's folder is the package that declares expo-router, not the Next app beside it (failed before)", () => {
    const pkg = (dependencies: Record<string, string>): string => JSON.stringify({ dependencies });
    const snapshot = buildSnapshot({
      folderUri: 'file:///w',
      files: [
        { path: 'package.json', text: JSON.stringify({ private: true }) },
        { path: 'apps/mobile/package.json', text: pkg(EXPO) },
        { path: 'apps/web/package.json', text: pkg(NEXT) },
        { path: 'packages/backend/package.json', text: pkg({ convex: '^1.23.0' }) },
      ],
      layout: { projectRoot: 'packages/backend', functionsDir: 'packages/backend/convex', source: 'default' },
      uriOf: (p) => `file:///w/${p}`,
      readAuthConfig,
    });
    assert.deepEqual(snapshot.packages.expoRouterRoots, ['apps/mobile']);
    const context: AnalysisContext = { project: snapshot };
    const files = {
      'apps/mobile/app/(tabs)/index.tsx': TAB_SCREEN.replace('@/convex/_generated/api', '@acme/backend/api'),
      'apps/web/app/rooms.tsx': TAB_SCREEN.replace('@/convex/_generated/api', '@acme/backend/api'),
      'packages/backend/convex/rooms.ts': ROOMS,
    };
    const r = together(files, context);
    assert.deepEqual(codesOf(r.get('apps/mobile/app/(tabs)/index.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('apps/web/app/rooms.tsx')), []);
  });
});

// xCarter93/nextjs-file-drive src/components/FilesBrowser.tsx: the team id comes from useOrganization()/useUser()
// once both are loaded; the function checks membership through the identity and returns [] without one.
const DOCS = `import { v } from "convex/values";
import { query, type QueryCtx } from "./_generated/server";
async function memberOf(ctx: QueryCtx, team: string) {
  const who = await ctx.auth.getUserIdentity();
  if (!who) return null;
  const row = await ctx.db.query("people").withIndex("by_token", (q) => q.eq("token", who.tokenIdentifier)).first();
  return row && row.teams.includes(team) ? row : null;
}
export const byTeam = query({
  args: { team: v.string() },
  async handler(ctx, args) {
    if (!(await memberOf(ctx, args.team))) return [];
    return await ctx.db.query("files").withIndex("by_team", (q) => q.eq("team", args.team)).collect();
  },
});
`;

const BROWSER_LET = `"use client";
import { useOrganization, useUser } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function FileBrowser() {
  const organization = useOrganization();
  const person = useUser();
  let teamId: string | undefined = undefined;
  if (organization.isLoaded && person.isLoaded) {
    teamId = organization.organization?.id ?? person.user?.id;
  }
  const files = useQuery(api.files.byTeam, teamId ? { team: teamId } : "skip");
  return <ul>{files?.map((f) => <li key={f._id}>{f.name}</li>)}</ul>;
}
`;

const BROWSER_INLINE = `"use client";
import { useOrganization, useUser } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function FileBrowser() {
  const { organization, isLoaded: orgLoaded } = useOrganization();
  const { user, isLoaded } = useUser();
  const teamId = organization?.id ?? user?.id;
  const files = useQuery(api.files.byTeam, orgLoaded && isLoaded && teamId ? { team: teamId } : "skip");
  return <ul>{files?.map((f) => <li key={f._id}>{f.name}</li>)}</ul>;
}
`;

const BROWSER_AUTH = `"use client";
import { useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";
export function FileBrowser() {
  const { isSignedIn } = useAuth();
  const files = useQuery(api.files.byTeam, isSignedIn ? { team: "t" } : "skip");
  return <ul>{files?.map((f) => <li key={f._id}>{f.name}</li>)}</ul>;
}
`;

describe("third check M8: useOrganization()/useUser() state in a query's skip test is Clerk's (clerk-gate)", () => {
  const deps = { convex: '^1.10.0', '@clerk/nextjs': '^4.29.9', next: '^14.0.0', react: '^18.2.0' };

  it('a team id set under `if (org.isLoaded && user.isLoaded)` and tested for "skip" (failed before)', () => {
    const r = run({ 'components/FileBrowser.tsx': BROWSER_LET, 'convex/files.ts': DOCS }, deps);
    const found = r.get('components/FileBrowser.tsx')?.findings ?? [];
    assert.deepEqual(
      found.map((f) => f.code),
      ['clerk-convex/clerk-gate'],
    );
    const text = BROWSER_LET.slice(found[0]?.start, found[0]?.end);
    assert.equal(text, 'useOrganization()');
    assert.match(
      found[0]?.message ?? '',
      /^Clerk's useOrganization\(\) decides when useQuery\(api\.files\.byTeam\) runs/,
    );
    assert.match(found[0]?.message ?? '', /the query can run without an identity/);
    // Convex's state replaces useAuth's/useUser's sign-in flags; an organisation's state it cannot: no edit offered.
    assert.deepEqual(found[0]?.fixes ?? [], []);
  });

  it('the destructured forms in the skip test itself (failed before)', () => {
    const r = run({ 'components/FileBrowser.tsx': BROWSER_INLINE, 'convex/files.ts': DOCS }, deps);
    assert.deepEqual(codesOf(r.get('components/FileBrowser.tsx')), ['clerk-gate']);
  });

  it("controls: useAuth()'s isSignedIn skip is flagged as before; Convex's state in the test and a plain user id stay quiet", () => {
    const r = run({ 'components/FileBrowser.tsx': BROWSER_AUTH, 'convex/files.ts': DOCS }, deps);
    assert.deepEqual(codesOf(r.get('components/FileBrowser.tsx')), ['clerk-gate']);
    const convexToo = BROWSER_INLINE.replace(
      'import { useQuery } from "convex/react";',
      'import { useConvexAuth, useQuery } from "convex/react";',
    )
      .replace('const teamId =', 'const { isAuthenticated } = useConvexAuth();\n  const teamId =')
      .replace('orgLoaded && isLoaded && teamId ?', 'isAuthenticated && teamId ?');
    const quiet = run({ 'components/FileBrowser.tsx': convexToo, 'convex/files.ts': DOCS }, deps);
    assert.deepEqual(codesOf(quiet.get('components/FileBrowser.tsx')), []);
    // The user's own id passed as the argument: the function takes the user from it (identity-from-args' business).
    const userOnly = BROWSER_INLINE.replace('organization?.id ?? user?.id', 'user?.id');
    const byUser = run({ 'components/FileBrowser.tsx': userOnly, 'convex/files.ts': DOCS }, deps);
    assert.deepEqual(codesOf(byUser.get('components/FileBrowser.tsx')), []);
  });
});

describe('clerk-gate on a skip test follows the function too (the premise of F2b: it did not)', () => {
  const deps = { convex: '^1.10.0', '@clerk/nextjs': '^6.0.0', next: '^15.0.0', react: '^19.0.0' };
  const OPEN_FILES = `import { query } from "./_generated/server";
export const byTeam = query({ args: {}, handler: async (ctx) => await ctx.db.query("files").collect() });
`;

  it('quiet when the function reads no identity, in the analysis and in the index join (failed before)', () => {
    const r = run({ 'components/FileBrowser.tsx': BROWSER_AUTH, 'convex/files.ts': OPEN_FILES }, deps);
    assert.deepEqual(codesOf(r.get('components/FileBrowser.tsx')), []);
    const alone = analyse('components/FileBrowser.tsx', BROWSER_AUTH, { project: projectWith(deps) });
    assert.deepEqual(codesOf(alone), ['clerk-gate']);
    const open = [{ exportName: 'byTeam', kind: 'query' as const, path: 'convex/files.ts' }];
    assert.deepEqual(codesOf(withIdentityFunctions(alone, [], open)), []);
  });

  it('controls: flagged when the function is unknown, and when one of two gated queries may read the identity', () => {
    const unknown = run({ 'components/FileBrowser.tsx': BROWSER_AUTH }, deps);
    assert.deepEqual(codesOf(unknown.get('components/FileBrowser.tsx')), ['clerk-gate']);
    const two = BROWSER_AUTH.replace(
      '  return <ul>',
      '  const mine = useQuery(api.people.me, isSignedIn ? {} : "skip");\n  return <ul title={mine?.name}>',
    );
    const r = run({ 'components/FileBrowser.tsx': two, 'convex/files.ts': OPEN_FILES }, deps);
    assert.deepEqual(codesOf(r.get('components/FileBrowser.tsx')), ['clerk-gate']);
  });
});

// elcokiin/EHC-GYM apps/native/app/(home)/index.tsx: <SignedIn> around the shown result of a query whose function
// reads no identity.
const OPEN_ITEMS = `import { query } from "./_generated/server";
export const all = query({ args: {}, handler: async (ctx) => await ctx.db.query("items").collect() });
`;
const SHOWN = `import { SignedIn } from "@clerk/clerk-expo";
import { useQuery } from "convex/react";
import { Text } from "react-native";
import { api } from "@/convex/_generated/api";
export default function Home() {
  const items = useQuery(api.items.all);
  return (
    <SignedIn>
      <Text>{items?.length ?? "…"}</Text>
    </SignedIn>
  );
}
`;
const IDENTITY_ITEMS = `import { query } from "./_generated/server";
export const all = query({ args: {}, handler: async (ctx) => {
  const who = await ctx.auth.getUserIdentity();
  if (!who) return [];
  return await ctx.db.query("items").withIndex("by_owner", (q) => q.eq("owner", who.subject)).collect();
} });
`;

describe('third check F2b: <SignedIn> around the result of a query follows the function it runs (clerk-gate)', () => {
  it('quiet when the function is known to read no identity, in the analysis and in the index join (failed before)', () => {
    const r = run({ 'app/home.tsx': SHOWN, 'convex/items.ts': OPEN_ITEMS }, EXPO);
    assert.deepEqual(codesOf(r.get('app/home.tsx')), []);
    // The index analyses without the functions and joins afterwards: the finding travels with a site it drops.
    const alone = analyse('app/home.tsx', SHOWN, { project: projectWith(EXPO) });
    assert.deepEqual(codesOf(alone), ['clerk-gate']);
    assert.equal(alone.gateSites?.length, 1);
    const joined = withIdentityFunctions(alone, [], [{ exportName: 'all', kind: 'query', path: 'convex/items.ts' }]);
    assert.deepEqual(codesOf(joined), []);
    const other = withIdentityFunctions(alone, [], [{ exportName: 'all', kind: 'query', path: 'convex/other.ts' }]);
    assert.deepEqual(codesOf(other), ['clerk-gate']);
    // The index joins its last findings again when the functions change: a dropped finding comes back from its site.
    const again = withIdentityFunctions({ ...alone, findings: joined.findings }, [], []);
    assert.deepEqual(codesOf(again), ['clerk-gate']);
    assert.deepEqual(again.findings, alone.findings);
  });

  it('unchanged when the function is unknown or reads the identity; the message says where the query is (failed before)', () => {
    const unknown = run({ 'app/home.tsx': SHOWN }, EXPO);
    assert.deepEqual(codesOf(unknown.get('app/home.tsx')), ['clerk-gate']);
    const r = run({ 'app/home.tsx': SHOWN, 'convex/items.ts': IDENTITY_ITEMS }, EXPO);
    const found = r.get('app/home.tsx')?.findings ?? [];
    // The screen's own query is also sent before auth (query-before-auth, M2's class); the gate is still Clerk's.
    assert.deepEqual(found.map((f) => f.code).sort(), ['clerk-convex/clerk-gate', 'clerk-convex/query-before-auth']);
    const gate = found.find((f) => f.code === 'clerk-convex/clerk-gate');
    assert.equal(SHOWN.slice(gate?.start, gate?.end), 'SignedIn');
    assert.match(gate?.message ?? '', /<SignedIn> only hides the result of useQuery\(api\.items\.all\)/);
    assert.match(gate?.message ?? '', /the query itself is sent outside it/);
    assert.doesNotMatch(gate?.message ?? '', /below it/);
  });

  it('control: <SignedIn> around a component that queries on mount keeps its message', () => {
    const mounting = `import { SignedIn } from "@clerk/clerk-expo";
import { useQuery } from "convex/react";
import { Text } from "react-native";
import { api } from "@/convex/_generated/api";
function Count() {
  const items = useQuery(api.items.all);
  return <Text>{items?.length}</Text>;
}
export function Panel() {
  return <SignedIn><Count /></SignedIn>;
}
`;
    const r = run({ 'components/Panel.tsx': mounting }, EXPO);
    const found = r.get('components/Panel.tsx')?.findings ?? [];
    assert.deepEqual(
      found.map((f) => f.code),
      ['clerk-convex/clerk-gate'],
    );
    assert.match(found[0]?.message ?? '', /below it runs without an identity/);
  });
});
