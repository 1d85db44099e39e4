// The cross-file half of server-token: a server call of convex/nextjs sent without the Clerk token matters only if the
// function it runs reads the identity. Known to need a signed-in user: a warning that says so. Known to read no
// identity: nothing (the anonymous request is what it gets anyway). Not known either way: the warning says only what
// holds (the request is anonymous) and that it could not tell whether the function reads the identity.
import { identityFunctionLookup } from './rules/functionRefs';
import { RULES } from './ruleCatalog';
import { isOpen, type IndexedOpenFunctions } from './sessionSwitchJoin';
import { findingOf, HANDLER_NOT_FOUND, identityReadAt, readsIdentityVia } from './findingOf';
import type { AnalysisContext, Finding, RelatedLocation, ServerSite } from './types';

/** Where a Next server file that imports nothing from Clerk gets auth() (serverRendering.ts). */
const NEXT_SERVER = '@clerk/nextjs/server';

function which(site: ServerSite): string {
  return site.template
    ? 'This file asks Clerk for the "convex" JWT template, so the token here is (await auth()).getToken({ template: "convex" }); getToken() with no template is accepted only when Clerk\'s Convex integration is active.'
    : 'The token is (await auth()).getToken({ template: "convex" }) if your app uses the "convex" JWT template, and getToken() with no template only when Clerk\'s Convex integration is active (it puts aud "convex" on the session token).';
}

/** A call through a ConvexHttpClient never given the token, of a function known to need a signed-in user. */
function clientFinding(
  site: ServerSite,
  client: NonNullable<ServerSite['client']>,
  fn: NonNullable<AnalysisContext['identityFunctions']>[number],
): Finding {
  const what = site.api?.text ?? 'the function';
  const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
  const give = client.shared
    ? `${client.name} is made at module scope and shared by every request: make the client inside the handler and call ${client.name}.setAuth(token) on it before its first call.`
    : `Call ${client.name}.setAuth(token) before its first call.`;
  const message = `${site.name}() goes through a ConvexHttpClient that is never given Clerk's token (no ConvexProviderWithClerk reaches it, and this file never calls ${client.name}.setAuth), so Convex sees an anonymous request, and ${what} needs a signed-in user: ${readsIdentityVia(fn)} and ${how} without one. ${give} ${which(site)}`;
  return findingOf(RULES.serverToken, site.start, site.end, message, site.fixes, [identityReadAt(fn, what)]);
}

export function serverTokenFindings(
  sites: readonly ServerSite[],
  functions: NonNullable<AnalysisContext['identityFunctions']>,
  open: IndexedOpenFunctions,
): Finding[] {
  if (sites.length === 0) return [];
  const rule = RULES.serverToken;
  const find = identityFunctionLookup(functions);
  const findings: Finding[] = [];
  for (const site of sites) {
    const fn = site.api ? find(site.dirs, site.api, site.kind) : undefined;
    if (site.client) {
      if (fn) findings.push(clientFinding(site, site.client, fn));
      continue;
    }
    // A file that never touches Clerk may fetch public data on purpose: only a function that needs a user says not.
    // Sibling calls passing a token show the file has one: it is judged like a file that asks Clerk itself.
    const hasClerk = site.source !== undefined || site.siblingToken === true;
    if (!fn && (!hasClerk || (site.api && isOpen(open, { dirs: site.dirs, api: site.api, kind: site.kind })))) continue;
    const head = `${site.name}() runs on the server, where no ConvexProviderWithClerk attaches the Clerk token, so Convex sees an anonymous request`;
    const pass = site.siblingToken
      ? `Other calls of this file pass { token }: pass it here too, as the third argument, ${site.name}(fn, args, { token }).`
      : site.source
        ? `This file uses ${site.source}: pass the token as the third argument, ${site.name}(fn, args, { token }). ${which(site)}`
        : `This file does not ask Clerk for a token (no auth() from ${NEXT_SERVER} here): import { auth } from "${NEXT_SERVER}" and pass the token as the third argument, ${site.name}(fn, args, { token }). ${which(site)}`;
    let message: string;
    let related: RelatedLocation[] | undefined;
    if (fn) {
      const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
      message = `${head}, and ${site.api?.text ?? 'the function'} needs a signed-in user: ${readsIdentityVia(fn)} and ${how} without one. ${pass}`;
      related = [identityReadAt(fn, site.api?.text ?? 'the function')];
    } else {
      const what = site.api?.text ?? 'the function it runs';
      message = `${head}: if ${what} reads ctx.auth.getUserIdentity(), it gets null here (on the server only). ${HANDLER_NOT_FOUND} ${pass}`;
    }
    findings.push(findingOf(rule, site.start, site.end, message, site.fixes, related));
  }
  return findings;
}
