// A provider element's name and props, and the import of Clerk's useAuth that the provider fixes share.
import type * as t from '@babel/types';
import { endOf, startOf } from '../../ast';
import { addNamedImport } from '../../edits';
import type { ElementInfo } from '../../scanRecords';
import type { TextEdit } from '../../types';
import { guessClerkSdk, type RuleContext } from '../shared';

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
