// Small text-edit helpers shared by the insert planners. Offsets are UTF-16 indices into the original text.
import type { TextEdit } from '../analysis/types';

/**
 * Sorts edits by position and merges insertions that share an offset, in the order they were planned, so an
 * editor that refuses overlapping edits (VS Code does) gets one insertion per point.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of ordered) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === last.start && e.end === e.start) {
      out[out.length - 1] = { start: last.start, end: last.end, newText: last.newText + e.newText };
    } else {
      out.push({ ...e });
    }
  }
  return out;
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The file's own line ending when it has one, else "\n". */
export function eolOf(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
