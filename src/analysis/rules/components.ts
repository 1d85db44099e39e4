// What each component (or custom hook) of a file does with Clerk's and Convex's auth state, read once and shared by
// the clerk-gate rule and the file's cross-file facts: which names hold Clerk's state (from useAuth/useUser, a
// wrapper hook of the project, a constant derived from them), which hold Convex's (useConvexAuth, a query's result),
// which Convex calls the component makes and when they run. Expressions are read through bounded walks.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../ast';
import { outermostFn, type ElementInfo, type FnInfo, type HookCall, type Scan } from '../scanRecords';
import { ENTER, walkNodes, WalkStack } from '../traverse';
import { importRefersTo } from '../modulePaths';
import { isLocalModule, remember, type RuleContext } from './shared';

/** Clerk hooks whose state people gate Convex calls on, and the keys of that state. */
export const CLERK_STATE_HOOKS: ReadonlySet<string> = new Set(['useAuth', 'useUser']);
export const CLERK_STATE_KEYS: ReadonlySet<string> = new Set([
  'isSignedIn',
  'isLoaded',
  'userId',
  'sessionId',
  'user',
  'orgId',
]);
/**
 * Keys that identify the user (and `user.id`): a call that passes one as an argument does not need Convex's auth
 * to work (the function takes the user from its arguments instead, which identity-from-args reports).
 */
const CLERK_ID_KEYS: ReadonlySet<string> = new Set(['userId', 'sessionId', 'orgId']);
const QUERY_HOOKS: ReadonlySet<string> = new Set(['useQuery', 'usePaginatedQuery']);
const CALL_HOOKS: ReadonlySet<string> = new Set(['useMutation', 'useAction']);
const EFFECT_HOOKS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect']);
/** How much of an expression a test reads: real tests are short. */
const READ_BUDGET = 200;

export const fromConvex = (source: string | undefined): boolean =>
  source === 'convex/react' || source?.startsWith('convex-helpers/') === true;
const fromClerkClient = (source: string | undefined): boolean =>
  source?.startsWith('@clerk/') === true && !source.endsWith('/server');

/** What a name holds: Clerk's signed-in state, a Clerk id, or Convex's side (its auth state, a query result). */
type Holds = 'clerk' | 'clerkId' | 'convex';

export interface ClerkSource {
  call: HookCall;
  /** The hook's name as written (`useAuth`, `useClerkAuth`). */
  hook: string;
  /** Locals destructured from it, by the key they hold. */
  locals: Map<string, string>;
  /** The local the whole state object is stored in (`const auth = useAuth()`). */
  object?: string;
  /** Keys that carry Clerk's state ('*': all). */
  keys: ReadonlySet<string>;
}

export interface QueryUse {
  call: HookCall;
  /** The local holding the result, if the result is stored in one. */
  result?: string;
  /** How the call is gated: not at all, on Convex's state, on Clerk's state only, or on something else. */
  gate: 'none' | 'convex' | 'clerk' | 'other';
  /** The test of the `"skip"` conditional, when there is one. */
  test?: t.Node;
  /** The arguments the query is given when it runs (not "skip"). */
  args?: t.Node;
  /** The arguments carry a Clerk id: the function takes the user from them, not from Convex's auth. */
  passesClerkId: boolean;
}

export interface ComponentModel {
  fn: FnInfo;
  clerk: ClerkSource[];
  /** Every local holding Clerk or Convex state, derived constants included. */
  holds: Map<string, Holds>;
  /** Locals naming objects whose `.key` holds Clerk's state, with those keys. */
  clerkObjects: Map<string, ReadonlySet<string>>;
  /** Locals naming useConvexAuth()'s object. */
  convexObjects: Set<string>;
  /** Locals holding Clerk's user object (`user.id` is the Clerk id). */
  userObjects: Set<string>;
  queries: QueryUse[];
  /** Locals of mutation/action functions, with their hook call. */
  calls: Map<string, HookCall>;
  /** The component calls Convex as soon as it mounts: an ungated query, or a mutation/action from an effect. */
  callsOnMount?: string;
  /** Its walk (walkComponent), made once. */
  walked?: ComponentWalk;
}

