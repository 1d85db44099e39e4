import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { componentContext } from '../../../src/analysis/componentContext';
import type { AnalysisContext } from '../../../src/analysis/types';
import { isAuthConfigFile, shouldAnalyse } from '../../../src/analysis/prefilter';
import { isAuthConfigPath } from '../../../src/project/snapshot';
import { assertFixesResolve, codes, only, project } from './helpers';

// One describe per class of wrong verdict that issue 23 found on real public files. Each test here failed on the
// analyzer before the change (checked against the base commit, see the branch's report).

describe('real-code classes: one auth.config reader', () => {
  const forms: [string, string, string][] = [
    [
      '`const config = {…}; export { config as default }`',
      'convex/auth.config.ts',
      'const config = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\nexport { config as default };\n',
    ],
    [
      '`exports.default = {…}`',
      'convex/auth.config.js',
      'exports.default = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n',
    ],
    [
      '`module.exports.default = {…}`',
      'convex/auth.config.js',
      'module.exports.default = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n',
    ],
  ];
  for (const [form, file, text] of forms) {
    it(`the rules and the project read ${form} alike: one provider, no finding`, () => {
      assert.equal(readAuthConfig(text, file, `file:///w/${file}`).providers.length, 1);
      assert.deepEqual(codes(file, text), []);
    });
  }

  it("one file-name rule, Convex's: only auth.config.ts and .js are configs; .mts, .cjs, … are reported unread", () => {
    // convex 1.51 src/bundler/index.ts L333-344: the CLI bundles auth.config.ts, else auth.config.js, nothing else.
    const list =
      'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n';
    const context = {
      project: project({ convexLayout: { projectRoot: '', functionsDir: 'convex', source: 'default' } }),
    };
    for (const [file, target] of [
      ['convex/auth.config.mts', 'convex/auth.config.ts'],
      ['convex/auth.config.cts', 'convex/auth.config.ts'],
      ['convex/auth.config.mjs', 'convex/auth.config.js'],
      ['convex/auth.config.cjs', 'convex/auth.config.js'],
    ] as const) {
      assert.equal(isAuthConfigFile(file), false, file);
      assert.equal(isAuthConfigPath(file), false, file);
      assert.equal(shouldAnalyse(file, 'export default {};\n'), true, `${file} is still analysed`);
      const [f, ...rest] = analyse(file, list, context).findings;
      assert.equal(rest.length, 0, file);
      assert.equal(f?.code, 'clerk-convex/auth-config-location', file);
      assert.match(f.message, new RegExp(`Move it to ${target.replace(/\./g, '\\.')}\\.$`), file);
      assert.equal(f.fixes[0]?.rename?.path, target, file);
    }
    for (const file of ['convex/auth.config.ts', 'convex/auth.config.js']) {
      assert.equal(isAuthConfigFile(file), true, file);
      assert.equal(isAuthConfigPath(file), true, file);
    }
  });

  it('env.X from ./_generated/server (Convex ESLint plugin 5) gets the checks process.env.X gets', () => {
    const withEnv = (domain: string): string =>
      `import { env } from "./_generated/server";\nexport default { providers: [{ domain: ${domain}, applicationID: "convex" }] };\n`;
    const context = { project: project() };
    const [info] = only('convex/auth.config.ts', withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), 'auth-config-env', context);
    assert.match(info?.message ?? '', /CLERK_JWT_ISSUER_DOMAIN is set in no local env file/);
    const [hidden] = only(
      'convex/auth.config.ts',
      withEnv('env.CLERK_FRONTEND_API_URL ?? "https://REPLACE_ME.clerk.accounts.dev"'),
      'auth-config-env-hidden',
    );
    assert.match(hidden?.message ?? '', /CLERK_FRONTEND_API_URL is not set on the deployment/);
    assert.match(hidden?.fixes[0]?.edits[0]?.newText ?? '', /^env\.CLERK_FRONTEND_API_URL!?$/);
    const read = readAuthConfig(withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), 'convex/auth.config.ts', 'u');
    assert.deepEqual(read.providers[0]?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.deepEqual(
      codes('convex/auth.config.ts', withEnv('env.CLERK_JWT_ISSUER_DOMAIN'), {
        project: project({ env: [{ name: 'CLERK_JWT_ISSUER_DOMAIN', value: 'x', file: '.env.local' }] }),
      }),
      [],
    );
  });

  it('near miss: an `env` that is not the generated one is not an env var', () => {
    const text =
      'import { env } from "./settings";\nexport default { providers: [{ domain: env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };\n';
    assert.deepEqual(readAuthConfig(text, 'convex/auth.config.ts', 'u').providers[0]?.domain, {
      kind: 'expression',
      text: 'env.CLERK_JWT_ISSUER_DOMAIN',
    });
  });

  it("an auth.config outside the Convex folder that is NextAuth's is not Convex's: not checked (as the snapshot does)", () => {
    const nextAuth = `import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
export default { providers: [GitHub] } satisfies NextAuthConfig;
`;
    assert.deepEqual(codes('src/auth.config.ts', nextAuth), []);
    assert.equal(isAuthConfigPath('src/auth.config.ts'), true, 'the same file-name rule');
    const convexLike = 'export default { providers: [{ domain: "https://{issuer}", applicationID: "convex" }] };\n';
    assert.deepEqual(codes('src/auth.config.ts', convexLike), [
      'clerk-convex/auth-config-location',
      'clerk-convex/auth-config-domain',
    ]);
    const empty = 'export default { providers: [] };\n';
    assert.deepEqual(codes('src/auth.config.ts', empty), []);
    assert.deepEqual(codes('convex/auth.config.ts', empty), ['clerk-convex/auth-config-no-providers'], 'Convex folder');
  });

  it('real configs: built-in CONVEX_SITE_URL needs no env file; a real fallback is deliberate; a placeholder is not', () => {
    const context = { project: project() };
    const site = 'export default { providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', site, context), []);
    const deliberate =
      'export default { providers: [{ domain: process.env.CLERK_ISSUER_ID || "https://included-hedgehog-61.clerk.accounts.dev", applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', deliberate), []);
    const placeholder =
      'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN ?? "https://REPLACE_ME.clerk.accounts.dev", applicationID: "convex" }] };\n';
    assert.deepEqual(codes('convex/auth.config.ts', placeholder), ['clerk-convex/auth-config-env-hidden']);
    const template = "export default { providers: [{ domain: 'https://{issuer}', applicationID: 'convex' }] };\n";
    const [f] = only('convex/auth.config.ts', template, 'auth-config-domain');
    assert.match(f?.message ?? '', /placeholder/);
    assert.equal(analyse('convex/auth.config.ts', template).findings.length, 1);
  });
});

