// The one definition of a hidden character: invisible, bidi and control characters that would make text read as
// something it is not. The token report replaces them with `[U+202E]` and records where (display.ts); the webview
// marks any it still meets as `⟨U+202E⟩` (src/protocol/displayValue.ts). Pure: it is bundled into the webview.

const NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (BOM)',
};

// Lone surrogates are included: they cannot be shown and hide what follows. A zero-width joiner right after a
// pictograph is part of an emoji sequence, so it is left alone.
const HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff\u{e0000}-\u{e007f}]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d/gu;
// Cheap first pass (no Unicode mode): almost every string has none of these. Tag characters are \udb40 pairs.
const MAYBE_HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** "U+202E". */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "right-to-left override". */
export function characterName(cp: number): string {
  return NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'control character' : 'invisible character');
}

/** Each hidden character replaced by `mark(it)`; the text itself when it has none. */
export function markHidden(text: string, mark: (ch: string) => string): string {
  return MAYBE_HIDDEN.test(text) ? text.replace(HIDDEN, mark) : text;
}

/** Where each hidden character is, in order. */
export function findHidden(text: string): { index: number; ch: string }[] {
  if (!MAYBE_HIDDEN.test(text)) return [];
  return [...text.matchAll(HIDDEN)].map((m) => ({ index: m.index, ch: m[0] }));
}
