import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { applyEdits } from '../../../src/analysis/edits';
import { convexDirOf, findConvexDir, type ProjectFile } from '../../../src/project/convexDir';
import { buildSnapshot } from '../../../src/project/snapshot';
import type { PackageFacts } from '../../../src/project/types';
import { assertParses, only, project } from './helpers';
import { codesOf, together } from './together';

// Issue 23's third fresh check: three classes of wrong verdict, each from a reduction of a real public file (sources in
// corpus/SOURCES.md; the lines here are ours). Each test marked "(failed before)" failed on main at d4b8eca, checked by
// stashing the src change.

const file = (path: string, json: unknown): ProjectFile => ({ path, text: JSON.stringify(json) });
const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n';

/** findConvexDir given the files as convexDirOf (the project service) hands them over. */
function layoutOf(files: ProjectFile[], near?: string) {
  return findConvexDir({
    packageJsons: files.filter((f) => f.path.endsWith('package.json')),
    convexJsons: files.filter((f) => f.path.endsWith('convex.json')),
    authConfigs: files.filter((f) => /auth\.config\.ts$/.test(f.path)),
    ...(near !== undefined ? { near } : {}),
  });
}

/** What the project service does: the layout from the files it read, then the snapshot, then one file's findings. */
function locationFindings(files: ProjectFile[], configPath: string): string[] {
  const layout = layoutOf(files);
  const snapshot = buildSnapshot({
    folderUri: 'file:///w',
    files,
    layout,
    uriOf: (p) => `file:///w/${p}`,
    readAuthConfig,
  });
  const text = files.find((f) => f.path === configPath)?.text ?? '';
  return analyse(configPath, text, { project: snapshot })
    .findings.filter((f) => f.code === 'clerk-convex/auth-config-location')
    .map((f) => f.message);
}