describe('real-code classes: files too deep to analyse', () => {
  const cases: [string, string][] = [
    ['`{` 5,000 deep', `import { useQuery } from "convex/react";\n${'{'.repeat(5000)}${'}'.repeat(5000)}\n`],
    [
      'object literals 2,500 deep',
      `import { useQuery } from "convex/react";\nexport const x = ${'{a:'.repeat(2500)}1${'}'.repeat(2500)};\n`,
    ],
  ];
  for (const [name, text] of cases) {
    it(`${name}: one information diagnostic that says so, on the first line`, () => {
      const { findings } = analyse('app/page.tsx', text);
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f?.code, 'clerk-convex/too-deep');
      assert.equal(f?.severity, 'information');
      assert.match(f?.message ?? '', /too deeply/);
      assert.equal(f?.start, 0);
      assert.ok((f?.end ?? 0) <= text.indexOf('\n'));
    });
  }
  it('near miss: ordinary nesting is analysed as usual (no too-deep diagnostic)', () => {
    const text = `import { useQuery } from "convex/react";\nexport const x = ${'{a:'.repeat(50)}1${'}'.repeat(50)};\n`;
    assert.deepEqual(codes('app/page.tsx', text), []);
  });
});

/** Analyses files the way the workspace index does: each for its facts, then again with the others' exports. */
function indexed(files: Record<string, string>, context: AnalysisContext = {}): Map<string, string[]> {
  const first = Object.entries(files).map(([path, text]) => ({ path, facts: analyse(path, text, context).facts }));
  let ctx: AnalysisContext = { ...context, ...componentContext(first) };
  const second = Object.entries(files).map(([path, text]) => ({ path, facts: analyse(path, text, ctx).facts }));
  ctx = { ...context, ...componentContext(second) };
  return new Map(Object.entries(files).map(([path, text]) => [path, codes(path, text, ctx)]));
}

