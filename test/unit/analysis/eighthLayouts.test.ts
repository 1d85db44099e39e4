import assert from 'node:assert/strict';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import type { FileAnalysis } from '../../../src/analysis/types';
import { project } from './helpers';
import { codesOf, together } from './together';

// Issue 23's eighth fresh check, the misses in layouts, providers and server code (reductions and sources in
// corpus/eighthLayouts.ts). Each test marked "(failed before)" failed on main at 53497a9, checked by putting src/
// back to main's.

const next = { project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] } }) };
const AUTH_CONFIG =
  'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n';

describe('analysis: the eighth fresh check (layouts, providers, server code)', () => {
  describe('M8: a plain ConvexProvider inside the one that sends the token', () => {
    const providers = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Providers({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><ConvexProviderWithClerk client={client} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>;
}
`;
    const plain = (client: string): string => `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
${client}
export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={client}>{children}</ConvexProvider>;
}
`;
    const ownClient = 'const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);';
    const layout = (body: string): string => `import ConvexClientProvider from "./ConvexClientProvider";
import { Providers } from "./providers";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html><body>${body}</body></html>;
}
`;
    const inside = '<Providers><ConvexClientProvider><main>{children}</main></ConvexClientProvider></Providers>';
    const files = (plainText: string, layoutText: string) => ({
      'src/app/providers.tsx': providers,
      'src/app/ConvexClientProvider.tsx': plainText,
      'src/app/layout.tsx': layoutText,
      'convex/auth.config.ts': AUTH_CONFIG,
    });

    it('a project component with its own client, rendered inside Providers, is reported where it is (failed before)', () => {
      const text = layout(inside);
      const r = together(files(plain(ownClient), text), next);
      const found = (r.get('src/app/layout.tsx')?.findings ?? []).filter(
        (f) => f.code === 'clerk-convex/plain-convex-provider',
      );
      assert.equal(found.length, 1);
      const [f] = found;
      assert.equal(text.slice(f?.start, f?.end), 'ConvexClientProvider');
      assert.equal(text.indexOf('<ConvexClientProvider>') + 1, f?.start);
      assert.match(f?.message ?? '', /inside <Providers> \(it renders ConvexProviderWithClerk\).*shadows it/);
      assert.match(f?.message ?? '', /src\/app\/ConvexClientProvider\.tsx/);
      assert.equal(text.slice(f?.related?.[0]?.start, f?.related?.[0]?.end), '<Providers>');
      assert.deepEqual(codesOf(r.get('src/app/ConvexClientProvider.tsx')), []);
    });

    it('a plain ConvexProvider of its own written inside ConvexProviderWithClerk in one file is reported once (failed before)', () => {
      // useAuth through the project's own module: the file imports nothing from Clerk, and a provider elsewhere makes
      // a plain one beside it deliberate, so only the nesting says it is wrong.
      const text = `"use client";
import { useAuth } from "@/lib/auth";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const authed = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
const other = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function Both({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={authed} useAuth={useAuth}><ConvexProvider client={other}>{children}</ConvexProvider></ConvexProviderWithClerk>;
}
`;
      const r = together(
        { ...files(plain(ownClient), layout('<Providers>{children}</Providers>')), 'src/app/both.tsx': text },
        next,
      );
      const found = (r.get('src/app/both.tsx')?.findings ?? []).filter(
        (f) => f.code === 'clerk-convex/plain-convex-provider',
      );
      assert.equal(found.length, 1);
      assert.match(found[0]?.message ?? '', /sits inside <ConvexProviderWithClerk>, which sends Clerk's token/);
    });

    it('near misses: beside it, given the authenticated client, or a client it sets auth on, stay clean', () => {
      const shared = `import { ConvexReactClient } from "convex/react";
export const client = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
`;
      const cases: Record<string, Record<string, string>> = {
        fixed: files(plain(ownClient), layout('<Providers><main>{children}</main></Providers>')),
        beside: files(
          plain(ownClient),
          layout('<Providers>{children}</Providers><ConvexClientProvider><aside /></ConvexClientProvider>'),
        ),
        'shared client': {
          ...files(plain('import { client } from "@/lib/client";'), layout(inside)),
          'src/lib/client.ts': shared,
        },
        'sets auth': files(
          plain(
            `${ownClient}\nclient.setAuth(async () => (await window.Clerk?.session?.getToken({ template: "convex" })) ?? null);`,
          ),
          layout(inside),
        ),
        'in an attribute': files(
          plain(ownClient),
          layout('<Providers fallback={<ConvexClientProvider />}>{children}</Providers>'),
        ),
      };
      for (const [name, fileSet] of Object.entries(cases)) {
        const r = together(fileSet, next);
        assert.deepEqual(codesOf(r.get('src/app/layout.tsx')), [], name);
      }
    });
  });

  describe('M7: a server file that asks Clerk for nothing preloads a function that needs a user', () => {
    const users = `import { query } from "./_generated/server";
export const getCurrent = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) return null;
  return ctx.db.query("users").collect();
} });
export const count = query({ args: {}, handler: async (ctx) => (await ctx.db.query("users").collect()).length });
`;
    const page = (call: string, head = ''): string => `${head}import { preloadQuery, fetchQuery } from "convex/nextjs";
