// clerk-gate's sites for a mutation or action fired from an effect on Clerk's sign-in state that passes the Clerk id:
// whether that is a mistake depends on the function (one that reads the identity throws or does nothing without the
// token, whatever id it is given), which only the index knows, so the finding is made where the sites are joined
// (gateCallJoin.ts). The guard must read Clerk's sign-in itself (isSignedIn, user, userId): isLoaded alone says
// nothing of who is signed in.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { walkNodes } from '../traverse';
import type { GateCallSite } from '../types';
import type { CallSite, ClerkSource, ComponentModel, QueryUse } from './components/model';
import { readsOf } from './components/reads';
import { apiPath, functionsDirs } from './functionRefs';
import type { RuleContext } from './shared';
import { gateCallFix } from './clerkGateCallFix';

/** Keys of Clerk's state whose truthiness says someone is signed in. */
const SIGN_IN_KEYS: ReadonlySet<string> = new Set(['isSignedIn', 'user', 'userId', 'sessionId']);
const READ_BUDGET = 200;

/** The sign-in state tests read, as written, with the Clerk source it comes from (the first one read). */
function signInReads(
  m: ComponentModel,
  tests: readonly t.Node[],
): { source: ClerkSource; names: string[] } | undefined {
  let source: ClerkSource | undefined;
  const names: string[] = [];
  let budget = READ_BUDGET;
  for (const test of tests)
    walkNodes(test, (n, ancestors) => {
      if (--budget < 0) return false;
      const parent = ancestors[ancestors.length - 1];
      const isName =
        (parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression') &&
        parent.property === n &&
        !parent.computed;
      if (n.type === 'Identifier' && !isName) {
        const from = m.clerk.find((c) => SIGN_IN_KEYS.has(c.locals.get(n.name) ?? ''));
        if (from && (!source || source === from)) {
          source = from;
          if (!names.includes(n.name)) names.push(n.name);
        }
      } else if (
        (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') &&
        !n.computed &&
        n.object.type === 'Identifier' &&
        n.property.type === 'Identifier' &&
        SIGN_IN_KEYS.has(n.property.name)
      ) {
        const object = n.object.name;
        const from = m.clerk.find((c) => c.object === object);
        if (from && (!source || source === from)) {
          source = from;
          const text = `${object}.${n.property.name}`;
          if (!names.includes(text)) names.push(text);
        }
        return false;
      }
      return true;
    });
  return source ? { source, names } : undefined;
}

const CHAIN_DEPTH = 20;

/** The operands of a test's top-level chain of `op` (`a || b || c` → a, b, c). */
function operands(test: t.Node, op: '||' | '&&', out: t.Node[] = [], depth = 0): t.Node[] {
  const e = test.type === 'ParenthesizedExpression' ? test.expression : test;
  if (e.type === 'LogicalExpression' && e.operator === op && depth < CHAIN_DEPTH) {
    operands(e.left, op, out, depth + 1);
    operands(e.right, op, out, depth + 1);
  } else out.push(e);
  return out;
}

/** The ungated query whose result an operand compares with null (`me === null`), with one of `ops`. */
function nullCompared(m: ComponentModel, operand: t.Node, ops: readonly string[]): QueryUse | undefined {
  if (operand.type !== 'BinaryExpression' || !ops.includes(operand.operator)) return undefined;
  const { left, right } = operand;
  const other = left.type === 'NullLiteral' ? right : right.type === 'NullLiteral' ? left : undefined;
  if (other?.type !== 'Identifier') return undefined;
  return m.queries.find((q) => q.result === other.name && q.gate === 'none' && apiPath(q.call.node.arguments[0]));
}

/**
 * What an effect call's guards wait for: Clerk's sign-in (the first test that reads it), and at most one query's
 * null answer; undefined when they read anything else of Convex's (its auth state, a query's other answers).
 */
function guardsOf(
  m: ComponentModel,
  call: CallSite,
  exitTests: ReadonlyMap<t.Node, number>,
): { test: t.Node; clerk: t.Node[]; nullQuery?: QueryUse } | undefined {
  const at = startOf(call.node);
  let test: t.Node | undefined;
  const clerk: t.Node[] = [];
  let nullQuery: QueryUse | undefined;
  for (const guard of call.guards) {
    // After `if (T) return`, the call runs when T is false: each operand of `a || b` false, `x !== null` false.
    const end = exitTests.get(guard);
    const negated = end !== undefined && at >= end;
    for (const operand of operands(guard, negated ? '||' : '&&')) {
      const reads = readsOf(m, operand, true);
      if (reads.has('convex')) {
        const q = nullCompared(m, operand, negated ? ['!==', '!='] : ['===', '==']);
        if (!q || (nullQuery && nullQuery !== q)) return undefined;
        nullQuery = q;
      } else if (reads.has('clerk') || reads.has('clerkId')) {
        test ??= guard;
        clerk.push(operand);
      }
    }
  }
  if (!test) return undefined;
  return nullQuery ? { test, clerk, nullQuery } : { test, clerk };
}

/**
 * The site of an effect call the in-file finding leaves out (undefined: none, or one it reports): the guard reads
 * Clerk's sign-in and the call passes the Clerk id, or the guard also waits for a query to answer null.
 */
export function gateCallSite(
  rc: RuleContext,
  m: ComponentModel,
  call: CallSite,
  exitTests: ReadonlyMap<t.Node, number>,
  passesClerkId: boolean,
): GateCallSite | undefined {
  const api = apiPath(call.hook.node.arguments[0]);
  const callee = call.node.callee;
  if (!api || callee.type !== 'Identifier') return undefined;
  const guards = guardsOf(m, call, exitTests);
  if (!guards || (!passesClerkId && !guards.nullQuery)) return undefined;
  const reads = signInReads(m, guards.clerk);
  if (!reads) return undefined;
  const dirs = functionsDirs(rc.scan, rc.context);
  const site: GateCallSite = {
    start: startOf(callee),
    end: endOf(callee),
    name: callee.name,
    api,
    kind: call.hook.canonical === 'useAction' ? 'action' : 'mutation',
    hook: reads.source.hook,
    reads: reads.names,
    test: { start: startOf(guards.test), end: endOf(guards.test) },
    fixes: [],
  };
  const fix = gateCallFix(rc, m, call, guards.test, exitTests);
  if (fix) site.fixes.push(fix);
  if (dirs) site.dirs = dirs;
  if (passesClerkId) site.passesClerkId = true;
  const queryApi = guards.nullQuery && apiPath(guards.nullQuery.call.node.arguments[0]);
  if (queryApi) site.nullQuery = dirs ? { api: queryApi, dirs } : { api: queryApi };
  return site;
}
