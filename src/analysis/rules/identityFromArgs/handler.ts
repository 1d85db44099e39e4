// What a handler does with its user arguments: where each goes (a database call, a helper), and what binds it
// to the caller.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';
import { visitChildren, walkNodes } from '../../traverse';
import { PUBLIC_FIELDS, returnShape } from '../identityArgShapes';
import { callerTest, checksAccess, readsCallerIn, readsIdentity, type HelperLookup } from './caller';
import { carrierOf } from './carriers';
import { boundNames, existenceTest, mentions } from './mentions';
import { rootOf, stopsOnTrue } from './compared';
import { leaves, type Placed } from './paths';
import { ArgFirstBranches, argFirst } from './prefers';
import type { PublicFunction } from './publicFunctions';
import { rootsAtDb, sinkOf, type Sink } from './sinks';
import { holdsUser, keysUsersByEmail, onlyExcludes, slotOf, tableOf } from './slots';

/** Array methods whose callback picks rows: a comparison in it reads rows by the value compared. */
const PICKS: ReadonlySet<string> = new Set(['filter', 'find', 'findLast', 'findIndex', 'some', 'every']);

/** A use of a user argument, placed in the handler (paths.ts). */
export interface ArgUse extends Placed {
  sink?: Sink;
}

export interface HandlerFacts {
  /** Uses of each user argument: where it is read, and whether that read is inside a database call or a helper. */
  refs: Map<string, ArgUse[]>;
  /**
   * Uses of locals that carry a user argument (`const votes = [...poll.votes]; votes.push({ userId: args.userId })`)
   * in a database call or helper: the argument reaches it through them. Not edited by the fix (the argument is).
   */
  carried: Map<string, (ArgUse & { sink: Sink })[]>;
  /** The whole `args` object handed to a database write (`ctx.db.insert("users", args)`). */
  wholeArgsWrite?: t.Node;
  wholeArgsPath?: readonly t.Node[];
  /** The database call of that write. */
  wholeArgsCall?: t.Node;
  /** User arguments seen filling a field that holds a user (`{ userId: a.subject }`, `q.eq("clerkId", a.subject)`). */
  heldAsUser: Set<string>;
  accessCheck: boolean;
  identityInDb: boolean;
  bound: Set<string>;
  /**
   * Where the handler shows it acts as the caller, for every argument: an access check, the identity used in the
   * database, an owner check of a row against the caller that stops on a mismatch. A use apart from all of them
   * (paths.ts) is not covered by any.
   */
  clears: Placed[];
  /** Where each argument is compared with the caller (its binding). */
  boundAt: Map<string, Placed[]>;
  /** Locals of the identity (`const identity = await ctx.auth.getUserIdentity()`), with their declarations. */
  identities: Map<string, t.VariableDeclarator>;
  /** A return of an object literal built only from public profile fields. */
  returnsPublicOnly: boolean;
  returnsOther: boolean;
  /** Arguments the handler takes in preference to the caller whenever they are sent (prefers.ts). */
  prefers: Set<string>;
  /**
   * The handler keeps the caller read from ctx.auth in a local: getUserIdentity() itself, or a helper handed ctx (or
   * ctx.auth) whose body is seen to read it. A user argument beside it may name another user the caller acts on.
   */
  readsCaller: boolean;
}

export function paramName(p: t.Node | undefined): string | undefined {
  return p?.type === 'Identifier' ? p.name : undefined;
}

