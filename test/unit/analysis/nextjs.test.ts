import assert from 'node:assert/strict';
import { assertFixesResolve, codes, only, project } from './helpers';

const providerFile = `import { ReactNode } from "react";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;

describe('analysis: Next.js rules', () => {
  describe('use-client', () => {
    it('flags a Next.js provider file without "use client"; the fix adds it first', () => {
      const [f] = only('components/ConvexClientProvider.tsx', providerFile, 'use-client');
      assert.equal(f?.severity, 'error');
      assert.equal(f?.fixes[0]?.mechanical, true);
      const [fixed] = assertFixesResolve('components/ConvexClientProvider.tsx', providerFile, 'use-client');
      assert.ok(fixed?.startsWith('"use client";\n\n'));
    });
    it('flags a client made in a Next.js file that renders ConvexProvider or calls a hook (framework from the project)', () => {
      const next = { project: project({ packages: { framework: 'next', clerkSdks: [] } }) };
      const head =
        'import { ConvexProvider, ConvexReactClient, useQuery } from "convex/react";\nconst convex = new ConvexReactClient("u");\n';
      const provider = `${head}export default ({ children }) => <ConvexProvider client={convex}>{children}</ConvexProvider>;\n`;
      const [f] = only('components/P.tsx', provider, 'use-client', next);
      assert.match(
        f?.message ?? '',
        /^This file creates a ConvexReactClient and renders ConvexProvider but has no "use client"/,
      );
      const hook = `${head}export function useTasks() { return useQuery(api.tasks.list); }\n`;
      assert.match(only('lib/tasks.ts', hook, 'use-client', next)[0]?.message ?? '', /and calls useQuery\(\)/);
    });
    it('a module that only makes and exports a client is not flagged: it renders nothing and reads no context (seventh check F1)', () => {
      const next = { project: project({ packages: { framework: 'next', clerkSdks: [] } }) };
      const text =
        'import { ConvexReactClient } from "convex/react";\nexport const convex = new ConvexReactClient("u");\n';
      assert.deepEqual(codes('lib/convex.ts', text, next), []);
      const ts =
        'import { ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL || "https://x.convex.cloud");\nexport { convex };\n';
      assert.deepEqual(codes('src/lib/convex.ts', ts, next), []);
    });
    it('is not mechanical in a layout that exports metadata (it must stay a Server Component)', () => {
      const layout = `import type { Metadata } from "next";\n${providerFile}\nexport const metadata: Metadata = { title: "x" };\n`;
      assert.equal(only('app/layout.tsx', layout, 'use-client')[0]?.fixes[0]?.mechanical, false);
    });
    it("near miss: an Expo file (Clerk's Expo SDK) in a workspace read as Next.js (a Next + Expo monorepo: tenth fresh check D11)", () => {
      const next = { project: project({ packages: { framework: 'next', clerkSdks: [] } }) };
      const expo = providerFile
        .replace('@clerk/nextjs', '@clerk/expo')
        .replace('process.env.NEXT_PUBLIC_CONVEX_URL!', 'process.env.EXPO_PUBLIC_CONVEX_URL!');
      assert.deepEqual(only('apps/native/ConvexClientProvider.tsx', expo, 'use-client', next), []);
      assert.equal(only('apps/web/ConvexClientProvider.tsx', providerFile, 'use-client', next).length, 1);
    });

    it('near misses: the directive present; a Vite app; a file that only imports the provider', () => {
      assert.deepEqual(codes('P.tsx', `"use client";\n${providerFile}`), []);
      const vite = providerFile
        .replace('@clerk/nextjs', '@clerk/clerk-react')
        .replace('process.env.NEXT_PUBLIC_CONVEX_URL!', 'import.meta.env.VITE_CONVEX_URL');
      assert.deepEqual(codes('src/main.tsx', vite), []);
      assert.deepEqual(
        codes('src/main.tsx', providerFile, { project: project({ packages: { framework: 'vite', clerkSdks: [] } }) }),
        [],
      );
      assert.deepEqual(
        codes(
          'app/layout.tsx',
          'import { ClerkProvider } from "@clerk/nextjs";\nimport P from "@/components/P";\nexport default ({ children }) => <ClerkProvider><P>{children}</P></ClerkProvider>;\n',
        ),
        [],
      );
    });
  });

  describe('client-in-component', () => {
    const inBody = `"use client";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";

export default function Providers({ children }) {
  const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
    it('warns and hoists the client to module scope', () => {
      const [f] = only('P.tsx', inBody, 'client-in-component');
      assert.equal(f?.severity, 'warning');
      assert.equal(f?.fixes[0]?.mechanical, true);
      const [fixed] = assertFixesResolve('P.tsx', inBody, 'client-in-component');
      assert.match(
        fixed ?? '',
        /const convex = new ConvexReactClient\(process\.env\.NEXT_PUBLIC_CONVEX_URL!\);\n\nexport default function Providers\(\{ children \}\) \{\n  return/,
      );
      assert.deepEqual(codes('P.tsx', fixed ?? ''), []);
    });
    it("offers no hoist when the client depends on the component's own values", () => {
      const local = inBody.replace('process.env.NEXT_PUBLIC_CONVEX_URL!', 'props.url');
      const [f] = only('P.tsx', local, 'client-in-component');
      assert.ok(f);
      assert.equal(f.fixes.length, 0);
    });
    it('near misses: module scope, useMemo/useState initialisers, a plain factory function', () => {
      assert.deepEqual(
        codes(
          'P.tsx',
          inBody
            .replace('  const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n', '')
            .replace('export default', 'const convex = new ConvexReactClient("u");\nexport default'),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'P.tsx',
          inBody.replace(
            'new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)',
            'useMemo(() => new ConvexReactClient(url), [url])',
          ),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'P.tsx',
          inBody.replace(
            'new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)',
            'useState(() => new ConvexReactClient(url))[0]',
          ),
        ),
        [],
      );
      assert.deepEqual(
        codes(
          'c.ts',
          '"use client";\nimport { ConvexReactClient } from "convex/react";\nfunction makeClient(url: string) { return new ConvexReactClient(url); }\nexport const c = makeClient("u");\n',
        ),
        [],
      );
    });
  });
});