describe('real-code classes: clerk-gate follows the data, not co-occurrence', () => {
  it('a query gated on isSignedIn && useConvexAuth().isAuthenticated is Convex deciding: no finding', () => {
    const text = `import { useAuth } from "@clerk/nextjs";
import { useConvexAuth, useQuery } from "convex/react";
export function Feed() {
  const { isSignedIn, isLoaded } = useAuth();
  const { isAuthenticated } = useConvexAuth();
  const feed = useQuery(api.feed.list, isLoaded && isSignedIn && isAuthenticated ? {} : "skip");
  return <ul>{feed?.map((p) => <li key={p._id}>{p.title}</li>)}</ul>;
}
`;
    assert.deepEqual(codes('feed.tsx', text), []);
  });

  it('<Show when="signed-in"> around links and buttons in a file with a Convex query: no finding (the tutorial sidebar)', () => {
    const text = `import { Show, UserButton } from "@clerk/nextjs";
import { useQuery } from "convex/react";
export function Sidebar() {
  const documents = useQuery(api.documents.getSidebar);
  return (
    <aside>
      {documents?.map((d) => <a key={d._id} href={"/documents/" + d._id}>{d.title}</a>)}
      <Show when="signed-in"><a href="/settings">Settings</a><UserButton /></Show>
    </aside>
  );
}
`;
    assert.deepEqual(codes('sidebar.tsx', text), []);
  });

  it('a skip on Clerk state is reported on the hook, with the skip test as the related place', () => {
    const text = `import { useAuth } from "@clerk/nextjs";
import { useQuery } from "convex/react";
export function Orgs() {
  const { isSignedIn } = useAuth();
  const orgs = useQuery(api.orgs.listMine, isSignedIn ? {} : "skip");
  return <p>{orgs?.length}</p>;
}
`;
    const [f] = only('orgs.tsx', text, 'clerk-gate');
    assert.equal(text.slice(f?.start, f?.end), 'useAuth()');
    assert.match(f?.message ?? '', /decides when useQuery\(api\.orgs\.listMine\) runs/);
    assert.equal(text.slice(f?.related?.[0]?.start, f?.related?.[0]?.end), 'isSignedIn');
  });

  it('<SignedIn> around a component of another file that queries Convex on mount is reported (through the index)', () => {
    const found = indexed({
      'app/page.tsx': `import { SignedIn } from "@clerk/nextjs";
import Dashboard from "./dashboard";
export default function Page() {
  return <main><SignedIn><Dashboard /></SignedIn></main>;
}
`,
      'app/dashboard.tsx': `"use client";
import { useQuery } from "convex/react";
export default function Dashboard() {
  const rows = useQuery(api.rows.mine);
  return <ul>{rows?.map((r) => <li key={r._id}>{r.name}</li>)}</ul>;
}
`,
    });
    assert.deepEqual(found.get('app/page.tsx'), ['clerk-convex/clerk-gate']);
    assert.deepEqual(found.get('app/dashboard.tsx'), []);
  });

  it('near miss: the same component behind a form whose mutation runs when the user submits', () => {
    const found = indexed({
      'app/page.tsx': `import { SignedIn } from "@clerk/nextjs";
import NewRow from "./new-row";
export default function Page() {
  return <main><SignedIn><NewRow /></SignedIn></main>;
}
`,
      'app/new-row.tsx': `"use client";
import { useMutation } from "convex/react";
export default function NewRow() {
  const add = useMutation(api.rows.add);
  return <form onSubmit={(e) => { e.preventDefault(); void add({ name: "x" }); }}><button>Add</button></form>;
}
`,
    });
    assert.deepEqual(found.get('app/page.tsx'), []);
  });
});

