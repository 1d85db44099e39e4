// What a comparison in a handler compares, and where it sits: a value derived from a row stands for the row, and a
// comparison an `if` stops on is an access check.
import type * as t from '@babel/types';
import { unwrapTs } from '../../ast';
import { leaves } from './paths';

/**
 * The local a value is read from, through fields, indexes and method calls (`fairs.map((f) => f.judgeId)[0]`): a
 * value derived from a row stands for that row.
 */
export function rootOf(n: t.Node): t.Node {
  let e = unwrapTs(n);
  for (let i = 0; i < 40; i++) {
    if (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') e = unwrapTs(e.object);
    else if (
      (e.type === 'CallExpression' || e.type === 'OptionalCallExpression') &&
      (e.callee.type === 'MemberExpression' || e.callee.type === 'OptionalMemberExpression')
    )
      e = unwrapTs(e.callee.object);
    else break;
  }
  return e;
}

/** Whether a comparison is (one `||` term of) the test of an `if` that leaves the handler when it holds. */
export function stopsOnTrue(node: t.Node, ancestors: readonly t.Node[]): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i];
    if (a.type === 'LogicalExpression' && a.operator === '||') child = a;
    else return a.type === 'IfStatement' && a.test === child && leaves(a.consequent);
  }
  return false;
}
