import assert from 'node:assert/strict';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { findPublishableKey } from '../../../src/project/publishableKey';
import { assertFixesResolve, codes, only, project } from './helpers';

const pkg = (deps: Record<string, string>): string => JSON.stringify({ dependencies: deps });

describe('flavours: Expo and TanStack Start', () => {
  it('detects the framework from package.json: Expo (expo, @clerk/expo, @clerk/clerk-expo), TanStack Start', () => {
    assert.equal(
      readPackageFacts(pkg({ expo: '~54.0.0', '@clerk/expo': '4.0.0', convex: '^1.49.0' })).framework,
      'expo',
    );
    assert.equal(readPackageFacts(pkg({ expo: '~52.0.0', '@clerk/clerk-expo': '2.19.0' })).framework, 'expo');
    assert.deepEqual(readPackageFacts(pkg({ expo: '~54.0.0', '@clerk/expo': '4.0.0' })).clerkSdks, ['@clerk/expo']);
    assert.equal(
      readPackageFacts(pkg({ '@tanstack/react-start': '1.130.0', '@clerk/tanstack-react-start': '0.20.0' })).framework,
      'tanstack-start',
    );
    assert.deepEqual(readPackageFacts(pkg({ '@clerk/tanstack-react-start': '0.20.0' })).clerkSdks, [
      '@clerk/tanstack-react-start',
    ]);
    assert.equal(readPackageFacts(pkg({ next: '16.0.0', '@clerk/nextjs': '7.0.0' })).framework, 'next');
  });

  it('reads the Expo publishable key name first in an Expo app', () => {
    const env = [
      { name: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', value: 'pk_test_a', file: '.env' },
      { name: 'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY', value: 'pk_test_b', file: '.env' },
    ];
    assert.equal(findPublishableKey(env, 'expo')?.name, 'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY');
  });

  const expoLayout = (
    clerkProps: string,
    sdk = '@clerk/expo',
  ): string => `import { ClerkProvider, useAuth } from "${sdk}";
import { tokenCache } from "${sdk}/token-cache";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { Slot } from "expo-router";

const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });

export default function RootLayout() {
  return (
    <ClerkProvider${clerkProps} tokenCache={tokenCache}>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <Slot />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

  it('Expo: the official root layout has no finding', () => {
    assert.deepEqual(
      codes('app/_layout.tsx', expoLayout(' publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}')),
      [],
    );
    assert.deepEqual(codes('app/_layout.tsx', expoLayout(' publishableKey={publishableKey}', '@clerk/clerk-expo')), []);
  });

  it('Expo: ClerkProvider from @clerk/expo (Core 3) without publishableKey is an error, fixed with the EXPO_PUBLIC_ name', () => {
    const text = expoLayout('', '@clerk/expo');
    const [f] = only('app/_layout.tsx', text, 'expo-publishable-key');
    assert.equal(f?.severity, 'error');
    const [fixed] = assertFixesResolve('app/_layout.tsx', text, 'expo-publishable-key');
    assert.match(
      fixed ?? '',
      /<ClerkProvider publishableKey=\{process\.env\.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!\} tokenCache/,
    );
  });

  it("near miss: @clerk/clerk-expo's ClerkProvider reads EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY itself (Clerk's Expo quickstart omits the prop)", () => {
    assert.deepEqual(codes('app/_layout.tsx', expoLayout('', '@clerk/clerk-expo')), []);
  });

  it('Expo: a missing client is created from EXPO_PUBLIC_CONVEX_URL, and useAuth comes from @clerk/expo', () => {
    const text = `import { ClerkProvider } from "@clerk/expo";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export default function RootLayout() {
  return <ClerkProvider publishableKey={key}><ConvexProviderWithClerk><Slot /></ConvexProviderWithClerk></ClerkProvider>;
}
`;
    const ctx = { project: project({ packages: { framework: 'expo', clerkSdks: ['@clerk/expo'] } }) };
    const [fixed] = assertFixesResolve('app/_layout.tsx', text, 'provider-props', ctx);
    assert.match(fixed ?? '', /new ConvexReactClient\(process\.env\.EXPO_PUBLIC_CONVEX_URL!\)/);
    assert.match(fixed ?? '', /import \{ ClerkProvider, useAuth \} from "@clerk\/expo";/);
  });

  it('TanStack Start: the provider in __root.tsx with @clerk/tanstack-react-start has no finding; useAuth from another SDK is flagged', () => {
    const root = (
      useAuthFrom: string,
    ): string => `import { ClerkProvider${useAuthFrom === '@clerk/tanstack-react-start' ? ', useAuth' : ''} } from "@clerk/tanstack-react-start";
${useAuthFrom === '@clerk/tanstack-react-start' ? '' : `import { useAuth } from "${useAuthFrom}";\n`}import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { Outlet, createRootRoute } from "@tanstack/react-router";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);

export const Route = createRootRoute({ component: RootComponent });

function RootComponent() {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        <Outlet />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
    assert.deepEqual(codes('src/routes/__root.tsx', root('@clerk/tanstack-react-start')), []);
    const [f] = only('src/routes/__root.tsx', root('@clerk/react'), 'use-auth-source');
    assert.match(f?.message ?? '', /ClerkProvider comes from "@clerk\/tanstack-react-start"/);
  });
});
