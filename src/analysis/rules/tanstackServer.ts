// TanStack Start's server side: no ConvexProviderWithClerk runs there, so the Convex client the server uses
// (ConvexQueryClient's serverHttpClient, or a ConvexHttpClient) sends its requests anonymous until it is handed
// Clerk's token with setAuth(). Convex's guide does that in the root route's beforeLoad, with the token from a
// server function calling Clerk's auth().getToken(). Two shapes of the mistake are reported:
// - a root route whose beforeLoad has the Clerk token while its context holds a Convex server client, and the
//   file never calls setAuth;
// - a ConvexHttpClient made in this file that runs query/mutation/action and is never given a token, in a file
//   reading the Clerk session on the server (or in a server function calling a function that needs a user).
// Only files importing Clerk's TanStack SDK, or a ConvexHttpClient next to createServerFn, can hold either, so
// this rule walks those files itself rather than adding marks to the scan that every file pays for.
import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf, unwrapTs } from '../ast';
import { addNamedImport } from '../edits';
import { RULES } from '../ruleCatalog';
import { walk } from '../traverse';
import type { Fix, TextEdit } from '../types';
import { apiPath, functionsDirs, identityFunctionFor } from './functionRefs';
import { clerkInPlay, report, type RuleContext } from './shared';

/** Clerk's TanStack Start SDK (and its earlier name), whose `/server` entry reads the session on the server. */
const CLERK_TANSTACK = ['@clerk/tanstack-react-start', '@clerk/tanstack-start'];
const CLERK_TANSTACK_SERVER = CLERK_TANSTACK.map((s) => `${s}/server`);
/** `auth()` (Core 3) and `getAuth(request)` (earlier releases): the calls that give a request's Clerk session. */
const SESSION_READERS = new Set(['auth', 'getAuth']);
const CLIENT_METHODS = new Set(['query', 'mutation', 'action']);

type AnyFunction = t.Function;
type Call = t.CallExpression | t.OptionalCallExpression;

/** Where a node sits: its innermost function and the statement (in a block or the program) that holds it. */
interface Place {
  fn?: AnyFunction;
  statement?: t.Statement;
}

interface ClientCall extends Place {
  node: Call;
  callee: t.MemberExpression | t.OptionalMemberExpression;
  client: string;
  method: 'query' | 'mutation' | 'action';
  /** The createServerFn(…).handler(fn) the call runs in, if any. */
  inServerFn: boolean;
}

interface HttpClient {
  name: string;
  /** The function the client is made in; undefined at module scope (one client shared by every request). */
  fn?: AnyFunction;
  hasAuthOption: boolean;
}

interface TokenRead extends Place {
  /** The variable the token is stored in (`const token = await getToken(…)`), if it is one. */
  variable?: string;
}

interface Facts {
  setAuthOn: Set<string>;
  anySetAuth: boolean;
  /** Names passed to some call (`applyAuth(client, token)`): what happens to them there is not followed. */
  passed: Set<string>;
  calls: ClientCall[];
  clients: HttpClient[];
  tokenReads: TokenRead[];
  roots: t.ObjectExpression[];
  rootTypes: Map<t.ObjectExpression, t.TSType | undefined>;
  /** Server functions declared in this file, by the variable they are stored in. */
  serverFns: Map<string, AnyFunction>;
  serverFnHandlers: Set<AnyFunction>;
}

const isFunction = (n: t.Node): n is AnyFunction =>
  n.type === 'ArrowFunctionExpression' ||
  n.type === 'FunctionExpression' ||
  n.type === 'FunctionDeclaration' ||
  n.type === 'ObjectMethod' ||
  n.type === 'ClassMethod' ||
  n.type === 'ClassPrivateMethod';

function placeOf(ancestors: readonly t.Node[], node: t.Node): Place {
  const place: Place = {};
  let child: t.Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    if (!place.statement && !place.fn && (parent.type === 'BlockStatement' || parent.type === 'Program'))
      place.statement = child as t.Statement;
    if (isFunction(parent)) {
      place.fn = parent;
      break;
    }
    child = parent;
  }
  return place;
}