describe('real-code classes: missed forms', () => {
  it('member access: `const auth = useAuth(); … auth.isSignedIn ? {} : "skip"`', () => {
    const text = `import { useAuth } from "@clerk/nextjs";
import { usePaginatedQuery } from "convex/react";
export default function Pods() {
  const auth = useAuth();
  const pods = usePaginatedQuery(api.user.pods, auth.isSignedIn ? {} : "skip", { initialNumItems: 12 });
  return <p>{pods.results.length}</p>;
}
`;
    const [f] = only('pods.tsx', text, 'clerk-gate');
    assert.equal(text.slice(f?.start, f?.end), 'useAuth()');
  });

  it("a wrapper hook of the project returning Clerk's state (useClerkAuth() from another file), through the index", () => {
    const found = indexed({
      'hooks/use-clerk-auth.ts': `import { useAuth } from "@clerk/clerk-react";
export function useClerkAuth() {
  const { isSignedIn, isLoaded } = useAuth();
  return { isAuthenticated: !!isSignedIn, isLoading: !isLoaded };
}
`,
      'src/feed.tsx': `import { useClerkAuth } from "../hooks/use-clerk-auth";
import { useQuery } from "convex/react";
export function Feed() {
  const { isAuthenticated } = useClerkAuth();
  const feed = useQuery(api.feed.list, isAuthenticated ? {} : "skip");
  return <p>{feed?.length}</p>;
}
`,
    });
    assert.deepEqual(found.get('src/feed.tsx'), ['clerk-convex/clerk-gate']);
    assert.deepEqual(found.get('hooks/use-clerk-auth.ts'), []);
  });

  it('a wrapper hook in the same file', () => {
    const text = `import { useUser } from "@clerk/nextjs";
import { useQuery } from "convex/react";
function useSignedIn() {
  return useUser();
}
export function Me() {
  const { isSignedIn } = useSignedIn();
  const me = useQuery(api.users.me, isSignedIn ? {} : "skip");
  return <p>{me?.name}</p>;
}
`;
    assert.deepEqual(codes('me.tsx', text), ['clerk-convex/clerk-gate']);
  });

  it('a plain ConvexProvider of another file rendered in a Clerk app is reported where it is rendered', () => {
    // The project's auth.config names Clerk: Convex is meant to see the user.
    const clerkConfigured: AnalysisContext = {
      project: project({
        packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] },
        authConfigs: [
          readAuthConfig(
            'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }] };',
            'convex/auth.config.ts',
            'file:///p/convex/auth.config.ts',
          ),
        ],
      }),
    };
    const found = indexed(
      {
        'components/ConvexClientProvider.tsx': `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`,
        'app/layout.tsx': `import { ClerkProvider } from "@clerk/nextjs";
import { ConvexClientProvider } from "@/components/ConvexClientProvider";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><html><body><ConvexClientProvider>{children}</ConvexClientProvider></body></html></ClerkProvider>;
}
`,
      },
      clerkConfigured,
    );
    assert.deepEqual(found.get('app/layout.tsx'), ['clerk-convex/plain-convex-provider']);
  });

  it('auth() from @clerk/nextjs/server not awaited, judged by the declared @clerk/nextjs version', () => {
    const text = `import { auth } from "@clerk/nextjs/server";
export async function getAuthToken() {
  return (await auth().getToken({ template: "convex" })) ?? undefined;
}
`;
    const on = (range: string) => ({
      project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'], clerkNextjsRange: range } }),
    });
    const [f] = only('app/auth.ts', text, 'server-auth-await', on('^6.3.2'));
    assert.equal(text.slice(f?.start, f?.end), 'auth()');
    assert.match(f?.message ?? '', /@clerk\/nextjs is 6/);
    assert.deepEqual(codes('app/auth.ts', text, on('^5.7.1')), [], 'Clerk 5: auth() is synchronous');
    assert.deepEqual(codes('app/auth.ts', text), [], 'no version known and nothing else says: no verdict');
    const installed = {
      project: project({
        packages: {
          framework: 'next',
          clerkSdks: ['@clerk/nextjs'],
          clerkNextjsRange: '^5.0.0',
          clerkNextjsInstalled: '6.9.0',
        },
      }),
    };
    assert.deepEqual(
      codes('app/auth.ts', text, installed),
      ['clerk-convex/server-auth-await'],
      'the installed version decides',
    );
  });
});

