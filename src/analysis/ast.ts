// Generic traversal of Babel's plain-object AST and small node helpers shared by the rules.
import type * as t from '@babel/types';
import { VISITOR_KEYS } from './visitorKeys';

export interface Visitor {
  enter(node: t.Node, ancestors: readonly t.Node[]): void;
  leave?(node: t.Node, ancestors: readonly t.Node[]): void;
}

/**
 * Depth-first walk over runtime nodes; `ancestors` is the live stack of the node's ancestors (copy it to keep
 * it). Not entered, to keep the walk cheap: type-level nodes (no rule reads types) and leaves such as
 * identifiers and literals (rules read those through their parents).
 */
export function walk(root: t.Node, visitor: Visitor): void {
  const ancestors: t.Node[] = [];
  const visit = (node: t.Node | null | undefined): void => {
    if (!node) return;
    const keys = VISITOR_KEYS[node.type];
    if (!keys || keys.length === 0) return;
    visitor.enter(node, ancestors);
    ancestors.push(node);
    visitChildren(node, keys, visit);
    ancestors.pop();
    visitor.leave?.(node, ancestors);
  };
  visit(root);
}

function visitAll(nodes: readonly (t.Node | null)[], visit: (n: t.Node | null) => void): void {
  for (let i = 0; i < nodes.length; i++) visit(nodes[i] ?? null);
}

// The most frequent node types read their children by name: property reads at a fixed site stay fast, where
// the generic table-driven loop below goes through slow megamorphic lookups. Same children, same order.
export function visitChildren(node: t.Node, keys: readonly string[], visit: (n: t.Node | null | undefined) => void): void {
  switch (node.type) {
    case 'CallExpression': case 'NewExpression': case 'OptionalCallExpression':
      visit(node.callee); visitAll(node.arguments, visit); return;
    case 'MemberExpression': case 'OptionalMemberExpression':
      visit(node.object); visit(node.property); return;
    case 'ExpressionStatement':
      visit(node.expression); return;
    case 'BlockStatement':
      visitAll(node.directives, visit); visitAll(node.body, visit); return;
    case 'ReturnStatement':
      visit(node.argument); return;
    case 'VariableDeclaration':
      visitAll(node.declarations, visit); return;
    case 'VariableDeclarator':
      visit(node.id); visit(node.init); return;
    case 'ObjectExpression': case 'ObjectPattern':
      visitAll(node.properties, visit); return;
    case 'ObjectProperty':
      visit(node.key); visit(node.value); return;
    case 'ArrowFunctionExpression':
      visitAll(node.params, visit); visit(node.body); return;
    case 'JSXElement':
      visit(node.openingElement); visitAll(node.children, visit); visit(node.closingElement); return;
    case 'JSXOpeningElement':
      visit(node.name); visitAll(node.attributes, visit); return;
    case 'JSXAttribute':
      visit(node.name); visit(node.value); return;
    case 'JSXExpressionContainer':
      visit(node.expression); return;
    case 'AwaitExpression':
      visit(node.argument); return;
    default: {
      const record = node as unknown as Record<string, unknown>;
      for (let k = 0; k < keys.length; k++) {
        const value = record[keys[k] as string];
        if (Array.isArray(value)) visitAll(value as (t.Node | null)[], visit);
        else visit(value as t.Node | null | undefined);
      }
    }
  }
}

export const startOf = (n: t.Node): number => n.start ?? 0;
export const endOf = (n: t.Node): number => n.end ?? 0;

/** Strips TypeScript wrappers (`x!`, `x as T`, `x satisfies T`) around a runtime expression. */
export function unwrapTs(n: t.Node): t.Node {
  let cur = n;
  while (cur.type === 'TSAsExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'TSTypeAssertion') {
    cur = cur.expression;
  }
  return cur;
}

/** The static name of an object key (`a`, `"a"`), or undefined for computed keys. */
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

export function jsxName(el: t.JSXElement): string | undefined {
  const name = el.openingElement.name;
  return name.type === 'JSXIdentifier' ? name.name : undefined;
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
