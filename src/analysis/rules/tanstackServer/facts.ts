// One walk of a TanStack Start file collecting what both of its server-side rules read (see ../tanstackServer.ts).
import type * as t from '@babel/types';
import { endOf, keyName, startOf, unwrapTs } from '../../ast';
import { canonicalName } from '../../scanRecords';
import { walk } from '../../traverse';
import type { RuleContext } from '../shared';

/** Clerk's TanStack Start SDK (and its earlier name), whose `/server` entry reads the session on the server. */
export const CLERK_TANSTACK = ['@clerk/tanstack-react-start', '@clerk/tanstack-start'];
export const CLERK_TANSTACK_SERVER = CLERK_TANSTACK.map((s) => `${s}/server`);
/** `auth()` (Core 3) and `getAuth(request)` (earlier releases): the calls that give a request's Clerk session. */
export const SESSION_READERS = new Set(['auth', 'getAuth']);
const CLIENT_METHODS = new Set(['query', 'mutation', 'action']);

export type AnyFunction = t.Function;
type Call = t.CallExpression | t.OptionalCallExpression;

/** Where a node sits: its innermost function and the statement (in a block or the program) that holds it. */
interface Place {
  fn?: AnyFunction;
  statement?: t.Statement;
}

export interface ClientCall extends Place {
  node: Call;
  callee: t.MemberExpression | t.OptionalMemberExpression;
  client: string;
  method: 'query' | 'mutation' | 'action';
  /** The createServerFn(…).handler(fn) the call runs in, if any. */
  inServerFn: boolean;
}

export interface HttpClient {
  name: string;
  /** The function the client is made in; undefined at module scope (one client shared by every request). */
  fn?: AnyFunction;
  hasAuthOption: boolean;
}

interface TokenRead extends Place {
  /** The variable the token is stored in (`const token = await getToken(…)`), if it is one. */
  variable?: string;
}

export interface Facts {
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

export const isFunction = (n: t.Node): n is AnyFunction =>
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

export function canonical(rc: RuleContext, local: string): string {
  return canonicalName(local, rc.scan.imports.get(local));
}

export function importedFrom(rc: RuleContext, local: string, sources: readonly string[]): boolean {
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

export function collect(rc: RuleContext): Facts {
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

export const semi = (rc: RuleContext, stmt: t.Statement): string => (rc.scan.text[endOf(stmt) - 1] === ';' ? ';' : '');

export function within(inner: t.Node, outer: t.Node): boolean {
  return startOf(inner) >= startOf(outer) && endOf(inner) <= endOf(outer);
}