import { api } from "@/convex/_generated/api";
export default async function ServerPage() {
  const data = await ${call};
  return <pre>{JSON.stringify(data)}</pre>;
}
`;
    const run = (text: string, context = next) =>
      together(
        { 'convex/users.ts': users, 'convex/auth.config.ts': AUTH_CONFIG, 'app/server/page.tsx': text },
        context,
      ).get('app/server/page.tsx');

    it('preloadQuery and fetchQuery of an identity function without a token are reported, with a fix (failed before)', () => {
      for (const call of ['preloadQuery(api.users.getCurrent)', 'fetchQuery(api.users.getCurrent, {})']) {
        const text = page(call);
        const found = (run(text)?.findings ?? []).filter((f) => f.code === 'clerk-convex/server-token');
        assert.equal(found.length, 1, call);
        const [f] = found;
        assert.equal(text.slice(f?.start, f?.end), call.split('(')[0]);
        assert.match(f?.message ?? '', /api\.users\.getCurrent needs a signed-in user/);
        assert.match(
          f?.message ?? '',
          /does not ask Clerk for a token \(no auth\(\) from @clerk\/nextjs\/server here\)/,
        );
        assert.doesNotMatch(f?.message ?? '', /This file uses/);
        const edits = f?.fixes[0]?.edits ?? [];
        assert.ok(
          edits.some((e) => /import \{ auth \} from "@clerk\/nextjs\/server"/.test(e.newText)),
          call,
        );
        assert.ok(
          edits.some((e) => /\{ token: \(await \(await auth\(\)\)\.getToken/.test(e.newText)),
          call,
        );
      }
    });

    it('near misses: a token passed, a function that reads no identity or is not found, a client file, no @clerk/nextjs', () => {
      const clean: [string, string, typeof next?][] = [
        ['token', page('preloadQuery(api.users.getCurrent, {}, { token })', 'const token = process.env.T;\n')],
        ['open function', page('fetchQuery(api.users.count)')],
        ['unknown function', page('fetchQuery(api.other.thing)')],
        ['client file', page('fetchQuery(api.users.getCurrent)', '"use client";\n')],
        [
          'no @clerk/nextjs',
          page('fetchQuery(api.users.getCurrent)'),
          { project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/clerk-react'] } }) },
        ],
      ];
      for (const [name, text, context] of clean) assert.deepEqual(codesOf(run(text, context)), [], name);
    });
  });

  describe('M2: a component a route layout (or page) renders, outside any Convex gate', () => {
    const documents = `import { query } from "./_generated/server";
