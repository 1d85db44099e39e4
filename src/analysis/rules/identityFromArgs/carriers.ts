// Locals that carry a user argument inside an object or array on its way into a later write.
import type * as t from '@babel/types';

/** Containers a value stays in on its way into a local: `{ userId }`, `[userId]`, `[...rest, userId]`. */
const CONTAINERS: ReadonlySet<string> = new Set([
  'ObjectProperty',
  'ObjectExpression',
  'ArrayExpression',
  'SpreadElement',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
]);
const ADDS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice']);

/**
 * The local a read is put into inside an object or array literal: `const entry = { userId: a.userId }`, or
 * `votes.push({ userId: a.userId })` (the array then carries it).
 */
export function carrierOf(node: t.Node, ancestors: readonly t.Node[]): string | undefined {
  let child = node;
  let i = ancestors.length - 1;
  for (; i >= 0; i--) {
    const a = ancestors[i];
    if (!CONTAINERS.has(a.type) || (a.type === 'ObjectProperty' && a.value !== child)) break;
    child = a;
  }
  if (child === node) return undefined; // a bare alias (`const id = a.userId`) is followed as the argument itself
  const at = ancestors[i];
  if (at?.type === 'VariableDeclarator' && at.init === child && at.id.type === 'Identifier') return at.id.name;
  if (at?.type !== 'CallExpression' || !at.arguments.includes(child as t.Expression)) return undefined;
  const callee = at.callee;
  return callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.property.type === 'Identifier' &&
    ADDS.has(callee.property.name)
    ? callee.object.name
    : undefined;
}