/** Locals holding the result of a query that runs whatever the auth state (not gated on it, not given a Clerk id). */
export function ungatedResults(m: ComponentModel): Set<string> {
  return new Set(
    m.queries
      .filter((q) => q.result && (q.gate === 'none' || q.gate === 'other') && !q.passesClerkId)
      .map((q) => q.result as string),
  );
}

/** The component's walk, with reads of its ungated query results; made once per component. */
export function walked(rc: RuleContext, m: ComponentModel): ComponentWalk {
  return (m.walked ??= walkComponent(m, ungatedResults(m), convexGateNodes(rc)));
}

const CONVEX_GATE_NAMES: ReadonlySet<string> = new Set(['Authenticated', 'Unauthenticated', 'AuthLoading']);

/** The file's Convex gate elements (<Authenticated>, <AuthLoading>, <Unauthenticated> from convex/react). */
function convexGateNodes(rc: RuleContext): ReadonlySet<t.Node> {
  return remember(rc, 'convexGateNodes', () => {
    const nodes = new Set<t.Node>();
    for (const el of rc.scan.elements)
      if (CONVEX_GATE_NAMES.has(el.canonical) && fromConvex(el.binding?.source)) nodes.add(el.node);
    return nodes;
  });
}

/** Walks an expression (a bounded number of nodes), calling `visit` on each with its parent. */
function eachNode(root: t.Node, visit: (n: t.Node, parent: t.Node | undefined) => void): void {
  let budget = READ_BUDGET;
  walkNodes(root, (node, ancestors) => {
    if (--budget < 0) return false;
    visit(node, ancestors[ancestors.length - 1]);
    return true;
  });
}