function memberName(callee: t.Node): string | undefined {
  if (
    (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
    !callee.computed &&
    callee.property.type === 'Identifier'
  )
    return callee.property.name;
  return undefined;
}

/** `createServerFn(…)…` somewhere down a method chain (`createServerFn({ method: "GET" }).validator(…).handler`). */
function chainStartsWithServerFn(rc: RuleContext, n: t.Node): boolean {
  let cur: t.Node = n;
  for (let depth = 0; depth < 12; depth++) {
    if (cur.type === 'CallExpression' || cur.type === 'OptionalCallExpression') {
      if (cur.callee.type === 'Identifier') return canonical(rc, cur.callee.name) === 'createServerFn';
      cur = cur.callee;
    } else if (cur.type === 'MemberExpression' || cur.type === 'OptionalMemberExpression') {
      cur = cur.object;
    } else return false;
  }
  return false;
}

function canonical(rc: RuleContext, local: string): string {
  const b = rc.scan.imports.get(local);
  return b && b.imported !== 'default' && b.imported !== '*' ? b.imported : local;
}

function importedFrom(rc: RuleContext, local: string, sources: readonly string[]): boolean {
  const b = rc.scan.imports.get(local);
  return b !== undefined && sources.includes(b.source);
}

function hasAuthOption(options: t.Node | undefined): boolean {
  if (!options) return false;
  const o = unwrapTs(options);
  if (o.type !== 'ObjectExpression') return true; // options we cannot read: trust them
  return o.properties.some(
    (p) =>
      p.type === 'SpreadElement' ||
      ((p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && keyName(p) === 'auth'),
  );
}

function collect(rc: RuleContext): Facts {
  const facts: Facts = {
    setAuthOn: new Set(),
    anySetAuth: false,
    passed: new Set(),
    calls: [],
    clients: [],
    tokenReads: [],
    roots: [],
    rootTypes: new Map(),
    serverFns: new Map(),
    serverFnHandlers: new Set(),
  };
  const handlerStack: AnyFunction[] = [];
  walk(rc.scan.program, {
    enter(node, ancestors) {
      if (isFunction(node) && facts.serverFnHandlers.has(node)) handlerStack.push(node);
      if (node.type === 'NewExpression') {
        const parent = ancestors[ancestors.length - 1];
        for (const a of node.arguments) if (a.type === 'Identifier') facts.passed.add(a.name);
        if (
          node.callee.type === 'Identifier' &&
          canonical(rc, node.callee.name) === 'ConvexHttpClient' &&
          importedFrom(rc, node.callee.name, ['convex/browser']) &&
          parent?.type === 'VariableDeclarator' &&
          parent.id.type === 'Identifier'
        ) {
          facts.clients.push({
            name: parent.id.name,
            fn: placeOf(ancestors, node).fn,
            hasAuthOption: hasAuthOption(node.arguments[1]),
          });
        }
        return;
      }
      if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
      for (const a of node.arguments) if (a.type === 'Identifier') facts.passed.add(a.name);
      const callee = node.callee;
      const method = memberName(callee);
      if (method === 'setAuth') {
        facts.anySetAuth = true;
        const object = (callee as t.MemberExpression).object;
        if (object.type === 'Identifier') facts.setAuthOn.add(object.name);
      } else if (method && CLIENT_METHODS.has(method) && (callee as t.MemberExpression).object.type === 'Identifier') {
        facts.calls.push({
          node,
          callee: callee as ClientCall['callee'],
          client: ((callee as t.MemberExpression).object as t.Identifier).name,
          method: method as ClientCall['method'],
          inServerFn: handlerStack.length > 0,
          ...placeOf(ancestors, node),
        });
      } else if (method === 'getToken' || (callee.type === 'Identifier' && callee.name === 'getToken')) {
        const place = placeOf(ancestors, node);
        let declarator: t.Node | undefined;
        for (let i = ancestors.length - 1; i >= 0 && !declarator; i--)
          if (ancestors[i]?.type === 'VariableDeclarator') declarator = ancestors[i];
        const variable =
          declarator?.type === 'VariableDeclarator' &&
          declarator.id.type === 'Identifier' &&
          place.statement?.type === 'VariableDeclaration' &&
          place.statement.declarations.includes(declarator)
            ? declarator.id.name
            : undefined;
        facts.tokenReads.push({ ...place, ...(variable && { variable }) });
      } else if (method === 'handler' && chainStartsWithServerFn(rc, callee)) {
        const fn = node.arguments[0];
        if (fn && isFunction(fn)) {
          facts.serverFnHandlers.add(fn);
          const parent = ancestors[ancestors.length - 1];
          if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
            facts.serverFns.set(parent.id.name, fn);
        }
      } else if (
        callee.type === 'CallExpression' &&
        callee.callee.type === 'Identifier' &&
        canonical(rc, callee.callee.name) === 'createRootRouteWithContext'
      ) {
        const options = node.arguments[0] && unwrapTs(node.arguments[0]);
        if (options?.type === 'ObjectExpression') {
          facts.roots.push(options);
          const params =
            callee.typeParameters?.type === 'TSTypeParameterInstantiation' ? callee.typeParameters.params : undefined;
          facts.rootTypes.set(options, params?.[0]);
        }
      }
    },
    exit(node) {
      if (handlerStack[handlerStack.length - 1] === node) handlerStack.pop();
    },
  });
  return facts;
}

// ---- The root route: beforeLoad has the token, the context's Convex server client never gets it ----

interface ContextClient {
  key: string;
  optional: boolean;
  kind: 'queryClient' | 'httpClient';
}

function typeMembers(rc: RuleContext, type: t.TSType | undefined, depth = 0): t.TSTypeElement[] {
  if (!type || depth > 4) return [];
  if (type.type === 'TSTypeLiteral') return type.members;
  if (type.type === 'TSIntersectionType') return type.types.flatMap((part) => typeMembers(rc, part, depth + 1));
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return [];
  const name = type.typeName.name;
  for (const stmt of rc.scan.program.body) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type === 'TSInterfaceDeclaration' && decl.id.name === name) return decl.body.body;
    if (decl?.type === 'TSTypeAliasDeclaration' && decl.id.name === name)
      return typeMembers(rc, decl.typeAnnotation, depth + 1);
  }
  return [];
}

