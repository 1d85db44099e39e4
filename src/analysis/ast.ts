// Small helpers over Babel nodes shared by the scan, the rules and the fixes (the walk is in traverse.ts).
import type * as t from '@babel/types';

export const startOf = (n: t.Node): number => n.start ?? 0;
export const endOf = (n: t.Node): number => n.end ?? 0;

/** Strips TypeScript wrappers (`x!`, `x as T`, `x satisfies T`) around a runtime expression. */
export function unwrapTs(n: t.Node): t.Node {
  let cur = n;
  while (
    cur.type === 'TSAsExpression' ||
    cur.type === 'TSSatisfiesExpression' ||
    cur.type === 'TSNonNullExpression' ||
    cur.type === 'TSTypeAssertion'
  ) {
    cur = cur.expression;
  }
  return cur;
}

/**
 * The static name of an object key (`a`, `"a"`), or undefined for computed keys (`["a"]` included: an expression,
 * which nothing here evaluates). The one rule for the analyzer and the project's auth.config reader, so they agree.
 */
export function keyName(p: t.ObjectProperty | t.ObjectMethod): string | undefined {
  if (p.computed) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'StringLiteral') return p.key.value;
  return undefined;
}

/** Name of a function as a component or hook sees it: its own id, or the variable it is assigned to. */
export function functionName(fn: t.Node, parent: t.Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}

/** The tag's name: `Foo`, or `Clerk.ClerkProvider` for a member expression (a few levels deep at most). */
export function jsxName(el: t.JSXElement): string | undefined {
  const name = el.openingElement.name;
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type !== 'JSXMemberExpression') return undefined;
  const parts: string[] = [name.property.name];
  let cur: t.JSXMemberExpression['object'] = name.object;
  while (cur.type === 'JSXMemberExpression' && parts.length < 4) {
    parts.unshift(cur.property.name);
    cur = cur.object;
  }
  if (cur.type !== 'JSXIdentifier') return undefined;
  parts.unshift(cur.name);
  return parts.join('.');
}

/** Offset of the first character of the line that holds `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The whitespace that indents the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** `….getUserIdentity()` (any object: `ctx.auth`, a destructured `auth`): a call that reads the caller's identity. */
export function callsGetUserIdentity(n: t.Node): boolean {
  if (n.type !== 'CallExpression') return false;
  const c = n.callee;
  return (
    (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') &&
    !c.computed &&
    c.property.type === 'Identifier' &&
    c.property.name === 'getUserIdentity'
  );
}

/** `auth.getUserIdentity` / `ctx.auth.getUserIdentity` (optional or not), called or not: Convex's identity read. */
export function isAuthIdentityMember(node: t.Node): node is t.MemberExpression | t.OptionalMemberExpression {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return false;
  if (node.computed || node.property.type !== 'Identifier' || node.property.name !== 'getUserIdentity') return false;
  const obj = node.object;
  if (obj.type === 'Identifier') return obj.name === 'auth';
  return (
    (obj.type === 'MemberExpression' || obj.type === 'OptionalMemberExpression') &&
    !obj.computed &&
    obj.property.type === 'Identifier' &&
    obj.property.name === 'auth'
  );
}

/** The property name of `object.name` (plain, not computed) when `node` reads it off the local `object`. */
export function propertyOf(node: t.Node, object: string | undefined): string | undefined {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
  return node.object.type === 'Identifier' && node.object.name === object ? node.property.name : undefined;
}