/** Which kinds of state an expression reads. */
export function readsOf(m: ComponentModel, expr: t.Node, asTest = false): Set<Holds> {
  const found = new Set<Holds>();
  if (expr === CONVEX_GATE) return found.add('convex');
  eachNode(expr, (n, parent) => {
    // In a test, a Clerk id compared with something (`pl.userId === user?.id`) matches identities; it says nothing of
    // whether anyone is signed in, so it does not gate (a bare `userId ? … : "skip"` does).
    if (asTest && isComparison(parent) && isIdRead(m, n)) return;
    if (n.type === 'Identifier') {
      // `user.id` is read as the Clerk id (below), not as the user's signed-in state.
      if (
        parent?.type.endsWith('MemberExpression') &&
        (parent as t.MemberExpression).object === n &&
        isIdMember(parent) &&
        m.userObjects.has(n.name)
      )
        return;
      // A member's property or an object key is a name, not a read.
      if (
        parent &&
        (((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
          parent.property === n &&
          !parent.computed) ||
          (parent.type === 'ObjectProperty' && parent.key === n && !parent.computed && !parent.shorthand))
      )
        return;
      const holds = m.holds.get(n.name);
      if (holds) found.add(holds);
    } else if (
      (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') &&
      n.object.type === 'Identifier' &&
      !n.computed &&
      n.property.type === 'Identifier'
    ) {
      if (isIdMember(n) && m.userObjects.has(n.object.name)) {
        found.add('clerkId');
        return;
      }
      const outer = parent && isIdMember(parent) ? parent : undefined;
      // `auth.user?.id` (useUser() kept whole): the user's id.
      if (outer && n.property.name === 'user' && m.clerkObjects.has(n.object.name)) {
        found.add('clerkId');
        return;
      }
      const keys = m.clerkObjects.get(n.object.name);
      if (keys && (keys.has('*') ? CLERK_STATE_KEYS.has(n.property.name) : keys.has(n.property.name)))
        found.add(CLERK_ID_KEYS.has(n.property.name) ? 'clerkId' : 'clerk');
      else if (m.convexObjects.has(n.object.name)) found.add('convex');
    }
  });
  return found;
}

function isComparison(n: t.Node | undefined): boolean {
  return n?.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(n.operator);
}

function isIdRead(m: ComponentModel, n: t.Node): boolean {
  if (n.type === 'Identifier') return m.holds.get(n.name) === 'clerkId';
  return (
    (isIdMember(n) &&
      (n as t.MemberExpression).object.type === 'Identifier' &&
      m.userObjects.has(((n as t.MemberExpression).object as t.Identifier).name)) ||
    (n.type === 'MemberExpression' &&
      !n.computed &&
      n.object.type === 'Identifier' &&
      n.property.type === 'Identifier' &&
      m.clerkObjects.has(n.object.name) &&
      CLERK_ID_KEYS.has(n.property.name))
  );
}

function isIdMember(n: t.Node): boolean {
  return (
    (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') &&
    !n.computed &&
    n.property.type === 'Identifier' &&
    n.property.name === 'id'
  );
}

/** A test reads Clerk's state and nothing of Convex's: Clerk alone decides. */
export function clerkOnly(m: ComponentModel, expr: t.Node): boolean {
  const reads = readsOf(m, expr, true);
  return (reads.has('clerk') || reads.has('clerkId')) && !reads.has('convex');
}

const isSkip = (n: t.Node | null | undefined): boolean =>
  !!n &&
  ((n.type === 'StringLiteral' && n.value === 'skip') ||
    (n.type === 'ArrayExpression' && n.elements.length === 1 && isSkip(n.elements[0])));

/** The `cond ? args : "skip"` a query argument is (through a spread, or a constant of the component). */
function skipConditional(
  arg: t.Node | undefined,
  constants: Map<string, t.Node>,
): { test: t.Node; args: t.Node } | undefined {
  if (!arg) return undefined;
  let e = unwrapTs(arg.type === 'SpreadElement' ? arg.argument : arg);
  if (e.type === 'ParenthesizedExpression') e = e.expression;
  if (e.type === 'Identifier' && constants.has(e.name)) e = unwrapTs(constants.get(e.name) as t.Node);
  if (e.type !== 'ConditionalExpression') return undefined;
  if (isSkip(e.alternate)) return { test: e.test, args: e.consequent };
  if (isSkip(e.consequent)) return { test: e.test, args: e.alternate };
  return undefined;
}

function destructured(id: t.Node): Map<string, string> | undefined {
  if (id.type !== 'ObjectPattern') return undefined;
  const locals = new Map<string, string>();
  for (const p of id.properties) {
    if (p.type !== 'ObjectProperty') continue;
    const key = keyName(p);
    const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    if (key && value.type === 'Identifier') locals.set(value.name, key);
  }
  return locals;
}

/** The top-level statements of a function's body (an expression body has none). */
function bodyStatements(fn: FnInfo): t.Statement[] {
  const body = fn.node.body;
  return body.type === 'BlockStatement' ? body.body : [];
}

export interface FileComponents {
  /** A model of each component or hook that reads Clerk's state or calls a mutation/action (the ones rules read). */
  models: Map<FnInfo, ComponentModel>;
  /** Every component's and hook's calls of the hooks the scan records. */
  calls: Map<FnInfo, HookCall[]>;
  /** Components and hooks defined in the file, by name (the outermost functions only). */
  byName: Map<string, FnInfo>;
  /** Local wrapper hooks returning Clerk's state: the keys each returns. */
  localClerkHooks: Map<string, ReadonlySet<string>>;
}

/** The Clerk-state keys a wrapper hook returns, or undefined when it returns none (or mixes in Convex's state). */
function returnedClerkKeys(m: ComponentModel): ReadonlySet<string> | undefined {
  const body = m.fn.node.body;
  const returned: t.Node[] = [];
  if (body.type !== 'BlockStatement') returned.push(body);
  else for (const s of body.body) if (s.type === 'ReturnStatement' && s.argument) returned.push(s.argument);
  const keys = new Set<string>();
  for (const r of returned) {
    const e = unwrapTs(r);
    if (e.type === 'CallExpression' && e.callee.type === 'Identifier') {
      const source = m.clerk.find((c) => c.call.node === e);
      if (source) for (const k of source.keys) keys.add(k);
    } else if (e.type === 'Identifier' && m.clerkObjects.has(e.name)) {
      for (const k of m.clerkObjects.get(e.name) ?? []) keys.add(k);
    } else if (e.type === 'ObjectExpression') {
      for (const p of e.properties) {
        if (p.type === 'SpreadElement' && p.argument.type === 'Identifier' && m.clerkObjects.has(p.argument.name)) {
          for (const k of m.clerkObjects.get(p.argument.name) ?? []) keys.add(k);
        } else if (p.type === 'ObjectProperty') {
          const key = keyName(p);
          if (key && clerkOnly(m, p.value)) keys.add(key);
        }
      }
    }
  }
  return keys.size ? keys : undefined;
}

function clerkHookKeys(
  rc: RuleContext,
  call: HookCall,
  local: Map<string, ReadonlySet<string>>,
): ReadonlySet<string> | undefined {
  const source = call.binding?.source;
  if (CLERK_STATE_HOOKS.has(call.canonical) && fromClerkClient(source)) return new Set(['*']);
  if (!call.binding) return local.get(call.name);
  if (!isLocalModule(rc.context, source ?? '')) return undefined;
  const hooks = rc.context.clerkAuthHooks?.filter((h) => h.exportName === call.binding?.imported);
  if (!hooks?.length) return undefined;
  const known = hooks.map((h) => h.path);
  const match = hooks.find((h) =>
    importRefersTo(rc.scan.fileName, call.binding?.source ?? '', h.path, rc.context.moduleAliases, known),
  );
  return match ? new Set(match.keys) : undefined;
}

/** Builds one component's model; `localHooks`: the file's own Clerk wrapper hooks known so far. */
function buildModel(
  rc: RuleContext,
  fn: FnInfo,
  calls: HookCall[],
  localHooks: Map<string, ReadonlySet<string>>,
): ComponentModel {
  const m: ComponentModel = {
    fn,
    clerk: [],
    holds: new Map(),
    clerkObjects: new Map(),
    convexObjects: new Set(),
    userObjects: new Set(),
    queries: [],
    calls: new Map(),
  };
  // The declaration a hook's value goes into, through TypeScript wrappers (`useQuery(…) as Row[] | undefined`).
  const declarators = new Map<t.Node, t.VariableDeclarator>();
  for (const s of bodyStatements(fn))
    if (s.type === 'VariableDeclaration')
      for (const d of s.declarations) if (d.init) declarators.set(unwrapTs(d.init), d);
  const declOf = (c: HookCall): t.VariableDeclarator | undefined =>
    c.parent?.type === 'VariableDeclarator' && c.parent.init === c.node ? c.parent : declarators.get(c.node);
  // Hooks first (they are called at the top of the body), then constants derived from them, in order.
  for (const c of calls) {
    const decl = declOf(c);
    const keys = c.binding?.source?.startsWith('convex') ? undefined : clerkHookKeys(rc, c, localHooks);
    if (keys) {
      const locals = decl ? (destructured(decl.id) ?? new Map<string, string>()) : new Map<string, string>();
      const source: ClerkSource = { call: c, hook: c.name, locals, keys };
      if (decl?.id.type === 'Identifier') {
        source.object = decl.id.name;
        m.clerkObjects.set(decl.id.name, keys);
      }
      for (const [local, key] of locals) {
        if (keys.has('*') ? CLERK_STATE_KEYS.has(key) : keys.has(key))
          m.holds.set(local, CLERK_ID_KEYS.has(key) ? 'clerkId' : 'clerk');
        if (key === 'user') m.userObjects.add(local);
      }
      m.clerk.push(source);
    } else if (c.canonical === 'useConvexAuth' && fromConvex(c.binding?.source)) {
      const locals = decl && destructured(decl.id);
      for (const local of locals?.keys() ?? []) m.holds.set(local, 'convex');
      if (decl?.id.type === 'Identifier') m.convexObjects.add(decl.id.name);
    } else if (CALL_HOOKS.has(c.canonical) && fromConvex(c.binding?.source)) {
      if (decl?.id.type === 'Identifier') m.calls.set(decl.id.name, c);
    }
  }
  // A query's result is Convex's side (waiting for it waits for Convex), unless Clerk's state gates the query: marked
  // before the constants derived from it are read, and taken back below for a Clerk-gated query.
  for (const c of calls) {
    if (!QUERY_HOOKS.has(c.canonical) || !fromConvex(c.binding?.source)) continue;
    const decl = declOf(c);
    if (decl?.id.type === 'Identifier') m.holds.set(decl.id.name, 'convex');
  }
  const constants = new Map<string, t.Node>();
  for (const s of bodyStatements(fn)) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      constants.set(d.id.name, d.init);
      if (calls.some((c) => c.node === unwrapTs(d.init as t.Node))) continue;
      // A constant that carries a Clerk id (`const orgId = isLoaded ? org?.id ?? user?.id : undefined`) is an id.
      const reads = readsOf(m, d.init);
      if (reads.has('convex')) m.holds.set(d.id.name, 'convex');
      else if (reads.has('clerkId')) m.holds.set(d.id.name, 'clerkId');
      else if (reads.has('clerk')) m.holds.set(d.id.name, 'clerk');
    }
  }
  for (const c of calls) {
    if (!QUERY_HOOKS.has(c.canonical) || !fromConvex(c.binding?.source)) continue;
    const decl = declOf(c);
    const conditional = skipConditional(c.node.arguments[1], constants);
    const use: QueryUse = { call: c, gate: 'none', passesClerkId: false };
    if (decl?.id.type === 'Identifier') use.result = decl.id.name;
    if (conditional) {
      const reads = readsOf(m, conditional.test);
      use.test = conditional.test;
      use.args = conditional.args;
      use.gate = reads.has('convex') ? 'convex' : reads.has('clerk') || reads.has('clerkId') ? 'clerk' : 'other';
      use.passesClerkId = readsOf(m, conditional.args).has('clerkId');
    } else if (isSkip(c.node.arguments[1])) {
      use.gate = 'other'; // never sent
    } else if (c.node.arguments[1]) {
      use.args = c.node.arguments[1];
      use.passesClerkId = readsOf(m, c.node.arguments[1]).has('clerkId');
    }
    if (use.result && use.gate === 'clerk') m.holds.delete(use.result);
    m.queries.push(use);
  }
  return m;
}

/** Whether a function is the callback of useEffect/useLayoutEffect. */
function isEffectCallback(node: t.Node, parent: t.Node | undefined): boolean {
  if (parent?.type !== 'CallExpression' || parent.arguments[0] !== node) return false;
  const callee = parent.callee;
  if (callee.type === 'Identifier') return EFFECT_HOOKS.has(callee.name);
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    EFFECT_HOOKS.has(callee.property.name)
  );
}

