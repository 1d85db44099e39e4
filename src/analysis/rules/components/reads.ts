// Which kinds of auth state an expression reads, through a bounded walk: real tests are short.
import type * as t from '@babel/types';
import { unwrapTs } from '../../ast';
import { walkNodes } from '../../traverse';
import { CLERK_ID_KEYS, CLERK_STATE_KEYS } from '../clerkAuthFields';
import { CONVEX_GATE, type ComponentModel, type Holds } from './model';

/** How much of an expression a test reads: real tests are short. */
const READ_BUDGET = 200;
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

export const isSkip = (n: t.Node | null | undefined): boolean =>
  !!n &&
  ((n.type === 'StringLiteral' && n.value === 'skip') ||
    (n.type === 'ArrayExpression' && n.elements.length === 1 && isSkip(n.elements[0])));

/** The `cond ? args : "skip"` a query argument is (through a spread, or a constant of the component). */
export function skipConditional(
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
