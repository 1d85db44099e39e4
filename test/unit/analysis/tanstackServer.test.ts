import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analysis/edits';
import type { AnalysisContext, IdentityFunction } from '../../../src/analysis/types';
import { assertFixesResolve, codes, only, project } from './helpers';

// TanStack Start's server side (server-set-auth): the root route's beforeLoad must hand Clerk's token to the
// Convex server client with setAuth, and a ConvexHttpClient in a server function must get it before it runs
// anything. Files are written the way Convex's and Clerk's TanStack Start guides and public apps write them.

const ROOT_IMPORTS = `import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import { createServerFn } from "@tanstack/react-start";
import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import type { QueryClient } from "@tanstack/react-query";
import type { ConvexQueryClient } from "@convex-dev/react-query";
import type { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
`;

const FETCH_CLERK_AUTH = `const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const { userId, getToken } = await auth();
  const token = await getToken({ template: "convex" });
  return { userId, token };
});
`;

const COMPONENT = `function RootComponent() {
  const context = Route.useRouteContext();
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}>
        <Outlet />
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

/** Convex's guide's root route, with `beforeLoad` as given. */
const rootRoute = (
  beforeLoad: string,
  contextType = `{
  queryClient: QueryClient;
  convexClient: ConvexReactClient;
  convexQueryClient: ConvexQueryClient;
}`,
  imports = ROOT_IMPORTS,
): string => `${imports}
${FETCH_CLERK_AUTH}
export const Route = createRootRouteWithContext<${contextType}>()({
  beforeLoad: ${beforeLoad},
  component: RootComponent,
});

${COMPONENT}`;

const ROOT = 'src/routes/__root.tsx';

const GUIDE_BEFORE_LOAD = `async (ctx) => {
    const auth = await fetchClerkAuth();
    const { userId, token } = auth;
    // During SSR only (the only time serverHttpClient exists), set the Clerk auth token to make HTTP queries with.
    if (token) {
      ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);
    }
    return { userId, token };
  }`;

const serverFunction = (
  body: string,
  imports = 'import { auth } from "@clerk/tanstack-react-start/server";',
): string => `import { createServerFn } from "@tanstack/react-start";
${imports}
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";

export const listMessages = createServerFn({ method: "GET" }).handler(async () => {
${body}
});
`;
const SERVER_FN = 'src/server/messages.ts';

function identityFunction(
  exportName: string,
  kind: IdentityFunction['kind'],
): NonNullable<AnalysisContext['identityFunctions']>[number] {
  return {
    exportName,
    kind,
    start: 0,
    end: 1,
    position: { line: 0, character: 0, endLine: 0, endCharacter: 1 },
    without: 'throws',
    path: 'convex/messages.ts',
  };
}

describe('analysis: TanStack Start server client without the Clerk token (server-set-auth)', () => {
  describe('the root route', () => {
    it('flags a beforeLoad that has the token but never calls setAuth, and the fix hands it to serverHttpClient', () => {
      const text = rootRoute(`async (ctx) => {
    const { userId, token } = await fetchClerkAuth();
    return { userId, token };
  }`);
      const [f] = only(ROOT, text, 'server-set-auth');
      assert.ok(f);
      assert.equal(text.slice(f.start, f.end), 'beforeLoad');
      assert.equal(f.severity, 'warning');
      assert.equal(f.lessonStep, 'sandwich');
      assert.match(f.message, /never hands it to Convex/);
      assert.match(f.message, /ctx\.context\.convexQueryClient\.serverHttpClient\?\.setAuth\(token\)/);
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0]?.mechanical, true);
      const [fixed] = assertFixesResolve(ROOT, text, 'server-set-auth');
      assert.match(
        fixed ?? '',
        /const \{ userId, token \} = await fetchClerkAuth\(\);\n {4}if \(token\) ctx\.context\.convexQueryClient\.serverHttpClient\?\.setAuth\(token\);\n {4}return/,
      );
      assert.deepEqual(codes(ROOT, fixed ?? ''), []);
    });

    it("uses the destructured context and an optional ConvexHttpClient (the shape of the extension's own snippet)", () => {
      const imports = `${ROOT_IMPORTS}import type { ConvexHttpClient } from "convex/browser";\n`;
      const text = rootRoute(
        `async ({ context }) => {
    const { token } = await fetchClerkAuth();
    return { token };
  }`,
        '{ convex: ConvexReactClient; convexHttp?: ConvexHttpClient }',
        imports,
      );
      const [fixed] = assertFixesResolve(ROOT, text, 'server-set-auth');
      assert.match(fixed ?? '', /if \(token\) context\.convexHttp\?\.setAuth\(token\);/);
    });

    it('reads the context type from an interface of the file, and a token read as auth.token', () => {
      const text = rootRoute(
        `async ({ context, location }) => {
    const auth = await fetchClerkAuth();
    if (!auth.userId && location.pathname !== "/") throw new Error("sign in");
    return { userId: auth.userId, token: auth.token };
  }`,
        'RouterContext',
        `${ROOT_IMPORTS}
