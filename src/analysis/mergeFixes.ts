// Merging fixes for "Fix all". Import-free (types aside) so the editor adapter can use it without loading the parser.
import type { TextEdit } from './types';

/**
 * Merges several fixes' edits for "Fix all": identical edits (the same import added twice) count once, and a
 * fix whose edits would overlap one already taken is left for the next run.
 */
export function mergeFixEdits(fixes: readonly (readonly TextEdit[])[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const same = (a: TextEdit, b: TextEdit): boolean => a.start === b.start && a.end === b.end && a.newText === b.newText;
  const overlaps = (a: TextEdit, b: TextEdit): boolean => a.start < b.end && b.start < a.end;
  for (const edits of fixes) {
    const fresh = edits.filter((e) => !taken.some((x) => same(x, e)));
    if (fresh.some((e) => taken.some((x) => overlaps(x, e)))) continue;
    taken.push(...fresh);
  }
  return taken;
}