export function readHandler(
  fn: PublicFunction,
  names: readonly string[],
  helper: HelperLookup = () => undefined,
): HandlerFacts {
  const handler = fn.handler;
  const ctxParam = handler.params[0];
  const ctx = paramName(ctxParam);
  const db =
    ctxParam?.type === 'ObjectPattern'
      ? ctxParam.properties
          .map((p) =>
            p.type === 'ObjectProperty' && keyName(p) === 'db' && p.value.type === 'Identifier'
              ? p.value.name
              : undefined,
          )
          .find(Boolean)
      : undefined;
  const argsParam = handler.params[1];
  const argsName = paramName(argsParam);
  // Local name → the user argument it holds.
  const locals = new Map<string, string>();
  if (argsParam?.type === 'ObjectPattern') {
    for (const p of argsParam.properties) {
      const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
      if (p.type === 'ObjectProperty' && key && names.includes(key) && p.value.type === 'Identifier')
        locals.set(p.value.name, key);
    }
  }
  const facts: HandlerFacts = {
    refs: new Map(names.map((n) => [n, []])),
    carried: new Map(names.map((n) => [n, []])),
    accessCheck: false,
    identityInDb: false,
    bound: new Set(),
    clears: [],
    boundAt: new Map(),
    heldAsUser: new Set(),
    identities: new Map(),
    returnsPublicOnly: false,
    returnsOther: false,
    prefers: new Set(),
    readsCaller: false,
  };
  const branches = new ArgFirstBranches();
  const callerLocals = new Set<string>();
  /** Locals built to carry a user argument into a later write (`votes.push({ userId })`), by the argument. */
  const carriers = new Map<string, string>();
  /** Rows fetched with a user argument, by the argument. */
  const rowsOf = new Map<string, string>();
  /** The first user argument an expression reads (a bounded look). */
  const argIn = (root: t.Node): string | undefined => {
    const todo: t.Node[] = [root];
    for (let i = 0; i < 200 && todo.length; i++) {
      const n = todo.pop() as t.Node;
      const found = userOf(n);
      if (found) return found;
      visitChildren(n, (c) => {
        if (c) todo.push(c);
      });
    }
    return undefined;
  };
  /** Locals holding a row read from the database (`const chat = await ctx.db.get(id)`). */
  const rowLocals = new Set<string>();
  /** Callback parameters that hold each of the rows read (`teams.filter((t) => …)`), with that call. */
  const pickedBy = new Map<string, t.CallExpression>();
  const sinkAt = (compare: t.Node, row: t.Node, check: boolean): Sink => {
    const e = rootOf(row);
    const pick = e.type === 'Identifier' ? pickedBy.get(e.name) : undefined;
    return { node: compare, write: false, ...(pick ? { inJs: pick } : {}), ...(check ? { check } : {}) };
  };
  /** `user.clerkId` of a row fetched with a user argument: that argument. */
  const rowArg = (n: t.Node): string | undefined => {
    const e = rootOf(n);
    return e.type === 'Identifier' ? rowsOf.get(e.name) : undefined;
  };
  const readsRow = (n: t.Node): boolean => {
    const e = rootOf(n);
    return e.type === 'Identifier' && rowLocals.has(e.name);
  };
  const userOf = (n: t.Node): string | undefined => {
    const e = unwrapTs(n);
    if (e.type === 'Identifier') return locals.get(e.name);
    if (
      (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') &&
      !e.computed &&
      e.property.type === 'Identifier' &&
      e.object.type === 'Identifier' &&
      e.object.name === argsName &&
      names.includes(e.property.name)
    )
      return e.property.name;
    return undefined;
  };
  const callerValue = callerTest(ctx, argsName, helper, callerLocals);

  const clear = (node: t.Node, ancestors: readonly t.Node[], access = false): void => {
    if (access) facts.accessCheck = true;
    facts.clears.push({ node, path: [...ancestors] });
  };
  const bind = (arg: string, node: t.Node, ancestors: readonly t.Node[]): void => {
    facts.bound.add(arg);
    facts.boundAt.set(arg, [...(facts.boundAt.get(arg) ?? []), { node, path: [...ancestors] }]);
  };
  /** A test that fails when a row read is not the caller's: `!team || team.ownerId !== user._id`. */
  const ownerTest = (test: t.Node, depth = 0): boolean => {
    const e = unwrapTs(test);
    if (e.type === 'LogicalExpression' && e.operator === '||' && depth < 8)
      return ownerTest(e.left, depth + 1) || ownerTest(e.right, depth + 1);
    if (e.type !== 'BinaryExpression' || (e.operator !== '!==' && e.operator !== '!=')) return false;
    return (callerValue(e.left) && readsRow(e.right)) || (callerValue(e.right) && readsRow(e.left));
  };
  /** Locals whose value came from the database or a helper handed ctx (rows, or values made from them). */
  const fromRows = new Set<string>();
  const fromDb = (name: string): boolean => fromRows.has(name) || rowLocals.has(name) || name === ctx || name === db;
  const taints = (root: t.Node): boolean => mentions(root, fromDb);

  walkNodes(handler.body, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (node.type === 'VariableDeclarator' && node.init && taints(node.init))
      for (const name of boundNames(node.id)) fromRows.add(name);
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && taints(node.right))
      fromRows.add(node.left.name);
    if (node.type === 'VariableDeclarator' && node.init) {
      if (node.id.type === 'Identifier' && rootsAtDb(node.init, ctx, db)) {
        rowLocals.add(node.id.name);
        // `const user = await ctx.db.get(args.userId)`: the row stands for the argument (its owner check binds it).
        const arg = argIn(node.init);
        if (arg) rowsOf.set(node.id.name, arg);
      }
      if (callerValue(node.init)) {
        if (node.id.type === 'Identifier') {
          callerLocals.add(node.id.name);
          if (readsIdentity(node.init)) facts.identities.set(node.id.name, node);
        } else if (node.id.type === 'ObjectPattern') {
          for (const p of node.id.properties)
            if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') callerLocals.add(p.value.name);
        }
      } else if (node.id.type === 'ObjectPattern' && unwrapTs(node.init).type === 'Identifier') {
        // `const { userId } = args`
        const from = unwrapTs(node.init) as t.Identifier;
        if (from.name === argsName)
          for (const p of node.id.properties) {
            const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
            if (p.type === 'ObjectProperty' && key && names.includes(key) && p.value.type === 'Identifier')
              locals.set(p.value.name, key);
          }
      } else if (node.id.type === 'Identifier' && userOf(node.init)) {
        locals.set(node.id.name, userOf(node.init) as string);
      } else if (node.id.type === 'Identifier') {
        const preferred = argFirst(node.init, userOf, argIn, callerValue);
        if (preferred) locals.set(node.id.name, preferred);
        if (preferred) facts.prefers.add(preferred);
      }
    }
    // `uid = args.userId` (an `if` on the argument, the caller in its `else`): the local holds the argument.
    if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'Identifier') {
      const local = node.left.name;
      const arg = userOf(node.right) ?? argFirst(node.right, userOf, argIn, callerValue);
      if (arg) {
        locals.set(local, arg);
        if (!userOf(node.right)) facts.prefers.add(arg);
        branches.assignedArg(local, arg, ancestors, argIn);
      } else if (callerValue(node.right)) branches.assignedCaller(local, ancestors);
    }
    if (node.type === 'CallExpression' && checksAccess(node, ctx, helper, callerValue)) clear(node, ancestors, true);
    // Kept in a local (`const identity = await ctx.auth.getUserIdentity()`): the handler has the caller at hand. A
    // bare `await requireUser(ctx)` only requires sign-in.
    if (node.type === 'VariableDeclarator' && node.init && !facts.readsCaller)
      facts.readsCaller = readsCallerIn(node.init, ctx, helper);
    // `if (team.ownerId !== user._id) throw …`: the handler acts as the caller on a row it checked the caller owns.
    if (node.type === 'IfStatement' && leaves(node.consequent) && ownerTest(node.test)) clear(node, ancestors);
    // `rows.filter((r) => …)` over rows read from the database: its parameter is each row.
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      node.callee.property.type === 'Identifier' &&
      PICKS.has(node.callee.property.name) &&
      readsRow(node.callee.object)
    ) {
      const cb = node.arguments[0];
      const param =
        cb && (cb.type === 'ArrowFunctionExpression' || cb.type === 'FunctionExpression') ? cb.params[0] : undefined;
      if (param?.type === 'Identifier') {
        rowLocals.add(param.name);
        pickedBy.set(param.name, node);
      }
    }
    // `row.members.includes(a.userId)`: a membership test of the row against the caller's claim.
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'MemberExpression' &&
      !node.callee.computed &&
      node.callee.property.type === 'Identifier' &&
      node.callee.property.name === 'includes' &&
      node.arguments[0] &&
      readsRow(node.callee.object)
    ) {
      const arg = userOf(node.arguments[0]);
      // `if (!row.members.includes(a.userId)) throw …`: an access check on the claim.
      const check =
        parent?.type === 'UnaryExpression' && parent.operator === '!' && stopsOnTrue(parent, ancestors.slice(0, -1));
      const sink = sinkAt(node, node.callee.object, check);
      if (arg) facts.refs.get(arg)?.push({ node: node.arguments[0], path: [...ancestors, node], sink });
    }
    if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
      const l = userOf(node.left) ?? rowArg(node.left);
      const r = userOf(node.right) ?? rowArg(node.right);
      // `if (a.userId === me._id) throw …` tells the argument is someone else: no binding.
      const other = parent?.type === 'IfStatement' && parent.test === node && leaves(parent.consequent);
      const binds = !(other && (node.operator === '===' || node.operator === '=='));
      if (binds && l && callerValue(node.right)) bind(l, node, ancestors);
      if (binds && r && callerValue(node.left)) bind(r, node, ancestors);
      // `row.userId !== args.userId`: an owner check against the caller's claim filters what a read returns, or,
      // when the handler stops on a mismatch, lets the claim through an access check.
      const check = (node.operator === '!==' || node.operator === '!=') && stopsOnTrue(node, ancestors);
      if (l && readsRow(node.right))
        facts.refs.get(l)?.push({ node: node.left, path: [...ancestors, node], sink: sinkAt(node, node.right, check) });
      if (r && readsRow(node.left))
        facts.refs.get(r)?.push({ node: node.right, path: [...ancestors, node], sink: sinkAt(node, node.left, check) });
    }
    if (node.type === 'ReturnStatement' && node.argument) {
      const shape = returnShape(node.argument, PUBLIC_FIELDS);
      // A query's return built without the rows read (`{ available: false, error: "taken" }`) tells nothing of
      // them. Not a mutation's or an action's: what it reads may still decide what it writes (runMutation).
      const rowFree = shape === 'other' && fn.kind === 'query' && !mentions(node.argument, fromDb, existenceTest);
      if (shape === 'public' || rowFree) facts.returnsPublicOnly = true;
      else if (shape === 'other') facts.returnsOther = true;
    }
    // A read of a user argument (or of the identity): which database call or helper, if any, it flows into.
    const user = node.type === 'Identifier' || node.type === 'MemberExpression' ? userOf(node) : undefined;
    const grand = ancestors[ancestors.length - 2];
    const isName =
      node.type === 'Identifier' &&
      parent &&
      (((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === node &&
        !parent.computed) ||
        (parent.type === 'ObjectProperty' && parent.key === node && !parent.shorthand) ||
        (parent.type === 'ObjectProperty' && grand?.type === 'ObjectPattern') ||
        (parent.type === 'AssignmentExpression' && parent.left === node) ||
        parent.type === 'VariableDeclarator');
    const identity = node.type === 'Identifier' && !isName && callerLocals.has(node.name);
    const wholeArgs =
      node.type === 'Identifier' && node.name === argsName && !isName && parent?.type !== 'MemberExpression';
    const carrier = node.type === 'Identifier' && !isName ? carriers.get(node.name) : undefined;
    if ((user && !isName) || identity || wholeArgs || carrier) {
      const sink = sinkOf(ancestors, ctx, db);
      if (identity && sink) {
        facts.identityInDb = true;
        facts.clears.push({ node, path: [...ancestors] });
      }
      // Only equality reads a user's rows: `q.neq(q.field("userId"), a.userId)` leaves that user out, and claiming
      // to be someone else then shows nothing that user owns.
      const argSink = sink && !onlyExcludes(node, ancestors, sink.node) ? sink : undefined;
      if (user && !isName) {
        facts.refs.get(user)?.push({ node, path: [...ancestors], ...(argSink ? { sink: argSink } : {}) });
        const table = sink && tableOf(sink.node);
        if (holdsUser(slotOf(node, ancestors), table) || keysUsersByEmail(node, ancestors, table))
          facts.heldAsUser.add(user);
      }
      if (user && !isName && !sink) {
        const into = carrierOf(node, ancestors);
        if (into) carriers.set(into, user);
      }
      if (carrier && argSink) facts.carried.get(carrier)?.push({ node, path: [...ancestors], sink: argSink });
      if (wholeArgs && sink?.write) {
        facts.wholeArgsWrite = node;
        facts.wholeArgsPath = [...ancestors];
        facts.wholeArgsCall = sink.node;
      }
    }
  });
  for (const arg of branches.args) facts.prefers.add(arg);
  return facts;
}