export const getSearch = query({ args: {}, handler: async (ctx) => {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) throw new Error("Not authenticated");
  return ctx.db.query("documents").collect();
} });
`;
    const search = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export function SearchCommand() {
  const documents = useQuery(api.documents.getSearch);
  return <ul>{documents?.length}</ul>;
}
`;
    const list = search.replace('SearchCommand', 'DocumentList');
    const navigation = `"use client";
import { DocumentList } from "@/app/(main)/_components/document-list";
function Navigation() {
  return <aside><DocumentList /></aside>;
}
export default Navigation;
`;
    const mainLayout = (body: string, head = ''): string => `"use client";
${head}import Navigation from "@/app/(main)/_components/navigation";
import { SearchCommand } from "@/components/search-command";
export default function MainLayout({ children }: { children: React.ReactNode }) {
  ${body}
}
`;
    const beside = 'return <div><Navigation /><main><SearchCommand />{children}</main></div>;';
    const rootLayout = (
      body = '{children}',
      head = '',
    ): string => `${head}import { ConvexClientProvider } from "@/components/provider";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html><body><ConvexClientProvider>${body}</ConvexClientProvider></body></html>;
}
`;
    const provider = (inner = '{children}'): string => `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { Authenticated, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>${inner}</ConvexProviderWithClerk></ClerkProvider>;
}
`;
    const workspace = (overrides: Record<string, string> = {}): Record<string, string> => ({
      'convex/documents.ts': documents,
      'convex/auth.config.ts': AUTH_CONFIG,
      'components/provider.tsx': provider(),
      'app/layout.tsx': rootLayout(),
      'app/(main)/layout.tsx': mainLayout(beside),
      'app/(main)/_components/navigation.tsx': navigation,
      'app/(main)/_components/document-list.tsx': list,
      'components/search-command.tsx': search,
      'app/(main)/documents/page.tsx': 'export default function Page() { return <p>Documents</p>; }\n',
      ...overrides,
    });
    /** Like the workspace index: the files together, then each one's sites joined with the gates and the renders. */
    function joined(files: Record<string, string>): Map<string, FileAnalysis> {
      const results = together(files, next);
      const all = [...results];
      const functions = all.flatMap(([path, r]) => (r.facts.identityFunctions ?? []).map((f) => ({ ...f, path })));
      const gates = all.flatMap(([path, r]) => (r.facts.routeGate ? [{ ...r.facts.routeGate, path }] : []));
      const renders = all.flatMap(([path, r]) => (r.facts.renders ?? []).map((x) => ({ ...x, path })));
      return new Map(all.map(([path, r]) => [path, withIdentityFunctions(r, functions, [], gates, [], renders)]));
    }
    const qba = (r: FileAnalysis | undefined) =>
      (r?.findings ?? []).filter((f) => f.code === 'clerk-convex/query-before-auth');

    it('a component the layout renders beside {children}, and one it renders through its Navigation, are reported (failed before)', () => {
      const r = joined(workspace());
      const [f, ...rest] = qba(r.get('components/search-command.tsx'));
      assert.equal(rest.length, 0);
      assert.equal(search.slice(f?.start, f?.end), 'useQuery(api.documents.getSearch)');
      assert.match(
        f?.message ?? '',
        /SearchCommand is rendered by the route app\/\(main\)\/layout\.tsx outside <Authenticated>/,
      );
      const [g] = qba(r.get('app/(main)/_components/document-list.tsx'));
      assert.match(
        g?.message ?? '',
        /DocumentList is rendered by the route app\/\(main\)\/layout\.tsx \(through app\/\(main\)\/_components\/navigation\.tsx\) outside/,
      );
      assert.deepEqual(codesOf(r.get('app/(main)/layout.tsx')), []);
      assert.deepEqual(codesOf(r.get('app/(main)/_components/navigation.tsx')), []);
    });

    it('a layout that gates only {children} still renders its sidebar before auth (failed before)', () => {
      const r = joined(
        workspace({
          'app/(main)/layout.tsx': mainLayout(
            'return <div><Navigation /><SearchCommand /><Authenticated>{children}</Authenticated></div>;',
            'import { Authenticated } from "convex/react";\n',
          ),
        }),
      );
      assert.equal(qba(r.get('components/search-command.tsx')).length, 1);
      assert.equal(qba(r.get('app/(main)/_components/document-list.tsx')).length, 1);
    });

    it('a component a page renders is reported too (failed before)', () => {
      const page = `import { SearchCommand } from "@/components/search-command";
export default function Page() { return <main><SearchCommand /></main>; }
`;
      const r = joined(
        workspace({
          'app/(main)/layout.tsx': mainLayout('return <div>{children}</div>;'),
          'app/(main)/documents/page.tsx': page,
        }),
      );
      assert.match(
        qba(r.get('components/search-command.tsx'))[0]?.message ?? '',
        /by the route app\/\(main\)\/documents\/page\.tsx/,
      );
    });

    it('near misses: the layout waits for useConvexAuth, renders them in <Authenticated>, or sits under a gated layout', () => {
      const waits = `const { isAuthenticated, isLoading } = useConvexAuth();
  if (isLoading) return <p>Loading</p>;
  if (!isAuthenticated) return redirect("/");
  ${beside}`;
      const cases: Record<string, Record<string, string>> = {
        'useConvexAuth early returns': {
          'app/(main)/layout.tsx': mainLayout(
            waits,
            'import { useConvexAuth } from "convex/react";\nimport { redirect } from "next/navigation";\n',
          ),
        },
        '<Authenticated> in the layout': {
          'app/(main)/layout.tsx': mainLayout(
            'return <Authenticated><div><Navigation /><main><SearchCommand />{children}</main></div></Authenticated>;',
            'import { Authenticated } from "convex/react";\n',
          ),
        },
        'the root layout gates its children': {
          'app/layout.tsx': rootLayout(
            '<Authenticated>{children}</Authenticated>',
            'import { Authenticated } from "convex/react";\n',
          ),
        },
        'the provider renders its children in <Authenticated>': {
          'components/provider.tsx': provider('<Authenticated>{children}</Authenticated>'),
        },
        'the layout renders them inside that provider': {
          'components/provider.tsx': provider('<Authenticated>{children}</Authenticated>'),
          'app/layout.tsx':
            'export default function RootLayout({ children }: { children: React.ReactNode }) { return <html><body>{children}</body></html>; }\n',
          'app/(main)/layout.tsx': mainLayout(
            'return <ConvexClientProvider><Navigation /><SearchCommand />{children}</ConvexClientProvider>;',
            'import { ConvexClientProvider } from "@/components/provider";\n',
          ),
        },
        'nothing renders them': { 'app/(main)/layout.tsx': mainLayout('return <div>{children}</div>;') },
        'rendered only on some renders': {
          'app/(main)/layout.tsx': mainLayout(
            'const open = useOpen();\n  return <div>{open && <Navigation />}{open ? <SearchCommand /> : null}{children}</div>;',
            'import { useOpen } from "@/hooks/use-open";\n',
          ),
        },
      };
      for (const [name, overrides] of Object.entries(cases)) {
        const r = joined(workspace(overrides));
        assert.deepEqual(qba(r.get('components/search-command.tsx')), [], name);
        assert.deepEqual(qba(r.get('app/(main)/_components/document-list.tsx')), [], name);
      }
    });
  });
});
