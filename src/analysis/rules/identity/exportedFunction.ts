import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';
import type { FnInfo } from '../../scanRecords';
import type { IdentityFunction } from '../../types';
import type { RuleContext } from '../shared';

const PUBLIC_FUNCTIONS = new Set(['query', 'mutation', 'action']);

/** The exported public Convex function (`export const list = query({ handler })`) whose handler `fn` is. */
export function exportedFunction(
  rc: RuleContext,
  fn: FnInfo | undefined,
): { exportName: string; kind: IdentityFunction['kind'] } | undefined {
  const top = fn?.topStatement;
  if (!fn || fn.parent || top?.type !== 'ExportNamedDeclaration' || top.declaration?.type !== 'VariableDeclaration')
    return undefined;
  for (const d of top.declaration.declarations) {
    const init = d.init ? unwrapTs(d.init) : undefined;
    if (d.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') continue;
    const binding = rc.scan.imports.get(init.callee.name);
    const kind = binding?.imported ?? init.callee.name;
    if (!PUBLIC_FUNCTIONS.has(kind)) continue;
    const arg = init.arguments[0];
    const handler =
      arg?.type === 'ObjectExpression'
        ? arg.properties.find(
            (p): p is t.ObjectProperty | t.ObjectMethod =>
              (p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && keyName(p) === 'handler',
          )
        : arg;
    const handlerFn = handler?.type === 'ObjectProperty' ? handler.value : handler;
    if (handlerFn === fn.node) return { exportName: d.id.name, kind: kind as IdentityFunction['kind'] };
  }
  return undefined;
}