/** A guard that stands for a Convex gate element around a node: Convex's state decides there. */
export const CONVEX_GATE = { type: 'Noop' } as t.Node;
const NO_NODES: ReadonlySet<t.Node> = new Set();

export interface CallSite {
  /** The call of the mutation/action function (inside a local function the effect calls, if so). */
  node: t.CallExpression;
  hook: HookCall;
  /** The tests that must hold for it to run (enclosing conditions and earlier early returns). */
  guards: t.Node[];
}

export interface ComponentWalk {
  /** Calls of the component's mutation/action functions that run from an effect (directly or via a local function). */
  effectCalls: CallSite[];
  /** Reads of a local inside JSX, with the tests they render under. */
  jsxReads: { node: t.Identifier; guards: t.Node[] }[];
  /** Component elements, with the tests they render under. */
  elements: { node: t.JSXElement; guards: t.Node[] }[];
}

const exitsBlock = (s: t.Statement): boolean => {
  const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
};

/**
 * One walk of a component's body keeping the tests each node runs under: the conditions around it and the early
 * returns before it in its block (`if (!isSignedIn) return …` guards the rest of the block). Calls from event
 * handlers are not effect calls: they run when the user acts, long after auth settles.
 */
export function walkComponent(
  m: ComponentModel,
  reads: ReadonlySet<string>,
  convexGates: ReadonlySet<t.Node> = NO_NODES,
): ComponentWalk {
  const out: ComponentWalk = { effectCalls: [], jsxReads: [], elements: [] };
  const viaLocal = new Map<string, CallSite[]>();
  const localCalls: { name: string; guards: t.Node[] }[] = [];
  const stack = new WalkStack(m.fn.node.body);
  const ancestors: t.Node[] = [];
  const guards: t.Node[] = [];
  const restore: number[] = [];
  const localFns: (string | undefined)[] = [];
  let effectDepth = 0;
  let jsxDepth = 0;
  while (stack.next()) {
    const node = stack.node;
    if (stack.phase !== ENTER) {
      ancestors.pop();
      guards.length = restore.pop() ?? guards.length;
      if (stack.phase & 2) effectDepth--;
      if (stack.phase & 4) localFns.pop();
      if (stack.phase & 8) jsxDepth--;
      continue;
    }
    const parent = ancestors[ancestors.length - 1];
    const mark = guards.length;
    if (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') {
      if (node === parent.consequent || node === parent.alternate) guards.push(parent.test);
    } else if (parent?.type === 'LogicalExpression' && node === parent.right) guards.push(parent.left);
    let phase = 1;
    if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') {
      if (isEffectCallback(node, parent)) {
        effectDepth++;
        phase |= 2;
      } else {
        const holder = parent?.type === 'CallExpression' ? ancestors[ancestors.length - 2] : parent;
        localFns.push(
          holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' ? holder.id.name : undefined,
        );
        phase |= 4;
      }
    } else if (node.type === 'FunctionDeclaration') {
      localFns.push(node.id?.name);
      phase |= 4;
    } else if (node.type === 'JSXElement' || node.type === 'JSXFragment') {
      if (node.type === 'JSXElement') out.elements.push({ node, guards: [...guards] });
      jsxDepth++;
      phase |= 8;
      // Below <Authenticated>/<AuthLoading>/<Unauthenticated>, Convex decides what renders.
      if (node.type === 'JSXElement' && convexGates.has(node)) guards.push(CONVEX_GATE);
    } else if (node.type === 'Identifier' && jsxDepth > 0 && reads.has(node.name)) {
      const isName =
        (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
        parent.property === node &&
        !parent.computed;
      if (!isName) out.jsxReads.push({ node, guards: [...guards] });
    } else if (node.type === 'CallExpression' && node.callee.type === 'Identifier') {
      const hook = m.calls.get(node.callee.name);
      const owner = localFns[localFns.length - 1];
      if (hook) {
        const site = { node, hook, guards: [...guards] };
        if (effectDepth > 0) out.effectCalls.push(site);
        else if (owner) viaLocal.set(owner, [...(viaLocal.get(owner) ?? []), site]);
      } else if (effectDepth > 0) localCalls.push({ name: node.callee.name, guards: [...guards] });
    }
    if (node.type === 'IfStatement' && parent?.type === 'BlockStatement' && exitsBlock(node.consequent)) {
      // The rest of the block runs only when the early exit did not: kept until the block is left.
      restore.push(guards.length + 1);
      guards.push(node.test);
    } else restore.push(mark);
    ancestors.push(node);
    stack.descend(phase);
  }
  for (const call of localCalls)
    for (const site of viaLocal.get(call.name) ?? [])
      out.effectCalls.push({ ...site, guards: [...call.guards, ...site.guards] });
  return out;
}

