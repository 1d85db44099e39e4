// React Router v7 framework mode: app/routes.ts says which route modules render inside which layouts. The index
// joins its fact (reactRouterRoutes.ts) with the layouts' gates and the routes' calls, as it joins Next's folders: a
// layout gating <Outlet /> on Clerk alone over a route that queries Convex on mount is a clerk-gate finding, a
// layout gating it on Convex's <Authenticated> takes away the route's query-before-auth finding, and a change of
// routes.ts alone re-joins them. All failed on main at 5b9594b (routes.ts was not read; a module rendering React
// Router's <Outlet /> was no layout).
import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { configRenderedUnder } from '../../../src/analysis/reactRouterRoutes';
import { shouldAnalyse } from '../../../src/analysis/prefilter';
import { WorkspaceModel } from '../../../src/workspace/model';
import { diskIO, fileAt, FOLDER } from './diskIO';

const USERS = `import { query } from "./_generated/server";
export const me = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Unauthenticated");
    return identity.subject;
  },
});
`;
const ROUTES = (
  protectedChildren: string,
  outside = '',
): string => `import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  layout("routes/protected.tsx", [${protectedChildren}]),${outside}
] satisfies RouteConfig;
`;
const DASHBOARD_ROUTE = 'route("dashboard", "routes/dashboard.tsx")';
const LAYOUT = (gate: 'clerk' | 'convex'): string => `import { Outlet } from "react-router";
import { SignedIn, RedirectToSignIn, SignedOut } from "@clerk/react-router";
import { Authenticated } from "convex/react";
export default function Protected() {
  return (
    <>
      ${gate === 'clerk' ? '<SignedIn><Outlet /></SignedIn>' : '<Authenticated><Outlet /></Authenticated>'}
      <SignedOut><RedirectToSignIn /></SignedOut>
    </>
  );
}
`;
const DASHBOARD = `import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import type { Route } from "./+types/dashboard";
export default function Dashboard(_: Route.ComponentProps) {
  const me = useQuery(api.users.me);
  return <p>{me}</p>;
}
`;

async function indexed(disk: Map<string, string>): Promise<WorkspaceModel> {
  const model = new WorkspaceModel(diskIO(disk), {
    facts: () => undefined,
    inputs: () => undefined,
    identity: () => undefined,
  });
  await model.scan(FOLDER);
  await model.idle();
  return model;
}

const codes = (model: WorkspaceModel, path: string): string[] =>
  (model.files().find((f) => f.path === path)?.findings ?? []).map((f) => f.code);