interface RouterContext {
  queryClient: QueryClient;
  convexQueryClient: ConvexQueryClient;
}
`,
      );
      const [fixed] = assertFixesResolve(ROOT, text, 'server-set-auth');
      assert.match(
        fixed ?? '',
        /const auth = await fetchClerkAuth\(\);\n {4}if \(auth\.token\) context\.convexQueryClient\.serverHttpClient\?\.setAuth\(auth\.token\);/,
      );
    });

    it("a beforeLoad that does not fetch the token yet: the fix calls the file's own server function and adds { context }", () => {
      const text = rootRoute(`async () => {
    return {};
  }`);
      const [f] = only(ROOT, text, 'server-set-auth');
      assert.equal(f?.fixes[0]?.mechanical, false);
      const [fixed] = assertFixesResolve(ROOT, text, 'server-set-auth');
      assert.match(
        fixed ?? '',
        /beforeLoad: async \(\{ context \}\) => \{\n {4}const \{ token \} = await fetchClerkAuth\(\);\n {4}if \(token\) context\.convexQueryClient\.serverHttpClient\?\.setAuth\(token\);\n {4}return \{\};/,
      );
    });

    it('knows the earlier getAuth(getWebRequest()) form and a getToken() that returns the token itself', () => {
      const text = `import { createRootRouteWithContext } from "@tanstack/react-router";
import { createServerFn } from "@tanstack/react-start";
import { getAuth } from "@clerk/tanstack-react-start/server";
import { getWebRequest } from "@tanstack/react-start/server";
import { ConvexQueryClient } from "@convex-dev/react-query";

const getClerkToken = createServerFn({ method: "GET" }).handler(async () => {
  const auth = await getAuth(getWebRequest());
  return await auth.getToken({ template: "convex" });
});

export const Route = createRootRouteWithContext<{ convexQueryClient: ConvexQueryClient }>()({
  async beforeLoad({ context }) {
    const token = await getClerkToken();
    return { token };
  },
});
`;
      const [fixed] = assertFixesResolve(ROOT, text, 'server-set-auth');
      assert.match(
        fixed ?? '',
        /const token = await getClerkToken\(\);\n {4}if \(token\) context\.convexQueryClient\.serverHttpClient\?\.setAuth\(token\);/,
      );
    });

    it("near misses: the guide's code with setAuth, no Clerk (WorkOS, Better Auth), no Convex server client in the context, a context type from another file, no token on the server", () => {
      assert.deepEqual(codes(ROOT, rootRoute(GUIDE_BEFORE_LOAD)), []);
      const workos = rootRoute(
        `async (ctx) => {
    const { userId, token } = await fetchWorkosAuth();
    return { userId, token };
  }`,
        undefined,
        ROOT_IMPORTS.replace(/.*@clerk.*\n/g, ''),
      )
        .replace(FETCH_CLERK_AUTH, '')
        .replace(/<\/?ClerkProvider>/g, '');
      assert.deepEqual(codes(ROOT, workos), []);
      assert.deepEqual(
        codes(
          ROOT,
          rootRoute(
            `async () => {
    const { token } = await fetchClerkAuth();
    return { token };
  }`,
            '{ queryClient: QueryClient; convexClient: ConvexReactClient }',
          ),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          ROOT,
          rootRoute(
            `async () => {
    const { token } = await fetchClerkAuth();
    return { token };
  }`,
            'RouterContext',
            `${ROOT_IMPORTS}import type { RouterContext } from "../router";\n`,
          ),
        ),
        [],
      );
      // Clerk only on the client, no server function fetching a token: nothing is half done on the server.
      const clientOnly = rootRoute(`async () => ({})`)
        .replace(FETCH_CLERK_AUTH, '')
        .replace('import { auth } from "@clerk/tanstack-react-start/server";\n', '');
      assert.deepEqual(codes(ROOT, clientOnly), []);
    });

    it('near misses: beforeLoad hands the client or the token to code of another file', () => {
      assert.deepEqual(
        codes(
          ROOT,
          rootRoute(`async (ctx) => {
    const { token } = await fetchClerkAuth();
    authenticateConvex(ctx.context.convexQueryClient, token);
    return { token };
  }`),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          ROOT,
          rootRoute(`async ({ context }) => {
    const { token } = await fetchClerkAuth();
    await withConvexToken(context, token);
    return { token };
  }`),
        ),
        [],
      );
    });
  });

  describe('a ConvexHttpClient in a server function', () => {
    it('flags query() on a client that is never given the token, with both token sources as fixes', () => {
      const text = serverFunction(`  const { userId } = await auth();
  if (!userId) throw new Error("Not signed in");
  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  return await convex.query(api.messages.list, {});`);
      const [f] = only(SERVER_FN, text, 'server-set-auth');
      assert.ok(f);
      assert.equal(text.slice(f.start, f.end), 'convex.query');
      assert.match(f.message, /never given Clerk's token/);
      const fixed = assertFixesResolve(SERVER_FN, text, 'server-set-auth');
      assert.equal(fixed.length, 2);
      assert.match(
        fixed[0] ?? '',
        /\n {2}const token = await \(await auth\(\)\)\.getToken\(\);\n {2}if \(token\) convex\.setAuth\(token\);\n {2}return await convex\.query/,
      );
      assert.match(fixed[1] ?? '', /getToken\(\{ template: "convex" \}\)/);
      for (const t of fixed) assert.deepEqual(codes(SERVER_FN, t), []);
    });

    it('a token already in a variable: the fix hands that one over (mutation and action too)', () => {
      const text = serverFunction(`  const { getToken } = await auth();
  const token = await getToken({ template: "convex" });
  const client = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  await client.mutation(api.messages.send, { body: "hi" });
  return await client.action(api.messages.summarise, {});`);
      const found = only(SERVER_FN, text, 'server-set-auth');
      assert.equal(found.length, 2);
      assert.equal(found[0]?.fixes[0]?.mechanical, true);
      const fixed = applyEdits(text, found[0]?.fixes[0]?.edits ?? []);
      assert.match(
        fixed,
        /const token = await getToken\(\{ template: "convex" \}\);\n {2}if \(token\) client\.setAuth\(token\);\n {2}const client = /,
      );
      assert.deepEqual(codes(SERVER_FN, fixed), []);
    });

    it('a client made at module scope is shared by every request: reported without a setAuth fix', () => {
      const text = `import { createServerFn } from "@tanstack/react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api";