/** Every call of the component's mutation/action functions that runs from an effect, with its guards. */
export function effectCalls(rc: RuleContext, m: ComponentModel): CallSite[] {
  return m.calls.size === 0 ? [] : walked(rc, m).effectCalls;
}

/** The file's elements by their JSX node. */
export function elementsByNode(rc: RuleContext): Map<t.JSXElement, ElementInfo> {
  return remember(rc, 'elementsByNode', () => new Map(rc.scan.elements.map((el) => [el.node, el])));
}

/** The components and hooks of the file, each read once. */
export function fileComponents(rc: RuleContext): FileComponents {
  return remember(rc, 'fileComponents', () => buildFileComponents(rc));
}

/** Whether a component needs a model: it reads Clerk's state (or a wrapper's), or calls a mutation or action. */
function needsModel(
  rc: RuleContext,
  calls: readonly HookCall[],
  localHooks: Map<string, ReadonlySet<string>>,
): boolean {
  const wrappers = rc.context.clerkAuthHooks;
  return calls.some(
    (c) =>
      (CLERK_STATE_HOOKS.has(c.canonical) && fromClerkClient(c.binding?.source)) ||
      (CALL_HOOKS.has(c.canonical) && fromConvex(c.binding?.source)) ||
      (!c.binding && localHooks.has(c.name)) ||
      (c.binding !== undefined && !!wrappers?.some((w) => w.exportName === c.binding?.imported)),
  );
}