/** `ConvexQueryClient` from @convex-dev/react-query, `ConvexHttpClient` from convex/browser, also `… | undefined`. */
function clientKind(
  rc: RuleContext,
  type: t.TSType,
): { kind: ContextClient['kind']; orUndefined: boolean } | undefined {
  const parts = type.type === 'TSUnionType' ? type.types : [type];
  let kind: ContextClient['kind'] | undefined;
  let orUndefined = false;
  for (const part of parts) {
    if (part.type === 'TSUndefinedKeyword' || part.type === 'TSNullKeyword') orUndefined = true;
    if (part.type !== 'TSTypeReference' || part.typeName.type !== 'Identifier') continue;
    const local = part.typeName.name;
    const name = canonical(rc, local);
    if (name === 'ConvexQueryClient' && importedFrom(rc, local, ['@convex-dev/react-query'])) kind = 'queryClient';
    if (name === 'ConvexHttpClient' && importedFrom(rc, local, ['convex/browser'])) kind = 'httpClient';
  }
  return kind && { kind, orUndefined };
}

function contextClient(rc: RuleContext, type: t.TSType | undefined): ContextClient | undefined {
  for (const m of typeMembers(rc, type)) {
    if (m.type !== 'TSPropertySignature' || m.computed || !m.typeAnnotation) continue;
    const key = m.key.type === 'Identifier' ? m.key.name : m.key.type === 'StringLiteral' ? m.key.value : undefined;
    const kind = key && /^[A-Za-z_$][\w$]*$/.test(key) ? clientKind(rc, m.typeAnnotation.typeAnnotation) : undefined;
    if (key && kind) return { key, optional: m.optional === true || kind.orUndefined, kind: kind.kind };
  }
  return undefined;
}

function beforeLoadOf(options: t.ObjectExpression): { key: t.Node; fn: AnyFunction } | undefined {
  for (const p of options.properties) {
    if (p.type === 'ObjectMethod' && keyName(p) === 'beforeLoad') return { key: p.key, fn: p };
    if (p.type === 'ObjectProperty' && keyName(p) === 'beforeLoad') {
      const value = unwrapTs(p.value);
      if (isFunction(value)) return { key: p.key, fn: value };
    }
  }
  return undefined;
}

