// The ninth fresh check's missed query-before-auth sites (issue 23, M2): queries a page sends ungated that the
// analyzer did not see as sent, or whose function it did not see as needing a user. Lines of my own carrying each
// shape (the reductions with their sources are in corpus/ninthRenders.ts); each verdict written before the fix.
import assert from 'node:assert/strict';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { together } from './together';

/** The files analysed together, then each one joined with the index's functions, route gates and render sites. */
export function joined(files: Record<string, string>, base: AnalysisContext = {}): Map<string, FileAnalysis> {
  const results = together(files, base);
  const all = [...results];
  const functions = all.flatMap(([path, r]) => (r.facts.identityFunctions ?? []).map((f) => ({ ...f, path })));
  const gates = all.flatMap(([path, r]) => (r.facts.routeGate ? [{ ...r.facts.routeGate, path }] : []));
  const renders = all.flatMap(([path, r]) => (r.facts.renders ?? []).map((x) => ({ ...x, path })));
  return new Map(all.map(([path, r]) => [path, withIdentityFunctions(r, functions, [], gates, [], renders)]));
}

/** `file code "covered text"` for every finding of the files. */
export function found(files: Record<string, string>, base: AnalysisContext = {}): string[] {
  const out: string[] = [];
  for (const [path, r] of joined(files, base))
    for (const f of r.findings)
      out.push(`${path} ${f.code.replace('clerk-convex/', '')} ${JSON.stringify(files[path]?.slice(f.start, f.end))}`);
  return out;
}

const TODOS = `import { query } from "./_generated/server";
export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) throw new Error("Not authenticated");
    return await ctx.db.query("todos").collect();
  },
});
export const open = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("todos").collect(),
});
`;

const castPage = (ref: string): string => `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function TodosPage() {
  const todos = useQuery(${ref});
  return <ul>{todos?.map((t: any) => <li key={t._id}>{t.text}</li>)}</ul>;
}
`;

const USERS = (handler: string): string => `import { query, QueryCtx } from "./_generated/server";
export const current = query({
  args: {},
  handler: async (ctx) => {
    ${handler}
  },
});
export async function getCurrentUser(ctx: QueryCtx) {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await ctx.db.query("users").filter((q) => q.eq(q.field("email"), identity.email)).unique();
}
`;
const ADMIN = `"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
export default function AdminPage() {
  const user = useQuery(api.users.current);
  return <h1>{user?.fullName}</h1>;
}
`;

describe('analysis: the ninth fresh check missed query-before-auth sites (M2)', () => {
  describe('a function reference under a type cast (C30: `useQuery(api.todos.getTodos as any)`)', () => {
    it('`api.todos.list as any` names the same function: the page sends it ungated', () => {
      assert.deepEqual(found({ 'convex/todos.ts': TODOS, 'app/todos/page.tsx': castPage('api.todos.list as any') }), [
        'app/todos/page.tsx query-before-auth "useQuery(api.todos.list as any)"',
      ]);
    });

    it('a cast around a function that reads no identity: nothing said', () => {
      assert.deepEqual(
        found({ 'convex/todos.ts': TODOS, 'app/todos/page.tsx': castPage('api.todos.open as any') }),
        [],
      );
    });
  });

  describe('a handler that returns a helper’s answer (C43: `return await getCurrentUser(ctx)`)', () => {
    it('the helper returns null without an identity, so the function does: the ungated page is reported', () => {
      const files = { 'convex/users.ts': USERS('return await getCurrentUser(ctx);'), 'app/admin/page.tsx': ADMIN };
      assert.deepEqual(found(files), ['app/admin/page.tsx query-before-auth "useQuery(api.users.current)"']);
    });

    it('a handler that returns the helper’s answer only on a branch, or something else: nothing said', () => {
      for (const handler of [
        'if (Math.random() > 2) return await getCurrentUser(ctx);\n    return null;',
        'await getCurrentUser(ctx);\n    return [];',
      ]) {
        const files = { 'convex/users.ts': USERS(handler), 'app/admin/page.tsx': ADMIN };
        assert.deepEqual(found(files), [], handler);
      }
    });
  });
});