function buildFileComponents(rc: RuleContext): FileComponents {
  const { scan } = rc;
  const byFn = new Map<FnInfo, HookCall[]>();
  const byName = new Map<string, FnInfo>();
  const name = (fn: FnInfo | undefined): void => {
    const root = outermostFn(fn);
    if (root?.name && !byName.has(root.name)) byName.set(root.name, root);
  };
  for (const c of scan.hookCalls) {
    if (!c.fn) continue;
    const list = byFn.get(c.fn);
    if (list) list.push(c);
    else {
      byFn.set(c.fn, [c]);
      name(c.fn);
    }
  }
  for (const el of scan.elements) name(el.fn);
  const models = new Map<FnInfo, ComponentModel>();
  const localClerkHooks = new Map<string, ReadonlySet<string>>();
  // Wrapper hooks first (a file defines them before or after use alike): two rounds reach a wrapper of a wrapper.
  for (let round = 0; round < 2; round++) {
    for (const [fn, calls] of byFn) {
      if (!fn.name?.startsWith('use') || !needsModel(rc, calls, localClerkHooks)) continue;
      const keys = returnedClerkKeys(buildModel(rc, fn, calls, localClerkHooks));
      if (keys) localClerkHooks.set(fn.name, keys);
    }
  }
  // Most components only query (or gate on Convex): they need no model, only whether a query runs ungated.
  for (const [fn, calls] of byFn)
    if (needsModel(rc, calls, localClerkHooks)) models.set(fn, buildModel(rc, fn, calls, localClerkHooks));
  return { models, calls: byFn, byName, localClerkHooks };
}

