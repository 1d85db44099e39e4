// The fix for an effect that fires a mutation on Clerk's sign-in state alone: it also waits for Convex's
// `isAuthenticated` (one more conjunct in the guard, the same name in the dependencies, so the effect runs again once
// Convex has accepted the token). Offered only where that is the whole change: the guard is the test of an `if`
// directly in the effect's body, the dependencies (if any) are an array literal, and the names are free.
import type * as t from '@babel/types';
import { endOf, indentAt, startOf } from '../ast';
import { addNamedImport } from '../edits';
import { walkNodes } from '../traverse';
import type { Fix, TextEdit } from '../types';
import { bodyStatements } from './components/build';
import type { CallSite, ComponentModel } from './components/model';
import type { RuleContext } from './shared';

const EFFECT_HOOKS: ReadonlySet<string> = new Set(['useEffect', 'useLayoutEffect']);
const FIND_BUDGET = 2000;

/** The useEffect/useLayoutEffect call of the component whose callback holds `at`. */
function effectAround(m: ComponentModel, at: number): t.CallExpression | undefined {
  let found: t.CallExpression | undefined;
  let budget = FIND_BUDGET;
  walkNodes(m.fn.node.body, (n) => {
    if (found || --budget < 0 || startOf(n) > at || endOf(n) < at) return false;
    if (
      n.type === 'CallExpression' &&
      n.callee.type === 'Identifier' &&
      EFFECT_HOOKS.has(n.callee.name) &&
      n.arguments[0] &&
      startOf(n.arguments[0]) <= at &&
      endOf(n.arguments[0]) >= at
    )
      found = n;
    return true;
  });
  return found;
}

/** Operands that need no parentheses beside `&&` or `||`. */
const plain = (n: t.Node): boolean =>
  n.type === 'Identifier' ||
  n.type === 'MemberExpression' ||
  n.type === 'OptionalMemberExpression' ||
  n.type === 'UnaryExpression' ||
  n.type === 'CallExpression' ||
  n.type === 'BinaryExpression' ||
  n.type === 'ParenthesizedExpression';

export function gateCallFix(
  rc: RuleContext,
  m: ComponentModel,
  call: CallSite,
  test: t.Node,
  exitTests: ReadonlyMap<t.Node, number>,
): Fix | undefined {
  const text = rc.scan.text;
  const fnText = text.slice(startOf(m.fn.node), endOf(m.fn.node));
  if (/(?<![\w$])(isAuthenticated|useConvexAuth)(?![\w$])/.test(fnText)) return undefined;
  const effect = effectAround(m, startOf(call.node));
  const callback = effect?.arguments[0];
  const deps = effect?.arguments[1];
  if (!effect || !callback || (deps && deps.type !== 'ArrayExpression')) return undefined;
  if (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression') return undefined;
  if (callback.body.type !== 'BlockStatement') return undefined;
  const statement = callback.body.body.find((s): s is t.IfStatement => s.type === 'IfStatement' && s.test === test);
  if (!statement) return undefined;
  // Inside the `if`, the call runs when the test holds; after it (an early return), when it does not. A call written
  // elsewhere (a local function the `if` calls) could be either: no fix.
  const at = startOf(call.node);
  const inside = at >= startOf(statement.consequent) && endOf(call.node) <= endOf(statement.consequent);
  if (!inside && !(exitTests.has(test) && at >= endOf(statement))) return undefined;
  // `isAuthenticated && a || b` would change the test's meaning, `!isAuthenticated || a && b` would not (`&&` binds
  // tighter); `??` beside either needs parentheses.
  const chain = test.type === 'LogicalExpression' && (test.operator === '&&' || (!inside && test.operator === '||'));
  const source = text.slice(startOf(test), endOf(test));
  const operand = plain(test) || chain ? source : `(${source})`;
  const declaration = bodyStatements(m.fn).find(
    (s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d === call.hook.parent),
  );
  if (!declaration) return undefined;
  const edits: TextEdit[] = [];
  const importEdit = addNamedImport(rc.scan, 'convex/react', 'useConvexAuth');
  if (importEdit) edits.push(importEdit);
  const indent = indentAt(text, startOf(declaration));
  const semi = text[endOf(declaration) - 1] === ';' ? ';' : '';
  edits.push({
    start: endOf(declaration),
    end: endOf(declaration),
    newText: `\n${indent}const { isAuthenticated } = useConvexAuth()${semi}`,
  });
  edits.push({
    start: startOf(test),
    end: endOf(test),
    newText: inside ? `isAuthenticated && ${operand}` : `!isAuthenticated || ${operand}`,
  });
  if (deps?.type === 'ArrayExpression') {
    const last = deps.elements[deps.elements.length - 1];
    edits.push(
      last
        ? { start: endOf(last), end: endOf(last), newText: ', isAuthenticated' }
        : { start: startOf(deps) + 1, end: startOf(deps) + 1, newText: 'isAuthenticated' },
    );
  }
  return { title: 'Also wait for useConvexAuth().isAuthenticated in this effect', mechanical: true, edits };
}
