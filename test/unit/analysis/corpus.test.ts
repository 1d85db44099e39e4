import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import type { AnalysisContext } from '../../../src/analysis/types';
import { project } from './helpers';

// Code written the way public Clerk + Convex projects write it (templates, docs, starter kits, and the shapes
// people derive from them). Every correct pattern must give no finding at all; each wrong one exactly its rule.

type Case = [name: string, file: string, text: string, context?: AnalysisContext];

const next = { project: project({ packages: { framework: 'next', clerkSdks: ['@clerk/nextjs'] } }) };
const vite = { project: project({ packages: { framework: 'vite', clerkSdks: ['@clerk/react'] } }) };
const expo = { project: project({ packages: { framework: 'expo', clerkSdks: ['@clerk/expo'] } }) };
const tanstack = {
  project: project({ packages: { framework: 'tanstack-start', clerkSdks: ['@clerk/tanstack-react-start'] } }),
};

const providerFile = (imports: string, jsx: string, head = '"use client";\n\n'): string => `${head}${imports}

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return ${jsx};
}
`;

const correct: Case[] = [
  [
    'Next.js provider file from the Convex docs (useAuth from @clerk/nextjs)',
    'components/ConvexClientProvider.tsx',
    providerFile(
      'import { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { useAuth } from "@clerk/nextjs";',
      '<ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>',
    ),
    next,
  ],
  [
    'Next.js provider file with single-quoted imports and no semicolons',
    'app/ConvexClientProvider.tsx',
    "'use client'\nimport { ConvexReactClient } from 'convex/react'\nimport { ConvexProviderWithClerk } from 'convex/react-clerk'\nimport { useAuth } from '@clerk/nextjs'\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!)\nexport function ConvexClientProvider({ children }: { children: React.ReactNode }) {\n  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>\n}\n",
    next,
  ],
  [
    'Next.js provider file with the ClerkProvider inside it, ClerkProvider outside',
    'app/providers.tsx',
    providerFile(
      'import { ClerkProvider, useAuth } from "@clerk/nextjs";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";',
      '<ClerkProvider>\n    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>\n  </ClerkProvider>',
    ),
    next,
  ],
  [
    'aliased useAuth (useAuth as useClerkAuth) passed to the provider',
    'app/providers.tsx',
    providerFile(
      'import { ClerkProvider, useAuth as useClerkAuth } from "@clerk/nextjs";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";',
      '<ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useClerkAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>',
    ),
    next,
  ],
  [
    'namespace imports (import * as Clerk) with member tags <Clerk.ClerkProvider>',
    'app/providers.tsx',
    providerFile(
      'import * as Clerk from "@clerk/nextjs";\nimport * as ConvexClerk from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";',
      '<Clerk.ClerkProvider><ConvexClerk.ConvexProviderWithClerk client={convex} useAuth={Clerk.useAuth}>{children}</ConvexClerk.ConvexProviderWithClerk></Clerk.ClerkProvider>',
    ),
    next,
  ],
  [
    'lower-case namespace (import * as clerk) with <clerk.ClerkProvider>',
    'app/providers.tsx',
    providerFile(
      'import * as clerk from "@clerk/nextjs";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";',
      '<clerk.ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={clerk.useAuth}>{children}</ConvexProviderWithClerk></clerk.ClerkProvider>',
    ),
    next,
  ],
  [
    'ClerkProvider re-exported from a local module (@/lib/auth)',
    'app/providers.tsx',
    providerFile(
      'import { ClerkProvider, useAuth } from "@/lib/auth";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";',
      '<ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>',
    ),
    next,
  ],
  [
    'a client created with useMemo inside the component',
    'app/providers.tsx',
    '"use client";\nimport { useMemo } from "react";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { useAuth } from "@clerk/nextjs";\nexport function Providers({ children }) {\n  const convex = useMemo(() => new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!), []);\n  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;\n}\n',
    next,
  ],
  [
    "app/layout.tsx (a Server Component) with ClerkProvider around the project's provider",
    'app/layout.tsx',
    'import { ClerkProvider } from "@clerk/nextjs";\nimport ConvexClientProvider from "@/components/ConvexClientProvider";\nexport const metadata = { title: "App" };\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>\n        <ClerkProvider>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>\n      </body>\n    </html>\n  );\n}\n',
    { ...next, convexProviderComponents: [{ path: 'components/ConvexClientProvider.tsx', exportName: 'default' }] },
  ],
  [
    'app/layout.tsx with ClerkProvider around <html> and dynamic prop',
    'app/layout.tsx',
    'import { ClerkProvider } from "@clerk/nextjs";\nimport { ConvexClientProvider } from "./ConvexClientProvider";\nexport default function RootLayout({ children }) {\n  return <ClerkProvider dynamic><html lang="en"><body><ConvexClientProvider>{children}</ConvexClientProvider></body></html></ClerkProvider>;\n}\n',
    {
      ...next,
      convexProviderComponents: [{ path: 'app/ConvexClientProvider.tsx', exportName: 'ConvexClientProvider' }],
    },
  ],
  [
    'Next.js 16 proxy.ts with clerkMiddleware',
    'proxy.ts',
    'import { clerkMiddleware } from "@clerk/nextjs/server";\nexport default clerkMiddleware();\nexport const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js)).*)", "/(api|trpc)(.*)"] };\n',
    next,
  ],
  [
    'Next.js middleware.ts with createRouteMatcher',
    'middleware.ts',
    'import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";\nconst isProtected = createRouteMatcher(["/dashboard(.*)"]);\nexport default clerkMiddleware(async (auth, req) => { if (isProtected(req)) await auth.protect(); });\n',
    next,
  ],
  [
    'Vite main.tsx from the Convex docs with @clerk/react',
    'src/main.tsx',
    'import React from "react";\nimport ReactDOM from "react-dom/client";\nimport { ClerkProvider, useAuth } from "@clerk/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";\nimport App from "./App";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL as string);\nReactDOM.createRoot(document.getElementById("root")!).render(\n  <React.StrictMode>\n    <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>\n      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n        <App />\n      </ConvexProviderWithClerk>\n    </ClerkProvider>\n  </React.StrictMode>,\n);\n',
    vite,
  ],
  [
    'Vite main.jsx with the deprecated @clerk/clerk-react',
    'src/main.jsx',
    'import { ClerkProvider, useAuth } from "@clerk/clerk-react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\ncreateRoot(document.getElementById("root")).render(<ClerkProvider publishableKey={KEY}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><App /></ConvexProviderWithClerk></ClerkProvider>);\n',
  ],
  [
    "providers wrapped in the project's own component with a spread of props",
    'src/Providers.tsx',
    'import { ClerkProvider, useAuth } from "@clerk/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nexport function Providers({ children, ...convexProps }) {\n  return <ClerkProvider publishableKey={KEY}><ConvexProviderWithClerk {...convexProps} useAuth={useAuth}>{children}</ConvexProviderWithClerk></ClerkProvider>;\n}\n',
    vite,
  ],
  [
    'Expo root layout with @clerk/expo, publishableKey and tokenCache',
    'app/_layout.tsx',
    'import { ClerkProvider, useAuth } from "@clerk/expo";\nimport { tokenCache } from "@clerk/expo/token-cache";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { Slot } from "expo-router";\nconst convex = new ConvexReactClient(process.env.EXPO_PUBLIC_CONVEX_URL!, { unsavedChangesWarning: false });\nexport default function RootLayout() {\n  return <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><Slot /></ConvexProviderWithClerk></ClerkProvider>;\n}\n',
    expo,
  ],
  [
    'Expo with @clerk/clerk-expo and a key constant',
    'app/_layout.tsx',
    'import { ClerkProvider, ClerkLoaded, useAuth } from "@clerk/clerk-expo";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nconst publishableKey = process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!;\nexport default function Root() {\n  return <ClerkProvider publishableKey={publishableKey}><ClerkLoaded><ConvexProviderWithClerk client={convex} useAuth={useAuth}><Stack /></ConvexProviderWithClerk></ClerkLoaded></ClerkProvider>;\n}\n',
    expo,
  ],
  [
    'TanStack Start __root.tsx with @clerk/tanstack-react-start',
    'src/routes/__root.tsx',
    'import { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { createRootRouteWithContext, Outlet } from "@tanstack/react-router";\nexport const Route = createRootRouteWithContext()({ component: RootComponent });\nfunction RootComponent() {\n  const { convexClient } = Route.useRouteContext();\n  return <ClerkProvider><ConvexProviderWithClerk client={convexClient} useAuth={useAuth}><Outlet /></ConvexProviderWithClerk></ClerkProvider>;\n}\n',
  ],
  [
    'gating with useConvexAuth and an early return',
    'src/App.tsx',
    'import { useConvexAuth, useQuery } from "convex/react";\nexport default function App() {\n  const { isLoading, isAuthenticated } = useConvexAuth();\n  const tasks = useQuery(api.tasks.get, isAuthenticated ? {} : "skip");\n  if (isLoading) return <Spinner />;\n  return isAuthenticated ? <Tasks tasks={tasks} /> : <SignInButton />;\n}\n',
  ],
  [
    "<Authenticated>/<Unauthenticated>/<AuthLoading> with Clerk's buttons inside",
    'src/App.tsx',
    'import { Authenticated, Unauthenticated, AuthLoading, useQuery } from "convex/react";\nimport { SignInButton, UserButton } from "@clerk/react";\nexport default function App() {\n  return <main><AuthLoading>Loading…</AuthLoading><Unauthenticated><SignInButton /></Unauthenticated><Authenticated><UserButton /><Content /></Authenticated></main>;\n}\nfunction Content() {\n  const messages = useQuery(api.messages.getForCurrentUser);\n  return <div>{messages?.length}</div>;\n}\n',
  ],
  [
    "Clerk's guide: <ClerkLoading> paired with <AuthLoading>",
    'src/App.tsx',
    'import { ClerkLoading } from "@clerk/react";\nimport { AuthLoading, Authenticated } from "convex/react";\nexport const App = () => <><ClerkLoading><p>Clerk…</p></ClerkLoading><AuthLoading><p>Convex…</p></AuthLoading><Authenticated><Feed /></Authenticated></>;\n',
  ],
  [
    'Clerk <Show when="signed-in"> for a profile link with no Convex call',
    'components/Nav.tsx',
    'import { Show, UserButton } from "@clerk/nextjs";\nexport function Nav() {\n  return <nav><Show when="signed-in"><UserButton /></Show></nav>;\n}\n',
  ],
  [
    'useUser for the display name beside a query',
    'src/Header.tsx',
    'import { useUser } from "@clerk/react";\nimport { useQuery } from "convex/react";\nexport function Header() {\n  const { user } = useUser();\n  const count = useQuery(api.messages.count);\n  return <h1>{user?.firstName} ({count})</h1>;\n}\n',
  ],
  [
    'the users.store pattern gated on useConvexAuth in an effect',
    'src/useStoreUserEffect.ts',
    'import { useUser } from "@clerk/react";\nimport { useConvexAuth, useMutation } from "convex/react";\nimport { useEffect, useState } from "react";\nexport function useStoreUserEffect() {\n  const { isLoading, isAuthenticated } = useConvexAuth();\n  const { user } = useUser();\n  const [userId, setUserId] = useState(null);\n  const storeUser = useMutation(api.users.store);\n  useEffect(() => {\n    if (!isAuthenticated) return;\n    void storeUser().then(setUserId);\n  }, [isAuthenticated, storeUser, user?.id]);\n  return { isLoading: isLoading || (isAuthenticated && userId === null), isAuthenticated: isAuthenticated && userId !== null };\n}\n',
  ],
  [
    'a query handler that throws without an identity',
    'convex/messages.ts',
    'import { query } from "./_generated/server";\nexport const list = query({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (identity === null) {\n      throw new Error("Not authenticated");\n    }\n    return await ctx.db.query("messages").withIndex("by_user", (q) => q.eq("user", identity.tokenIdentifier)).collect();\n  },\n});\n',
  ],
  [
    'a mutation that returns early with if (!identity) return',
    'convex/users.ts',
    'import { mutation } from "./_generated/server";\nexport const store = mutation({\n  args: {},\n  handler: async (ctx) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) return null;\n    const user = await ctx.db.query("users").withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier)).unique();\n    if (user !== null) return user._id;\n    return await ctx.db.insert("users", { name: identity.name ?? "Anonymous", tokenIdentifier: identity.tokenIdentifier });\n  },\n});\n',
  ],
  [
    'identity read with optional chaining only',
    'convex/profile.ts',
    'import { query } from "./_generated/server";\nexport const me = query({ args: {}, handler: async (ctx) => {\n  const identity = await ctx.auth.getUserIdentity();\n  return { name: identity?.name, email: identity?.email };\n} });\n',
  ],
  [
    'identity checked in a ternary',
    'convex/profile.ts',
    'export const me = query({ args: {}, handler: async (ctx) => {\n  const identity = await ctx.auth.getUserIdentity();\n  return identity ? identity.subject : null;\n} });\n',
  ],
  [
    'a helper that takes ctx and throws (getCurrentUserOrThrow)',
    'convex/users.ts',
    'import { QueryCtx } from "./_generated/server";\nexport async function getCurrentUserOrThrow(ctx: QueryCtx) {\n  const identity = await ctx.auth.getUserIdentity();\n  if (identity === null) throw new Error("Can\'t get current user");\n  return await ctx.db.query("users").withIndex("byExternalId", (q) => q.eq("externalId", identity.subject)).unique();\n}\n',
  ],
  [
    'destructured { auth } in an action handler',
    'convex/actions.ts',
    'import { action } from "./_generated/server";\nexport const run = action({ args: {}, handler: async ({ auth }) => {\n  const identity = await auth.getUserIdentity();\n  if (!identity) throw new Error("Unauthenticated");\n  return identity.subject;\n} });\n',
  ],
  [
    'custom claims read after a guard',
    'convex/orgs.ts',
    'export const mine = query({ args: {}, handler: async (ctx) => {\n  const identity = await ctx.auth.getUserIdentity();\n  if (!identity) return [];\n  const orgId = identity.org_id as string | undefined;\n  return orgId ? ctx.db.query("orgs").filter((q) => q.eq(q.field("id"), orgId)).collect() : [];\n} });\n',
  ],
  [
    'auth.config.ts from the Convex docs',
    'convex/auth.config.ts',
    'import { AuthConfig } from "convex/server";\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: "convex",\n    },\n  ],\n} satisfies AuthConfig;\n',
  ],
  [
    "auth.config.ts from Clerk's guide (CLERK_FRONTEND_API_URL)",
    'convex/auth.config.ts',
    'export default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL,\n      applicationID: "convex",\n    },\n  ],\n};\n',
  ],
  [
    'auth.config.js with module.exports and a literal dev domain',
    'convex/auth.config.js',
    'module.exports = { providers: [{ domain: "https://exotic-crab-75.clerk.accounts.dev", applicationID: "convex" }] };\n',
  ],
  [
    'auth.config.ts with a named constant exported as default',
    'convex/auth.config.ts',
    'const authConfig = { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };\nexport default authConfig;\n',
  ],
  [
    'auth.config.ts with a customJwt provider',
    'convex/auth.config.ts',
    'export default { providers: [{ type: "customJwt", applicationID: "my-app", issuer: "https://auth.acme-notes.com", jwks: "https://auth.acme-notes.com/.well-known/jwks.json", algorithm: "RS256" }] };\n',
  ],
  [
    'auth.config.ts with a dev and a prod provider',
    'convex/auth.config.ts',
    'export default { providers: [\n  { domain: "https://exotic-crab-75.clerk.accounts.dev", applicationID: "convex" },\n  { domain: "https://clerk.acme-notes.com", applicationID: "convex" },\n] };\n',
  ],
  [
    'server-side preloadQuery with the Clerk token (Convex docs)',
    'app/tasks/page.tsx',
    'import { auth } from "@clerk/nextjs/server";\nimport { preloadQuery } from "convex/nextjs";\nexport default async function TasksPage() {\n  const token = (await (await auth()).getToken({ template: "convex" })) ?? undefined;\n  const preloaded = await preloadQuery(api.tasks.list, { list: "default" }, { token });\n  return <Tasks preloaded={preloaded} />;\n}\n',
    next,
  ],
  [
    'a server action calling fetchMutation with a token helper',
    'app/actions.ts',
    '"use server";\nimport { auth } from "@clerk/nextjs/server";\nimport { fetchMutation } from "convex/nextjs";\nasync function getAuthToken() { return (await (await auth()).getToken()) ?? undefined; }\nexport async function createTask(text: string) {\n  await fetchMutation(api.tasks.create, { text }, { token: await getAuthToken() });\n}\n',
    next,
  ],
  [
    'a public fetchQuery in a file without Clerk on the server',
    'app/page.tsx',
    'import { fetchQuery } from "convex/nextjs";\nexport default async function Home() {\n  const posts = await fetchQuery(api.posts.published, {});\n  return <Posts posts={posts} />;\n}\n',
    next,
  ],
  [
    'usePreloadedQuery in the client half',
    'app/tasks/Tasks.tsx',
    '"use client";\nimport { Preloaded, usePreloadedQuery } from "convex/react";\nexport function Tasks(props: { preloaded: Preloaded<typeof api.tasks.list> }) {\n  const tasks = usePreloadedQuery(props.preloaded);\n  return <ul>{tasks.map((t) => <li key={t._id}>{t.text}</li>)}</ul>;\n}\n',
  ],
  [
    'a plain ConvexProvider in an app without Clerk',
    'src/main.tsx',
    'import { ConvexProvider, ConvexReactClient } from "convex/react";\nconst convex = new ConvexReactClient(import.meta.env.VITE_CONVEX_URL);\nroot.render(<ConvexProvider client={convex}><App /></ConvexProvider>);\n',
  ],
  [
    'React context providers as member tags (<ThemeContext.Provider>) beside the sandwich',
    'src/main.tsx',
    'import { ClerkProvider, useAuth } from "@clerk/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nroot.render(<ThemeContext.Provider value="dark"><ClerkProvider publishableKey={KEY}><ConvexProviderWithClerk client={convex} useAuth={useAuth}><App /></ConvexProviderWithClerk></ClerkProvider></ThemeContext.Provider>);\n',
    vite,
  ],
  [
    "TanStack Start __root.tsx from Convex's guide: fetchClerkAuth server function, setAuth on serverHttpClient in beforeLoad",
    'src/routes/__root.tsx',
    'import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";\nimport { createServerFn } from "@tanstack/react-start";\nimport { ClerkProvider, useAuth } from "@clerk/tanstack-react-start";\nimport { auth } from "@clerk/tanstack-react-start/server";\nimport type { QueryClient } from "@tanstack/react-query";\nimport type { ConvexQueryClient } from "@convex-dev/react-query";\nimport type { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nconst fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {\n  const { userId, getToken } = await auth();\n  const token = await getToken({ template: "convex" });\n  return { userId, token };\n});\nexport const Route = createRootRouteWithContext<{ queryClient: QueryClient; convexClient: ConvexReactClient; convexQueryClient: ConvexQueryClient }>()({\n  beforeLoad: async (ctx) => {\n    const { userId, token } = await fetchClerkAuth();\n    if (token) {\n      ctx.context.convexQueryClient.serverHttpClient?.setAuth(token);\n    }\n    return { userId, token };\n  },\n  component: RootComponent,\n});\nfunction RootComponent() {\n  const context = Route.useRouteContext();\n  return <ClerkProvider><ConvexProviderWithClerk client={context.convexClient} useAuth={useAuth}><Outlet /></ConvexProviderWithClerk></ClerkProvider>;\n}\n',
    tanstack,
  ],
  [
    'TanStack Start __root.tsx with the token fetcher in ~/lib/server/auth and setAuth in beforeLoad',
    'src/routes/__root.tsx',
    'import { createRootRouteWithContext } from "@tanstack/react-router";\nimport { ClerkProvider } from "@clerk/tanstack-react-start";\nimport type { ConvexQueryClient } from "@convex-dev/react-query";\nimport { fetchClerkAuth } from "~/lib/server/auth";\nexport const Route = createRootRouteWithContext<{ convexQueryClient: ConvexQueryClient }>()({\n  beforeLoad: async ({ context }) => {\n    const { userId, token } = await fetchClerkAuth();\n    if (token) context.convexQueryClient.serverHttpClient?.setAuth(token);\n    return { userId, token };\n  },\n});\n',
    tanstack,
  ],
  [
    'TanStack Start server function: a ConvexHttpClient per request with setAuth(token) before the query',
    'src/server/messages.ts',
    'import { createServerFn } from "@tanstack/react-start";\nimport { auth } from "@clerk/tanstack-react-start/server";\nimport { ConvexHttpClient } from "convex/browser";\nexport const listMessages = createServerFn({ method: "GET" }).handler(async () => {\n  const { getToken } = await auth();\n  const token = await getToken();\n  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!);\n  if (token) convex.setAuth(token);\n  return convex.query(api.messages.list, {});\n});\n',
    tanstack,
  ],
  [
    'TanStack Start server function: ConvexHttpClient given the token through its auth option',
    'src/server/send.ts',
    'import { createServerFn } from "@tanstack/react-start";\nimport { auth } from "@clerk/tanstack-react-start/server";\nimport { ConvexHttpClient } from "convex/browser";\nexport const send = createServerFn({ method: "POST" }).handler(async () => {\n  const token = (await (await auth()).getToken()) ?? undefined;\n  const convex = new ConvexHttpClient(process.env.VITE_CONVEX_URL!, { auth: token });\n  await convex.mutation(api.messages.send, { body: "hi" });\n});\n',
    tanstack,
  ],
];

