// Building the models of a file's components and hooks: one pass over each one's hook calls and constants.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';
import { importRefersTo } from '../../modulePaths';
import { outermostFn, type FnInfo, type HookCall } from '../../scanRecords';
import { CLERK_ID_KEYS, CLERK_ORG_KEYS, CLERK_STATE_HOOKS, CLERK_STATE_KEYS } from '../clerkAuthFields';
import { isLocalModule, type RuleContext } from '../shared';
import { walkNodes } from '../../traverse';
import {
  CALL_HOOKS,
  fromClerkClient,
  fromConvex,
  QUERY_HOOKS,
  type ClerkSource,
  type ComponentModel,
  type FileComponents,
  type QueryUse,
} from './model';
import { clerkOnly, isSkip, readsOf, skipConditional } from './reads';

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
export function bodyStatements(fn: FnInfo): t.Statement[] {
  const body = fn.node.body;
  return body.type === 'BlockStatement' ? body.body : [];
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

const ORG_READ_BUDGET = 200;

/** Whether an expression reads the active organisation (`org.organization?.id`, `orgId`, a local holding it). */
function readsOrg(m: ComponentModel, expr: t.Node, orgLocals: ReadonlySet<string>): boolean {
  let budget = ORG_READ_BUDGET;
  let found = false;
  walkNodes(expr, (n, ancestors) => {
    if (found || --budget < 0) return false;
    const parent = ancestors[ancestors.length - 1];
    const isProperty =
      (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
      parent.property === n &&
      !parent.computed;
    if (n.type === 'Identifier' && !isProperty && orgLocals.has(n.name)) found = true;
    else if (
      (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') &&
      n.object.type === 'Identifier' &&
      n.property.type === 'Identifier' &&
      !n.computed &&
      CLERK_ORG_KEYS.has(n.property.name) &&
      m.clerkObjects.has(n.object.name)
    )
      found = true;
    return !found;
  });
  return found;
}

/** Assignments of the body's `let` locals in one statement of the body (plain, or under an `if`), with what they read. */
function assignedLets(s: t.Statement, lets: ReadonlyMap<string, unknown>): { name: string; values: t.Node[] }[] {
  const found: { name: string; values: t.Node[] }[] = [];
  const visit = (stmt: t.Statement | null | undefined, tests: t.Node[]): void => {
    if (!stmt) return;
    if (stmt.type === 'BlockStatement') for (const inner of stmt.body) visit(inner, tests);
    else if (stmt.type === 'IfStatement') {
      visit(stmt.consequent, [...tests, stmt.test]);
      visit(stmt.alternate, [...tests, stmt.test]);
    } else if (
      stmt.type === 'ExpressionStatement' &&
      stmt.expression.type === 'AssignmentExpression' &&
      stmt.expression.left.type === 'Identifier' &&
      lets.has(stmt.expression.left.name)
    )
      found.push({ name: stmt.expression.left.name, values: [...tests, stmt.expression.right] });
  };
  if (s.type === 'IfStatement' || s.type === 'ExpressionStatement') visit(s, []);
  return found;
}

/** Builds one component's model; `localHooks`: the file's own Clerk wrapper hooks known so far. */
export function buildModel(
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
  const orgLocals = new Set<string>();
  for (const source of m.clerk)
    for (const [local, key] of source.locals) if (CLERK_ORG_KEYS.has(key)) orgLocals.add(local);
  // A local that carries a Clerk id (`const id = isLoaded ? user?.id : undefined`) is an id, unless it may be the
  // organisation's (`org.organization?.id ?? user.user?.id`): a function given that checks membership by identity.
  const hold = (name: string, values: readonly t.Node[]): void => {
    const reads = new Set(values.flatMap((v) => [...readsOf(m, v)]));
    const org = values.some((v) => readsOrg(m, v, orgLocals));
    if (org) orgLocals.add(name);
    if (reads.has('convex')) m.holds.set(name, 'convex');
    else if (reads.has('clerkId') && !org) m.holds.set(name, 'clerkId');
    else if (reads.has('clerk') || reads.has('clerkId')) m.holds.set(name, 'clerk');
  };
  // Each `let`'s values so far: `let team; if (org.isLoaded) team = org.organization?.id;` follows its test and value.
  const lets = new Map<string, t.Node[]>();
  for (const s of bodyStatements(fn)) {
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        if (d.id.type !== 'Identifier') continue;
        if (s.kind === 'let') lets.set(d.id.name, d.init ? [d.init] : []);
        if (!d.init) continue;
        constants.set(d.id.name, d.init);
        if (calls.some((c) => c.node === unwrapTs(d.init as t.Node))) continue;
        hold(d.id.name, [d.init]);
      }
    } else if (lets.size) {
      for (const { name, values } of assignedLets(s, lets)) {
        const all = [...(lets.get(name) ?? []), ...values];
        lets.set(name, all);
        hold(name, all);
      }
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

export function buildFileComponents(rc: RuleContext): FileComponents {
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
