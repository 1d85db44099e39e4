// A provider element's name and props, and the import of Clerk's useAuth that the provider fixes share.
import type * as t from '@babel/types';
import { endOf, startOf } from '../../ast';
import { addNamedImport } from '../../edits';
import type { ElementInfo } from '../../scanRecords';
import type { TextEdit } from '../../types';
import { guessClerkSdk, remember, type RuleContext } from '../shared';

export function nameRange(el: ElementInfo): [number, number] {
  const name = el.node.openingElement.name;
  return [startOf(name), endOf(name)];
}

export function attribute(el: ElementInfo, name: string): t.JSXAttribute | undefined {
  for (const a of el.node.openingElement.attributes) {
    if (a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name) return a;
  }
  return undefined;
}

export const hasSpread = (el: ElementInfo): boolean =>
  el.node.openingElement.attributes.some((a) => a.type === 'JSXSpreadAttribute');

export function clerkUseAuthEdits(rc: RuleContext): TextEdit[] {
  const existing = rc.scan.imports.get('useAuth');
  if (existing?.source.startsWith('@clerk/') && !existing.source.endsWith('/server')) return [];
  if (existing) return []; // a different useAuth is in scope; use-auth-source explains it
  const edit = addNamedImport(rc.scan, guessClerkSdk(rc), 'useAuth');
  return edit ? [edit] : [];
}

/** The file's module-level constants holding a `new ConvexReactClient(…)` of their own. */
function moduleClients(rc: RuleContext): Set<string> {
  return remember(rc, 'moduleClients', () => {
    const names = new Set<string>();
    for (const c of rc.scan.newClients) {
      const parent = c.ancestors[c.ancestors.length - 1];
      if (!c.fn && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') names.add(parent.id.name);
    }
    return names;
  });
}

/**
 * Whether the provider is given a client this file creates and never hands a token to (no setAuth anywhere in it):
 * a client no ConvexProviderWithClerk elsewhere can have set auth on. A client from a prop or an import may be the
 * authenticated one, so it does not count.
 */
export function ownClient(rc: RuleContext, el: ElementInfo): boolean {
  const value = attribute(el, 'client')?.value;
  if (value?.type !== 'JSXExpressionContainer' || /\.setAuth\s*\(/.test(rc.scan.text)) return false;
  const expr = value.expression;
  if (expr.type === 'NewExpression') return rc.scan.newClients.some((c) => c.node === expr);
  return expr.type === 'Identifier' && moduleClients(rc).has(expr.name);
}