const wrong: [string, string, string, string, AnalysisContext?][] = [
  [
    'namespace import: <Clerk.ClerkProvider> inside the Convex provider',
    'app/providers.tsx',
    providerFile(
      'import * as Clerk from "@clerk/nextjs";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";\nimport { ConvexReactClient } from "convex/react";',
      '<ConvexProviderWithClerk client={convex} useAuth={Clerk.useAuth}><Clerk.ClerkProvider>{children}</Clerk.ClerkProvider></ConvexProviderWithClerk>',
    ),
    'provider-order',
    next,
  ],
  [
    'namespace import: <Clerk.SignedIn> above a query',
    'src/Feed.tsx',
    'import * as Clerk from "@clerk/react";\nimport { useQuery } from "convex/react";\nexport function Feed() { const m = useQuery(api.messages.list); return <Clerk.SignedIn><List m={m} /></Clerk.SignedIn>; }\n',
    'clerk-gate',
  ],
  [
    'ClerkProvider re-exported locally, rendered inside the Convex provider',
    'app/providers.tsx',
    providerFile(
      'import { ClerkProvider, useAuth } from "@/lib/auth";\nimport { ConvexReactClient } from "convex/react";\nimport { ConvexProviderWithClerk } from "convex/react-clerk";',
      '<ConvexProviderWithClerk client={convex} useAuth={useAuth}><ClerkProvider>{children}</ClerkProvider></ConvexProviderWithClerk>',
    ),
    'provider-order',
    next,
  ],
  [
    'TanStack Start __root.tsx: beforeLoad fetches the Clerk token and returns it, but never calls setAuth',
    'src/routes/__root.tsx',
    'import { createRootRouteWithContext } from "@tanstack/react-router";\nimport { createServerFn } from "@tanstack/react-start";\nimport { getAuth } from "@clerk/tanstack-react-start/server";\nimport { getWebRequest } from "@tanstack/react-start/server";\nimport type { ConvexQueryClient } from "@convex-dev/react-query";\nconst fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {\n  const auth = await getAuth(getWebRequest());\n  const token = await auth.getToken({ template: "convex" });\n  return { userId: auth.userId, token };\n});\nexport const Route = createRootRouteWithContext<{ convexQueryClient: ConvexQueryClient }>()({\n  beforeLoad: async () => {\n    const { userId, token } = await fetchClerkAuth();\n    return { userId, token };\n  },\n});\n',
    'server-set-auth',
    tanstack,
  ],
];

describe('analysis: a corpus of patterns from public projects', () => {
  it(`holds at least 40 correct patterns (${correct.length})`, () => assert.ok(correct.length >= 40));
  for (const [name, file, text, context] of correct) {
    it(`no finding: ${name}`, () => {
      const findings = analyse(file, text, context).findings;
      assert.deepEqual(
        findings.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    });
  }
  for (const [name, file, text, code, context] of wrong) {
    it(`finds clerk-convex/${code}: ${name}`, () => {
      assert.deepEqual(
        analyse(file, text, context).findings.map((f) => f.code),
        [`clerk-convex/${code}`],
      );
    });
  }
});
