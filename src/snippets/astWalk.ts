// The few AST helpers the insert planners need, kept here so they do not depend on the analyzer's tuned walker.
import type * as t from '@babel/types';

const SKIP = new Set([
  'loc',
  'start',
  'end',
  'extra',
  'range',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'errors',
  'comments',
  'tokens',
]);

/** Depth-first visit; `ancestors` is the live stack above the node. `enter` returning false skips the children. */
export function visitNodes(root: t.Node, enter: (node: t.Node, ancestors: readonly t.Node[]) => boolean | void): void {
  const ancestors: t.Node[] = [];
  const visit = (node: t.Node): void => {
    if (enter(node, ancestors) === false) return;
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (SKIP.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child);
      } else if (isNode(value)) {
        visit(value);
      }
    }
    ancestors.pop();
  };
  visit(root);
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function isFunctionNode(n: t.Node): n is t.Function {
  return (
    n.type === 'FunctionDeclaration' ||
    n.type === 'FunctionExpression' ||
    n.type === 'ArrowFunctionExpression' ||
    n.type === 'ObjectMethod' ||
    n.type === 'ClassMethod' ||
    n.type === 'ClassPrivateMethod'
  );
}

/** The static name of an object key (`a`, `"a"`); undefined for computed keys. One definition, the analyzer's. */
export { keyName as propertyName } from '../analysis/ast';