const NO_CONSTANTS = new Map<string, t.Node>();

/** The first query of a component without a model that runs whatever the auth state (no "skip" at all). */
function ungatedQuery(fn: FnInfo, calls: readonly HookCall[]): HookCall | undefined {
  return calls.find((c) => {
    if (!QUERY_HOOKS.has(c.canonical) || !fromConvex(c.binding?.source)) return false;
    const arg = c.node.arguments[1];
    if (isSkip(arg)) return false;
    // `useQuery(api.x, args)` with `const args = ok ? {…} : "skip"` in the component: read through the constant.
    const constants = arg?.type === 'Identifier' ? topConstants(fn) : NO_CONSTANTS;
    return !skipConditional(arg, constants);
  });
}

function topConstants(fn: FnInfo): Map<string, t.Node> {
  const constants = new Map<string, t.Node>();
  for (const s of bodyStatements(fn)) {
    if (s.type !== 'VariableDeclaration') continue;
    for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init) constants.set(d.id.name, d.init);
  }
  return constants;
}

/** A component's model, made on demand for one that has none yet (it only queries, say). */
export function modelOf(rc: RuleContext, fn: FnInfo): ComponentModel | undefined {
  const files = fileComponents(rc);
  let m = files.models.get(fn);
  const calls = files.calls.get(fn);
  if (!m && calls) {
    m = buildModel(rc, fn, calls, files.localClerkHooks);
    files.models.set(fn, m);
  }
  return m;
}

