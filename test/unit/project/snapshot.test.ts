import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { findConvexDir, type ProjectFile } from '../../../src/project/convexDir';
import { buildSnapshot, isAuthConfigPath } from '../../../src/project/snapshot';

const sampleDir = path.join(__dirname, '../../../sample');
const sampleFile = (p: string): ProjectFile => ({ path: p, text: fs.readFileSync(path.join(sampleDir, p), 'utf8') });

function snapshotOf(files: ProjectFile[], convexInstalled?: string) {
  const layout = findConvexDir({
    packageJsons: files.filter((f) => f.path.endsWith('package.json')),
    convexJsons: files.filter((f) => f.path.endsWith('convex.json')),
  });
  return buildSnapshot({
    folderUri: 'file:///w',
    files,
    layout,
    uriOf: (p) => `file:///w/${p}`,
    readAuthConfig,
    ...(convexInstalled ? { convexInstalled } : {}),
  });
}

describe('buildSnapshot', () => {
  it('reads the sample project', () => {
    const s = snapshotOf(['package.json', '.env.local', 'convex/auth.config.ts'].map(sampleFile));
    assert.equal(s.packages.framework, 'next');
    assert.deepEqual(s.packages.clerkSdks, ['@clerk/nextjs']);
    assert.deepEqual(
      s.authConfigs.map((c) => [c.path, c.uri]),
      [['convex/auth.config.ts', 'file:///w/convex/auth.config.ts']],
    );
    assert.deepEqual(
      s.env.map((e) => e.name),
      ['NEXT_PUBLIC_CONVEX_URL', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_SECRET_KEY'],
    );
    assert.ok(s.env.every((e) => e.file === '.env.local'));
    assert.equal(s.publishableKey?.name, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY');
    assert.deepEqual(s.publishableKeyInfo, { host: 'exotic-crab-75.clerk.accounts.dev', instance: 'test' });
    assert.deepEqual(s.convexLayout, { projectRoot: '', functionsDir: 'convex', source: 'default' });
    assert.equal(s.folderUri, 'file:///w');
  });

  it('orders env entries by the framework precedence, one entry per file', () => {
    const files: ProjectFile[] = [
      { path: 'package.json', text: JSON.stringify({ devDependencies: { vite: '7' }, dependencies: { convex: '1' } }) },
      { path: '.env', text: 'X=base' },
      { path: '.env.local', text: 'X=local' },
      { path: '.env.development', text: 'X=dev' },
    ];
    assert.deepEqual(
      snapshotOf(files).env.map((e) => e.file),
      ['.env.development', '.env.local', '.env'],
    );
    files[0] = { path: 'package.json', text: JSON.stringify({ dependencies: { next: '16', convex: '1' } }) };
    assert.deepEqual(
      snapshotOf(files).env.map((e) => e.file),
      ['.env.local', '.env.development', '.env'],
    );
  });

  it('ignores env files no dev server loads', () => {
    const s = snapshotOf([
      { path: '.env.example', text: 'X=1' },
      { path: '.envrc', text: 'export X=1' },
    ]);
    assert.deepEqual(s.env, []);
  });

  it('in a monorepo: the Convex package speaks first, the front end supplies framework, SDK and key', () => {
    const s = snapshotOf([
      { path: 'package.json', text: JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }) },
      { path: 'apps/web/package.json', text: JSON.stringify({ dependencies: { next: '16', '@clerk/nextjs': '7' } }) },
      {
        path: 'apps/web/.env.local',
        text: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhvdGljLWNyYWItNzUuY2xlcmsuYWNjb3VudHMuZGV2JA\nSHARED=web',
      },
      { path: 'packages/backend/package.json', text: JSON.stringify({ dependencies: { convex: '^1.48.0' } }) },
      {
        path: 'packages/backend/.env.local',
        text: 'CLERK_JWT_ISSUER_DOMAIN=https://exotic-crab-75.clerk.accounts.dev\nSHARED=backend',
      },
      {
        path: 'packages/backend/convex/auth.config.ts',
        text: 'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };',
      },
    ]);
    assert.equal(s.packages.framework, 'next');
    assert.deepEqual(s.packages.clerkSdks, ['@clerk/nextjs']);
    assert.equal(s.packages.convexRange, '^1.48.0');
    assert.equal(s.convexLayout?.functionsDir, 'packages/backend/convex');
    assert.equal(s.env.find((e) => e.name === 'SHARED')?.value, 'backend');
    assert.equal(s.publishableKeyInfo?.host, 'exotic-crab-75.clerk.accounts.dev');
    assert.equal(s.authConfigs[0]?.path, 'packages/backend/convex/auth.config.ts');
  });

  it('puts the functions-directory config first and .ts before .js', () => {
    const body = 'export default { providers: [{ domain: "https://a.dev", applicationID: "convex" }] };';
    const s = snapshotOf([
      { path: 'auth.config.ts', text: body },
      { path: 'convex/auth.config.js', text: body },
      { path: 'convex/auth.config.ts', text: body },
    ]);
    assert.deepEqual(
      s.authConfigs.map((c) => c.path),
      ['convex/auth.config.ts', 'convex/auth.config.js', 'auth.config.ts'],
    );
  });

  it("leaves out another library's auth.config outside the functions directory", () => {
    const nextAuth =
      'import GitHub from "next-auth/providers/github";\nexport default { providers: [GitHub] } satisfies NextAuthConfig;';
    assert.deepEqual(snapshotOf([{ path: 'auth.config.ts', text: nextAuth }]).authConfigs, []);
  });

  it('flags convex 1.33.0 when it is the installed version', () => {
    const files = [{ path: 'package.json', text: JSON.stringify({ dependencies: { convex: '^1.33.0' } }) }];
    assert.equal(snapshotOf(files).packages.convexKnownBad, undefined);
    assert.equal(snapshotOf(files, '1.33.0').packages.convexKnownBad, true);
  });

  it('keeps a malformed publishable key without inventing a host', () => {
    const s = snapshotOf([{ path: '.env.local', text: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_garbage' }]);
    assert.equal(s.publishableKey?.value, 'pk_test_garbage');
    assert.equal(s.publishableKeyInfo, undefined);
  });

  it('is the empty project for an empty folder', () => {
    const s = snapshotOf([]);
    assert.deepEqual([s.authConfigs, s.env, s.packages], [[], [], { framework: 'unknown', clerkSdks: [] }]);
  });
});

describe('isAuthConfigPath', () => {
  it('matches auth.config.ts and .js outside node_modules, the names Convex reads', () => {
    assert.ok(isAuthConfigPath('convex/auth.config.ts'));
    assert.ok(isAuthConfigPath('auth.config.js'));
    // Convex bundles only auth.config.ts or .js (convex 1.51 src/bundler/index.ts L333-344).
    assert.ok(!isAuthConfigPath('convex/auth.config.mjs'));
    assert.ok(!isAuthConfigPath('convex/auth.config.json'));
    assert.ok(!isAuthConfigPath('convex/auth.config.ts.bak'));
    assert.ok(!isAuthConfigPath('node_modules/x/auth.config.js'));
    assert.ok(!isAuthConfigPath('convex/myauth.config.ts'));
  });
});