describe('real-code classes: expo-publishable-key', () => {
  const layout = (sdk: string): string => `import { ClerkProvider } from "${sdk}";
import { tokenCache } from "${sdk}/token-cache";
import { Slot } from "expo-router";
export default function RootLayout() {
  return <ClerkProvider tokenCache={tokenCache}><Slot /></ClerkProvider>;
}
`;
  it('@clerk/clerk-expo reads the key from the environment itself: no finding', () => {
    assert.deepEqual(codes('app/_layout.tsx', layout('@clerk/clerk-expo')), []);
  });
  it('@clerk/expo (Core 3) requires the prop: reported', () => {
    assert.deepEqual(codes('app/_layout.tsx', layout('@clerk/expo')), ['clerk-convex/expo-publishable-key']);
  });
});

describe('real-code classes: identity taken from the arguments (new rule)', () => {
  const users = `import { v } from "convex/values";
import { mutation, query } from "./_generated/server";

export const getUserById = query({
  args: { userId: v.string() },
  handler: async (ctx, { userId }) => {
    return await ctx.db.query("users").withIndex("by_user_id", (q) => q.eq("userId", userId)).first();
  },
});
`;
  it('a public query reading rows for a userId argument is reported on the argument, with a fix to identity.subject', () => {
    const [f] = only('convex/users.ts', users, 'identity-from-args');
    assert.equal(users.slice(f?.start, f?.end), 'userId: v.string()');
    assert.equal(f?.lessonStep, 'identity');
    assert.match(f?.message ?? '', /any client can name any user, and this query reads rows by it/);
    assert.match(f?.message ?? '', /Lesson 7/);
    const [fixed] = assertFixesResolve('convex/users.ts', users, 'identity-from-args');
    assert.match(
      fixed ?? '',
      /args: \{\},\n {2}handler: async \(ctx, \{\}\) => \{\n {4}const identity = await ctx\.auth\.getUserIdentity\(\);/,
    );
    assert.match(fixed ?? '', /q\.eq\("userId", identity\.subject\)/);
  });
  it('near misses: internal functions, an argument compared with the identity, an access check, the caller acting on another user', () => {
    assert.deepEqual(
      codes(
        'convex/users.ts',
        users.replace('mutation, query', 'mutation, internalQuery').replace('= query(', '= internalQuery('),
      ),
      [],
    );
    const bound = users.replace(
      'return await ctx.db',
      'const identity = await ctx.auth.getUserIdentity();\n    if (identity?.subject !== userId) throw new Error("Forbidden");\n    return await ctx.db',
    );
    assert.deepEqual(codes('convex/users.ts', bound), []);
    const checked = users.replace('return await ctx.db', 'await requireAdmin(ctx);\n    return await ctx.db');
    assert.deepEqual(codes('convex/users.ts', checked), []);
    const follow = `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const follow = mutation({
  args: { userId: v.id("users") },
  handler: async (ctx, { userId }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    await ctx.db.insert("follows", { follower: identity.subject, following: userId });
  },
});
`;
    assert.deepEqual(codes('convex/follows.ts', follow), []);
    const owner = `import { v } from "convex/values";
import { mutation } from "./_generated/server";
export const rename = mutation({
  args: { userId: v.id("users"), name: v.string() },
  handler: async (ctx, args) => {
    const user = await ctx.db.get(args.userId);
    const identity = await ctx.auth.getUserIdentity();
    if (!user || !identity || user.clerkId !== identity.subject) throw new Error("Forbidden");
    await ctx.db.patch(args.userId, { name: args.name });
  },
});
`;
    assert.deepEqual(codes('convex/users.ts', owner), [], 'the row the id names is checked against the caller');
  });
});
