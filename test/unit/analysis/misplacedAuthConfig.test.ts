// A provider list Convex never reads. The Convex CLI bundles the auth config only from `auth.config.js` or
// `auth.config.ts` at the root of the functions folder: node_modules/convex/src/bundler/index.ts (convex 1.51.0)
// L329-352 `bundleAuthConfig` (path.resolve(dir, "auth.config.js") / "auth.config.ts"; otherwise "Found no auth
// config file … so there are no configured auth providers"), called with the functions folder as `baseDir` from
// src/cli/lib/config.ts L684. Reduced from scicluna/collabboard @f4d719f27f19 (convex/auth/config.js, the Clerk
// list in an `auth/` folder). These failed on main @dfb418a (no finding on the file; auth-config-missing named none).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { componentContext, componentKey } from '../../../src/analysis/componentContext';
import { shouldAnalyse } from '../../../src/analysis/prefilter';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { EMPTY_PROGRESS, evaluateChecks } from '../../../src/lessonState';
import { buildSnapshot } from '../../../src/project/snapshot';
import { project as baseProject } from './helpers';
import type { ConvexLayout, ProjectSnapshot } from '../../../src/project/types';

const LAYOUT: ConvexLayout = { projectRoot: '', functionsDir: 'convex', source: 'default' };
const project = (over: Partial<ProjectSnapshot> = {}): ProjectSnapshot =>
  baseProject({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] }, convexLayout: LAYOUT, ...over });
const base = (over: Partial<AnalysisContext> = {}): AnalysisContext => ({
  project: project(),
  authConfigFiles: [],
  ...over,
});

const CLERK_LIST = `export default {
  providers: [{ domain: "https://bright-heron-12.clerk.accounts.dev", applicationID: "convex" }],
};
`;
const PROVIDER = `"use client";
import { useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={client} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const LOCATION = 'clerk-convex/auth-config-location';
const located = (path: string, text: string, context = base()): FileAnalysis['findings'] =>
  analyse(path, text, context).findings.filter((f) => f.code === LOCATION);

describe('analysis: a provider list Convex never reads (misplaced auth config)', () => {
  it('is reported on convex/auth/config.js, saying where Convex reads it, with the move as a fix', () => {
    const result = analyse('convex/auth/config.js', CLERK_LIST, base());
    const [f] = result.findings;
    assert.equal(result.findings.length, 1);
    assert.equal(f?.code, LOCATION);
    assert.equal(CLERK_LIST.slice(f.start, f.end), 'providers');
    assert.match(f.message, /^Convex never reads this file/);
    assert.match(f.message, /convex\/auth\.config\.ts or convex\/auth\.config\.js/);
    assert.match(f.message, /Move it to convex\/auth\.config\.js\.$/);
    assert.deepEqual(f.fixes, [
      {
        title: 'Move config.js to convex/auth.config.js',
        mechanical: false,
        edits: [],
        rename: { to: '../auth.config.js', path: 'convex/auth.config.js' },
      },
    ]);
    assert.equal(result.facts.misplacedAuthConfig, true);
  });

  it('is silent on the real file (convex/auth.config.js), and on the list once the folder has a real config', () => {
    assert.deepEqual(located('convex/auth.config.js', CLERK_LIST), []);
    const real = readAuthConfig(CLERK_LIST, 'convex/auth.config.ts', 'file:///w/convex/auth.config.ts');
    assert.deepEqual(
      located('convex/auth/config.js', CLERK_LIST, base({ project: project({ authConfigs: [real] }) })),
      [],
    );
    assert.deepEqual(
      located('convex/auth/config.js', CLERK_LIST, base({ authConfigFiles: ['convex/auth.config.ts'] })),
      [],
    );
  });

  it('stays silent on config files under convex/ that are no auth config', () => {
    const settings = `export default { siteName: "Boards", features: { sharing: true }, limits: [{ boards: 10 }] };\n`;
    const constants = `export const ADMIN_EMAILS = ["admin@example.com"];\nexport const providers = ["github"];\n`;
    const loginMethods = `export default { providers: ["github", "google"], redirect: "/home" };\n`;
    for (const [path, text] of [
      ['convex/config.ts', settings],
      ['convex/config.ts', constants],
      ['convex/settings.ts', loginMethods],
    ] as const)
      assert.deepEqual(analyse(path, text, base()).findings, [], `${path}: ${text}`);
  });

  it('stays silent on a NextAuth config named authConfig.ts, and on a look-alike outside convex/ with another name', () => {
    const nextAuth = `import GitHub from "next-auth/providers/github";
