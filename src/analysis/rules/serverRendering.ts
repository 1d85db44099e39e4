// Server rendering: convex/nextjs's fetchQuery/preloadQuery/fetchMutation/fetchAction run on the server, where no
// ConvexProviderWithClerk attaches a token. In a file that already uses Clerk on the server, a call without
// `{ token }` reaches Convex anonymous, and getUserIdentity() is null there only. Whether that matters depends on
// the function called, so the finding is made where the calls are joined with the index's functions.
import type * as t from '@babel/types';
import { endOf, keyName, startOf, unwrapTs } from '../ast';
import { addNamedImport } from '../edits';
import { RULES } from '../ruleCatalog';
import { ENTER, WalkStack } from '../traverse';
import type { Fix, ServerSite, TextEdit } from '../types';
import { apiPath, functionsDirs } from './functionRefs';
import { nextHttpClientSites } from './nextHttpClient';
import { siblingTokenFix, siblingTokens } from './serverSiblings';
import { report, type RuleContext } from './shared';
import type { ProjectSnapshot } from '../../project/types';

/** Clerk's server entry points whose `auth()` gives a token, per SDK. */
const CLERK_SERVER = ['@clerk/nextjs/server'];
/** The SDK whose server entry point a Next file without one would import auth() from. */
const NEXT_SERVER_SDK = '@clerk/nextjs';

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

/** Names a server file decides on when it goes without a token on purpose (`if (!userId) …`, `token ? … : …`). */
const AUTH_STATE = /\b(token|userId|user|session|sessionId|isSignedIn|signedIn|auth)\b/i;

interface AuthCall {
  node: t.CallExpression;
  parent?: t.Node;
  /** The parent's parent (the call of `auth().protect(…)`) and its parent. */
  grandparent?: t.Node;
  above?: t.Node;
  fn?: t.Function;
  /** The imported `auth`, or the first parameter of a `clerkMiddleware` callback (the same function from 6 on). */
  via: 'import' | 'middleware';
}

interface ServerWalk {
  /** Calls of Clerk's `auth()` (by the name it is imported under, or the middleware's parameter) with their parents. */
  authCalls: AuthCall[];
  /** Server calls made deliberately without a token: in a catch (the token path failed), or on a branch taken on auth state. */
  deliberate: Set<t.Node>;
}

