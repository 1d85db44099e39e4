import assert from 'node:assert/strict';
import { isLocalModule } from '../../../src/analysis/rules/shared';
import type { AnalysisContext } from '../../../src/analysis/types';
import { moduleAliasesFor } from '../../../src/project/tsconfigPaths';
import { codes, only } from './helpers';

// Which imports name the project's own modules (a local re-export of ClerkProvider, the project's own useAuth
// wrapper): decided by the file's tsconfig/jsconfig `paths` when it has a config, guessed only when it has none.

/** A provider file importing Clerk's pieces from `source`, rendering them the wrong way round. */
const reversed = (source: string): string => `"use client";
import { ClerkProvider, useAuth } from "${source}";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}><ClerkProvider>{children}</ClerkProvider></ConvexProviderWithClerk>;
}
`;

/** The right nesting, with the project's own useAuth wrapper from `source`. */
const ownUseAuth = (source: string): string => `"use client";
import { ClerkProvider } from "@clerk/nextjs";
import { useAuth } from "${source}";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>;
}
`;

const FILE = 'app/providers.tsx';
const withPaths = (paths: Record<string, string[]>): AnalysisContext => ({ moduleAliases: { paths, pathsBase: '' } });

describe("analysis: local modules through the project's tsconfig paths", () => {
  it('isLocalModule: relative and # always, mapped specifiers with a config, the usual aliases guessed only without one', () => {
    const config = withPaths({ '@lib/*': ['./lib/*'], '~/*': ['./src/*'] });
    for (const s of ['./auth', '../lib/auth', '#auth', '#lib/auth']) {
      assert.equal(isLocalModule(config, s), true, s);
      assert.equal(isLocalModule({}, s), true, s);
    }
    assert.equal(isLocalModule(config, '@lib/auth'), true);
    assert.equal(isLocalModule(config, '~/lib/convex'), true);
    assert.equal(isLocalModule(config, '@/components/X'), false, 'the config does not map @/');
    assert.equal(isLocalModule(config, '@clerk/nextjs'), false);
    assert.equal(isLocalModule({}, '@/components/X'), true, 'no config: guessed');
    assert.equal(isLocalModule({}, '~/lib/convex'), true, 'no config: guessed');
    assert.equal(isLocalModule({}, '@lib/auth'), false, 'no config: not one of the usual aliases');
    // baseUrl alone maps every bare specifier, packages included: not taken as a sign of a local module.
    assert.equal(isLocalModule({ moduleAliases: { baseUrl: '', pathsBase: '' } }, 'lib/auth'), false);
  });

  it("a ClerkProvider re-exported from a module the paths map (@lib/auth) is seen as Clerk's; unmapped, it is not", () => {
    assert.equal(only(FILE, reversed('@lib/auth'), 'provider-order', withPaths({ '@lib/*': ['./lib/*'] })).length, 1);
    assert.equal(
      only(FILE, reversed('@lib/auth'), 'provider-order').length,
      0,
      "without a config @lib/ is nobody's alias",
    );
  });

  it('@/ and ~/ count only when the config maps them', () => {
    assert.equal(only(FILE, reversed('@/lib/auth'), 'provider-order', withPaths({ '@/*': ['./*'] })).length, 1);
    assert.equal(only(FILE, reversed('@/lib/auth'), 'provider-order', withPaths({ '~/*': ['./src/*'] })).length, 0);
    assert.equal(only(FILE, reversed('~/lib/auth'), 'provider-order', withPaths({ '~/*': ['./src/*'] })).length, 1);
    assert.equal(only(FILE, reversed('~/lib/auth'), 'provider-order', withPaths({ '@/*': ['./*'] })).length, 0);
    assert.equal(
      only(FILE, reversed('@/lib/auth'), 'provider-order').length,
      1,
      'no config: the usual alias is still guessed',
    );
  });

  it("the project's own useAuth wrapper behind a mapped alias is trusted; an unmapped one is not Clerk's", () => {
    assert.deepEqual(codes(FILE, ownUseAuth('@lib/auth'), withPaths({ '@lib/*': ['./lib/*'] })), []);
    assert.deepEqual(codes(FILE, ownUseAuth('@lib/auth')), ['clerk-convex/use-auth-source']);
    assert.deepEqual(codes(FILE, ownUseAuth('@/hooks/useAuth'), withPaths({ '@/*': ['./src/*'] })), []);
    assert.deepEqual(codes(FILE, ownUseAuth('@/hooks/useAuth'), withPaths({ '~/*': ['./src/*'] })), [
      'clerk-convex/use-auth-source',
    ]);
    assert.deepEqual(codes(FILE, ownUseAuth('./useAuth'), withPaths({})), []);
  });

  it('reads the mapping from the real config chain (tsconfig extending a base that declares paths)', async () => {
    const files: Record<string, string> = {
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./lib/*"] } } }',
    };
    const moduleAliases = await moduleAliasesFor(FILE, async (p) => files[p]);
    assert.ok(moduleAliases);
    assert.equal(only(FILE, reversed('@lib/auth'), 'provider-order', { moduleAliases }).length, 1);
    assert.equal(only(FILE, reversed('@/lib/auth'), 'provider-order', { moduleAliases }).length, 0);
  });
});
