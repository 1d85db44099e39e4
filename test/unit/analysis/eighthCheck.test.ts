import assert from 'node:assert/strict';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { codes, only, project } from './helpers';

// Issue 23's eighth fresh check, its false findings (F1–F5). Sources in corpus/SOURCES.md (brandoneggar/
// next-convex-clerk-playground, tcynic/resonant, korallis/elite-next-clerk-convex-starter); my own lines.

const NEXT = { project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] } }) };

const HAND_MADE = (name: string, body: string): string => `import { ReactNode, useEffect } from "react";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

const ${name} = ({ children, client }: { children: ReactNode; client: ConvexReactClient }) => {
  const { getToken } = useAuth();
${body}
  return <ConvexProvider client={client}>{children}</ConvexProvider>;
};

export default function Root({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider>
      <${name} client={convex}>{children}</${name}>
    </ClerkProvider>
  );
}
`;

const SETS_AUTH = `  useEffect(() => {
    client.setAuth(() => getToken({ template: "convex" }));
  }, [client, getToken]);`;

describe('analysis: the eighth fresh check (issue 23, false findings)', () => {
  describe('F1: a component of the file named ConvexProviderWithClerk is not convex/react-clerk’s', () => {
    it('gives the file’s own ConvexProviderWithClerk no provider-props (it takes no useAuth)', () => {
      const text = HAND_MADE('ConvexProviderWithClerk', SETS_AUTH);
      assert.deepEqual(only('src/Root.tsx', `"use client";\n${text}`, 'provider-props', NEXT), []);
    });
    it('near miss: convex/react-clerk’s ConvexProviderWithClerk without useAuth is still flagged', () => {
      const text = `"use client";
import { ClerkProvider } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient("u");
export default ({ children }) => <ClerkProvider><ConvexProviderWithClerk client={convex}>{children}</ConvexProviderWithClerk></ClerkProvider>;
`;
      assert.equal(only('src/Root.tsx', text, 'provider-props', NEXT).length, 1);
    });
    it('a plain ConvexProvider whose client the same component gives the token (client.setAuth) sends one', () => {
      const text = `"use client";\n${HAND_MADE('ClerkConvex', SETS_AUTH)}`;
      assert.deepEqual(only('src/Root.tsx', text, 'plain-convex-provider', NEXT), []);
    });
    it('near miss: setAuth on another client, or none, leaves the plain provider flagged', () => {
      const other = SETS_AUTH.replace('client.setAuth', 'otherClient.setAuth');
      assert.equal(
        only('src/Root.tsx', `"use client";\n${HAND_MADE('ClerkConvex', other)}`, 'plain-convex-provider', NEXT).length,
        1,
      );
      assert.equal(
        only('src/Root.tsx', `"use client";\n${HAND_MADE('ClerkConvex', '')}`, 'plain-convex-provider', NEXT).length,
        1,
      );
    });
  });

  describe('F2: use-client belongs to the App Router', () => {
    const provider = `import type { AppProps } from "next/app";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function App({ Component, pageProps }: AppProps) {
  return <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}><Component {...pageProps} /></ConvexProviderWithClerk></ClerkProvider>;
}
`;
    it('is not reported in pages/_app.tsx, nor in a file that imports the Pages Router’s next/router', () => {
      assert.deepEqual(only('pages/_app.tsx', provider, 'use-client', NEXT), []);
      assert.deepEqual(only('src/pages/_app.tsx', provider, 'use-client', NEXT), []);
      const component = provider
        .replace('import type { AppProps } from "next/app";', 'import { useRouter } from "next/router";')
        .replace(
          'export default function App({ Component, pageProps }: AppProps)',
          'export function Providers({ children })',
        )
        .replace('<Component {...pageProps} />', '{children}');
      assert.deepEqual(only('components/Providers.tsx', component, 'use-client', NEXT), []);
    });
    it('near miss: the same provider in an App Router file is still reported', () => {
      const app = provider
        .replace('import type { AppProps } from "next/app";\n', '')
        .replace(
          'export default function App({ Component, pageProps }: AppProps)',
          'export default function Providers({ children })',
        )
        .replace('<Component {...pageProps} />', '{children}');
      assert.equal(only('app/providers.tsx', app, 'use-client', NEXT).length, 1);
      assert.equal(only('components/Providers.tsx', app, 'use-client', NEXT).length, 1);
      assert.ok(codes('app/providers.tsx', `"use client";\n${app}`, NEXT).every((c) => !c.endsWith('use-client')));
    });
  });
  describe('F3: a providers list filled by push', () => {
    const pushed = `const providers = [];

if (process.env.CLERK_FRONTEND_API_URL) {
  providers.push({ domain: process.env.CLERK_FRONTEND_API_URL, applicationID: "convex" });
}

providers.push({ domain: "https://clerk.resonant-journal.app", applicationID: "convex" });

export default { providers };
`;
    it('is not called empty, and the project reads the pushed providers (one reader)', () => {
      assert.deepEqual(only('convex/auth.config.js', pushed, 'auth-config-no-providers'), []);
      const info = readAuthConfig(pushed, 'convex/auth.config.js', 'file:///w/convex/auth.config.js');
      assert.equal(info.problem, undefined);
      assert.deepEqual(
        info.providers.map((p) => p.domain),
        [
          { kind: 'env', name: 'CLERK_FRONTEND_API_URL' },
          { kind: 'literal', value: 'https://clerk.resonant-journal.app' },
        ],
      );
    });
    it('checks the pushed providers like written ones', () => {
      const misspelt = pushed.replace('applicationID: "convex" });\n\nexport', 'applicationId: "convex" });\n\nexport');
      assert.equal(only('convex/auth.config.js', misspelt, 'auth-config-misspelt-key').length, 1);
    });
    it('a change it cannot follow (a push in a loop, the list handed to a function) is unknown: no finding', () => {
      const loop = `const providers = [];\nfor (const domain of [process.env.A, process.env.B]) providers.push({ domain, applicationID: "convex" });\nexport default { providers };\n`;
      const handed = `import { addClerk } from "./clerk";\nconst providers = [];\naddClerk(providers);\nexport default { providers };\n`;
      for (const text of [loop, handed]) {
        assert.deepEqual(only('convex/auth.config.ts', text, 'auth-config-no-providers'), []);
        assert.match(readAuthConfig(text, 'convex/auth.config.ts', '').problem ?? '', /changed after it is made/);
      }
    });
    it('near miss: an empty list nothing fills is still reported', () => {
      const text = `const providers = [];\n// providers are added later\nexport default { providers };\n`;
      assert.equal(only('convex/auth.config.ts', text, 'auth-config-no-providers').length, 1);
    });
  });
  describe('F4: an effect on Clerk’s state that fires a function reading no identity', () => {
    const hook = `"use client";
import { useEffect } from "react";
import { useUser } from "@clerk/nextjs";
import { useMutation } from "convex/react";
import { api } from "../convex/_generated/api";

export function useSyncUser() {
  const { user, isLoaded } = useUser();
  const createUser = useMutation(api.users.createUser);
  useEffect(() => {
    if (!isLoaded || !user) return;
    const data = { clerkId: user.id, name: user.fullName ?? "" };
    void createUser(data);
  }, [isLoaded, user, createUser]);
}
`;
    const open = (kind: 'query' | 'mutation' | 'action') => ({
      ...NEXT,
      openFunctions: [{ exportName: 'createUser', kind, path: 'convex/users.ts' }],
    });
    it('is cleared when the index knows the mutation reads no identity', () => {
      assert.deepEqual(only('hooks/useSyncUser.ts', hook, 'clerk-gate', open('mutation')), []);
    });
    it('near miss: still reported while the function is not known to be open (unknown, or another kind)', () => {
      assert.equal(only('hooks/useSyncUser.ts', hook, 'clerk-gate', NEXT).length, 1);
      assert.equal(only('hooks/useSyncUser.ts', hook, 'clerk-gate', open('query')).length, 1);
    });
  });
  describe('F5: a function guarded by a shared secret argument', () => {
    const fn = (args: string, check: string): string => `import { v } from "convex/values";
import { mutation } from "./_generated/server";
import { assertAdminToken } from "./utils/adminAuth";

export const save = mutation({
  args: { ${args}, userId: v.string(), name: v.string() },
  handler: async (ctx, args) => {
${check}
    return await ctx.db.insert("drafts", { createdBy: args.userId, name: args.name });
  },
});
`;
    // The helper reads no identity (the index says so): before, that made its call no access check at all.
    const helperFree = { identityFreeHelpers: [{ path: 'convex/utils/adminAuth.ts', exportName: 'assertAdminToken' }] };
    it('is not reported when the handler hands the secret to a check named for it', () => {
      const text = fn('adminToken: v.string()', '    assertAdminToken(ctx, args.adminToken);');
      assert.deepEqual(only('convex/drafts.ts', text, 'identity-from-args', helperFree), []);
    });
    it('is not reported when the handler compares the secret with an environment variable and stops', () => {
      const text = fn(
        'secret: v.string()',
        '    if (!args.secret || args.secret !== process.env.CONVEX_ADMIN_TOKEN) throw new Error("Unauthorized");',
      );
      assert.deepEqual(only('convex/drafts.ts', text, 'identity-from-args'), []);
    });
    it('near misses: a secret compared with nothing secret, a check given no secret, a user token are still reported', () => {
      const literal = fn('secret: v.string()', '    if (args.secret !== args.name) throw new Error("no");');
      assert.equal(only('convex/drafts.ts', literal, 'identity-from-args').length, 1);
      const noSecret = fn('adminToken: v.string()', '    assertAdminToken(ctx, args.name);');
      assert.equal(only('convex/drafts.ts', noSecret, 'identity-from-args', helperFree).length, 1);
      const userToken = fn(
        'tokenIdentifier: v.string()',
        '    if (args.tokenIdentifier !== process.env.X) throw new Error("no");',
      );
      assert.equal(only('convex/drafts.ts', userToken, 'identity-from-args').length, 1);
    });
  });
});