export default { providers: [GitHub({ clientId: process.env.AUTH_GITHUB_ID })] };
`;
    assert.deepEqual(located('src/authConfig.ts', nextAuth), []);
    assert.deepEqual(located('lib/clerkSettings.ts', CLERK_LIST), []);
  });

  it('reports an auth config named for it in the wrong folder, moving it into the functions folder', () => {
    const [root] = located('authConfig.ts', CLERK_LIST);
    assert.deepEqual(root?.fixes[0]?.rename, { to: 'convex/auth.config.ts', path: 'convex/auth.config.ts' });
    const [nested] = located('src/auth/config.ts', CLERK_LIST);
    assert.deepEqual(nested?.fixes[0]?.rename, { to: '../../convex/auth.config.ts', path: 'convex/auth.config.ts' });
  });

  it('reads a customJwt entry and module.exports; offers no move that would break relative imports', () => {
    const custom = `import { env } from "../_generated/server";
module.exports = { providers: [{ type: "customJwt", issuer: env.ISSUER, jwks: env.JWKS, algorithm: "RS256" }] };
`;
    const [f] = located('convex/jwt/config.ts', custom);
    assert.ok(f, 'a customJwt list is reported');
    assert.deepEqual(f.fixes, []);
    assert.match(f.message, /Move it to convex\/auth\.config\.ts\.$/);
    // In the functions folder itself a rename keeps `./_generated/server` valid.
    const same = `import { env } from "./_generated/server";
export default { providers: [{ domain: env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };
`;
    assert.deepEqual(located('convex/authConfig.ts', same)[0]?.fixes[0]?.rename, {
      to: 'auth.config.ts',
      path: 'convex/auth.config.ts',
    });
  });

  it('says nothing when the functions folder is a guess or the project is unknown', () => {
    const ambiguous = project({ convexLayout: { ...LAYOUT, ambiguous: true } });
    assert.deepEqual(located('convex/auth/config.js', CLERK_LIST, base({ project: ambiguous })), []);
    assert.deepEqual(analyse('convex/auth/config.js', CLERK_LIST, {}).findings, []);
  });

  it('is analysed by the editor even without Clerk or Convex in its text', () => {
    const bare = `export default { providers: [{ domain: process.env.ISSUER, applicationID: "my-app" }] };\n`;
    assert.equal(shouldAnalyse('convex/auth/config.ts', bare), true);
    assert.equal(located('convex/auth/config.ts', bare).length, 1);
  });

  it('makes auth-config-missing name the file (related location) through the index join', () => {
    const misplaced = analyse('convex/auth/config.js', CLERK_LIST, base());
    const joined = componentContext([{ path: 'convex/auth/config.js', facts: misplaced.facts }]);
    assert.deepEqual(joined.misplacedAuthConfigFiles, ['convex/auth/config.js']);
    assert.notEqual(
      componentKey([{ path: 'convex/auth/config.js', facts: misplaced.facts }]),
      componentKey([{ path: 'convex/auth/config.js', facts: { ...misplaced.facts, misplacedAuthConfig: undefined } }]),
      'the provider file is analysed again when a misplaced list appears or goes',
    );
    const context = base({ ...joined, identityFunctionFiles: ['convex/boards.ts'], projectHasIdentityFunctions: true });
    const [f] = analyse('components/Providers.tsx', PROVIDER, context).findings;
    assert.equal(f?.code, 'clerk-convex/auth-config-missing');
    assert.match(f.message, /your providers are in convex\/auth\/config\.js, which Convex never reads/);
    assert.match(f.message, /Move convex\/auth\/config\.js to convex\/auth\.config\.js/);
    assert.deepEqual(f.related, [
      {
        path: 'convex/auth/config.js',
        start: 0,
        end: 0,
        message: 'the provider list Convex never reads: convex/auth/config.js',
      },
    ]);
  });

  it("never ticks the lesson's auth.config step for a misplaced list, and points the step at it", () => {
    const files = [
      { path: 'package.json', text: JSON.stringify({ dependencies: { convex: '*', '@clerk/nextjs': '*' } }) },
      { path: 'convex/auth/config.js', text: CLERK_LIST },
    ];
    const snapshot = buildSnapshot({
      folderUri: 'file:///w',
      files,
      layout: LAYOUT,
      uriOf: (p) => `file:///w/${p}`,
      readAuthConfig,
    });
    assert.deepEqual(snapshot.authConfigs, [], 'the project reader holds no auth config');
    const analysis = analyse('convex/auth/config.js', CLERK_LIST, { project: snapshot, authConfigFiles: [] });
    const measured = {
      project: snapshot,
      files: [{ path: 'convex/auth/config.js', uri: 'file:///w/convex/auth/config.js', ...analysis }],
    };
    const step = evaluateChecks(measured, EMPTY_PROGRESS).find((c) => c.id === 'authConfig');
    assert.equal(step?.status, 'missing');
    assert.ok(step.status === 'missing' && step.reason.kind === 'finding');
    assert.equal(step.reason.path, 'convex/auth/config.js');
    assert.equal(step.reason.finding.code, LOCATION);
  });
});