const WRAPPER = `"use client";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`;
const INLINE = `import { ClerkProvider } from "@clerk/nextjs";
import { ConvexProvider, ConvexReactClient } from "convex/react";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><ConvexProvider client={convex}>{children}</ConvexProvider></ClerkProvider>;
}
`;
const layout = (
  clerk: boolean,
): string => `${clerk ? 'import { ClerkProvider } from "@clerk/nextjs";\n' : ''}import { ConvexClientProvider } from "./ConvexClientProvider";
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return ${clerk ? '<ClerkProvider>' : '<main>'}<ConvexClientProvider>{children}</ConvexClientProvider>${clerk ? '</ClerkProvider>' : '</main>'};
}
`;
const WITH_CLERK = `"use client";
import { ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { useAuth } from "@clerk/nextjs";
const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);
export function SignedInConvex({ children }: { children: React.ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`;
const NO_AUTH_CONFIG: AnalysisContext = {
  project: {
    authConfigs: [],
    convexLayout: { functionsDir: 'convex', projectRoot: '' },
    env: [],
    packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] },
  } as unknown as AnalysisContext['project'],
};

describe('analysis: a plain ConvexProvider wrapper of another file under ClerkProvider (ninth fresh check M6)', () => {
  it('a project with no auth.config: the wrapper rendered under ClerkProvider is reported as the same plain provider written in the layout is', () => {
    // (Its layout also builds the client without "use client": another finding, left out here.)
    const inline = [...joined({ 'app/layout.tsx': INLINE }, NO_AUTH_CONFIG).values()]
      .flatMap((r) => r.findings)
      .filter((f) => f.code !== 'clerk-convex/use-client');
    assert.deepEqual(
      inline.map((f) => f.code),
      ['clerk-convex/plain-convex-provider'],
    );
    const files = { 'app/ConvexClientProvider.tsx': WRAPPER, 'app/layout.tsx': layout(true) };
    const cross = joined(files, NO_AUTH_CONFIG).get('app/layout.tsx')?.findings ?? [];
    assert.deepEqual(
      cross.map((f) => [f.code, files['app/layout.tsx'].slice(f.start, f.end)]),
      [['clerk-convex/plain-convex-provider', 'ConvexClientProvider']],
    );
    // Both say the second step the project still lacks.
    for (const f of [...inline, ...cross]) assert.match(f.message, /create convex\/auth\.config\.ts/);
  });

  it('a layout without ClerkProvider, or another file that provides Convex with Clerk’s token: nothing said', () => {
    assert.deepEqual(
      found({ 'app/ConvexClientProvider.tsx': WRAPPER, 'app/layout.tsx': layout(false) }, NO_AUTH_CONFIG),
      [],
    );
    const beside = {
      'app/ConvexClientProvider.tsx': WRAPPER,
      'app/layout.tsx': layout(true),
      'app/(app)/SignedInConvex.tsx': WITH_CLERK,
    };
    assert.deepEqual(found(beside, NO_AUTH_CONFIG), []);
  });
});

const TRIPS = `import { query } from "./_generated/server";
export const mine = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query("trips").collect();
  },
});
`;
const SCREEN = `import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
const TripsScreen = () => {
  const trips = useQuery(api.trips.mine);
  return <FlatList data={trips} />;
};
export default TripsScreen;
`;
const NAVIGATION = `import { createNativeStackNavigator } from "@react-navigation/native-stack";
import LoginScreen from "../screens/LoginScreen";
import TripsScreen from "../screens/TripsScreen";
const Stack = createNativeStackNavigator();
const Navigation = () => (
  <Stack.Navigator initialRouteName="Login">
    <Stack.Screen name="Login" component={LoginScreen} />
    <Stack.Screen name="Trips" component={TripsScreen} />
  </Stack.Navigator>
);
export default Navigation;
`;
const app = (inner: string): string => `import { Authenticated } from "convex/react";
import Navigation from "./navigation/Navigation";
export default function App() {
  return <Providers>${inner}</Providers>;
}
`;

describe('analysis: a React Navigation screen given as `component={Screen}` (ninth fresh check M2, C25 and C27)', () => {
  const files = (inner: string): Record<string, string> => ({
    'convex/trips.ts': TRIPS,
    'src/screens/TripsScreen.tsx': SCREEN,
    'src/screens/LoginScreen.tsx': 'export default function LoginScreen() { return null; }\n',
    'src/navigation/Navigation.tsx': NAVIGATION,
    'src/App.tsx': app(inner),
  });

  it('a navigator the app renders outside any Convex gate renders the screen: its query is reported', () => {
    assert.deepEqual(found(files('<Navigation />')), [
      'src/screens/TripsScreen.tsx query-before-auth "useQuery(api.trips.mine)"',
    ]);
  });

  it('the navigator rendered inside <Authenticated>: nothing said', () => {
    assert.deepEqual(found(files('<Authenticated><Navigation /></Authenticated>')), []);
  });
});
