// Pasted tokens arrive wrapped: a whole "Authorization: Bearer …" header, quotes from a JSON dump or a log,
// line breaks from a terminal. Remove exactly those wrappers and say what was removed.
import type { NormalisedInput } from './types';

const QUOTES: [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
];

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function normaliseToken(raw: string): NormalisedInput {
  const removed: string[] = [];
  let text = raw;
  const trimmed = text.trim();
  if (trimmed !== text) removed.push('whitespace around the token');
  text = trimmed;

  // Wrappers can nest either way round ("Bearer \"…\"" or "\"Bearer …\""): peel until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    const header = /^authorization\s*:\s*/i.exec(text);
    if (header) {
      text = text.slice(header[0].length);
      removed.push('the "Authorization:" header name');
      changed = true;
    }
    const bearer = /^bearer(\s+|$)/i.exec(text);
    if (bearer) {
      text = text.slice(bearer[0].length);
      removed.push('the "Bearer " prefix');
      changed = true;
    }
    for (const [open, close] of QUOTES) {
      if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
        text = text.slice(open.length, text.length - close.length).trim();
        removed.push('surrounding quotes');
        changed = true;
      }
    }
    // One match for the whole run: 60,000 stray semicolons are one line of the report, not 60,000.
    // Scanned from the end by hand: a regex anchored at $ backtracks quadratically over "; ; ; …".
    let end = text.length;
    let n = 0;
    for (
      let c = text.charCodeAt(end - 1);
      end > 0 && (c === 44 || c === 59 || c === 32 || (c >= 9 && c <= 13) || c === 0xa0);
      c = text.charCodeAt(--end - 1)
    ) {
      if (c === 44 || c === 59) n++;
    }
    if (n > 0) {
      text = text.slice(0, end);
      removed.push(
        n === 1 ? 'a trailing comma or semicolon' : `${n.toLocaleString('en-US')} trailing commas or semicolons`,
      );
      changed = true;
    }
  }

  const breaks = (text.match(/\r\n|\r|\n/g) ?? []).length;
  const spaces = (text.replace(/\r\n|\r|\n/g, '').match(/[ \t\f\v\u00a0]/g) ?? []).length;
  if (breaks > 0 || spaces > 0) {
    text = text.replace(/[\r\n \t\f\v\u00a0]+/g, '');
    if (breaks > 0) removed.push(plural(breaks, 'line break', 'line breaks'));
    if (spaces > 0) removed.push(plural(spaces, 'space inside the token', 'spaces inside the token'));
  }
  return { token: text, removed: collapse(removed) };
}

/** The same wrapper peeled many times ("Bearer Bearer …") is said once, with a count. */
function collapse(removed: string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of removed) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([what, n]) => (n === 1 ? what : `${what} (${n.toLocaleString('en-US')} times)`));
}
