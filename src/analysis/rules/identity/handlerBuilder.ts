// Which builder a handler is given to: a custom one (`authed({ handler })`) may read the identity for it.
import { keyName, unwrapTs } from '../../ast';
import type { FnInfo } from '../../scanRecords';

/**
 * The builder a handler is given to (`export const touch = authed({ handler })` → "authed"), when it is not one of
 * Convex's own query/mutation/action.
 */
export function handlerBuilder(fn: FnInfo | undefined): string | undefined {
  const root = fn?.root ?? fn;
  const top = root?.topStatement;
  const d = top?.type === 'ExportNamedDeclaration' ? top.declaration : top;
  if (!root || d?.type !== 'VariableDeclaration') return undefined;
  for (const v of d.declarations) {
    const init = v.init ? unwrapTs(v.init) : undefined;
    if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') continue;
    const arg = init.arguments[0] ? unwrapTs(init.arguments[0]) : undefined;
    if (arg === root.node) return init.callee.name;
    if (arg?.type !== 'ObjectExpression') continue;
    for (const p of arg.properties)
      if (
        (p.type === 'ObjectMethod' && p === root.node) ||
        (p.type === 'ObjectProperty' && unwrapTs(p.value) === root.node)
      )
        return keyName(p) === 'handler' ? init.callee.name : undefined;
  }
  return undefined;
}