/** The token beforeLoad holds: `const { token } = await fetchClerkAuth()`, `const token = …`, or `auth.token`. */
function tokenInBeforeLoad(rc: RuleContext, fn: AnyFunction): { expr: string; after: t.Statement } | undefined {
  if (fn.body.type !== 'BlockStatement') return undefined;
  const text = rc.scan.text;
  const bodyText = text.slice(startOf(fn.body), endOf(fn.body));
  for (const stmt of fn.body.body) {
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type === 'ObjectPattern') {
        for (const p of d.id.properties) {
          if (p.type !== 'ObjectProperty' || keyName(p) !== 'token') continue;
          const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
          if (value.type === 'Identifier') return { expr: value.name, after: stmt };
        }
      } else if (d.id.type === 'Identifier') {
        const name = d.id.name;
        if (/token$/i.test(name)) return { expr: name, after: stmt };
        if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\??\\.token\\b`).test(bodyText))
          return { expr: `${name}.token`, after: stmt };
      }
    }
  }
  return undefined;
}

/** How beforeLoad reaches the route context, with the edit that gives it a way when it has none. */
function contextAccess(rc: RuleContext, fn: AnyFunction): { expr: string; edit?: TextEdit } | undefined {
  const param = fn.params[0];
  if (!param) {
    const close = rc.scan.text.lastIndexOf(')', startOf(fn.body));
    return close > startOf(fn)
      ? { expr: 'context', edit: { start: close, end: close, newText: '{ context }' } }
      : undefined;
  }
  if (param.type === 'Identifier') return { expr: `${param.name}.context` };
  if (param.type !== 'ObjectPattern') return undefined;
  for (const p of param.properties) {
    if (p.type === 'ObjectProperty' && keyName(p) === 'context')
      return p.value.type === 'Identifier' ? { expr: p.value.name } : undefined;
  }
  const first = param.properties[0];
  if (!first)
    return { expr: 'context', edit: { start: startOf(param) + 1, end: startOf(param) + 1, newText: ' context ' } };
  if (first.type === 'RestElement') return undefined;
  return { expr: 'context', edit: { start: startOf(first), end: startOf(first), newText: 'context, ' } };
}

function setAuthCall(context: string, client: ContextClient, token: string): string {
  const member = `${context}.${client.key}${client.optional ? '?.' : '.'}`;
  return client.kind === 'queryClient' ? `${member}serverHttpClient?.setAuth(${token})` : `${member}setAuth(${token})`;
}

const semi = (rc: RuleContext, stmt: t.Statement): string => (rc.scan.text[endOf(stmt) - 1] === ';' ? ';' : '');

function rootFixes(
  rc: RuleContext,
  facts: Facts,
  fn: AnyFunction,
  client: ContextClient,
  token: { expr: string; after: t.Statement } | undefined,
): Fix[] {
  const access = contextAccess(rc, fn);
  if (!access || fn.body.type !== 'BlockStatement') return [];
  const text = rc.scan.text;
  const edits: TextEdit[] = access.edit ? [access.edit] : [];
  if (token) {
    const indent = indentAt(text, startOf(token.after));
    const at = endOf(token.after);
    edits.push({
      start: at,
      end: at,
      newText: `\n${indent}if (${token.expr}) ${setAuthCall(access.expr, client, token.expr)}${semi(rc, token.after)}`,
    });
    return [
      {
        title: `Hand the Clerk token to Convex's server client: ${setAuthCall(access.expr, client, token.expr)}`,
        mechanical: !access.edit,
        edits,
      },
    ];
  }
  // beforeLoad does not fetch the token yet: call this file's own server function that returns it.
  const fetcher = [...facts.serverFns].find(([, handler]) =>
    facts.tokenReads.some((r) => r.fn !== undefined && within(r.fn, handler)),
  );
  if (!fetcher || !fn.async) return [];
  const [name, handler] = fetcher;
  const handlerText = text.slice(startOf(handler), endOf(handler));
  const returnsObject = /return\s*\{[^}]*\btoken\b/.test(handlerText);
  const first = fn.body.body[0];
  const indent = first ? indentAt(text, startOf(first)) : `${indentAt(text, startOf(fn))}  `;
  const end = first && semi(rc, first) === '' ? '' : ';';
  const lines = `\n${indent}const ${returnsObject ? '{ token }' : 'token'} = await ${name}()${end}\n${indent}if (token) ${setAuthCall(access.expr, client, 'token')}${end}`;
  const at = startOf(fn.body) + 1;
  edits.push({ start: at, end: at, newText: lines });
  return [
    { title: `Get the Clerk token from ${name}() and hand it to Convex's server client`, mechanical: false, edits },
  ];
}

function within(inner: t.Node, outer: t.Node): boolean {
  return startOf(inner) >= startOf(outer) && endOf(inner) <= endOf(outer);
}

/**
 * beforeLoad gives the context's client, or the token, to code of another file (`await useConvexAuth(context,
 * token)`): that code may well call setAuth, and it is not read here.
 */
function handsOver(
  rc: RuleContext,
  fn: AnyFunction,
  client: ContextClient,
  token: { expr: string } | undefined,
): boolean {
  const body = rc.scan.text.slice(startOf(fn.body), endOf(fn.body));
  if (new RegExp(`\\b${client.key.replace(/\$/g, '\\$')}\\b`).test(body)) return true;
  if (!token) return false;
  const escaped = token.expr.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(`[(,]\\s*${escaped}\\s*[,)]`).test(body);
}

