// auth-config-missing and plain-convex-provider's second step: said only where the Convex folder is known, its
// functions need a user, and neither the project reader nor the index holds an auth.config; silent otherwise
// ("could not tell" is silence). Reduced from amazonking-dev/hypeShelf-next-convex-app (lib/convex/client.tsx) and
// Victor11-leo/post-natal-care (app/_layout.tsx). Failed on main @4a86ced (no finding; the one-step message).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import type { AnalysisContext } from '../../../src/analysis/types';
import type { ConvexLayout, ProjectSnapshot } from '../../../src/project/types';

const PROVIDER = `"use client";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
import { useAuth } from "@clerk/nextjs";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const PLAIN = `import { Stack } from "expo-router";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ClerkProvider } from "@clerk/clerk-expo";
const convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!);
export default function Root() {
  return (
    <ConvexProvider client={convex}>
      <ClerkProvider><Stack /></ClerkProvider>
    </ConvexProvider>
  );
}
`;
const LAYOUT: ConvexLayout = { projectRoot: '', functionsDir: 'convex', source: 'default' };
const project = (over: Partial<ProjectSnapshot> = {}): ProjectSnapshot => ({
  authConfigs: [],
  env: [],
  packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] },
  convexLayout: LAYOUT,
  ...over,
});
const CONFIG = { path: 'convex/auth.config.ts', uri: 'file:///w/convex/auth.config.ts', providers: [] };
const base = (over: Partial<AnalysisContext> = {}): AnalysisContext => ({
  project: project(),
  authConfigFiles: [],
  identityFunctionFiles: ['convex/picks.ts'],
  projectHasIdentityFunctions: true,
  ...over,
});
const missing = (context: AnalysisContext): string[] =>
  analyse('app/providers.tsx', PROVIDER, context)
    .findings.filter((f) => f.code === 'clerk-convex/auth-config-missing')
    .map((f) => PROVIDER.slice(f.start, f.end));

describe('analysis: ConvexProviderWithClerk in a project with no auth.config', () => {
  it('is reported on the provider element, naming the file to create and the functions that need a user', () => {
    const [finding] = analyse('app/providers.tsx', PROVIDER, base()).findings;
    assert.equal(finding?.code, 'clerk-convex/auth-config-missing');
    assert.equal(finding?.severity, 'error');
    assert.equal(PROVIDER.slice(finding.start, finding.end), 'ConvexProviderWithClerk');
    assert.match(finding.message, /no convex\/auth\.config\.ts/);
    assert.match(finding.message, /convex\/picks\.ts/);
    assert.match(finding.message, /No auth provider found/);
  });

  it('names the Convex folder of a monorepo package', () => {
    const layout: ConvexLayout = {
      projectRoot: 'packages/backend',
      functionsDir: 'packages/backend/convex',
      source: 'default',
    };
    const [finding] = analyse(
      'apps/web/providers.tsx',
      PROVIDER,
      base({ project: project({ convexLayout: layout }), identityFunctionFiles: ['packages/backend/convex/me.ts'] }),
    ).findings;
    assert.match(finding?.message ?? '', /no packages\/backend\/convex\/auth\.config\.ts/);
  });

  it('is silent as soon as the project reader or the index holds an auth.config', () => {
    assert.deepEqual(missing(base({ project: project({ authConfigs: [CONFIG] }) })), []);
    assert.deepEqual(missing(base({ authConfigFiles: ['convex/auth.config.ts'] })), []);
    // An auth.config outside the functions folder is another rule's (auth-config-location), not a missing one.
    assert.deepEqual(missing(base({ authConfigFiles: ['auth.config.ts'] })), []);
  });

  it('is silent when it cannot tell: folder ambiguous or unknown, no function needing a user in it, no index', () => {
    assert.deepEqual(missing(base({ project: project({ convexLayout: { ...LAYOUT, ambiguous: true } }) })), []);
    assert.deepEqual(missing(base({ project: project({ convexLayout: undefined }) })), []);
    assert.deepEqual(missing(base({ project: undefined })), []);
    assert.deepEqual(missing(base({ identityFunctionFiles: [] })), []);
    assert.deepEqual(missing(base({ identityFunctionFiles: ['other/convex/picks.ts'] })), []);
    assert.deepEqual(missing(base({ authConfigFiles: undefined })), []);
    assert.deepEqual(missing(base()), ['ConvexProviderWithClerk'], 'the control');
  });

  it('gives a plain ConvexProvider both steps when the project has no auth.config, one when it has', () => {
    const message = (context: AnalysisContext): string =>
      analyse('app/_layout.tsx', PLAIN, context).findings.find((f) => f.code === 'clerk-convex/plain-convex-provider')
        ?.message ?? '';
    const none = message(base({ identityFunctionFiles: [], projectHasIdentityFunctions: false }));
    assert.match(none, /ConvexProviderWithClerk/);
    assert.match(none, /create convex\/auth\.config\.ts/);
    assert.match(none, /without it Convex rejects every token/);
    const withConfig = message(base({ project: project({ authConfigs: [CONFIG] }) }));
    assert.match(withConfig, /ConvexProviderWithClerk/);
    assert.doesNotMatch(withConfig, /auth\.config/);
    const ambiguous = message(base({ project: project({ convexLayout: { ...LAYOUT, ambiguous: true } }) }));
    assert.match(ambiguous, /an auth\.config\.ts in your Convex functions folder/);
  });
});
