// Checks a page after the clerk-gate fix the way the issue asks: it shows neither the sign-in button nor sends
// its query while Convex auth is loading. Rendered with the sample's own React, convex/react and
// ConvexProviderWithClerk (from the sample's node_modules), so the loading state is the one Convex's provider
// computes; only Clerk's hooks and components and `useQuery` are stand-ins. `useQuery` records its arguments:
// convex/react sends a query unless its arguments are "skip" (convex/src/react/client.ts, `useQuery`: "skip"
// subscribes to nothing).
import { createRequire } from 'node:module';
import path from 'node:path';

export interface GateRender {
  html: string;
  /** The arguments of each useQuery call during the render ("skip" = not sent). */
  queryArgs: unknown[];
}

/** What Clerk's useAuth() says: loaded or not, signed in or not. */
export interface ClerkState {
  isLoaded: boolean;
  isSignedIn: boolean;
}

export const SIGN_IN_MARK = 'data-sign-in-button';

type Module = Record<string, unknown>;

/** Renders `pageText` (app/page.tsx) to static markup inside ConvexProviderWithClerk, with Clerk in `clerk`. */
export function renderPage(workspace: string, pageText: string, clerk: ClerkState): GateRender {
  const load = createRequire(path.join(workspace, 'package.json'));
  const ts = load('typescript') as typeof import('typescript');
  // The sample's React, typed here only as far as it is used (the repository has no React of its own).
  const React = load('react') as { createElement(type: unknown, props?: unknown, ...children: unknown[]): unknown };
  const server = load('react-dom/server') as { renderToStaticMarkup(el: unknown): string };
  const convexReact = load('convex/react') as Module;
  const { ConvexProviderWithClerk } = load('convex/react-clerk') as { ConvexProviderWithClerk: unknown };
  const { anyApi } = load('convex/server') as { anyApi: unknown };

  const queryArgs: unknown[] = [];
  const useAuth = () => ({
    ...clerk,
    getToken: () => Promise.resolve(clerk.isSignedIn ? 'token' : null),
    orgId: null,
    orgRole: null,
    sessionId: clerk.isSignedIn ? 'sess_1' : null,
    sessionClaims: null,
  });
  const signedIn = ({ children }: { children?: unknown }) => (clerk.isLoaded && clerk.isSignedIn ? children : null);
  const signedOut = ({ children }: { children?: unknown }) => (clerk.isLoaded && !clerk.isSignedIn ? children : null);
  const clerkModule: Module = {
    useAuth,
    useUser: () => ({ isLoaded: clerk.isLoaded, isSignedIn: clerk.isSignedIn, user: null }),
    SignInButton: () => React.createElement('button', { [SIGN_IN_MARK]: '' }, 'Sign in'),
    UserButton: () => React.createElement('span', null, 'user'),
    SignedIn: signedIn,
    SignedOut: signedOut,
    Show: ({ when, children }: { when?: string; children?: unknown }) =>
      when === 'signed-out' ? signedOut({ children }) : signedIn({ children }),
  };
  const modules: Record<string, Module> = {
    react: React,
    'react/jsx-runtime': load('react/jsx-runtime') as Module,
    'convex/react': {
      ...convexReact,
      useQuery: (_ref: unknown, ...args: unknown[]) => {
        queryArgs.push(args[0] ?? {});
        return undefined;
      },
    },
    '@clerk/nextjs': clerkModule,
    '@/convex/_generated/api': { api: anyApi, internal: anyApi },
  };
  const js = ts.transpileModule(pageText, {
    fileName: 'page.tsx',
    compilerOptions: {
      jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  const mod = { exports: {} as Module };
  const requireFor = (name: string): Module => {
    const found = modules[name];
    if (!found) throw new Error(`the page imports ${name}, which the gate check does not provide`);
    return found;
  };
  // The page's own code, transpiled above, run once with the modules above as its imports.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('require', 'module', 'exports', js) as (
    require: (name: string) => Module,
    module: { exports: Module },
    exports: Module,
  ) => void;
  run(requireFor, mod, mod.exports);
  const Page = mod.exports.default;
  const client = { setAuth: () => undefined, clearAuth: () => undefined };
  const tree = React.createElement(ConvexProviderWithClerk, { client, useAuth }, React.createElement(Page));
  return { html: server.renderToStaticMarkup(tree), queryArgs };
}

/** Whether a render sent a query (any useQuery call whose arguments are not "skip"). */
export function sentQuery(render: GateRender): boolean {
  return render.queryArgs.some((a) => a !== 'skip');
}
