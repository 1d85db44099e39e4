// Where in a handler a check sits against where a user argument is used: a check on one branch says nothing of the
// other branch, nor of the code after a branch that leaves the handler. Only those plain shapes count as apart; any
// other layout (a check under a condition before the use, loops, callbacks) is taken as covering the use, so an
// uncertain path never becomes a finding.
import type * as t from '@babel/types';

/** A node with its ancestors inside the handler's body (walkNodes' ancestors, copied). */
export interface Placed {
  node: t.Node;
  path: readonly t.Node[];
}

const FUNCTIONS: ReadonlySet<string> = new Set([
  'ArrowFunctionExpression',
  'FunctionExpression',
  'FunctionDeclaration',
  'ObjectMethod',
]);

/** Whether a statement always leaves the handler: `return`, `throw`, or a block whose last statement does. */
export function leaves(s: t.Node, depth = 0): boolean {
  if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement') return true;
  if (s.type !== 'BlockStatement' || depth > 8) return false;
  const last = s.body[s.body.length - 1];
  return last !== undefined && leaves(last, depth + 1);
}

const chain = (p: Placed): readonly t.Node[] => [...p.path, p.node];

/**
 * Whether `inside` sits in a branch that leaves the handler and `after` comes after that `if`, outside it: no run
 * reaches `after` having gone through `inside`. Only branches of the handler itself (not of a callback).
 */
function leftBefore(inside: readonly t.Node[], from: number, after: Placed): boolean {
  for (let j = 0; j < inside.length - 1; j++) {
    const n = inside[j];
    if (j > 0 && FUNCTIONS.has(n.type)) return false;
    if (j < from || n.type !== 'IfStatement') continue;
    const branch = inside[j + 1];
    if ((branch === n.consequent || branch === n.alternate) && branch && leaves(branch))
      return (after.node.start ?? 0) >= (n.end ?? Infinity);
  }
  return false;
}

/** Whether no run of the handler passes both: the two sit on different branches, or one after a branch that left. */
export function apart(a: Placed, b: Placed): boolean {
  const ca = chain(a);
  const cb = chain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  if (i === 0 || i >= ca.length || i >= cb.length) return false;
  const common = ca[i - 1];
  if (common.type === 'IfStatement' || common.type === 'ConditionalExpression') {
    const x = ca[i];
    const y = cb[i];
    if ((x === common.consequent && y === common.alternate) || (x === common.alternate && y === common.consequent))
      return true;
  }
  return leftBefore(ca, i, b) || leftBefore(cb, i, a);
}
