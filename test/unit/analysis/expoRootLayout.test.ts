import assert from 'node:assert/strict';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import type { AnalysisContext, FileAnalysis, Finding } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { indexed } from './together';

// Issue 23, expo23: an Expo Router root layout whose inner component (rendered inside ClerkProvider and
// ConvexProviderWithClerk by the default export) sends users to the screens on Clerk's useAuth() in an effect, and
// renders the navigator once Clerk has loaded (or always). Clerk says "signed in" before Convex has fetched and
// accepted the token, so a screen's first query runs without an identity; the layout is where the fix goes
// (useConvexAuth()). Tests marked "(failed before)" failed on main at 5b9594b.

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
      JSON.stringify({
        dependencies: { expo: '~53.0.0', 'expo-router': '~5.1.0', '@clerk/clerk-expo': '^2.15.0', convex: '^1.27.0' },
      }),
    ),
  },
};

const NOTES = `import { query } from "./_generated/server";
export const mine = query({
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("Not authenticated");
    return await ctx.db.query("notes").collect();
  },
});
`;

const SCREEN = `import { Text } from "react-native";
import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
export default function Notes() {
  const notes = useQuery(api.notes.mine);
  return <Text>{notes?.length}</Text>;
}
`;

const TABS = `import { Tabs } from "expo-router";
export default function TabsLayout() {
  return <Tabs />;
}
`;

const SIGN_IN = `import { Text } from "react-native";
export default function SignIn() {
  return <Text>Sign in</Text>;
}
`;