/** One walk of a file that reads Clerk on the server (rare files: the scan does not record these for every file). */
function walkServer(rc: RuleContext, authLocal: string | undefined, middlewareLocal: string | undefined): ServerWalk {
  const out: ServerWalk = { authCalls: [], deliberate: new Set() };
  // clerkMiddleware((auth, req) => …): the callback and its first parameter's name.
  const callbacks = new Map<t.Node, string>();
  const serverCalls = new Set<t.Node>(rc.scan.serverCalls.map((c) => c.node));
  const stack = new WalkStack(rc.scan.program);
  const ancestors: t.Node[] = [];
  const fns: t.Function[] = [];
  let decided = 0;
  const undo: number[] = [];
  while (stack.next()) {
    const node = stack.node;
    if (stack.phase !== ENTER) {
      ancestors.pop();
      decided -= undo.pop() ?? 0;
      if (stack.phase & 2) fns.pop();
      continue;
    }
    const parent = ancestors[ancestors.length - 1];
    let step = 0;
    if (parent?.type === 'CatchClause' && node === parent.body) step = 1;
    else if ((parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') && node !== parent.test) {
      const test = rc.scan.text.slice(startOf(parent.test), endOf(parent.test));
      if (AUTH_STATE.test(test)) step = 1;
    } else if (parent?.type === 'LogicalExpression' && node === parent.right) {
      const test = rc.scan.text.slice(startOf(parent.left), endOf(parent.left));
      if (AUTH_STATE.test(test)) step = 1;
    }
    decided += step;
    undo.push(step);
    let phase = 1;
    if (
      node.type === 'FunctionDeclaration' ||
      node.type === 'FunctionExpression' ||
      node.type === 'ArrowFunctionExpression' ||
      node.type === 'ObjectMethod' ||
      node.type === 'ClassMethod'
    ) {
      fns.push(node);
      phase |= 2;
    }
    if (node.type === 'CallExpression') {
      if (serverCalls.has(node) && decided > 0) out.deliberate.add(node);
      const grandparent = ancestors[ancestors.length - 2];
      const above = ancestors[ancestors.length - 3];
      const fn = fns[fns.length - 1];
      const callee = node.callee.type === 'Identifier' ? node.callee.name : undefined;
      if (middlewareLocal && callee === middlewareLocal) {
        const handler = node.arguments[0];
        const param =
          handler && (handler.type === 'ArrowFunctionExpression' || handler.type === 'FunctionExpression')
            ? handler.params[0]
            : undefined;
        if (param?.type === 'Identifier') callbacks.set(handler, param.name);
      }
      if (authLocal && callee === authLocal)
        out.authCalls.push({ node, parent, grandparent, above, fn, via: 'import' });
      else if (callee !== undefined && fns.some((f) => callbacks.get(f) === callee))
        out.authCalls.push({ node, parent, grandparent, above, fn, via: 'middleware' });
    }
    ancestors.push(node);
    stack.descend(phase);
  }
  return out;
}

/** The major version of @clerk/nextjs: installed, else the lowest the declared range allows; undefined if unknown. */
export function clerkNextjsMajor(project: ProjectSnapshot | undefined): number | undefined {
  const installed = project?.packages.clerkNextjsInstalled;
  const from = installed ?? project?.packages.clerkNextjsRange;
  const m = from && /(\d+)(?:\.|$|\s|x)/.exec(from.replace(/^[\s^~>=v]+/, ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * `auth()` from @clerk/nextjs/server used without `await`: from @clerk/nextjs 6 it returns a Promise, so
 * `auth().getToken` and `const { userId } = auth()` read nothing, and no token is ever obtained. Judged by the
 * installed (or declared) version; when neither says, by the file itself awaiting auth() elsewhere. The `auth` that
 * clerkMiddleware hands its callback is the same function from 6 on (clerkMiddleware.d.ts: `ClerkMiddlewareAuth =
 * AuthFn`), where `auth().protect()` was 5's form: judged only on a known version, since it is right on 5.
 */
function checkAuthAwait(rc: RuleContext, walk: ServerWalk): void {
  const major = clerkNextjsMajor(rc.context.project);
  const imported = walk.authCalls.filter((c) => c.via === 'import');
  const awaitedElsewhere = imported.some((c) => c.parent?.type === 'AwaitExpression');
  const judged = major !== undefined ? (major < 6 ? [] : walk.authCalls) : awaitedElsewhere ? imported : [];
  for (const call of judged) {
    const { node, parent, fn } = call;
    const member =
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') && parent.object === node;
    const destructured =
      parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'ObjectPattern';
    if (!member && !destructured) continue;
    const protect = member && protectCall(call);
    const asyncFn = fn?.async === true;
    const name = rc.scan.text.slice(startOf(node.callee), endOf(node.callee));
    const edits: TextEdit[] = protect
      ? // auth().protect(…) → await auth.protect(…): protect() hangs on the function, not on its result.
        [
          { start: startOf(protect), end: startOf(protect), newText: inChain(call) ? '(await ' : 'await ' },
          { start: endOf(node.callee), end: endOf(node), newText: '' },
          ...(inChain(call) ? [{ start: endOf(protect), end: endOf(protect), newText: ')' }] : []),
        ]
      : member
        ? [
            { start: startOf(node), end: startOf(node), newText: '(await ' },
            { start: endOf(node), end: endOf(node), newText: ')' },
          ]
        : [{ start: startOf(node), end: startOf(node), newText: 'await ' }];
    if (fn && !asyncFn) edits.push({ start: startOf(fn), end: startOf(fn), newText: 'async ' });
    const subject = `${name}()${call.via === 'middleware' ? ' (the function clerkMiddleware passes its callback)' : ''}`;
    const why =
      major !== undefined
        ? `this project's @clerk/nextjs is ${major}, where ${name}() returns a Promise`
        : `${name}() returns a Promise (this file awaits it elsewhere)`;
    const message = protect
      ? `${subject} is called for protect(), but ${why}, and a Promise has no protect(): this line throws a TypeError instead of protecting the route. Write await ${name}.protect().`
      : `${subject} is used without await, but ${why}: ${member ? 'reading a field of it' : 'destructuring it'} gives undefined, so no token or user id is ever obtained (and calls meant to carry the token go anonymous). Write ${member ? `(await ${name}())` : `await ${name}()`}.`;
    const title = protect ? `Use await ${name}.protect()` : `Await ${name}()`;
    report(rc, RULES.serverAuthAwait, startOf(node), endOf(node), message, [
      {
        title: fn && !asyncFn ? `${title} (and make the function async)` : title,
        mechanical: !fn || asyncFn,
        edits,
      },
    ]);
  }
}

/** The `auth().protect(…)` call around an auth() call, if that is what it is. */
function protectCall(call: AuthCall): t.CallExpression | t.OptionalCallExpression | undefined {
  const { parent, grandparent } = call;
  if (parent?.type !== 'MemberExpression' && parent?.type !== 'OptionalMemberExpression') return undefined;
  const named = !parent.computed && parent.property.type === 'Identifier' && parent.property.name === 'protect';
  const called = grandparent?.type === 'CallExpression' || grandparent?.type === 'OptionalCallExpression';
  if (!named || !called || grandparent.callee !== parent) return undefined;
  return grandparent;
}

/** Whether the protect() call's result is read further (`auth().protect().userId`): the await needs parentheses. */
function inChain(call: AuthCall): boolean {
  const { above, grandparent } = call;
  return (
    (above?.type === 'MemberExpression' || above?.type === 'OptionalMemberExpression') && above.object === grandparent
  );
}

/** The kind of function each convex/nextjs call runs. */
const KIND_OF: Readonly<Record<string, ServerSite['kind']>> = {
  preloadQuery: 'query',
  fetchQuery: 'query',
  fetchMutation: 'mutation',
  fetchAction: 'action',
};

/**
 * Checks auth()'s await and returns the convex/nextjs calls sent without the Clerk token; their server-token findings
 * are made where they are joined with the functions the index knows (serverTokenJoin.ts).
 */
export function serverRenderingRules(rc: RuleContext): ServerSite[] {
  const sites = convexNextSites(rc);
  const clients = nextHttpClientSites(rc);
  return clients.length ? [...sites, ...clients] : sites;
}

function convexNextSites(rc: RuleContext): ServerSite[] {
  const { scan } = rc;
  const source = clerkServerSource(rc);
  if (!source) return clerklessServer(rc) ? serverSites(rc, walkServer(rc, undefined, undefined), undefined) : [];
  const local = (name: string): string | undefined =>
    [...scan.imports.values()].find((b) => b.source === source && b.imported === name)?.local;
  const authLocal = local('auth');
  const middlewareLocal = local('clerkMiddleware');
  if (scan.serverCalls.length === 0 && !authLocal && !middlewareLocal) return [];
  const walk = walkServer(rc, authLocal, middlewareLocal);
  checkAuthAwait(rc, walk);
  return serverSites(rc, walk, source);
}

/**
 * A server file (no "use client") of a project that declares @clerk/nextjs, calling convex/nextjs without importing
 * anything of Clerk's server side: its calls reach Convex anonymous as surely as those of a file that does.
 */
function clerklessServer(rc: RuleContext): boolean {
  const { scan } = rc;
  if (scan.useClient || !scan.serverCalls.some((c) => c.binding?.source === 'convex/nextjs')) return false;
  return rc.context.project?.packages.clerkSdks.includes(NEXT_SERVER_SDK) ?? false;
}

function serverSites(rc: RuleContext, walk: ServerWalk, source: string | undefined): ServerSite[] {
  const { scan } = rc;
  const sites: ServerSite[] = [];
  let dirs: string[] | undefined | null = null;
  const siblings = siblingTokens(scan);
  for (const c of scan.serverCalls) {
    if (c.binding?.source !== 'convex/nextjs' || c.node.arguments.length === 0) continue;
    if (c.node.arguments.some((a) => a.type === 'SpreadElement') || hasToken(c.node.arguments[2])) continue;
    if (walk.deliberate.has(c.node)) continue;
    const asyncFn = c.fn?.node.async === true;
    const template = usesTemplate(rc);
    const api = apiPath(c.node.arguments[0]);
    if (dirs === null) dirs = functionsDirs(scan, rc.context);
    const site: ServerSite = {
      start: startOf(c.node.callee),
      end: endOf(c.node.callee),
      name: c.name,
      kind: KIND_OF[c.binding.imported] ?? 'query',
      template,
      fixes: tokenFixes(rc, c.node, asyncFn, source ?? CLERK_SERVER[0], template),
    };
    // Sibling calls passing a token: this one is judged as in a file that asks Clerk, and offered the same token.
    if (siblings.size) {
      site.siblingToken = true;
      site.fixes = [...siblingTokenFix(c.node, c.fn, siblings.get(c.fn) ?? []), ...site.fixes];
    }
    if (source) site.source = source;
    if (api) site.api = api;
    if (dirs) site.dirs = dirs;
    sites.push(site);
  }
  return sites;
}
