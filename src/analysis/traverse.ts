// Traversal of Babel's plain-object AST. Walking a big file is bound by memory reads (each node is a cache miss
// once the tree outgrows the CPU caches), so the child enumeration below never reads a slot whose content is
// fixed by the grammar to be a bare name: non-computed keys and member properties, function and class ids,
// JSX tag and attribute names, closing tags, template strings, import/export specifiers, labels. No rule looks
// inside those; rules read names through the parent. Type-level children are never entered either.
// test/unit/analysis/traverse.test.ts checks the result against the full table in visitorKeys.ts.
import type * as t from '@babel/types';
import { VISITOR_KEYS } from './visitorKeys';

type Visit = (n: t.Node | null | undefined) => void;

export interface Visitor {
  enter(this: void, node: t.Node, ancestors: readonly t.Node[]): void;
  /** Called after the node's subtree, with the same ancestors as enter. */
  exit?(this: void, node: t.Node, ancestors: readonly t.Node[]): void;
}

/** The phase of a step that enters a node; any other phase leaves one (walks encode what to undo in it). */
export const ENTER = 0;

/**
 * The explicit stack of an iterative depth-first walk: a node, then its exit, then its children in reverse, so
 * steps come in source order and nesting depth (3,000 JSX elements, a long `a + b + …` chain) cannot overflow
 * the call stack. A step allocates nothing: the stack is two arrays with their own top index, never popped or
 * truncated (V8 shrinks an array's storage on `length = 0` and on pops, then grows it again on the next pushes,
 * which made the walks' garbage), and children are added in place in source order and then reversed.
 */
export class WalkStack {
  node: t.Node;
  phase = ENTER;
  private readonly nodes: t.Node[];
  private readonly phases: number[] = [ENTER];
  private size = 1;
  private readonly add: Visit = (n) => {
    if (!n) return;
    this.nodes[this.size] = n;
    this.phases[this.size] = ENTER;
    this.size++;
  };

  constructor(root: t.Node) {
    this.node = root;
    this.nodes = [root];
  }

  /** Moves to the next step (`node`, `phase`); false when the walk is over. */
  next(): boolean {
    if (this.size === 0) return false;
    const top = --this.size;
    this.node = this.nodes[top];
    this.phase = this.phases[top];
    return true;
  }

  /** Schedules the current node's children, then its exit with `exitPhase` (not ENTER). */
  descend(exitPhase: number): void {
    const nodes = this.nodes;
    const exit = this.size;
    nodes[exit] = this.node;
    this.phases[exit] = exitPhase;
    this.size = exit + 1;
    visitChildren(this.node, this.add);
    for (let lo = exit + 1, hi = this.size - 1; lo < hi; lo++, hi--) {
      const kid = nodes[lo];
      nodes[lo] = nodes[hi];
      nodes[hi] = kid;
    }
  }
}

/**
 * Depth-first walk over runtime nodes; `ancestors` is the live stack of the node's ancestors (copy it to keep
 * it). Leaves (identifiers, literals, JSX text) are not entered: rules read those through their parents.
 * Iterative: every node is entered once and exited once, whatever the depth.
 */
export function walk(root: t.Node, visitor: Visitor): void {
  walkNodes(
    root,
    (node, ancestors) => {
      if (isLeaf(node)) return false;
      visitor.enter(node, ancestors);
      return true;
    },
    visitor.exit,
  );
}

/**
 * Like walk(), but it enters every node, leaves (identifiers, literals) included: for rules that follow names.
 * `enter` returning false skips the node's subtree (and its exit).
 */
export function walkNodes(
  root: t.Node,
  enter: (node: t.Node, ancestors: readonly t.Node[]) => boolean | void,
  exit?: (node: t.Node, ancestors: readonly t.Node[]) => void,
): void {
  const ancestors: t.Node[] = [];
  const stack = new WalkStack(root);
  while (stack.next()) {
    const node = stack.node;
    if (stack.phase !== ENTER) {
      ancestors.pop();
      if (exit) exit(node, ancestors);
      continue;
    }
    if (enter(node, ancestors) === false) continue;
    ancestors.push(node);
    stack.descend(1);
  }
}

function visitAll(nodes: readonly (t.Node | null)[], visit: Visit): void {
  for (let i = 0; i < nodes.length; i++) visit(nodes[i]);
}