// The Convex CLI reads convex.json from the directory `npx convex dev` runs in (node_modules/convex/src/cli/lib/
// config.ts L563, convex 1.51.0: `ctx.fs.exists("convex.json")`), and its functions directory is
// `path.join(path.dirname(configPath), projectConfig.functions)` (same file, L736-741): relative to that convex.json.
describe('third check F2: in a monorepo, the package with the convex.json is the backend', () => {
  // elcokiin/EHC-GYM: the Expo app and the backend package both depend on convex; only the backend has a convex.json.
  const monorepo: ProjectFile[] = [
    file('package.json', { name: 'gym', private: true, workspaces: ['apps/*', 'packages/*'] }),
    file('apps/mobile/package.json', {
      dependencies: { convex: '^1.25.4', '@clerk/clerk-expo': '^2.14.28', '@gym/backend': 'workspace:*' },
    }),
    file('packages/backend/package.json', { name: '@gym/backend', dependencies: { convex: '^1.25.4' } }),
    file('packages/backend/convex.json', { functions: 'src/convex/' }),
    { path: 'packages/backend/src/convex/auth.config.ts', text: AUTH_CONFIG },
  ];

  /** The app and the backend each depend on convex, neither has a convex.json; one auth.config at `config`. */
  const bothDependOnConvex = (config: string): ProjectFile[] => [
    file('apps/mobile/package.json', { dependencies: { convex: '^1.25.4' } }),
    file('packages/backend/package.json', { dependencies: { convex: '^1.25.4' } }),
    { path: config, text: AUTH_CONFIG },
  ];

  it('finds the functions folder the convex.json names, not the client app that sorts first (failed before)', () => {
    const packageJsons = monorepo.filter((f) => f.path.endsWith('package.json'));
    const convexJsons = monorepo.filter((f) => f.path.endsWith('convex.json'));
    assert.deepEqual(findConvexDir({ packageJsons, convexJsons }), {
      projectRoot: 'packages/backend',
      functionsDir: 'packages/backend/src/convex',
      source: 'convex.json',
    });
  });

  it('says nothing about the real auth.config, which is where Convex reads it (failed before)', () => {
    assert.deepEqual(locationFindings(monorepo, 'packages/backend/src/convex/auth.config.ts'), []);
  });

  it('without a convex.json, the package whose convex/ holds the auth.config wins (failed before)', () => {
    const files = bothDependOnConvex('packages/backend/convex/auth.config.ts');
    assert.equal(layoutOf(files).functionsDir, 'packages/backend/convex');
    assert.equal(layoutOf(files).ambiguous, undefined);
    assert.deepEqual(locationFindings(files, 'packages/backend/convex/auth.config.ts'), []);
  });

  it('two packages equally likely: the choice is marked a guess and no "Move it" rests on it (failed before)', () => {
    const files = bothDependOnConvex('convex/auth.config.ts');
    assert.equal(layoutOf(files).ambiguous, true);
    assert.deepEqual(locationFindings(files, 'convex/auth.config.ts'), []);
    // Near a file of one of them, that one (as before).
    assert.equal(layoutOf(files, 'packages/backend/src/x.ts').functionsDir, 'packages/backend/convex');
  });

  it('a Convex auth.config in another candidate package also makes the choice a guess', () => {
    // The root's misplaced config and an example package's proper one: two Convex projects, or one; not told apart.
    const files = [
      file('package.json', { dependencies: { convex: '^1.25.4' } }),
      file('examples/chat/package.json', { dependencies: { convex: '^1.25.4' } }),
      { path: 'src/auth.config.ts', text: AUTH_CONFIG },
      { path: 'examples/chat/convex/auth.config.ts', text: AUTH_CONFIG },
    ];
    assert.equal(layoutOf(files).ambiguous, true);
    assert.deepEqual(locationFindings(files, 'src/auth.config.ts'), []);
  });

  it('the project service hands findConvexDir its package.json, convex.json and auth.config files', () => {
    const env = { path: 'packages/backend/.env.local', text: 'CONVEX_DEPLOYMENT=dev:x\n' };
    assert.deepEqual(convexDirOf([...monorepo, env]), layoutOf(monorepo));
    const noConvexJson = monorepo.filter((f) => !f.path.endsWith('convex.json'));
    // Without its convex.json the backend's auth.config (a Convex one, outside convex/) still marks it.
    assert.equal(convexDirOf(noConvexJson).projectRoot, 'packages/backend');
    assert.equal(convexDirOf(noConvexJson, 'apps/mobile/app/home.tsx').projectRoot, 'packages/backend');
  });

  it('control: one project with its auth.config outside convex/ is still told where it belongs', () => {
    const files = [
      file('package.json', { dependencies: { convex: '^1.25.4', '@clerk/clerk-react': '^5' } }),
      { path: 'src/auth.config.ts', text: AUTH_CONFIG },
    ];
    const [message] = locationFindings(files, 'src/auth.config.ts');
    assert.match(message ?? '', /Move it to convex\/auth\.config\.ts/);
  });

  it('control: a single package with convex/auth.config.ts (F2b) has nothing to move', () => {
    const files = [file('package.json', { dependencies: { convex: '^1.25.4' } })];
    files.push({ path: 'convex/auth.config.ts', text: AUTH_CONFIG });
    assert.deepEqual(layoutOf(files), { projectRoot: '', functionsDir: 'convex', source: 'default' });
    assert.deepEqual(locationFindings(files, 'convex/auth.config.ts'), []);
  });
});

const nextOn = (clerkNextjsRange: string) => ({
  project: project({
    packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'], clerkNextjsRange } satisfies PackageFacts,
  }),
});

