// TanStack Start's server side: no ConvexProviderWithClerk runs there, so the Convex client the server uses
// (ConvexQueryClient's serverHttpClient, or a ConvexHttpClient) sends its requests anonymous until it is handed
// Clerk's token with setAuth(). Convex's guide does that in the root route's beforeLoad, with the token from a
// server function calling Clerk's auth().getToken(). Three shapes of the mistake are reported:
// - a root route whose beforeLoad has the Clerk token while its context holds a Convex server client, and the
//   file never calls setAuth;
// - a ConvexHttpClient made in this file that runs query/mutation/action and is never given a token, in a file
//   reading the Clerk session on the server (or in a server function calling a function that needs a user);
// - a router's ConvexQueryClient, with server-side query loading, that never leaves its file: nothing can ever
//   hand its serverHttpClient the token (tanstackServer/queryClient.ts).
// Only files importing Clerk's TanStack SDK, or a ConvexHttpClient next to createServerFn, can hold either, so
// this rule walks those files itself rather than adding marks to the scan that every file pays for.
import { CLERK_TANSTACK, CLERK_TANSTACK_SERVER, collect, SESSION_READERS } from './tanstackServer/facts';
import { httpClientRule } from './tanstackServer/httpClient';
import { queryClientRule, SSR_QUERY } from './tanstackServer/queryClient';
import { rootRouteRule } from './tanstackServer/rootRoute';
import { clerkInPlay, type RuleContext } from './shared';

export function tanstackServerRules(rc: RuleContext): void {
  const { scan } = rc;
  let clerkFile = false;
  let sessionFile = false;
  let serverSource = CLERK_TANSTACK_SERVER[0];
  let httpClient = false;
  let serverFn = false;
  let rootRoute = false;
  let queryClient = false;
  let ssrQuery = false;
  for (const b of scan.imports.values()) {
    if (CLERK_TANSTACK.includes(b.source) || CLERK_TANSTACK_SERVER.includes(b.source)) clerkFile = true;
    if (CLERK_TANSTACK_SERVER.includes(b.source) && (SESSION_READERS.has(b.imported) || b.imported === '*')) {
      sessionFile = true;
      serverSource = b.source;
    }
    if (b.imported === 'ConvexHttpClient' && b.source === 'convex/browser') httpClient = true;
    if (b.imported === 'createServerFn') serverFn = true;
    if (b.imported === 'createRootRouteWithContext') rootRoute = true;
    if (b.imported === 'ConvexQueryClient' && b.source === '@convex-dev/react-query') queryClient = true;
    if (SSR_QUERY.has(b.source)) ssrQuery = true;
  }
  const rootCase = rootRoute && clerkFile;
  const hasIdentityFunctions =
    rc.context.projectHasIdentityFunctions ?? (rc.context.identityFunctions?.length ?? 0) > 0;
  const clientCase = httpClient && (sessionFile || (serverFn && hasIdentityFunctions));
  // A router whose server-side Convex client nothing can reach, in a Clerk project with functions that need a user.
  // Convex needs the user: a function known to read the identity, or an auth.config that names a provider (or whose
  // providers are computed, `providers: process.env.X ? [{ … }] : []`, which the reader cannot list).
  const needsUser =
    hasIdentityFunctions ||
    rc.context.project?.authConfigs.some((c) => c.providers.length > 0 || c.problem !== undefined);
  const queryCase = queryClient && ssrQuery && needsUser === true && (clerkFile || clerkInPlay(rc));
  if (queryCase) queryClientRule(rc);
  if (!rootCase && !clientCase) return;
  const facts = collect(rc);
  if (rootCase) rootRouteRule(rc, facts, clerkFile);
  if (clientCase) httpClientRule(rc, facts, sessionFile, serverSource);
}
