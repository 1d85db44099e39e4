// Server rendering: convex/nextjs's fetchQuery/preloadQuery/fetchMutation/fetchAction run on the server, where no
// ConvexProviderWithClerk attaches a token. In a file that already uses Clerk on the server, a call without
// `{ token }` reaches Convex anonymous, and getUserIdentity() is null there only.
import type * as t from '@babel/types';
import { endOf, keyName, startOf, unwrapTs } from '../ast';
import { addNamedImport } from '../edits';
import { RULES } from '../ruleCatalog';
import type { Fix, TextEdit } from '../types';
import { report, type RuleContext } from './shared';

/** Clerk's server entry points whose `auth()` gives a token, per SDK. */
const CLERK_SERVER = ['@clerk/nextjs/server'];

function clerkServerSource(rc: RuleContext): string | undefined {
  for (const d of rc.scan.importDecls) if (CLERK_SERVER.includes(d.source.value)) return d.source.value;
  return undefined;
}

/** Whether the options argument already carries a token (or is something we cannot read: trust it). */
function hasToken(options: t.Node | undefined): boolean {
  if (!options) return false;
  const o = unwrapTs(options);
  if (o.type !== 'ObjectExpression') return true;
  return o.properties.some(
    (p) =>
      p.type === 'SpreadElement' ||
      ((p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && keyName(p) === 'token'),
  );
}

/**
 * The file already asks Clerk for the "convex" JWT template: the app uses the template, so server code needs it too
 * (getToken() without a template gives a token Convex accepts only with Clerk's Convex integration active).
 */
function usesTemplate(rc: RuleContext): boolean {
  return /\btemplate\s*:\s*["'`]convex["'`]/.test(rc.scan.text);
}

function tokenFixes(
  rc: RuleContext,
  call: t.CallExpression,
  asyncFn: boolean,
  source: string,
  templateFirst: boolean,
): Fix[] {
  if (!asyncFn) return [];
  const authLocal = [...rc.scan.imports.values()].find((b) => b.source === source && b.imported === 'auth')?.local;
  const importEdit = authLocal ? undefined : addNamedImport(rc.scan, source, 'auth');
  const authName = authLocal ?? 'auth';
  const args = call.arguments;
  const variants: [string, string][] = [
    ["Clerk's session token (Convex integration)", `(await (await ${authName}()).getToken()) ?? undefined`],
    [
      'the "convex" JWT template\'s token',
      `(await (await ${authName}()).getToken({ template: "convex" })) ?? undefined`,
    ],
  ];
  if (templateFirst) variants.reverse();
  return variants
    .map(([what, token]) => {
      const edits: TextEdit[] = [];
      const options = args[2] ? unwrapTs(args[2]) : undefined;
      if (options?.type === 'ObjectExpression') {
        const last = options.properties[options.properties.length - 1];
        const at = last ? endOf(last) : startOf(options) + 1;
        edits.push({ start: at, end: at, newText: last ? `, token: ${token}` : ` token: ${token} ` });
      } else {
        const after = args[1] ?? args[0];
        if (!after) return undefined;
        edits.push({
          start: endOf(after),
          end: endOf(after),
          newText: `${args[1] ? '' : ', {}'}, { token: ${token} }`,
        });
      }
      if (importEdit) edits.push(importEdit);
      return { title: `Pass ${what}`, mechanical: false, edits };
    })
    .filter((f): f is Fix => f !== undefined);
}

export function serverRenderingRules(rc: RuleContext): void {
  const { scan } = rc;
  if (scan.serverCalls.length === 0) return;
  const source = clerkServerSource(rc);
  if (!source) return;
  for (const c of scan.serverCalls) {
    if (c.binding?.source !== 'convex/nextjs' || c.node.arguments.length === 0) continue;
    if (c.node.arguments.some((a) => a.type === 'SpreadElement') || hasToken(c.node.arguments[2])) continue;
    const asyncFn = c.fn?.node.async === true;
    const template = usesTemplate(rc);
    const which = template
      ? 'This file asks Clerk for the "convex" JWT template, so the token here is (await auth()).getToken({ template: "convex" }); getToken() with no template is accepted only when Clerk\'s Convex integration is active.'
      : 'The token is (await auth()).getToken({ template: "convex" }) if your app uses the "convex" JWT template, and getToken() with no template only when Clerk\'s Convex integration is active (it puts aud "convex" on the session token).';
    report(
      rc,
      RULES.serverToken,
      startOf(c.node.callee),
      endOf(c.node.callee),
      `${c.name}() runs on the server, where no ConvexProviderWithClerk attaches the Clerk token, so Convex sees an anonymous request and ctx.auth.getUserIdentity() is null (on the server only). This file uses ${source}: pass the token as the third argument, ${c.name}(fn, args, { token }). ${which}`,
      tokenFixes(rc, c.node, asyncFn, source, template),
    );
  }
}
