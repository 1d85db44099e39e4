// Text-edit helpers the fixes share: adding and removing named imports in the file's own quote style,
// and applying edits (used by tests and by "Fix all" to merge fixes).
import type * as t from '@babel/types';
import { endOf, startOf } from './ast';
import { memoised, type Scan } from './scanRecords';
import type { TextEdit } from './types';

function quote(scan: Scan): string {
  const first = scan.importDecls[0];
  return first && scan.text[startOf(first.source)] === "'" ? "'" : '"';
}

function semi(scan: Scan): string {
  const first = scan.importDecls[0];
  return first && scan.text[endOf(first) - 1] !== ';' ? '' : ';';
}

/** Where a new import line goes: after the last import, else after the directives, else at the top. */
function newImportOffset(scan: Scan): { offset: number; prefix: string } {
  const last = scan.importDecls[scan.importDecls.length - 1];
  if (last) return { offset: endOf(last), prefix: '\n' };
  const directives = scan.program.directives;
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) return { offset: endOf(lastDirective), prefix: '\n\n' };
  return { offset: 0, prefix: '' };
}

// Per-scan answers that fixes ask again and again (one per finding): computed once, so a file with many
// findings costs no more per finding than a file with one.
function namedImportDecl(scan: Scan, source: string): t.ImportDeclaration | undefined {
  const bySource = memoised(scan, 'namedImportDecls', () => {
    const found = new Map<string, t.ImportDeclaration>();
    for (const d of scan.importDecls) {
      if (
        d.importKind !== 'type' &&
        !found.has(d.source.value) &&
        d.specifiers.some((s) => s.type === 'ImportSpecifier')
      )
        found.set(d.source.value, d);
    }
    return found;
  });
  return bySource.get(source);
}

/** Edit that makes `name` importable from `source`, or none when it already is. */
export function addNamedImport(scan: Scan, source: string, name: string): TextEdit | undefined {
  const existing = scan.imports.get(name);
  if (existing && existing.source === source && existing.imported === name) return undefined;
  const decl = namedImportDecl(scan, source);
  if (decl) {
    const specs = decl.specifiers;
    const last = specs[specs.length - 1];
    if (last) return { start: endOf(last), end: endOf(last), newText: `, ${name}` };
  }
  const q = quote(scan);
  const { offset, prefix } = newImportOffset(scan);
  const line = `import { ${name} } from ${q}${source}${q}${semi(scan)}`;
  return offset === 0
    ? { start: 0, end: 0, newText: `${line}\n` }
    : { start: offset, end: offset, newText: `${prefix}${line}` };
}

/** Edit that removes one imported binding: the specifier with its comma, or the whole declaration line. */
export function removeImport(scan: Scan, local: string): TextEdit | undefined {
  const binding = scan.imports.get(local);
  if (!binding) return undefined;
  const { decl, spec } = binding;
  const text = scan.text;
  if (decl.specifiers.length === 1) {
    let end = endOf(decl);
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start: startOf(decl), end, newText: '' };
  }
  const index = decl.specifiers.indexOf(spec);
  const next = decl.specifiers[index + 1];
  if (next && next.type === 'ImportSpecifier' && spec.type === 'ImportSpecifier')
    return { start: startOf(spec), end: startOf(next), newText: '' };
  const prev = decl.specifiers[index - 1];
  if (prev && spec.type === 'ImportSpecifier' && prev.type === 'ImportSpecifier')
    return { start: endOf(prev), end: endOf(spec), newText: '' };
  return undefined; // mixed default/namespace forms: leave the import alone rather than risk breaking it
}

/** Occurrences of an identifier in the text outside its import (a cheap, conservative reference count). */
export function otherReferences(scan: Scan, name: string): number {
  const counts = memoised(scan, 'referenceCounts', () => new Map<string, number>());
  const known = counts.get(name);
  if (known !== undefined) return known;
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  const binding = scan.imports.get(name);
  let count = 0;
  for (const m of scan.text.matchAll(re)) {
    if (binding && m.index >= startOf(binding.decl) && m.index < endOf(binding.decl)) continue;
    count++;
  }
  counts.set(name, count);
  return count;
}

/** Replace a node's text. */
export function replaceNode(node: t.Node, newText: string): TextEdit {
  return { start: startOf(node), end: endOf(node), newText };
}

export function nodeText(scan: Scan, node: t.Node): string {
  return scan.text.slice(startOf(node), endOf(node));
}

/** Applies edits (non-overlapping; insertions at the same offset keep their order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
