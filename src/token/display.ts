// Turns decoded JSON into values the webview can render safely: nesting cut at MAX_DEPTH, objects without a
// prototype (so a `__proto__` key stays an ordinary key), and hidden characters (hiddenCharacters.ts) replaced by
// a visible `[U+202E]` marker whose place is recorded.
import { DEPTH_ELLIPSIS, MAX_DEPTH } from './limits';
import { characterName, codePointLabel, markHidden } from './hiddenCharacters';
import type { HiddenCharacter } from './types';

/** The marker of each hidden character met so far: a string of 12,000 of them is marked without 12,000 labels. */
const MARKS = new Map<string, string>();

/** Recorded places are capped: a hostile token could hold thousands. */
const MAX_RECORDED = 100;

export class DisplayBuilder {
  readonly hidden: HiddenCharacter[] = [];

  text(value: string, path: string): string {
    return markHidden(value, (ch) => {
      let mark = MARKS.get(ch);
      if (mark === undefined) {
        mark = `[${codePointLabel(ch.codePointAt(0) ?? 0)}]`;
        MARKS.set(ch, mark);
      }
      if (this.hidden.length < MAX_RECORDED) {
        const cp = ch.codePointAt(0) ?? 0;
        this.hidden.push({ path, codePoint: codePointLabel(cp), name: characterName(cp) });
      }
      return mark;
    });
  }

  value(value: unknown, path: string, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value, path);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return DEPTH_ELLIPSIS;
    if (Array.isArray(value)) return value.map((v, i) => this.value(v, `${path}[${i}]`, depth + 1));
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) {
      const shownKey = this.text(key, `${path} (key)`);
      out[shownKey] = this.value((value as Record<string, unknown>)[key], `${path}.${shownKey}`, depth + 1);
    }
    return out;
  }
}

/**
 * The one way an untrusted value becomes a line of text in a check: JSON-shaped, at most `max` characters, and
 * built by walking own keys with an explicit stack, so no input can make it recurse deeply or call a method it
 * defines (`String()` on `{"toString":1}` throws, on a 10,000-deep array it overflows the stack).
 */
export function describeValue(value: unknown, max = 80): string {
  const text = jsonText(value, max);
  const depth = nestingDepth(value);
  return depth > MAX_DEPTH ? `${text} (nested ${depth.toLocaleString('en-US')} levels deep)` : text;
}

/** The whole value as JSON text, however deep (for "copy the whole value"); `max` characters at most. */
export function jsonText(value: unknown, max = Infinity): string {
  let out = '';
  const stack: unknown[] = [value];
  while (stack.length > 0 && out.length <= max) {
    const item = stack.pop();
    if (item instanceof Token) {
      out += item.text;
      continue;
    }
    if (typeof item === 'string') out += JSON.stringify(item.length > max ? item.slice(0, max) : item);
    else if (typeof item === 'number') out += `${item}`;
    else if (typeof item === 'boolean' || typeof item === 'bigint') out += `${item}`;
    else if (item === null) out += 'null';
    else if (typeof item !== 'object') out += typeof item;
    else {
      const entries: unknown[] = [];
      const isArray = Array.isArray(item);
      const keys = isArray ? [] : Object.keys(item);
      const count = isArray ? (item as unknown[]).length : keys.length;
      // Only as many children as can still fit: an array of 10,000 items costs no more than one of 10.
      const room = Math.min(count, max - out.length);
      for (let i = 0; i < room; i++) {
        if (i > 0) entries.push(COMMA);
        if (isArray) entries.push((item as unknown[])[i]);
        else {
          entries.push(new Token(`${JSON.stringify(keys[i])}:`));
          entries.push((item as Record<string, unknown>)[keys[i]]);
        }
      }
      out += isArray ? '[' : '{';
      stack.push(new Token(isArray ? ']' : '}'));
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]);
    }
  }
  const cut = out.length > max || stack.length > 0;
  return cut ? `${out.slice(0, max - 1)}…` : out;
}

class Token {
  constructor(readonly text: string) {}
}

const COMMA = new Token(',');

/** How many arrays/objects deep a value goes, counted without recursion. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return deepest;
}

/** Untrusted text echoed inside a sentence (an issuer URL, a key id): cut at `max` characters with a count. */
export function clip(text: string, max = 300): string {
  return text.length > max
    ? `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`
    : text;
}
