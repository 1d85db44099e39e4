// A ConvexHttpClient of this file that runs functions without ever being given a token.
import { endOf, indentAt, startOf } from '../../ast';
import { addNamedImport } from '../../edits';
import { RULES } from '../../ruleCatalog';
import type { Fix, TextEdit } from '../../types';
import { apiPath, functionsDirs, identityFunctionFor } from '../functionRefs';
import { clerkInPlay, report, type RuleContext } from '../shared';
import {
  CLERK_TANSTACK_SERVER,
  semi,
  within,
  type AnyFunction,
  type ClientCall,
  type Facts,
  type HttpClient,
} from './facts';

export function clientFor(facts: Facts, call: ClientCall): HttpClient | undefined {
  let best: HttpClient | undefined;
  for (const c of facts.clients) {
    if (c.name !== call.client) continue;
    if (c.fn && !within(call.node, c.fn)) continue;
    if (!best || (c.fn && (!best.fn || startOf(c.fn) > startOf(best.fn)))) best = c;
  }
  return best;
}

/** The session reader the fix calls: `auth` (imported if need be), or the file's own `getAuth(getWebRequest())`. */
function sessionExpression(
  rc: RuleContext,
  serverSource: string,
  sources: readonly string[],
): { expr: string; edit?: TextEdit } {
  for (const b of rc.scan.imports.values()) {
    if (sources.includes(b.source) && b.imported === 'auth') return { expr: `${b.local}()` };
  }
  for (const b of rc.scan.imports.values()) {
    if (!sources.includes(b.source) || b.imported !== 'getAuth') continue;
    const request = [...rc.scan.imports.values()].find(
      (r) => r.imported === 'getWebRequest' || r.imported === 'getRequest',
    );
    if (request) return { expr: `${b.local}(${request.local}())` };
  }
  const edit = addNamedImport(rc.scan, serverSource, 'auth');
  return edit ? { expr: 'auth()', edit } : { expr: 'auth()' };
}

/**
 * Fixes that give the client the Clerk token before `first`, its first call in that function: from a token the
 * function already holds, else from `auth()` of `serverSource` (one of `sources`, Clerk's server entry points).
 */
export function clientFixes(
  rc: RuleContext,
  facts: Facts,
  first: ClientCall,
  serverSource: string,
  sources: readonly string[] = CLERK_TANSTACK_SERVER,
): Fix[] {
  const { fn, statement } = first;
  if (!fn?.async || !statement) return [];
  const text = rc.scan.text;
  const client = first.client;
  const existing = facts.tokenReads.find(
    (r) => r.fn === fn && r.variable && r.statement && endOf(r.statement) <= startOf(statement),
  );
  if (existing?.variable && existing.statement) {
    const at = endOf(existing.statement);
    return [
      {
        title: `Hand ${existing.variable} to ${client}.setAuth() before it runs Convex functions`,
        mechanical: true,
        edits: [
          {
            start: at,
            end: at,
            newText: `\n${indentAt(text, startOf(existing.statement))}if (${existing.variable}) ${client}.setAuth(${existing.variable})${semi(rc, existing.statement) || ';'}`,
          },
        ],
      },
    ];
  }
  const fnText = text.slice(startOf(fn), endOf(fn));
  const name = /(?<![\w$.])token(?![\w$])/.test(fnText) ? 'clerkToken' : 'token';
  const session = sessionExpression(rc, serverSource, sources);
  const indent = indentAt(text, startOf(statement));
  const variants: [string, string][] = [
    ["Clerk's session token (Convex integration)", `getToken()`],
    ['the "convex" JWT template\'s token', `getToken({ template: "convex" })`],
  ];
  return variants.map(([what, getToken]) => {
    const at = startOf(statement);
    const edits: TextEdit[] = [
      {
        start: at,
        end: at,
        newText: `const ${name} = await (await ${session.expr}).${getToken};\n${indent}if (${name}) ${client}.setAuth(${name});\n${indent}`,
      },
    ];
    if (session.edit) edits.push(session.edit);
    return { title: `Give ${client} ${what} with setAuth()`, mechanical: false, edits };
  });
}

export function httpClientRule(rc: RuleContext, facts: Facts, sessionFile: boolean, serverSource: string): void {
  const clerk = sessionFile || clerkInPlay(rc);
  if (!clerk || facts.calls.length === 0) return;
  let dirs: string[] | undefined;
  const firstInFn = new Map<AnyFunction | undefined, ClientCall>();
  for (const call of facts.calls) {
    const client = clientFor(facts, call);
    if (!client || client.hasAuthOption || facts.setAuthOn.has(call.client) || facts.passed.has(call.client)) continue;
    const path = apiPath(call.node.arguments[0]);
    const needsUser =
      path && identityFunctionFor(rc.context, (dirs ??= functionsDirs(rc.scan, rc.context)), path, call.method);
    if (!sessionFile && !(call.inServerFn && needsUser)) continue;
    if (!firstInFn.has(call.fn)) firstInFn.set(call.fn, call);
    const what = needsUser
      ? `${path?.text} needs a signed-in user (its handler in ${needsUser.path} reads ctx.auth.getUserIdentity()), but `
      : '';
    const shared = client.fn === undefined;
    report(
      rc,
      RULES.serverSetAuth,
      startOf(call.callee),
      endOf(call.callee),
      `${what}${call.client}.${call.method}() runs on the server through a ConvexHttpClient that is never given Clerk's token, so Convex sees an anonymous request and ctx.auth.getUserIdentity() is null. ${
        shared
          ? `${call.client} is made at module scope and shared by every request: make the client inside the server function and call setAuth(token) on it, with the token from (await auth()).getToken().`
          : `Call ${call.client}.setAuth(token) first, with the token from (await auth()).getToken().`
      }`,
      shared ? [] : clientFixes(rc, facts, firstInFn.get(call.fn) as ClientCall, serverSource),
    );
  }
}