/** A root layout whose InitialLayout has `hooks` (after Clerk's useAuth()), the routing effect, and `render`. */
const rootLayout = (
  render: string,
  { effect = ROUTING, hooks = '', imports = '' }: { effect?: string; hooks?: string; imports?: string } = {},
): string => `import { ClerkProvider, useAuth } from "@clerk/clerk-expo";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Slot, Stack, useRouter, useSegments } from "expo-router";
import { useEffect } from "react";
import { ActivityIndicator } from "react-native";
${imports}
const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);

const InitialLayout = () => {
  const { isLoaded, isSignedIn } = useAuth();
  const segments = useSegments();
  const router = useRouter();
  ${hooks}
  ${effect}
  ${render}
};

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <InitialLayout />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const ROUTING = `useEffect(() => {
    if (!isLoaded) return;
    const inTabs = segments[0] === "(tabs)";
    if (isSignedIn && !inTabs) {
      router.replace("/(tabs)");
    } else if (!isSignedIn) {
      router.replace("/sign-in");
    }
  }, [isLoaded, isSignedIn]);`;

const project = (layout: string, screen = SCREEN): Record<string, string> => ({
  'convex/notes.ts': NOTES,
  'app/_layout.tsx': layout,
  'app/(tabs)/_layout.tsx': TABS,
  'app/(tabs)/index.tsx': screen,
  'app/sign-in.tsx': SIGN_IN,
});

const clerkGates = (r: FileAnalysis | undefined): Finding[] =>
  (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/clerk-gate');

const layoutFindings = (layout: string, screen?: string): Finding[] =>
  clerkGates(indexed(project(layout, screen), EXPO).get('app/_layout.tsx'));

const at = (text: string, f: Finding | undefined): string => (f ? text.slice(f.start, f.end) : '');

describe('expo23: an Expo root layout that routes on Clerk’s isSignedIn, not on useConvexAuth()', () => {
  it('an effect that sends signed-in users to the tabs, <Slot /> always rendered: reported on the test (failed before)', () => {
    const layout = rootLayout('return <Slot />;');
    const found = layoutFindings(layout);
    assert.equal(found.length, 1);
    assert.equal(at(layout, found[0]), 'isSignedIn && !inTabs');
    const message = found[0]?.message ?? '';
    assert.match(message, /Clerk's useAuth\(\)/);
    assert.match(message, /before Convex has fetched and accepted the Clerk token|Convex may not have the token yet/);
    assert.match(message, /app\/\(tabs\)\/index\.tsx calls useQuery\(api\.notes\.mine\)/);
    assert.match(message, /useConvexAuth\(\)/);
    assert.doesNotMatch(message, /isLoaded/, 'it does not wait for isLoaded before rendering');
    assert.equal(found[0]?.related?.[0]?.path, 'app/(tabs)/index.tsx');
  });

  it('`if (!isLoaded) return null` and `isLoaded ? <Slot /> : spinner` are named as waits for Clerk, not Convex (failed before)', () => {
    for (const render of [
      'if (!isLoaded) return null;\n  return <Stack screenOptions={{ headerShown: false }} />;',
      'return isLoaded ? <Slot /> : <ActivityIndicator size="large" />;',
    ]) {
      const layout = rootLayout(render);
      const found = layoutFindings(layout);
      assert.equal(found.length, 1, render);
      assert.equal(at(layout, found[0]), 'isSignedIn && !inTabs', render);
      assert.match(found[0]?.message ?? '', /waits only for Clerk to load \(isLoaded\), not for Convex/, render);
    }
  });

  it('Clerk’s useAuth under another name, and @clerk/expo (failed before)', () => {
    const aliased = rootLayout('return <Slot />;')
      .replace(
        'import { ClerkProvider, useAuth } from "@clerk/clerk-expo";',
        'import { ClerkProvider, useAuth as useClerkAuth } from "@clerk/expo";',
      )
      .replace('= useAuth();', '= useClerkAuth();')
      .replace('useAuth={useAuth}', 'useAuth={useClerkAuth}');
    assert.equal(layoutFindings(aliased).length, 1);
  });

  it('a layout that renders the screens only once Clerk has loaded, routing nowhere: it waits for Clerk, not Convex (failed before)', () => {
    const layout = rootLayout('if (!isLoaded) return null;\n  return <Stack />;', { effect: '' });
    const found = layoutFindings(layout);
    assert.equal(found.length, 1);
    assert.equal(at(layout, found[0]), '!isLoaded');
    const message = found[0]?.message ?? '';
    assert.match(message, /waits only for Clerk to load \(isLoaded\), not for Convex/);
    assert.match(message, /useConvexAuth\(\)/);
  });

  it('controls: the layout also waits for useConvexAuth(), and then the screen is cleared too (failed before: the inner component was not read)', () => {
    const waits = rootLayout(
      'if (isLoading) return null;\n  return isAuthenticated ? <Slot /> : <Redirect href="/sign-in" />;',
      {
        hooks: 'const { isLoading, isAuthenticated } = useConvexAuth();',
        imports: 'import { useConvexAuth } from "convex/react";\nimport { Redirect } from "expo-router";',
      },
    );
    const results = indexed(project(waits), EXPO);
    assert.deepEqual(clerkGates(results.get('app/_layout.tsx')), []);
    assert.deepEqual(results.get('app/(tabs)/index.tsx')?.findings ?? [], [], 'the screen waits under the layout');
    // Reading useConvexAuth() beside Clerk's routing is Convex deciding: left alone.
    const both = rootLayout('if (isLoading) return null;\n  return <Slot />;', {
      hooks: 'const { isLoading } = useConvexAuth();',
      imports: 'import { useConvexAuth } from "convex/react";',
    });
    assert.deepEqual(layoutFindings(both), []);
  });

  it('controls: screens that call no Convex, or skip until Convex is authenticated; a splash-only isLoaded', () => {
    const layout = rootLayout('return <Slot />;');
    assert.deepEqual(layoutFindings(layout, SIGN_IN), []);
    const skipping = `import { Text } from "react-native";
import { useConvexAuth, useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
export default function Notes() {
  const { isAuthenticated } = useConvexAuth();
  const notes = useQuery(api.notes.mine, isAuthenticated ? {} : "skip");
  return <Text>{notes?.length}</Text>;
}
`;
    assert.deepEqual(layoutFindings(layout, skipping), []);
    const splash = rootLayout('return <Slot />;', {
      effect: 'useEffect(() => {\n    if (isLoaded) console.log("ready");\n  }, [isLoaded]);',
    });
    assert.deepEqual(layoutFindings(splash), []);
  });

  it('controls: an effect that reads isSignedIn but navigates nowhere; a navigator in a component the layout does not render', () => {
    const logging = rootLayout('return <Slot />;', {
      effect: 'useEffect(() => {\n    if (isSignedIn) console.log("signed in");\n  }, [isSignedIn]);',
    });
    assert.deepEqual(layoutFindings(logging), []);
    const unused = rootLayout('return <Slot />;').replace('<InitialLayout />', '<Slot />');
    // The default export renders <Slot /> itself, ungated: nothing of Clerk's decides.
    assert.deepEqual(layoutFindings(unused), []);
  });
});
