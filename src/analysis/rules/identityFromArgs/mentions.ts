// Which names an expression or a declaration refers to: how the handler follows values read from the database.
import type * as t from '@babel/types';
import { unwrapTs } from '../../ast';
import { visitChildren } from '../../traverse';

/** The names a declaration binds (`a`, `{ a, b: c }`, `[a, ...rest]`). */
export function boundNames(id: t.Node): string[] {
  if (id.type === 'Identifier') return [id.name];
  if (id.type === 'ObjectPattern')
    return id.properties.flatMap((p) => (p.type === 'RestElement' ? boundNames(p.argument) : boundNames(p.value)));
  if (id.type === 'ArrayPattern') return id.elements.flatMap((e) => (e ? boundNames(e) : []));
  if (id.type === 'RestElement') return boundNames(id.argument);
  if (id.type === 'AssignmentPattern') return boundNames(id.left);
  return [];
}

/**
 * Whether an expression tests only that a value exists (`!x`, `x === null`, `Boolean(x)`, a condition's test): such
 * a use reveals nothing of the value.
 */
export function existenceTest(node: t.Node, parent: t.Node | undefined): boolean {
  if (!parent) return false;
  if (parent.type === 'UnaryExpression' && parent.operator === '!') return true;
  if (parent.type === 'ConditionalExpression' && parent.test === node) return true;
  if (parent.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) {
    const other = unwrapTs(parent.left === node ? parent.right : parent.left);
    return other.type === 'NullLiteral' || (other.type === 'Identifier' && other.name === 'undefined');
  }
  return (
    parent.type === 'CallExpression' &&
    parent.callee.type === 'Identifier' &&
    parent.callee.name === 'Boolean' &&
    parent.arguments.length === 1
  );
}

/**
 * Whether an expression refers to a name `named` accepts, except where `allowed` says the reference only tests the
 * value. Property keys are not references. A look too long to finish counts as a mention.
 */
export function mentions(
  root: t.Node,
  named: (name: string) => boolean,
  allowed: (node: t.Node, parent: t.Node | undefined) => boolean = () => false,
): boolean {
  const todo: { node: t.Node; parent?: t.Node }[] = [{ node: root }];
  for (let i = 0; i < 400 && todo.length; i++) {
    const { node, parent } = todo.pop() as { node: t.Node; parent?: t.Node };
    if (node.type === 'Identifier') {
      const key =
        parent &&
        (((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
          parent.property === node &&
          !parent.computed) ||
          (parent.type === 'ObjectProperty' && parent.key === node && !parent.computed && !parent.shorthand));
      if (!key && named(node.name) && !allowed(node, parent)) return true;
      continue;
    }
    visitChildren(node, (c) => {
      if (c) todo.push({ node: c, parent: node });
    });
  }
  return todo.length > 0;
}
