import type * as t from '@babel/types';
import { endOf, keyName, startOf } from '../../ast';
import { walk } from '../../traverse';
import { exitKind, exits, exitsWithNull, negativeNames, positiveNames } from './nullTests';

/** One `const identity = await ctx.auth.getUserIdentity()` and what the code after it does with the value. */
export interface IdentityBinding {
  name: string;
  declarator: t.VariableDeclarator;
  /** The function body (or program) the declaration lives in: the binding is visible until its end. */
  scope: t.Node;
  members: { node: t.MemberExpression | t.OptionalMemberExpression; prop: string; guarded: boolean }[];
  patterns: { key: t.Node; prop: string }[];
  hasCheck: boolean;
  /** What an early `if (!identity) …` in the declaring block does: the function stops without an identity. */
  earlyExit?: 'throws' | 'returns-nothing';
  /** That early exit returns null or no value. */
  earlyNull?: boolean;
  /** The binding of the same name this one shadows while it is visible. */
  shadowed?: IdentityBinding;
}

/** The scopes to walk: each outermost one once (a nested scope is walked as part of its parent). */
function outermostScopes(bindings: readonly IdentityBinding[]): t.Node[] {
  const scopes = [...new Set(bindings.map((b) => b.scope))].sort(
    (a, b) => startOf(a) - startOf(b) || endOf(b) - endOf(a),
  );
  const roots: t.Node[] = [];
  for (const s of scopes) {
    const last = roots[roots.length - 1];
    if (!last || startOf(s) >= endOf(last)) roots.push(s);
  }
  return roots;
}

/**
 * Records every binding's uses in one walk of each outermost scope, so the cost is one visit per node however
 * many identity declarations a handler has. A name refers to the binding declared last before it in an
 * enclosing scope; a read is guarded while an enclosing test (or an earlier `if (!x) return` in the same
 * block) proves the name present: both are kept as counts per name on the way down and undone on the way up.
 */
export function collectUses(bindings: readonly IdentityBinding[]): void {
  const byDeclarator = new Map<t.Node, IdentityBinding>(bindings.map((b) => [b.declarator, b]));
  const names = new Set(bindings.map((b) => b.name));
  const visible = new Map<string, IdentityBinding>();
  const endingAt = new Map<t.Node, IdentityBinding[]>();
  const guards = new Map<string, number>();
  const undo: (string[] | undefined)[] = [];
  const guard = (list: string[] | undefined, delta: number): void => {
    for (const n of list ?? []) guards.set(n, (guards.get(n) ?? 0) + delta);
  };
  const relevant = (list: string[]): string[] | undefined => {
    const kept = list.filter((n) => names.has(n));
    return kept.length ? kept : undefined;
  };
  const markChecked = (test: t.Node): void => {
    for (const n of positiveNames(test, negativeNames(test, []))) {
      const b = visible.get(n);
      if (b) b.hasCheck = true;
    }
  };
  const visitor = {
    enter(node: t.Node, ancestors: readonly t.Node[]): void {
      const parent = ancestors[ancestors.length - 1];
      let onEdge: string[] | undefined;
      if (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') {
        if (node === parent.consequent) onEdge = relevant(positiveNames(parent.test, []));
        else if (node === parent.alternate) onEdge = relevant(negativeNames(parent.test, []));
      } else if (parent?.type === 'LogicalExpression' && node === parent.right) {
        if (parent.operator === '&&') onEdge = relevant(positiveNames(parent.left, []));
        else if (parent.operator === '||') onEdge = relevant(negativeNames(parent.left, []));
      }
      guard(onEdge, 1);
      undo.push(onEdge);
      if (visible.size === 0) return;
      if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') markChecked(node.test);
      else if (node.type === 'LogicalExpression') markChecked(node.left);
      else if (
        (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') &&
        assertedName(node.object) !== undefined &&
        !node.computed &&
        node.property.type === 'Identifier'
      ) {
        // `identity!.email` is a read like `identity.email`: the `!` silences TypeScript, not the null at run time.
        const b = visible.get(assertedName(node.object) ?? '');
        const optional = node.type === 'OptionalMemberExpression' && node.optional === true;
        if (b) b.members.push({ node, prop: node.property.name, guarded: optional || (guards.get(b.name) ?? 0) > 0 });
      } else if (
        node.type === 'VariableDeclarator' &&
        node.init?.type === 'Identifier' &&
        node.id.type === 'ObjectPattern'
      ) {
        const b = visible.get(node.init.name);
        if (b) {
          for (const p of node.id.properties) {
            const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
            if (p.type === 'ObjectProperty' && key) b.patterns.push({ key: p.key, prop: key });
          }
        }
      }
    },
    exit(node: t.Node, ancestors: readonly t.Node[]): void {
      guard(undo.pop(), -1);
      const declared = byDeclarator.get(node);
      if (declared) {
        declared.shadowed = visible.get(declared.name);
        visible.set(declared.name, declared);
        const list = endingAt.get(declared.scope);
        if (list) list.push(declared);
        else endingAt.set(declared.scope, [declared]);
      }
      const parent = ancestors[ancestors.length - 1];
      if (
        node.type === 'IfStatement' &&
        (parent?.type === 'BlockStatement' || parent?.type === 'Program') &&
        exits(node.consequent)
      ) {
        const early = relevant(negativeNames(node.test, []));
        if (early) {
          const kind = exitKind(node.consequent);
          for (const n of early) {
            const b = visible.get(n);
            if (b && kind && !b.earlyExit) {
              b.earlyExit = kind;
              b.earlyNull = exitsWithNull(node.consequent);
            }
          }
          guard(early, 1); // holds for the rest of the block: undone when the block is left
          const frame = undo.length - 1;
          (undo[frame] ??= []).push(...early);
        }
      }
      const ending = endingAt.get(node);
      if (ending) {
        for (let i = ending.length - 1; i >= 0; i--) {
          const b = ending[i];
          if (b.shadowed) visible.set(b.name, b.shadowed);
          else visible.delete(b.name);
        }
        endingAt.delete(node);
      }
    },
  };
  for (const root of outermostScopes(bindings)) walk(root, visitor);
}

/** The name read by `name` or `name!` (a TypeScript non-null assertion). */
function assertedName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'TSNonNullExpression' && node.expression.type === 'Identifier') return node.expression.name;
  return undefined;
}
