// Reading tests for the names they prove present or absent, and the statements that leave a function.
import type * as t from '@babel/types';

const isName = (n: t.Node, name: string): boolean => n.type === 'Identifier' && n.name === name;
const isNullish = (n: t.Node): boolean =>
  n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');

// How deep a test is read for identity checks (`a && (b && identity)`): real tests are shallow, and a bound
// keeps a long `x && x && …` chain from being re-read at every link.
const TEST_DEPTH = 8;

/**
 * The name whose presence a value proves when it is truthy or not nullish: the name itself, or the object a member
 * chain starts from (`identity?.email` is undefined whenever identity is; `identity.email` throws then).
 */
function presentWith(n: t.Node, depth = 0): string | undefined {
  if (n.type === 'Identifier') return n.name;
  if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && depth < TEST_DEPTH)
    return presentWith(n.object, depth + 1);
  return undefined;
}

/** The name a `name == null`-style comparison tests, when `ops` holds its operator. */
function comparedToNull(test: t.Node, ops: readonly string[]): string | undefined {
  if (test.type !== 'BinaryExpression' || !ops.includes(test.operator)) return undefined;
  const { left, right } = test;
  if (isNullish(right)) return presentWith(left);
  if (isNullish(left)) return presentWith(right);
  return undefined;
}

/** Names whose presence the test requires (the test is true only when each is present). */
export function positiveNames(test: t.Node, out: string[], depth = 0): string[] {
  if (depth > TEST_DEPTH) return out;
  const present = presentWith(test);
  if (present !== undefined) out.push(present);
  else if (test.type === 'LogicalExpression' && test.operator === '&&') {
    positiveNames(test.left, out, depth + 1);
    positiveNames(test.right, out, depth + 1);
  } else if (
    test.type === 'UnaryExpression' &&
    test.operator === '!' &&
    test.argument.type === 'UnaryExpression' &&
    test.argument.operator === '!'
  ) {
    const name = presentWith(test.argument.argument);
    if (name !== undefined) out.push(name);
  } else if (test.type === 'CallExpression' && isName(test.callee, 'Boolean') && test.arguments[0]) {
    const name = presentWith(test.arguments[0]);
    if (name !== undefined) out.push(name);
  } else {
    const compared = comparedToNull(test, ['!==', '!=']);
    if (compared) out.push(compared);
  }
  return out;
}

/** Names whose absence makes the test true. */
export function negativeNames(test: t.Node, out: string[], depth = 0): string[] {
  if (depth > TEST_DEPTH) return out;
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const name = presentWith(test.argument);
    if (name !== undefined) out.push(name);
  } else if (test.type === 'LogicalExpression' && test.operator === '||') {
    negativeNames(test.left, out, depth + 1);
    negativeNames(test.right, out, depth + 1);
  } else {
    const compared = comparedToNull(test, ['===', '==']);
    if (compared) out.push(compared);
  }
  return out;
}

/** How a guard's consequent leaves: by throwing, or by returning nothing (null, undefined, [] or no value). */
export function exitKind(s: t.Node, depth = 0): 'throws' | 'returns-nothing' | undefined {
  if (s.type === 'ThrowStatement') return 'throws';
  if (s.type === 'ReturnStatement') {
    const a = s.argument;
    if (
      !a ||
      a.type === 'NullLiteral' ||
      (a.type === 'Identifier' && a.name === 'undefined') ||
      (a.type === 'ArrayExpression' && a.elements.length === 0)
    )
      return 'returns-nothing';
    return undefined;
  }
  if (s.type === 'BlockStatement' && depth < TEST_DEPTH) {
    const last = s.body[s.body.length - 1];
    return last === undefined ? undefined : exitKind(last, depth + 1);
  }
  return undefined;
}

/** Whether a guard's consequent leaves by returning null or no value (the client receives null either way). */
export function exitsWithNull(s: t.Node, depth = 0): boolean {
  if (s.type === 'ReturnStatement') {
    const a = s.argument;
    return !a || a.type === 'NullLiteral' || (a.type === 'Identifier' && a.name === 'undefined');
  }
  if (s.type === 'BlockStatement' && depth < TEST_DEPTH) {
    const last = s.body[s.body.length - 1];
    return last !== undefined && exitsWithNull(last, depth + 1);
  }
  return false;
}

export function exits(s: t.Node, depth = 0): boolean {
  if (
    s.type === 'ReturnStatement' ||
    s.type === 'ThrowStatement' ||
    s.type === 'ContinueStatement' ||
    s.type === 'BreakStatement'
  )
    return true;
  if (s.type === 'BlockStatement' && depth < TEST_DEPTH) {
    const last = s.body[s.body.length - 1];
    return last !== undefined && exits(last, depth + 1);
  }
  return false;
}
