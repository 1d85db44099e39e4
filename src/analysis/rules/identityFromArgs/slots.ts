// What a read of a user argument does where it lands: the field it fills or is compared with (which tells whether
// an ambiguous name like `subject` holds a user at all), and whether it only excludes rows (`q.neq`), which reads
// nobody's rows by it.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';

/** Convex filter operators and JS operators that never select rows equal to the value: it can only leave rows out. */
const EXCLUDING_CALLS: ReadonlySet<string> = new Set(['neq', 'lt', 'lte', 'gt', 'gte', 'not']);
const EXCLUDING_OPERATORS: ReadonlySet<string> = new Set(['!==', '!=', '<', '>', '<=', '>=']);

function memberName(callee: t.Node): string | undefined {
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
    ? callee.property.name
    : undefined;
}

/**
 * Whether the read is an operand of a non-equality comparison (`q.neq(q.field("userId"), a.userId)`, under a
 * `q.not(…)`, `x !== a.userId`) before it reaches `sink`, the database call it is inside: spoofing it shows only
 * other rows.
 */
export function onlyExcludes(node: t.Node, ancestors: readonly t.Node[], sink: t.Node): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (!a || a === sink) return false;
    if (a.type === 'CallExpression' && a.arguments.includes(child as t.Expression)) {
      const name = memberName(a.callee);
      if (name && EXCLUDING_CALLS.has(name)) return true;
    }
    if (a.type === 'BinaryExpression' && EXCLUDING_OPERATORS.has(a.operator)) return true;
    child = a;
  }
  return false;
}

/** The name of a field given as `"userId"` (an index equality) or `q.field("userId")` (a filter). */
function fieldName(n: t.Node | undefined): string | undefined {
  const e = n && unwrapTs(n);
  if (e?.type === 'StringLiteral') return e.value;
  if (e?.type === 'CallExpression' && memberName(e.callee) === 'field' && e.arguments[0]?.type === 'StringLiteral')
    return e.arguments[0].value;
  if ((e?.type === 'MemberExpression' || e?.type === 'OptionalMemberExpression') && !e.computed)
    return e.property.type === 'Identifier' ? e.property.name : undefined;
  return undefined;
}

/**
 * The field a read fills or is matched against: `{ userId: a.subject }`, `q.eq("clerkId", a.subject)`,
 * `q.eq(q.field("ownerId"), a.subject)`, `row.userId === a.subject`.
 */
export function slotOf(node: t.Node, ancestors: readonly t.Node[]): string | undefined {
  let child = node;
  let i = ancestors.length - 1;
  // Through TypeScript wrappers (`a.subject as string`, `a.subject!`).
  for (let a = ancestors[i]; a && unwrapTs(a) !== a; a = ancestors[--i]) child = a;
  const parent = ancestors[i];
  if (parent?.type === 'ObjectProperty' && parent.value === child) return keyName(parent);
  if (parent?.type === 'CallExpression' && memberName(parent.callee) === 'eq' && parent.arguments.length === 2) {
    const other = parent.arguments[0] === child ? parent.arguments[1] : parent.arguments[0];
    return fieldName(other);
  }
  if (parent?.type === 'BinaryExpression' && (parent.operator === '===' || parent.operator === '==')) {
    return fieldName(parent.left === child ? parent.right : parent.left);
  }
  return undefined;
}

/** Down a call chain to the call made on ctx.db itself (`.first()` ← `.withIndex(…)` ← `ctx.db.query("notes")`). */
export function rootCall(sink: t.Node): t.Node {
  let call: t.Node = sink;
  for (let i = 0; i < 40 && call.type === 'CallExpression'; i++) {
    const callee: t.Node = call.callee;
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'CallExpression') break;
    call = callee.object;
  }
  return call;
}

/** The table of a database call chain (`ctx.db.query("users")…`, `ctx.db.insert("users", …)`), when it is written. */
export function tableOf(sink: t.Node): string | undefined {
  const call = rootCall(sink);
  if (call.type !== 'CallExpression') return undefined;
  const method = memberName(call.callee);
  const first = call.arguments[0];
  return (method === 'query' || method === 'insert') && first?.type === 'StringLiteral' ? first.value : undefined;
}

/** Fields that hold a user whatever table they are in. */
const USER_FIELD = /user|owner|author|creator|clerk|identifier|sender|requester|buyer|viewer/i;

/**
 * Whether a field filled from an argument of an ambiguous name shows that the argument is a user: a field named for
 * one (`userId`, `clerkId`, `tokenIdentifier`), or the JWT's own word `subject` in the users table.
 */
export function holdsUser(slot: string | undefined, table: string | undefined): boolean {
  if (!slot) return false;
  if (USER_FIELD.test(slot)) return true;
  return slot === 'subject' && table === 'users';
}

/** The names a project gives the table of its users (`users`, `UserTable`, `user_profiles`). */
export const USERS_TABLE = /^(users?|user_?(table|profiles?|accounts?)|profiles?|accounts?)$/i;

/**
 * A read that looks the users table up by email (`q.eq(q.field("email"), a.email)`, `q.eq("email", a.email)`,
 * `u.email === a.email`): the address is the key that names the user. Filling an `email` field is not.
 */
export function keysUsersByEmail(node: t.Node, ancestors: readonly t.Node[], table: string | undefined): boolean {
  if (table === undefined || !USERS_TABLE.test(table)) return false;
  let i = ancestors.length - 1;
  for (let a = ancestors[i]; a && unwrapTs(a) !== a; a = ancestors[--i]);
  if (ancestors[i]?.type === 'ObjectProperty') return false;
  return slotOf(node, ancestors) === 'email';
}
