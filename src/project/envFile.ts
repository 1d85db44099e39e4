// Reads local env files the way dotenv (used by Next.js, Vite and the Convex CLI) does, without ever throwing:
// a learner's half-typed .env.local must still give us whatever lines are readable.

export interface EnvPair {
  name: string;
  value: string;
}

const KEY = /[\w.-]+/y;

/**
 * Parses dotenv syntax: `#` comments, an optional `export ` prefix, `=` (or `: `) separators, single, double and
 * backtick quotes (multi-line allowed), `\n`/`\r` escapes inside double quotes, and empty values. Unquoted values
 * end at `#` and are trimmed. A later assignment of the same name wins, as in dotenv.
 */
export function parseEnvFile(text: string): EnvPair[] {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const byName = new Map<string, string>();
  let pos = 0;
  while (pos < src.length) {
    const lineEnd = indexOrEnd(src, '\n', pos);
    const parsed = parseAssignment(src, pos, lineEnd);
    if (parsed) {
      byName.delete(parsed.name);
      byName.set(parsed.name, parsed.value);
      pos = parsed.next;
    } else {
      pos = lineEnd + 1;
    }
  }
  return [...byName].map(([name, value]) => ({ name, value }));
}

function parseAssignment(
  src: string,
  start: number,
  lineEnd: number,
): { name: string; value: string; next: number } | undefined {
  let p = skipBlanks(src, start, lineEnd);
  if (src.startsWith('export', p) && /[ \t]/.test(src.charAt(p + 6))) p = skipBlanks(src, p + 6, lineEnd);
  KEY.lastIndex = p;
  const key = KEY.exec(src);
  if (!key) return undefined;
  const name = key[0];
  p += name.length;
  p = skipBlanks(src, p, lineEnd);
  if (src.charAt(p) === '=') {
    p++;
  } else if (src.charAt(p) === ':' && /[ \t]/.test(src.charAt(p + 1))) {
    p += 2;
  } else {
    return undefined;
  }
  p = skipBlanks(src, p, lineEnd);
  const quote = src.charAt(p);
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = findClosingQuote(src, p + 1, quote);
    if (close !== -1) {
      const inner = src.slice(p + 1, close);
      const value = quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : inner;
      return { name, value, next: indexOrEnd(src, '\n', close) + 1 };
    }
    // An unclosed quote is kept as part of a plain value, as dotenv does.
  }
  const rest = src.slice(p, lineEnd);
  const hash = rest.indexOf('#');
  return { name, value: (hash === -1 ? rest : rest.slice(0, hash)).trim(), next: lineEnd + 1 };
}

/** A quote preceded by a backslash does not close the value. */
function findClosingQuote(src: string, from: number, quote: string): number {
  for (let i = from; i < src.length; i++) {
    const c = src.charAt(i);
    if (c === '\\' && src.charAt(i + 1) === quote) i++;
    else if (c === quote) return i;
  }
  return -1;
}

function skipBlanks(src: string, p: number, end: number): number {
  while (p < end && (src.charAt(p) === ' ' || src.charAt(p) === '\t')) p++;
  return p;
}

function indexOrEnd(src: string, ch: string, from: number): number {
  const i = src.indexOf(ch, from);
  return i === -1 ? src.length : i;
}
