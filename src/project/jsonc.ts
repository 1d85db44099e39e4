// JSON as TypeScript reads tsconfig.json: comments (`//`, `/* */`) and trailing commas are allowed.

/** The parsed value, or undefined for any text that is not JSON-with-comments (never throws). */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(plainJson(text.replace(/^\uFEFF/, '')));
  } catch {
    return undefined;
  }
}

/** Copies `text` without comments and trailing commas, leaving strings (which may hold `//`, as URLs do) untouched. */
function plainJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const skipped = afterComment(text, i);
    if (skipped !== i) {
      out += ' ';
      i = skipped;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else {
      const next = text[nextSignificant(text, i + 1)];
      if (c !== ',' || (next !== '}' && next !== ']')) out += c;
      i++;
    }
  }
  return out;
}

/** Past the comment starting at `i`, or `i` itself when none starts there. */
function afterComment(text: string, i: number): number {
  if (text[i] !== '/') return i;
  if (text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

/** The index of the next character that is neither white space nor inside a comment. */
function nextSignificant(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const skipped = afterComment(text, i);
    if (skipped === i) return i;
    i = skipped;
  }
}

/** The index just past the string starting at `start` (an opening quote), or the end of an unterminated one. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return text.length;
}