describe('React Router v7 route configs (app/routes.ts)', () => {
  it('reads routes.ts into the routes and the layouts around them, and is analysed though it names neither Clerk nor Convex', () => {
    const text = ROUTES(`${DASHBOARD_ROUTE}, ...prefix("admin", [index("./routes/admin.tsx")])`);
    assert.ok(shouldAnalyse('app/routes.ts', text));
    const fact = analyse('app/routes.ts', text.replace('index, layout', 'index, layout, prefix')).facts.routeConfig;
    assert.deepEqual(fact, {
      root: 'app/root',
      routes: [
        { file: 'app/routes/home', layouts: [] },
        { file: 'app/routes/protected', layouts: [] },
        { file: 'app/routes/dashboard', layouts: ['app/routes/protected'] },
        { file: 'app/routes/admin', layouts: ['app/routes/protected'] },
      ],
    });
    const configs = fact ? [fact] : [];
    assert.equal(configRenderedUnder('app/routes/dashboard.tsx', 'app/routes/protected.tsx', configs), true);
    assert.equal(configRenderedUnder('app/routes/home.tsx', 'app/routes/protected.tsx', configs), false);
    assert.equal(configRenderedUnder('app/routes/home.tsx', 'app/root.tsx', configs), true);
    assert.equal(configRenderedUnder('app/routes/other.tsx', 'app/routes/protected.tsx', configs), undefined);
  });

  it('reads flatRoutes(): a module nests under those whose dotted name begins its own', () => {
    const text = `import { type RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";
export default flatRoutes() satisfies RouteConfig;
`;
    // flatRoutes() as the whole config is a promise, not an array: only a spread into the array is read.
    assert.equal(analyse('app/routes.ts', text).facts.routeConfig, undefined);
    const spread = text.replace(
      'export default flatRoutes() satisfies',
      'export default [...(await flatRoutes())] satisfies',
    );
    const fact = analyse('app/routes.ts', spread).facts.routeConfig;
    assert.deepEqual(fact, { root: 'app/root', routes: [], flat: ['app/routes'] });
    const configs = fact ? [fact] : [];
    assert.equal(configRenderedUnder('app/routes/_auth.dashboard.tsx', 'app/routes/_auth.tsx', configs), true);
    assert.equal(configRenderedUnder('app/routes/_auth.billing/route.tsx', 'app/routes/_auth.tsx', configs), true);
    assert.equal(configRenderedUnder('app/routes/dashboard.tsx', 'app/routes/_auth.tsx', configs), false);
    assert.equal(configRenderedUnder('app/routes/_auth.x/helper.tsx', 'app/routes/_auth.tsx', configs), undefined);
  });

  it('a layout rendering <Outlet /> under <SignedIn> over a route that queries Convex on mount is a clerk-gate finding', async () => {
    const disk = new Map([
      ['convex/users.ts', USERS],
      ['app/routes.ts', ROUTES(DASHBOARD_ROUTE)],
      ['app/routes/protected.tsx', LAYOUT('clerk')],
      ['app/routes/dashboard.tsx', DASHBOARD],
    ]);
    const model = await indexed(disk);
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), ['clerk-convex/clerk-gate']);
    const finding = model.files().find((f) => f.path === 'app/routes/protected.tsx')?.findings[0];
    assert.match(finding?.message ?? '', /<SignedIn> renders the child routes \(<Outlet \/>\) of this layout/);
    assert.match(finding?.message ?? '', /app\/routes\/dashboard\.tsx calls useQuery\(api\.users\.me\)/);
    assert.equal(finding?.related?.[0]?.path, 'app/routes/dashboard.tsx');

    // routes.ts alone moves the route out of the layout: the layout's finding goes, though it is not analysed again.
    disk.set('app/routes.ts', ROUTES('', `\n  ${DASHBOARD_ROUTE},`));
    await model.fileChanged(fileAt('app/routes.ts'));
    await model.idle();
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), []);

    disk.set('app/routes.ts', ROUTES(DASHBOARD_ROUTE));
    await model.fileChanged(fileAt('app/routes.ts'));
    await model.idle();
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), ['clerk-convex/clerk-gate'], 'back under the layout');

    disk.delete('app/routes.ts');
    model.fileDeleted(fileAt('app/routes.ts').key);
    await model.idle();
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), [], 'no config places the route');
  });

  it('a layout rendering <Outlet /> inside <Authenticated> takes away the query-before-auth finding of the routes it holds', async () => {
    const disk = new Map([
      ['convex/users.ts', USERS],
      ['app/routes.ts', ROUTES(DASHBOARD_ROUTE)],
      ['app/routes/protected.tsx', LAYOUT('convex')],
      ['app/routes/dashboard.tsx', DASHBOARD],
    ]);
    const model = await indexed(disk);
    assert.deepEqual(codes(model, 'app/routes/dashboard.tsx'), []);
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), []);

    // The same route outside the layout sends its query before Convex has the token.
    disk.set('app/routes.ts', ROUTES('', `\n  ${DASHBOARD_ROUTE},`));
    await model.fileChanged(fileAt('app/routes.ts'));
    await model.idle();
    assert.deepEqual(codes(model, 'app/routes/dashboard.tsx'), ['clerk-convex/query-before-auth']);
  });

  it('a module in a layout’s folder that routes.ts puts elsewhere, or a component with <Outlet /> no config names, is no route of it', async () => {
    const disk = new Map([
      ['convex/users.ts', USERS],
      ['app/routes.ts', ROUTES('route("settings", "routes/protected/settings.tsx")', `\n  ${DASHBOARD_ROUTE},`)],
      ['app/routes/protected.tsx', LAYOUT('clerk')],
      ['app/routes/protected/dashboard.tsx', DASHBOARD],
      ['app/routes/dashboard.tsx', DASHBOARD],
      ['app/components/Shell.tsx', LAYOUT('clerk')],
    ]);
    const model = await indexed(disk);
    assert.deepEqual(codes(model, 'app/routes/protected.tsx'), []);
    assert.deepEqual(codes(model, 'app/components/Shell.tsx'), []);
  });

  it('flat routes: a pathless `_auth` layout gated on <SignedIn> over `_auth.dashboard` that queries Convex', async () => {
    const disk = new Map([
      ['convex/users.ts', USERS],
      [
        'app/routes.ts',
        `import { type RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";
export default [...(await flatRoutes())] satisfies RouteConfig;
`,
      ],
      ['app/routes/_auth.tsx', LAYOUT('clerk')],
      ['app/routes/_auth.dashboard.tsx', DASHBOARD],
    ]);
    const model = await indexed(disk);
    assert.deepEqual(codes(model, 'app/routes/_auth.tsx'), ['clerk-convex/clerk-gate']);
  });
});
