// A ConvexHttpClient in a Next.js project (a route handler, a server action, a server component's helper): no
// ConvexProviderWithClerk reaches it, so its query/mutation/action calls are anonymous until the file hands it Clerk's
// token with setAuth(). Whether that matters depends on the function called, so each call becomes a server site the
// index joins with its functions (serverTokenJoin.ts): only a function known to need a signed-in user is reported.
// TanStack Start's files have their own rule (tanstackServer.ts).
import { endOf, startOf } from '../ast';
import type { ServerSite } from '../types';
import { apiPath, functionsDirs } from './functionRefs';
import { clerkInPlay, type RuleContext } from './shared';
import { collect } from './tanstackServer/facts';
import { clientFixes, clientFor } from './tanstackServer/httpClient';

const NEXT_SERVER = '@clerk/nextjs/server';

function nextClerk(rc: RuleContext): boolean {
  for (const b of rc.scan.imports.values()) if (b.source.startsWith('@clerk/nextjs')) return true;
  if (!clerkInPlay(rc)) return false;
  return rc.context.project?.packages.clerkSdks.includes('@clerk/nextjs') ?? false;
}

export function nextHttpClientSites(rc: RuleContext): ServerSite[] {
  const { scan } = rc;
  let httpClient = false;
  for (const b of scan.imports.values()) {
    if (b.imported === 'ConvexHttpClient' && b.source === 'convex/browser') httpClient = true;
    // TanStack Start's server functions and Clerk SDK: tanstackServer.ts judges those files.
    if (b.imported === 'createServerFn' || b.source.startsWith('@clerk/tanstack')) return [];
  }
  if (!httpClient || !nextClerk(rc)) return [];
  const facts = collect(rc);
  if (facts.calls.length === 0) return [];
  const sites: ServerSite[] = [];
  const firstInFn = new Map<unknown, (typeof facts.calls)[number]>();
  let dirs: string[] | undefined | null = null;
  for (const call of facts.calls) {
    const client = clientFor(facts, call);
    if (!client || client.hasAuthOption || facts.setAuthOn.has(call.client) || facts.passed.has(call.client)) continue;
    const api = apiPath(call.node.arguments[0]);
    if (!api) continue;
    if (!firstInFn.has(call.fn)) firstInFn.set(call.fn, call);
    if (dirs === null) dirs = functionsDirs(scan, rc.context);
    const shared = client.fn === undefined;
    const first = firstInFn.get(call.fn) ?? call;
    const site: ServerSite = {
      start: startOf(call.callee),
      end: endOf(call.callee),
      name: `${call.client}.${call.method}`,
      kind: call.method,
      template: /\btemplate\s*:\s*["'`]convex["'`]/.test(scan.text),
      fixes: shared ? [] : clientFixes(rc, facts, first, NEXT_SERVER, [NEXT_SERVER]),
      api,
      client: { name: call.client, shared },
    };
    if (dirs) site.dirs = dirs;
    sites.push(site);
  }
  return sites;
}