// @clerk/nextjs 6.39.8 (npm pack, read in /tmp): dist/types/server/clerkMiddleware.d.ts L15-16 types the callback's
// first parameter as `ClerkMiddlewareAuth = AuthFn`, the type of `auth` itself (dist/types/app-router/server/auth.d.ts
// L28: `GetAuthFnNoRequest<SessionAuthWithRedirect, true> & { protect: AuthProtect }`, true = returns a Promise);
// the runtime builds it as an async function with `protect` hung on it (dist/esm/server/clerkMiddleware.js L126,
// L274). 7.9.17 has the same types (clerkMiddleware.d.ts L11-12). So `auth().protect` is undefined from 6 on.
describe('third check M7: the auth clerkMiddleware passes its callback, on @clerk/nextjs 6', () => {
  // nehachintawar/Live-Connect middleware.ts: the 5 form left in place after the upgrade to 6.
  const middleware = `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
const isOpen = createRouteMatcher(["/", "/login(.*)"]);
export default clerkMiddleware((auth, req) => {
  if (!isOpen(req)) auth().protect();
});
export const config = { matcher: ["/((?!_next|.*\\\\..*).*)"] };
`;

  it('flags auth().protect() on 6, with the 6 form as the fix (failed before)', () => {
    const [f, ...rest] = only('middleware.ts', middleware, 'server-auth-await', nextOn('^6.38.2'));
    assert.equal(rest.length, 0);
    assert.equal(middleware.slice(f?.start, f?.end), 'auth()');
    assert.match(f?.message ?? '', /clerkMiddleware passes its callback/);
    assert.match(f?.message ?? '', /no protect\(\).*await auth\.protect\(\)/);
    const fix = f?.fixes[0];
    assert.ok(fix, 'a fix');
    const fixed = applyEdits(middleware, fix.edits);
    assertParses('middleware.ts', fixed);
    assert.match(
      fixed,
      /clerkMiddleware\(async \(auth, req\) => \{\n {2}if \(!isOpen\(req\)\) await auth\.protect\(\);/,
    );
    assert.deepEqual(only('middleware.ts', fixed, 'server-auth-await', nextOn('^6.38.2')), []);
  });

  it('flags a destructured auth() in the callback on 6 (failed before)', () => {
    const text = `import { clerkMiddleware } from "@clerk/nextjs/server";
export default clerkMiddleware(async (a, req) => {
  const { userId } = a();
  if (!userId && req.nextUrl.pathname.startsWith("/app")) return Response.redirect(new URL("/", req.url));
});
`;
    const [f] = only('middleware.ts', text, 'server-auth-await', nextOn('6.9.0'));
    assert.equal(text.slice(f?.start, f?.end), 'a()');
    assert.equal(applyEdits(text, f?.fixes[0]?.edits ?? []).includes('const { userId } = await a();'), true);
  });

  it('the imported auth().protect() gets the 6 form too, not (await auth()).protect() (failed before)', () => {
    const text = `import { auth } from "@clerk/nextjs/server";
export default async function Page() {
  auth().protect();
  return null;
}
`;
    const [f] = only('app/page.tsx', text, 'server-auth-await', nextOn('^6.0.0'));
    assert.equal(applyEdits(text, f?.fixes[0]?.edits ?? []).includes('  await auth.protect();\n'), true);
  });

  it('control: on 5, or with no version known, auth().protect() is the right form and nothing is said', () => {
    assert.deepEqual(only('middleware.ts', middleware, 'server-auth-await', nextOn('^5.7.1')), []);
    assert.deepEqual(only('middleware.ts', middleware, 'server-auth-await'), []);
  });

  it('control: the 6 form is clean on 6', () => {
    const text = middleware
      .replace('(auth, req) =>', 'async (auth, req) =>')
      .replace('auth().protect()', 'await auth.protect()');
    assert.deepEqual(only('middleware.ts', text, 'server-auth-await', nextOn('^6.38.2')), []);
  });
});

describe("third check M6: a Convex provider in TanStack Router's Wrap arrow", () => {
  const tanstack = project({
    authConfigs: [readAuthConfig(AUTH_CONFIG, 'convex/auth.config.ts', 'u')],
    packages: { framework: 'tanstack-start', clerkSdks: ['@clerk/tanstack-react-start'] },
  });
  // AlexanderHott/clerk-tanstack-convext app/router.tsx and app/routes/__root.tsx: the plain provider in the router's
  // Wrap, ClerkProvider in the root route, and Clerk's token handed only to the server-side HTTP client.
  const router = (wrap: string, clerkImport = ''): string => `import { createRouter } from "@tanstack/react-router";
import { ConvexQueryClient } from "@convex-dev/react-query";
import { ConvexProvider, ConvexReactClient } from "convex/react";
${clerkImport}import { routeTree } from "./routeTree.gen";
export function makeRouter() {
  const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
  const cq = new ConvexQueryClient(convex);
  return createRouter({
    routeTree,
    context: { convexClient: convex, convexQueryClient: cq },
    ${wrap}
  });
}
`;
  const root = `import { Outlet, createRootRouteWithContext } from "@tanstack/react-router";
import { ClerkProvider } from "@clerk/tanstack-react-start";
import { getAuth } from "@clerk/tanstack-react-start/server";
import { createServerFn } from "@tanstack/react-start";
import { getWebRequest } from "@tanstack/react-start/server";
const tokenFn = createServerFn({ method: "GET" }).handler(async () => {
  const auth = await getAuth(getWebRequest()!);
  return { token: await auth.getToken({ template: "convex" }) };
});
export const Route = createRootRouteWithContext<{ convexQueryClient: any }>()({
  beforeLoad: async (ctx) => {
    const { token } = await tokenFn();
    if (token) ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);
  },
  component: () => (
    <ClerkProvider>
      <html><body><Outlet /></body></html>
    </ClerkProvider>
  ),
});
`;
  const plainWrap = 'Wrap: ({ children }) => <ConvexProvider client={cq.convexClient}>{children}</ConvexProvider>,';

  it('the plain provider in Wrap, with no ConvexProviderWithClerk anywhere, is found (failed before)', () => {
    const results = together(
      { 'app/router.tsx': router(plainWrap), 'app/routes/__root.tsx': root },
      { project: tanstack },
    );
    const r = results.get('app/router.tsx');
    assert.deepEqual(codesOf(r), ['plain-convex-provider']);
    assert.deepEqual(codesOf(results.get('app/routes/__root.tsx')), []);
    const [f] = r?.findings ?? [];
    assert.equal(router(plainWrap).slice(f?.start, f?.end), 'ConvexProvider');
    // ClerkProvider is in the root route, below Wrap: a switch made here would call useAuth outside it.
    assert.match(f?.message ?? '', /root route/);
    assert.deepEqual(f?.fixes, []);
  });

  it('InnerWrap is the same place (failed before)', () => {
    const text = router(plainWrap.replace('Wrap:', 'InnerWrap:'));
    const results = together({ 'app/router.tsx': text, 'app/routes/__root.tsx': root }, { project: tanstack });
    assert.deepEqual(codesOf(results.get('app/router.tsx')), ['plain-convex-provider']);
  });

  it('ClerkProvider around it inside the Wrap arrow: found, with the switch as the fix (failed before)', () => {
    const wrap = `Wrap: ({ children }) => (
      <ClerkProvider>
        <ConvexProvider client={cq.convexClient}>{children}</ConvexProvider>
      </ClerkProvider>
    ),`;
    const text = router(wrap, 'import { ClerkProvider } from "@clerk/tanstack-react-start";\n');
    const [f, ...rest] = only('app/router.tsx', text, 'plain-convex-provider', { project: tanstack });
    assert.equal(rest.length, 0);
    assert.equal(f?.fixes[0]?.title, 'Switch to ConvexProviderWithClerk with useAuth');
    const fixed = applyEdits(text, f?.fixes[0]?.edits ?? []);
    assertParses('app/router.tsx', fixed);
    assert.match(fixed, /<ConvexProviderWithClerk useAuth=\{useAuth\} client=\{cq\.convexClient\}>/);
    assert.match(fixed, /import \{ ClerkProvider, useAuth \} from "@clerk\/tanstack-react-start"/);
    assert.deepEqual(only('app/router.tsx', fixed, 'plain-convex-provider', { project: tanstack }), []);
  });

  it('control (M6e): the same JSX in a named component is found, as before', () => {
    const text = `import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ClerkProvider } from "@clerk/tanstack-react-start";
const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);
export function Wrap({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProvider client={convex}>{children}</ConvexProvider>
    </ClerkProvider>
  );
}
`;
    assert.equal(only('app/router.tsx', text, 'plain-convex-provider', { project: tanstack }).length, 1);
  });

  it("control: Convex's TanStack Start guide (plain Wrap, ConvexProviderWithClerk in the root route) stays clean", () => {
    const guideRoot = `import { Outlet, createRootRouteWithContext, useRouteContext } from "@tanstack/react-router";
import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export const Route = createRootRouteWithContext<{ convexClient: any }>()({ component: Root });
function Root() {
  const { convexClient } = useRouteContext({ from: Route.id });
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convexClient} useAuth={useAuth}><Outlet /></ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;
    const results = together(
      { 'app/router.tsx': router(plainWrap), 'app/routes/__root.tsx': guideRoot },
      { project: tanstack },
    );
    assert.deepEqual([...results.values()].flatMap(codesOf), []);
  });
});