function rootRouteRule(rc: RuleContext, facts: Facts, clerkFile: boolean): void {
  if (facts.anySetAuth || !clerkFile) return;
  for (const options of facts.roots) {
    const beforeLoad = beforeLoadOf(options);
    const client = beforeLoad && contextClient(rc, facts.rootTypes.get(options));
    if (!beforeLoad || !client) continue;
    const token = tokenInBeforeLoad(rc, beforeLoad.fn);
    if (!token && facts.tokenReads.length === 0) continue; // no Clerk token on the server in this file: nothing half done
    if (handsOver(rc, beforeLoad.fn, client, token)) continue;
    const call = setAuthCall(contextAccess(rc, beforeLoad.fn)?.expr ?? 'context', client, token?.expr ?? 'token');
    report(
      rc,
      RULES.serverSetAuth,
      startOf(beforeLoad.key),
      endOf(beforeLoad.key),
      `This root route gets Clerk's token on the server but never hands it to Convex: during server rendering no ConvexProviderWithClerk runs, so the loaders' Convex queries through the context's ${client.key} are sent anonymous and ctx.auth.getUserIdentity() is null (on the server only). Call ${call} in beforeLoad, as Convex's TanStack Start guide does.`,
      rootFixes(rc, facts, beforeLoad.fn, client, token),
    );
  }
}

// ---- A ConvexHttpClient of this file that runs functions without ever being given a token ----

function clientFor(facts: Facts, call: ClientCall): HttpClient | undefined {
  let best: HttpClient | undefined;
  for (const c of facts.clients) {
    if (c.name !== call.client) continue;
    if (c.fn && !within(call.node, c.fn)) continue;
    if (!best || (c.fn && (!best.fn || startOf(c.fn) > startOf(best.fn)))) best = c;
  }
  return best;
}

/** The session reader the fix calls: `auth` (imported if need be), or the file's own `getAuth(getWebRequest())`. */
function sessionExpression(rc: RuleContext, serverSource: string): { expr: string; edit?: TextEdit } {
  for (const b of rc.scan.imports.values()) {
    if (CLERK_TANSTACK_SERVER.includes(b.source) && b.imported === 'auth') return { expr: `${b.local}()` };
  }
  for (const b of rc.scan.imports.values()) {
    if (!CLERK_TANSTACK_SERVER.includes(b.source) || b.imported !== 'getAuth') continue;
    const request = [...rc.scan.imports.values()].find(
      (r) => r.imported === 'getWebRequest' || r.imported === 'getRequest',
    );
    if (request) return { expr: `${b.local}(${request.local}())` };
  }
  const edit = addNamedImport(rc.scan, serverSource, 'auth');
  return edit ? { expr: 'auth()', edit } : { expr: 'auth()' };
}

function clientFixes(rc: RuleContext, facts: Facts, first: ClientCall, serverSource: string): Fix[] {
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
  const session = sessionExpression(rc, serverSource);
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

function httpClientRule(rc: RuleContext, facts: Facts, sessionFile: boolean, serverSource: string): void {
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

export function tanstackServerRules(rc: RuleContext): void {
  const { scan } = rc;
  let clerkFile = false;
  let sessionFile = false;
  let serverSource = CLERK_TANSTACK_SERVER[0];
  let httpClient = false;
  let serverFn = false;
  let rootRoute = false;
  for (const b of scan.imports.values()) {
    if (CLERK_TANSTACK.includes(b.source) || CLERK_TANSTACK_SERVER.includes(b.source)) clerkFile = true;
    if (CLERK_TANSTACK_SERVER.includes(b.source) && (SESSION_READERS.has(b.imported) || b.imported === '*')) {
      sessionFile = true;
      serverSource = b.source;
    }
    if (b.imported === 'ConvexHttpClient' && b.source === 'convex/browser') httpClient = true;
    if (b.imported === 'createServerFn') serverFn = true;
    if (b.imported === 'createRootRouteWithContext') rootRoute = true;
  }
  const rootCase = rootRoute && clerkFile;
  const hasIdentityFunctions =
    rc.context.projectHasIdentityFunctions ?? (rc.context.identityFunctions?.length ?? 0) > 0;
  const clientCase = httpClient && (sessionFile || (serverFn && hasIdentityFunctions));
  if (!rootCase && !clientCase) return;
  const facts = collect(rc);
  if (rootCase) rootRouteRule(rc, facts, clerkFile);
  if (clientCase) httpClientRule(rc, facts, sessionFile, serverSource);
}