/** Why a component calls Convex as soon as it mounts (for messages), or undefined when it does not. */
export function mountCall(rc: RuleContext, m: ComponentModel): string | undefined {
  if (m.callsOnMount !== undefined) return m.callsOnMount || undefined;
  const query = m.queries.find((q) => q.gate === 'none' && !q.passesClerkId);
  const effect = query ? undefined : effectCalls(rc, m).find((s) => !s.guards.some((g) => readsOf(m, g).has('convex')));
  m.callsOnMount = query
    ? `${query.call.name}(${apiText(query.call.node.arguments[0])})`
    : effect
      ? `${effect.hook.name} from an effect`
      : '';
  return m.callsOnMount || undefined;
}

function apiText(n: t.Node | undefined): string {
  if (!n) return '';
  const parts: string[] = [];
  let cur: t.Node = n;
  while (cur.type === 'MemberExpression' && !cur.computed && cur.property.type === 'Identifier' && parts.length < 8) {
    parts.unshift(cur.property.name);
    cur = cur.object;
  }
  if (cur.type === 'Identifier') parts.unshift(cur.name);
  return parts.length ? parts.join('.') : '…';
}

/**
 * Components of this file that call Convex on mount, directly or by rendering (through this file's components)
 * one that does, here or in a file the index knows: the component → what it calls, for messages.
 */
export function mountingComponents(rc: RuleContext): Map<FnInfo, string> {
  return remember(rc, 'mountingComponents', () => {
    const { models, calls, byName } = fileComponents(rc);
    const result = new Map<FnInfo, string>();
    for (const [fn, list] of calls) {
      const m = models.get(fn);
      const query = m ? undefined : ungatedQuery(fn, list);
      const why = m ? mountCall(rc, m) : query && `${query.name}(${apiText(query.node.arguments[0])})`;
      const root = outermostFn(fn);
      if (why && root && !result.has(root)) result.set(root, why);
    }
    // Renders: an element of a component that mounts a Convex caller makes its own component one (to a fixpoint).
    let changed = true;
    for (let round = 0; changed && round < 8; round++) {
      changed = false;
      for (const el of rc.scan.elements) {
        const owner = outermostFn(el.fn);
        if (!owner || result.has(owner) || underConvexGate(rc, el)) continue;
        const why = elementMounts(rc, el, byName, result);
        if (why) {
          result.set(owner, why);
          changed = true;
        }
      }
    }
    return result;
  });
}

/** Whether an element sits below a Convex gate element (a bounded number of levels up). */
function underConvexGate(rc: RuleContext, el: ElementInfo): boolean {
  const gates = convexGateNodes(rc);
  if (gates.size === 0) return false;
  let depth = 0;
  for (let up = el.parent; up && depth < 200; up = up.parent, depth++) if (gates.has(up.node)) return true;
  return false;
}

/** What Convex call an element mounts: a component of this file, or of another file the index knows. */
export function elementMounts(
  rc: RuleContext,
  el: ElementInfo,
  byName: Map<string, FnInfo>,
  local: Map<FnInfo, string>,
): string | undefined {
  if (!el.binding) {
    const fn = byName.get(el.name);
    const why = fn && local.get(fn);
    return why ? `<${el.name}> (${why})` : undefined;
  }
  const source = el.binding.source;
  if (!isLocalModule(rc.context, source)) return undefined;
  const candidates = rc.context.convexCallComponents?.filter((c) => c.exportName === el.binding?.imported);
  if (!candidates?.length) return undefined;
  const known = candidates.map((c) => c.path);
  const match = candidates.find((c) =>
    importRefersTo(rc.scan.fileName, source, c.path, rc.context.moduleAliases, known),
  );
  return match ? `<${el.name}> (${match.why ?? 'a Convex call'} in ${match.path})` : undefined;
}

/** The exported names of a function of this file (`default` included). */
export function exportNames(scan: Scan, fn: FnInfo): string[] {
  const names: string[] = [];
  if (fn.node === scan.defaultExportedFunction) names.push('default');
  if (fn.name) for (const n of scan.exportsByLocal.get(fn.name) ?? []) if (!names.includes(n)) names.push(n);
  return names;
}
