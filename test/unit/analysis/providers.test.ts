import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { moduleAliasesFor } from '../../../src/project/tsconfigPaths';
import { assertFixesResolve, codes, only, project } from './helpers';

const imports = `import { ClerkProvider, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);
`;

describe('analysis: provider rules', () => {
  describe('provider-order', () => {
    const wrong = `${imports}
export function Root({ children }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <ClerkProvider publishableKey="pk">{children}</ClerkProvider>
    </ConvexProviderWithClerk>
  );
}
`;
    it('flags ConvexProviderWithClerk wrapping ClerkProvider, pointing at ClerkProvider', () => {
      const [f] = only('main.tsx', wrong, 'provider-order');
      assert.ok(f);
      assert.equal(f.severity, 'error');
      assert.equal(f.lessonStep, 'sandwich');
      assert.equal(wrong.slice(f.start, f.end), 'ConvexProviderWithClerk');
      assert.ok(f.related?.[0] && wrong.slice(f.related[0].start, f.related[0].end).startsWith('<ClerkProvider'));
      assert.match(f.message, /outside <ClerkProvider>/);
    });

    it('swaps the providers (a mechanical fix) and the result is the right sandwich', () => {
      const [fixed] = assertFixesResolve('main.tsx', wrong, 'provider-order');
      assert.match(
        fixed ?? '',
        /<ClerkProvider publishableKey="pk">\s*<ConvexProviderWithClerk client=\{convex\} useAuth=\{useAuth\}>\{children\}<\/ConvexProviderWithClerk>\s*<\/ClerkProvider>/,
      );
      assert.equal(analyse('main.tsx', fixed ?? '').facts.sandwichCorrect, true);
      assert.equal(only('main.tsx', wrong, 'provider-order')[0]?.fixes[0]?.mechanical, true);
    });

    it('flags the project provider component across files (context), not without it', () => {
      const layout = `import { ClerkProvider } from "@clerk/nextjs";
import ConvexClientProvider from "@/components/ConvexClientProvider";
export default function RootLayout({ children }) {
  return <html><body><ConvexClientProvider><ClerkProvider>{children}</ClerkProvider></ConvexClientProvider></body></html>;
}
`;
      const context = {
        convexProviderComponents: [{ path: 'components/ConvexClientProvider.tsx', exportName: 'default' }],
      };
      assert.equal(only('app/layout.tsx', layout, 'provider-order', context).length, 1);
      assert.equal(only('app/layout.tsx', layout, 'provider-order').length, 0);
      assert.equal(
        only('app/layout.tsx', layout, 'provider-order', {
          convexProviderComponents: [{ path: 'components/Other.tsx', exportName: 'default' }],
        }).length,
        0,
      );
      assertFixesResolve('app/layout.tsx', layout, 'provider-order', context);
    });

    it('resolves the provider import through the tsconfig `paths` a suffix guess gets wrong, and only through it', async () => {
      const layout = (specifier: string): string => `import { ClerkProvider } from "@clerk/nextjs";
import { Providers } from "${specifier}";
export default function RootLayout({ children }) {
  return <html><body><Providers><ClerkProvider>{children}</ClerkProvider></Providers></body></html>;
}
`;
      const tsconfig = `{
  "extends": "./tsconfig.base.json",
  // the app's providers live under src/app-providers
  "compilerOptions": { "paths": { "~/providers": ["./src/app-providers/index.tsx"], "@/*": ["./src/*",], }, },
}`;
      const read = (p: string): Promise<string | undefined> =>
        Promise.resolve(
          p === 'tsconfig.json'
            ? tsconfig
            : p === 'tsconfig.base.json'
              ? '{"compilerOptions":{"strict":true}}'
              : undefined,
        );
      const moduleAliases = await moduleAliasesFor('app/layout.tsx', read);
      assert.ok(moduleAliases);
      const appProviders = [{ path: 'src/app-providers/index.tsx', exportName: 'Providers' }];
      // The suffix guess alone misses it (`providers` is not the end of `src/app-providers`).
      assert.equal(
        only('app/layout.tsx', layout('~/providers'), 'provider-order', { convexProviderComponents: appProviders })
          .length,
        0,
      );
      assert.equal(
        only('app/layout.tsx', layout('~/providers'), 'provider-order', {
          convexProviderComponents: appProviders,
          moduleAliases,
        }).length,
        1,
      );
      // `@/*` means src/*: a root components/ file is not what `@/components/...` names, though its suffix matches.
      const rootProvider = [{ path: 'components/Providers.tsx', exportName: 'Providers' }];
      assert.equal(
        only('app/layout.tsx', layout('@/components/Providers'), 'provider-order', {
          convexProviderComponents: rootProvider,
        }).length,
        1,
      );
      assert.equal(
        only('app/layout.tsx', layout('@/components/Providers'), 'provider-order', {
          convexProviderComponents: rootProvider,
          moduleAliases,
        }).length,
        0,
      );
      const srcProvider = [{ path: 'src/components/Providers.tsx', exportName: 'Providers' }];
      assert.equal(
        only('app/layout.tsx', layout('@/components/Providers'), 'provider-order', {
          convexProviderComponents: srcProvider,
          moduleAliases,
        }).length,
        1,
      );
    });

    it("of several `paths` targets the first existing file is the one imported (TypeScript's order)", () => {
      const layout = `import { ClerkProvider } from "@clerk/nextjs";
import { Providers } from "#providers";
export default function RootLayout({ children }) {
  return <html><body><Providers><ClerkProvider>{children}</ClerkProvider></Providers></body></html>;
}
`;
      const moduleAliases = { paths: { '#providers': ['./web/providers', './shared/providers'] }, pathsBase: '' };
      const second = { path: 'shared/providers.tsx', exportName: 'Providers' };
      assert.equal(
        only('app/layout.tsx', layout, 'provider-order', { convexProviderComponents: [second], moduleAliases }).length,
        1,
      );
      // web/providers.tsx also exists (and renders the provider): it shadows the second target; this one is it.
      const first = { path: 'web/providers/index.tsx', exportName: 'Providers' };
      const findings = only('app/layout.tsx', layout, 'provider-order', {
        convexProviderComponents: [second, { ...first, exportName: 'Other' }],
        moduleAliases,
      });
      assert.equal(findings.length, 0);
    });

    it('near misses: the right order, and a provider file with no ClerkProvider in it', () => {
      const right = `${imports}
export function Root({ children }) {
  return <ClerkProvider publishableKey="pk"><ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>;
}
`;
      assert.deepEqual(codes('main.tsx', right), []);
      assert.equal(analyse('main.tsx', right).facts.sandwichCorrect, true);
      const providerOnly = `${imports}
export default function P({ children }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
      assert.deepEqual(codes('P.tsx', providerOnly), []);
      assert.deepEqual(analyse('P.tsx', providerOnly).facts.exportsConvexProviderComponents, ['default']);
    });

    it('sees through an aliased import and a local wrapper component', () => {
      const aliased = `import { ClerkProvider as CP, useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk as CPWC } from "convex/react-clerk";
function Inner({ children }) { return <CPWC client={c} useAuth={useAuth}>{children}</CPWC>; }
export const App = () => <Inner><CP>x</CP></Inner>;
`;
      assert.equal(only('a.tsx', aliased, 'provider-order').length, 1);
    });
  });

  describe('plain-convex-provider', () => {
    const plain = `import { ClerkProvider } from "@clerk/clerk-react";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient("https://x.convex.cloud");
export const App = () => <ClerkProvider publishableKey="pk"><ConvexProvider client={convex}><div /></ConvexProvider></ClerkProvider>;
`;
    it('warns when Clerk is in play and switches to ConvexProviderWithClerk with useAuth and imports', () => {
      // The project's auth.config names a provider: Convex is set up to see the user (ninthCheckProviders.test.ts has
      // the project with nothing that needs it).
      const configured = project({
        authConfigs: [
          readAuthConfig(
            'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };',
            'convex/auth.config.ts',
            'file:///p/convex/auth.config.ts',
          ),
        ],
      });
      const [f] = only('main.tsx', plain, 'plain-convex-provider', { project: configured });
      assert.equal(f?.severity, 'warning');
      const [fixed] = assertFixesResolve('main.tsx', plain, 'plain-convex-provider');
      assert.match(fixed ?? '', /<ConvexProviderWithClerk useAuth=\{useAuth\} client=\{convex\}>/);
      assert.match(fixed ?? '', /import \{ ClerkProvider, useAuth \} from "@clerk\/clerk-react"/);
      assert.match(fixed ?? '', /import \{ ConvexProviderWithClerk \} from "convex\/react-clerk"/);
      assert.match(fixed ?? '', /import \{ ConvexReactClient \} from "convex\/react"/);
      assert.deepEqual(codes('main.tsx', fixed ?? ''), []);
    });
    it('near miss: ConvexProvider in an app without Clerk', () => {
      const noClerk = plain
        .replace('import { ClerkProvider } from "@clerk/clerk-react";\n', '')
        .replace(/<\/?ClerkProvider[^>]*>/g, '');
      assert.deepEqual(codes('main.tsx', noClerk), []);
      const clerkApp = project({ packages: { framework: 'vite', clerkSdks: ['@clerk/react'] } });
      // Clerk is installed but nothing says Convex should see the user (no auth.config provider, no function reads
      // the identity): a plain provider may be deliberate.
      assert.deepEqual(only('main.tsx', noClerk, 'plain-convex-provider', { project: clerkApp }), []);
      const configured = {
        ...clerkApp,
        authConfigs: [
          readAuthConfig(
            'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };',
            'convex/auth.config.ts',
            'file:///p/convex/auth.config.ts',
          ),
        ],
      };
      assert.equal(only('main.tsx', noClerk, 'plain-convex-provider', { project: configured }).length, 1);
      assert.equal(
        only('main.tsx', noClerk, 'plain-convex-provider', {
          project: clerkApp,
          identityFunctions: [
            {
              path: 'convex/notes.ts',
              exportName: 'list',
              kind: 'query',
              start: 0,
              end: 0,
              position: { line: 3, character: 0, endLine: 3, endCharacter: 0 },
              without: 'throws',
            },
          ],
        }).length,
        1,
        'a Convex function reads the identity',
      );
      assert.deepEqual(
        only('main.tsx', noClerk, 'plain-convex-provider', {
          project: configured,
          convexWithClerkFiles: ['src/app/providers.tsx'],
        }),
        [],
        'another file provides ConvexProviderWithClerk: this plain one serves a public area',
      );
    });
  });

  describe('provider-props', () => {
    it('flags a missing useAuth and adds it with the import from the ClerkProvider SDK', () => {
      const text = `import { ClerkProvider } from "@clerk/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient("u");
export const App = () => <ClerkProvider><ConvexProviderWithClerk client={convex}>x</ConvexProviderWithClerk></ClerkProvider>;
`;
      const [f] = only('main.tsx', text, 'provider-props');
      assert.equal(f?.severity, 'error');
      assert.match(f?.message ?? '', /`useAuth` is missing/);
      assert.equal(f?.fixes[0]?.mechanical, true);
      const [fixed] = assertFixesResolve('main.tsx', text, 'provider-props');
      assert.match(fixed ?? '', /import \{ ClerkProvider, useAuth \} from "@clerk\/react"/);
    });
    it('flags a missing client and creates one at module scope', () => {
      const text = `"use client";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";
export default function P({ children }) {
  return <ConvexProviderWithClerk useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
      const [fixed] = assertFixesResolve('P.tsx', text, 'provider-props');
      assert.match(
        fixed ?? '',
        /const convex = new ConvexReactClient\(process\.env\.NEXT_PUBLIC_CONVEX_URL!\);\n\nexport default function P/,
      );
      assert.deepEqual(codes('P.tsx', fixed ?? ''), []);
    });
    it('near miss: props passed through a spread are not guessed at', () => {
      assert.deepEqual(
        codes(
          'P.tsx',
          'import { ConvexProviderWithClerk } from "convex/react-clerk";\nexport const P = (p) => <ConvexProviderWithClerk {...p} />;\n',
        ),
        [],
      );
    });
  });

  describe('use-auth-source and use-auth-called', () => {
    it('flags useAuth from another Clerk SDK than ClerkProvider, and the fix imports it from the same SDK', () => {
      const text = `import { ClerkProvider } from "@clerk/react";
import { useAuth } from "@clerk/clerk-react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export const App = () => <ClerkProvider><ConvexProviderWithClerk client={c} useAuth={useAuth}>x</ConvexProviderWithClerk></ClerkProvider>;
`;
      const [f] = only('main.tsx', text, 'use-auth-source');
      assert.match(f?.message ?? '', /same Clerk SDK/);
      const [fixed] = assertFixesResolve('main.tsx', text, 'use-auth-source');
      assert.match(fixed ?? '', /import \{ useAuth \} from "@clerk\/react"/);
    });
    it('flags useAuth from a package that is not Clerk', () => {
      const text = `import { ClerkProvider } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth, useQuery } from "convex/react";
export const App = () => <ClerkProvider><ConvexProviderWithClerk client={c} useAuth={useAuth}>x</ConvexProviderWithClerk></ClerkProvider>;
`;
      assert.match(only('a.tsx', text, 'use-auth-source')[0]?.message ?? '', /not Clerk/);
      const [fixed] = assertFixesResolve('a.tsx', text, 'use-auth-source');
      assert.match(fixed ?? '', /import \{ useQuery \} from "convex\/react"/);
      assert.match(fixed ?? '', /import \{ ClerkProvider, useAuth \} from "@clerk\/nextjs"/);
    });
    it('flags useAuth={useAuth()} and the fix passes the hook', () => {
      const text = `import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export const App = () => <ClerkProvider><ConvexProviderWithClerk client={c} useAuth={useAuth()}>x</ConvexProviderWithClerk></ClerkProvider>;
`;
      const [fixed] = assertFixesResolve('a.tsx', text, 'use-auth-called');
      assert.match(fixed ?? '', /useAuth=\{useAuth\}/);
    });
    it('near misses: same SDK, and a local wrapper hook', () => {
      const same = `"use client";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
export const App = () => <ClerkProvider><ConvexProviderWithClerk client={c} useAuth={useAuth}>x</ConvexProviderWithClerk></ClerkProvider>;
`;
      assert.deepEqual(codes('a.tsx', same), []);
      const local = same.replace(
        'import { ClerkProvider, useAuth } from "@clerk/nextjs";',
        'import { ClerkProvider } from "@clerk/nextjs";\nimport { useAuth } from "./auth";',
      );
      assert.deepEqual(codes('a.tsx', local), []);
    });
  });
});
