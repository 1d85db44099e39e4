import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { codesOf, indexed as indexedWith, together } from './together';

// A route layout that waits for Convex's auth makes its screens' entry queries safe (issue 23, the layouts' join).
// Every test here failed on branch entries6 (no routeGate fact, no join: the screens kept query-before-auth).

const EXPO: AnalysisContext = {
  project: {
    authConfigs: [
      readAuthConfig(
        'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\n',
        'convex/auth.config.ts',
        'u',
      ),
    ],
    env: [],
    packages: readPackageFacts(
      JSON.stringify({ dependencies: { convex: '^1.23.0', '@clerk/clerk-expo': '^2.10.0', 'expo-router': '~4.0.0' } }),
    ),
  },
};

const ROOMS = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) return null;
    return await ctx.db
      .query("rooms")
      .withIndex("by_member", (q) => q.eq("member", identity.tokenIdentifier))
      .collect();
  },
});
`;

const SCREEN = `import { useQuery } from "convex/react";
import { Text } from "react-native";
import { api } from "@/convex/_generated/api";
export default function Rooms() {
  const rooms = useQuery(api.rooms.mine, {});
  return <Text>{rooms?.length ?? "…"}</Text>;
}
`;

// The query in a component the screen renders (outside <Authenticated> in its own file): the layout gates it too.
const SCREEN_WITH_LIST = `import { useQuery } from "convex/react";
import { Text, View } from "react-native";
import { api } from "@/convex/_generated/api";
function RoomList() {
  const rooms = useQuery(api.rooms.mine);
  return <Text>{rooms?.length ?? "…"}</Text>;
}
export default function RoomsScreen() {
  return <View><RoomList /></View>;
}
`;

const PAGE = SCREEN.replace('import { Text } from "react-native";\n', '"use client";\n').replace(
  /<Text>(.*)<\/Text>/,
  '<p>$1</p>',
);

const expoLayout = (imports: string, body: string): string => `${imports}
export default function SignedLayout() {
${body}
}
`;

const AUTHENTICATED_SLOT = expoLayout(
  'import { Authenticated } from "convex/react";\nimport { Slot } from "expo-router";',
  '  return <Authenticated><Slot /></Authenticated>;',
);
const AUTHENTICATED_TABS = expoLayout(
  'import { Authenticated, Unauthenticated } from "convex/react";\nimport { Redirect, Tabs } from "expo-router";',
  '  return (\n    <>\n      <Authenticated><Tabs><Tabs.Screen name="index" /></Tabs></Authenticated>\n      <Unauthenticated><Redirect href="/sign-in" /></Unauthenticated>\n    </>\n  );',
);
const EARLY_REDIRECT = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Redirect, Stack } from "expo-router";',
  '  const { isAuthenticated, isLoading } = useConvexAuth();\n  if (isLoading) return null;\n  if (!isAuthenticated) return <Redirect href="/sign-in" />;\n  return <Stack />;',
);
const EARLY_RETURN_OBJECT = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Slot } from "expo-router";\nimport { ActivityIndicator } from "react-native";',
  '  const auth = useConvexAuth();\n  if (auth.isLoading || !auth.isAuthenticated) {\n    return <ActivityIndicator />;\n  }\n  return <Slot />;',
);
const TERNARY = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Redirect, Stack } from "expo-router";',
  '  const { isAuthenticated } = useConvexAuth();\n  return isAuthenticated ? <Stack /> : <Redirect href="/sign-in" />;',
);
const PROTECTED = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Stack } from "expo-router";',
  '  const { isAuthenticated } = useConvexAuth();\n  return (\n    <Stack>\n      <Stack.Protected guard={isAuthenticated}>\n        <Stack.Screen name="(app)" />\n      </Stack.Protected>\n      <Stack.Screen name="sign-in" />\n    </Stack>\n  );',
);

// Controls: Clerk's gates (Convex may not have the token yet), and Convex's loading state alone.
const CLERK_SIGNED_IN = expoLayout(
  'import { SignedIn } from "@clerk/clerk-expo";\nimport { Slot } from "expo-router";',
  '  return <SignedIn><Slot /></SignedIn>;',
);
const CLERK_EARLY_REDIRECT = expoLayout(
  'import { useAuth } from "@clerk/clerk-expo";\nimport { Redirect, Stack } from "expo-router";',
  '  const { isSignedIn, isLoaded } = useAuth();\n  if (!isLoaded) return null;\n  if (!isSignedIn) return <Redirect href="/sign-in" />;\n  return <Stack />;',
);
const CLERK_PROTECTED = expoLayout(
  'import { useAuth } from "@clerk/clerk-expo";\nimport { Stack } from "expo-router";',
  '  const { isSignedIn } = useAuth();\n  return (\n    <Stack>\n      <Stack.Protected guard={!!isSignedIn}>\n        <Stack.Screen name="(app)" />\n      </Stack.Protected>\n    </Stack>\n  );',
);
const LOADING_ONLY = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Stack } from "expo-router";',
  '  const { isLoading } = useConvexAuth();\n  if (isLoading) return null;\n  return <Stack />;',
);
const SLOT_ALSO_OUTSIDE = expoLayout(
  'import { useConvexAuth } from "convex/react";\nimport { Slot } from "expo-router";',
  '  const { isAuthenticated } = useConvexAuth();\n  if (isAuthenticated) return <Slot />;\n  return <Slot />;',
);
const NAVIGATOR_AS_VALUE = expoLayout(
  'import { Authenticated } from "convex/react";\nimport { Slot, Stack } from "expo-router";\nimport { Platform } from "react-native";',
  '  const Nav = Platform.OS === "web" ? Slot : Stack;\n  return <><Authenticated><Slot /></Authenticated><Nav /></>;',
);

const nextLayout = (imports: string, body: string): string => `"use client";
${imports}
export default function SignedLayout({ children }: { children: React.ReactNode }) {
${body}
}
`;
const NEXT_AUTHENTICATED = nextLayout(
  'import { Authenticated, Unauthenticated } from "convex/react";',
  '  return (\n    <>\n      <Authenticated>{children}</Authenticated>\n      <Unauthenticated><p>Sign in</p></Unauthenticated>\n    </>\n  );',
);
const NEXT_EARLY_RETURN = nextLayout(
  'import { useConvexAuth } from "convex/react";',
  '  const { isAuthenticated } = useConvexAuth();\n  if (!isAuthenticated) return <p>Loading…</p>;\n  return <main>{children}</main>;',
);
const NEXT_PROPS = `"use client";
import { Authenticated } from "convex/react";
export default function SignedLayout(props: { children: React.ReactNode }) {
  return <Authenticated>{props.children}</Authenticated>;
}
`;
const NEXT_CLERK = nextLayout('import { SignedIn } from "@clerk/nextjs";', '  return <SignedIn>{children}</SignedIn>;');
const NEXT_CHILDREN_TWICE = nextLayout(
  'import { useConvexAuth } from "convex/react";',
  '  const { isAuthenticated } = useConvexAuth();\n  return isAuthenticated ? <main>{children}</main> : <div>{children}</div>;',
);

function gateOf(path: string, text: string, context: AnalysisContext = EXPO): unknown {
  return analyse(path, text, context).facts.routeGate;
}

describe('route layouts that wait for Convex auth: the routeGate fact', () => {
  it('Expo: <Authenticated> around <Slot/> or <Tabs/>, an early return or <Redirect> unless isAuthenticated, a ternary; not Clerk’s gates', () => {
    for (const [name, text] of Object.entries({
      AUTHENTICATED_SLOT,
      AUTHENTICATED_TABS,
      EARLY_REDIRECT,
      EARLY_RETURN_OBJECT,
      TERNARY,
    }))
      assert.deepEqual(gateOf('app/(signed)/_layout.tsx', text), {}, name);
    // Controls: Clerk's gates (Convex may not have the token yet), Convex's loading state alone, an outlet also
    // outside the gate, an outlet used as a value (not followed), and a component that is not a route layout.
    for (const [name, text] of Object.entries({
      CLERK_SIGNED_IN,
      CLERK_EARLY_REDIRECT,
      CLERK_PROTECTED,
      LOADING_ONLY,
      SLOT_ALSO_OUTSIDE,
      NAVIGATOR_AS_VALUE,
    }))
      assert.equal(gateOf('app/(signed)/_layout.tsx', text), undefined, name);
    assert.equal(gateOf('components/Gate.tsx', AUTHENTICATED_SLOT), undefined, 'not a route layout');
  });

  it('Expo: <Stack.Protected guard={isAuthenticated}> gates only the screens it names', () => {
    assert.deepEqual(gateOf('app/_layout.tsx', PROTECTED), { screens: ['(app)'] });
    assert.equal(gateOf('app/_layout.tsx', CLERK_PROTECTED), undefined, 'a Clerk guard');
  });

  it('Next: {children} only inside <Authenticated> or after a useConvexAuth() check (props.children too); not <SignedIn>', () => {
    assert.deepEqual(gateOf('app/(signed)/layout.tsx', NEXT_AUTHENTICATED, {}), {});
    assert.deepEqual(gateOf('src/app/dashboard/layout.tsx', NEXT_EARLY_RETURN, {}), {});
    assert.deepEqual(gateOf('app/(signed)/layout.tsx', NEXT_PROPS, {}), {});
    assert.equal(gateOf('app/(signed)/layout.tsx', NEXT_CLERK, {}), undefined, 'NEXT_CLERK');
    assert.equal(gateOf('app/(signed)/layout.tsx', NEXT_CHILDREN_TWICE, {}), undefined, 'NEXT_CHILDREN_TWICE');
  });
});

const indexed = (files: Record<string, string>, context: AnalysisContext = EXPO): Map<string, FileAnalysis> =>
  indexedWith(files, context);

describe('route layouts that wait for Convex auth: the join drops their screens’ entry findings', () => {
  it('Expo: a screen at any depth under the gated layout is clean; a sibling and screens under Clerk-only layouts keep theirs', () => {
    const r = indexed({
      'app/(signed)/_layout.tsx': EARLY_REDIRECT,
      'app/(signed)/index.tsx': SCREEN,
      'app/(signed)/(tabs)/rooms/[id].tsx': SCREEN,
      'app/explore.tsx': SCREEN,
      'app/(signed)/list.tsx': SCREEN_WITH_LIST,
      'app/list.tsx': SCREEN_WITH_LIST,
      // Clerk-only layouts: Convex may not have the token yet, the finding stays true.
      'app/(clerk)/_layout.tsx': CLERK_EARLY_REDIRECT,
      'app/(clerk)/index.tsx': SCREEN,
      'app/(shown)/_layout.tsx': CLERK_SIGNED_IN,
      'app/(shown)/index.tsx': SCREEN,
      'convex/rooms.ts': ROOMS,
    });
    assert.deepEqual(codesOf(r.get('app/(signed)/index.tsx')), []);
    assert.deepEqual(codesOf(r.get('app/(signed)/(tabs)/rooms/[id].tsx')), []);
    assert.deepEqual(codesOf(r.get('app/explore.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('app/(signed)/list.tsx')), [], 'a component the screen renders');
    assert.deepEqual(codesOf(r.get('app/list.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('app/(clerk)/index.tsx')), ['query-before-auth']);
    assert.deepEqual(codesOf(r.get('app/(shown)/index.tsx')), ['query-before-auth']);
  });

  it('Expo: <Stack.Protected> keeps the finding of a screen it does not name', () => {
    const r = indexed({
      'app/_layout.tsx': PROTECTED,
      'app/(app)/home.tsx': SCREEN,
      'app/sign-in.tsx': SCREEN,
      'convex/rooms.ts': ROOMS,
    });
    assert.deepEqual(codesOf(r.get('app/(app)/home.tsx')), []);
    assert.deepEqual(codesOf(r.get('app/sign-in.tsx')), ['query-before-auth']);
  });

  it('Next: a page under a gated layout is clean, one beside the group is not', () => {
    const r = indexed(
      {
        'app/(signed)/layout.tsx': NEXT_AUTHENTICATED,
        'app/(signed)/dashboard/page.tsx': PAGE,
        'app/page.tsx': PAGE,
        'convex/rooms.ts': ROOMS,
      },
      {},
    );
    assert.deepEqual(codesOf(r.get('app/(signed)/dashboard/page.tsx')), []);
    assert.deepEqual(codesOf(r.get('app/page.tsx')), ['query-before-auth']);
  });

  it('the dropped finding comes back from the stored sites when the layout stops gating, and goes again', () => {
    const files = {
      'app/(signed)/_layout.tsx': AUTHENTICATED_SLOT,
      'app/(signed)/index.tsx': SCREEN,
      'convex/rooms.ts': ROOMS,
    };
    const screen = together(files, EXPO).get('app/(signed)/index.tsx') as FileAnalysis;
    const functions = (together(files, EXPO).get('convex/rooms.ts')?.facts.identityFunctions ?? []).map((f) => ({
      ...f,
      path: 'convex/rooms.ts',
    }));
    const gated = withIdentityFunctions(screen, functions, [], [{ path: 'app/(signed)/_layout.tsx' }]);
    assert.deepEqual(codesOf(gated), []);
    // The index re-joins from its last findings: the sites are still there to make the finding again.
    const ungated = withIdentityFunctions(gated, functions, [], []);
    assert.deepEqual(codesOf(ungated), ['query-before-auth']);
    assert.deepEqual(
      codesOf(withIdentityFunctions(ungated, functions, [], [{ path: 'app/(signed)/_layout.tsx' }])),
      [],
    );
  });
});
