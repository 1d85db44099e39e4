// An argument taken in preference to the signed-in user: `args.userId ?? identity.subject`, or
// `if (args.userId) uid = args.userId; else uid = identity.subject`. Whenever a client sends it, the identity Convex
// checked is not used at all, so the client picks the user. Only the argument-first order: where the identity comes
// first, the argument is used only without one, and whether the handler lets that happen is another question.
import type * as t from '@babel/types';
import { unwrapTs } from '../../ast';

type Read = (n: t.Node) => string | undefined;

/** The user argument a value prefers to the caller: `arg ?? caller`, `arg || caller`, `arg ? arg : caller`. */
export function argFirst(
  init: t.Node,
  userOf: Read,
  argIn: Read,
  callerValue: (n: t.Node) => boolean,
): string | undefined {
  const e = unwrapTs(init);
  if (e.type === 'LogicalExpression' && (e.operator === '??' || e.operator === '||')) {
    const arg = userOf(e.left);
    return arg && callerValue(e.right) ? arg : undefined;
  }
  if (e.type === 'ConditionalExpression') {
    const arg = userOf(e.consequent);
    return arg && argIn(e.test) === arg && callerValue(e.alternate) ? arg : undefined;
  }
  return undefined;
}

const FUNCTIONS: ReadonlySet<string> = new Set([
  'ArrowFunctionExpression',
  'FunctionExpression',
  'FunctionDeclaration',
]);

/** The if/else form, followed over the handler's assignments in source order. */
export class ArgFirstBranches {
  /** Locals given a user argument in the `if` branch of a test on that argument, with that `if`. */
  private readonly byLocal = new Map<string, { arg: string; branch: t.IfStatement }>();
  /** The arguments seen preferred to the caller. */
  readonly args = new Set<string>();

  /** `local = arg` inside `if (…arg…) { … } else …`. */
  assignedArg(local: string, arg: string, ancestors: readonly t.Node[], argIn: Read): void {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i];
      if (FUNCTIONS.has(a.type)) return;
      if (a.type === 'IfStatement' && a.alternate && ancestors[i + 1] === a.consequent && argIn(a.test) === arg) {
        this.byLocal.set(local, { arg, branch: a });
        return;
      }
    }
  }

  /** `local = caller` in the `else` of such an `if`: the argument wins whenever it is sent. */
  assignedCaller(local: string, ancestors: readonly t.Node[]): void {
    const seen = this.byLocal.get(local);
    if (seen?.branch.alternate && ancestors.includes(seen.branch.alternate)) this.args.add(seen.arg);
  }
}
