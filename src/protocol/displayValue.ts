// Untrusted JSON (claims, response bodies) crosses the webview boundary as a tagged tree, never as the raw
// value: depth and size are bounded here (a payload nested 20,000 deep would otherwise blow the stack in
// JSON.stringify), numbers JSON cannot carry (Infinity) survive as text, and `__proto__` stays an ordinary key
// because objects travel as entry lists that are never merged into a live object.
import { codePointLabel, findHidden } from '../token/hiddenCharacters';

export type DisplayValue =
  | { k: 'str'; v: string; /** Characters cut from the end. */ cut?: number }
  | { k: 'num'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'arr'; items: DisplayValue[] }
  | { k: 'obj'; entries: [string, DisplayValue][] }
  /** Something left out: deeper than the limit, or past the node budget (`count` items or entries not shown). */
  | { k: 'more'; reason: 'depth' | 'size'; count?: number }
  /** A value JSON cannot hold (undefined, a function): shown by its type name. */
  | { k: 'other'; type: string };

export const MAX_DISPLAY_DEPTH = 32;
/** Nodes for one whole report (header, claims and identity together), so its size follows what is worth showing. */
export const MAX_DISPLAY_NODES = 4000;
/** Items of one array (entries of one object) shown before "… N more". */
export const MAX_DISPLAY_ITEMS = 100;
/** Longest string shown in full; longer ones are cut with a visible marker. */
export const MAX_DISPLAY_STRING = 4096;

/** A node budget shared by several values (one report). */
export interface DisplayBudget {
  nodes: number;
}

export function toDisplayValue(
  value: unknown,
  maxDepth = MAX_DISPLAY_DEPTH,
  maxNodes: number | DisplayBudget = MAX_DISPLAY_NODES,
): DisplayValue {
  const budget = typeof maxNodes === 'number' ? { nodes: maxNodes } : maxNodes;
  const walk = (v: unknown, depth: number): DisplayValue => {
    if (budget.nodes-- <= 0) return { k: 'more', reason: 'size' };
    if (v === null) return { k: 'null' };
    switch (typeof v) {
      case 'string':
        return v.length > MAX_DISPLAY_STRING
          ? { k: 'str', v: `${v.slice(0, MAX_DISPLAY_STRING)}…`, cut: v.length - MAX_DISPLAY_STRING }
          : { k: 'str', v };
      case 'number':
        return { k: 'num', v: String(v) };
      case 'bigint':
        return { k: 'num', v: v.toString() };
      case 'boolean':
        return { k: 'bool', v };
      case 'object': {
        if (depth >= maxDepth) return { k: 'more', reason: 'depth' };
        const isArray = Array.isArray(v);
        const keys = isArray ? [] : Object.keys(v);
        const count = isArray ? (v as unknown[]).length : keys.length;
        const shown = Math.min(count, MAX_DISPLAY_ITEMS);
        const children: DisplayValue[] = [];
        let i = 0;
        for (; i < shown && budget.nodes > 0; i++)
          children.push(walk(isArray ? (v as unknown[])[i] : (v as Record<string, unknown>)[keys[i]], depth + 1));
        const rest: DisplayValue | undefined = i < count ? { k: 'more', reason: 'size', count: count - i } : undefined;
        if (isArray) return { k: 'arr', items: rest ? [...children, rest] : children };
        const entries: [string, DisplayValue][] = children.map((c, j) => [keys[j], c]);
        if (rest) entries.push(['…', rest]);
        return { k: 'obj', entries };
      }
      default:
        return { k: 'other', type: typeof v };
    }
  };
  return walk(value, 0);
}

export type TextPiece = { text: string; hidden: boolean };

/** Splits text into visible runs and single hidden characters marked `⟨U+XXXX⟩`, so the renderer can style them. */
export function splitHidden(text: string): TextPiece[] {
  const found = findHidden(text);
  if (found.length === 0) return text ? [{ text, hidden: false }] : [];
  const pieces: TextPiece[] = [];
  let from = 0;
  for (const { index, ch } of found) {
    if (index > from) pieces.push({ text: text.slice(from, index), hidden: false });
    pieces.push({ text: `⟨${codePointLabel(ch.codePointAt(0) ?? 0)}⟩`, hidden: true });
    from = index + ch.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), hidden: false });
  return pieces;
}