/** Nodes without runtime children: literals, names, JSX text, and type-level nodes (absent from the table). */
export function isLeaf(node: t.Node): boolean {
  switch (node.type) {
    case 'Identifier':
    case 'JSXText':
    case 'StringLiteral':
    case 'TemplateElement':
    case 'BooleanLiteral':
    case 'NumericLiteral':
    case 'NullLiteral':
    case 'JSXIdentifier':
    case 'ThisExpression':
    case 'JSXEmptyExpression':
      return true;
    default:
      return (VISITOR_KEYS[node.type]?.length ?? 0) === 0;
  }
}

/**
 * Visits the runtime children of `node` in source order, skipping name-only slots (see the file comment).
 * Frequent node types come first (a switch on strings tests its cases in order) and read their children by
 * name: a property read at a fixed site stays fast, where the table-driven loop at the end goes through slow
 * megamorphic lookups.
 */
export function visitChildren(node: t.Node, visit: Visit): void {
  switch (node.type) {
    case 'Identifier':
    case 'JSXText':
    case 'StringLiteral':
    case 'TemplateElement':
    case 'BooleanLiteral':
    case 'NumericLiteral':
    case 'NullLiteral':
    case 'ThisExpression':
    case 'JSXEmptyExpression':
      return;
    case 'JSXElement':
      visitAll(node.openingElement.attributes, visit);
      visitAll(node.children, visit);
      return;
    case 'JSXExpressionContainer':
    case 'ExpressionStatement':
    case 'JSXSpreadChild':
    case 'ParenthesizedExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      visit(node.expression);
      return;
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      visit(node.object);
      if (node.computed) visit(node.property);
      return;
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
      if (node.computed) visit(node.key);
      visit(node.value);
      return;
    case 'CallExpression':
    case 'NewExpression':
    case 'OptionalCallExpression':
      visit(node.callee);
      visitAll(node.arguments, visit);
      return;
    case 'JSXAttribute':
      visit(node.value);
      return;
    case 'VariableDeclaration':
      visitAll(node.declarations, visit);
      return;
    case 'VariableDeclarator':
      visit(node.id);
      visit(node.init);
      return;
    case 'ObjectExpression':
    case 'ObjectPattern':
      visitAll(node.properties, visit);
      return;
    case 'ReturnStatement':
    case 'AwaitExpression':
    case 'SpreadElement':
    case 'RestElement':
    case 'UnaryExpression':
    case 'UpdateExpression':
    case 'ThrowStatement':
    case 'YieldExpression':
    case 'JSXSpreadAttribute':
      visit(node.argument);
      return;
    case 'ArrowFunctionExpression':
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      visitAll(node.params, visit);
      visit(node.body);
      return;
    case 'ObjectMethod':
    case 'ClassMethod':
      if (node.computed) visit(node.key);
      visitAll(node.params, visit);
      visit(node.body);
      return;
    case 'ClassPrivateMethod':
      visitAll(node.params, visit);
      visit(node.body);
      return;
    case 'BlockStatement':
    case 'Program':
      visitAll(node.body, visit);
      return; // directives hold only string literals
    case 'TemplateLiteral':
      visitAll(node.expressions, visit);
      return;
    case 'ConditionalExpression':
    case 'IfStatement':
      visit(node.test);
      visit(node.consequent);
      visit(node.alternate);
      return;
    case 'LogicalExpression':
    case 'BinaryExpression':
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      visit(node.left);
      visit(node.right);
      return;
    case 'ArrayExpression':
    case 'ArrayPattern':
      visitAll(node.elements, visit);
      return;
    case 'JSXFragment':
      visitAll(node.children, visit);
      return;
    case 'JSXOpeningElement':
      visitAll(node.attributes, visit);
      return;
    case 'ClassDeclaration':
    case 'ClassExpression':
      visit(node.superClass);
      visit(node.body);
      return;
    case 'ClassPrivateProperty':
      visit(node.value);
      return;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      visit(node.declaration);
      return;
    case 'LabeledStatement':
      visit(node.body);
      return;
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'JSXClosingElement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
    case 'PrivateName':
    case 'Directive':
      return;
    default: {
      const keys = VISITOR_KEYS[node.type];
      if (!keys) return;
      const record = node as unknown as Record<string, unknown>;
      for (let k = 0; k < keys.length; k++) {
        const value = record[keys[k]];
        if (Array.isArray(value)) visitAll(value as (t.Node | null)[], visit);
        else visit(value as t.Node | null | undefined);
      }
    }
  }
}