const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);

export const listMessages = createServerFn({ method: "GET" }).handler(async () => {
  const { userId } = await auth();
  return userId ? await convex.query(api.messages.list, {}) : [];
});
`;
      const [f] = only(SERVER_FN, text, 'server-set-auth');
      assert.match(f?.message ?? '', /made at module scope and shared by every request/);
      assert.deepEqual(f?.fixes, []);
    });

    it('without Clerk in the file: flagged only when the function called needs a signed-in user (from the index), and the fix imports auth', () => {
      const text = serverFunction(
        `  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  return await convex.query(api.messages.list, {});`,
        '',
      );
      const context: AnalysisContext = {
        project: project({ packages: { framework: 'tanstack-start', clerkSdks: ['@clerk/tanstack-react-start'] } }),
        identityFunctions: [identityFunction('list', 'query')],
      };
      const [f] = only(SERVER_FN, text, 'server-set-auth', context);
      assert.match(
        f?.message ?? '',
        /api\.messages\.list needs a signed-in user \(its handler in convex\/messages\.ts reads ctx\.auth\.getUserIdentity\(\)\)/,
      );
      const fixed = assertFixesResolve(SERVER_FN, text, 'server-set-auth', context);
      assert.match(fixed[0] ?? '', /import \{ auth \} from "@clerk\/tanstack-react-start\/server";/);
      // The same call of a function that needs no user, or a mutation where only a query of that name needs one.
      assert.deepEqual(codes(SERVER_FN, text.replace('api.messages.list', 'api.messages.publicList'), context), []);
      assert.deepEqual(
        codes(SERVER_FN, text, { ...context, identityFunctions: [identityFunction('list', 'mutation')] }),
        [],
      );
      assert.deepEqual(codes(SERVER_FN, text, { ...context, project: project() }), []);
    });

    it('near misses: setAuth called, the auth option, the client handed to a helper, a webhook reading no session, no Clerk, Next.js', () => {
      assert.deepEqual(
        codes(
          SERVER_FN,
          serverFunction(`  const token = await (await auth()).getToken();
  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  if (token) convex.setAuth(token);
  return await convex.query(api.messages.list, {});`),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          SERVER_FN,
          serverFunction(`  const token = (await (await auth()).getToken()) ?? undefined;
  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!, { auth: token });
  return await convex.query(api.messages.list, {});`),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          SERVER_FN,
          serverFunction(`  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  await authorise(convex);
  return await convex.query(api.messages.list, {});`),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'src/routes/api/webhooks/clerk.ts',
          serverFunction(
            `  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  return await convex.mutation(api.users.upsertFromClerk, { secret: process.env.WEBHOOK_SECRET! });`,
            'import { clerkClient } from "@clerk/tanstack-react-start/server";',
          ),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'scripts/seed.ts',
          `import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
const client = new ConvexHttpClient(process.env.CONVEX_URL!);
await client.mutation(api.seed.run, {});
`,
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'app/api/route.ts',
          `import { auth } from "@clerk/nextjs/server";
import { ConvexHttpClient } from "convex/browser";
export async function GET() {
  await auth();
  const convex = new ConvexHttpClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
  return Response.json(await convex.query(api.messages.list, {}));
}
`,
        ),
        [],
      );
    });

    it('a setAuth in another server function of the file counts for that client name (no guessing which request it serves)', () => {
      assert.deepEqual(
        codes(
          SERVER_FN,
          serverFunction(`  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  return await convex.query(api.messages.list, {});`) +
            `
export const other = createServerFn().handler(async () => {
  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);
  convex.setAuth((await (await auth()).getToken()) ?? "");
  return convex.query(api.messages.list, {});
});
`,
        ),
        [],
      );
    });
  });
});
