// How Convex's backend reads the bytes of a token segment, where that differs from the browser's JSON.parse and
// atob: its base64url decoders refuse padding (and one of them non-zero trailing bits), and serde_json refuses
// invalid UTF-8, lone surrogate escapes, numbers beyond f64 and nesting past its recursion limit.

export type JsonRead = { ok: true; value: unknown } | { ok: false; problem: string };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// ignoreBOM keeps a leading byte order mark in the text, where JSON.parse refuses it as serde_json does.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * base64url without padding. `strictTrailingBits`: data_encoding's BASE64URL_NOPAD (biscuit, the first read of the
 * payload: convex-backend crates/authentication/src/lib.rs:166) refuses a last character with unused bits set;
 * openidconnect's decoder (`base64_url_safe_no_pad`, src/core/mod.rs:1018) allows them.
 */
export function base64UrlNoPad(segment: string, strictTrailingBits: boolean): Uint8Array | undefined {
  if (segment.length % 4 === 1) return undefined;
  const values: number[] = [];
  for (const ch of segment) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    values.push(v);
  }
  const rest = values.length % 4;
  if (strictTrailingBits && rest !== 0) {
    const last = values[values.length - 1];
    if ((rest === 2 && (last & 0x0f) !== 0) || (rest === 3 && (last & 0x03) !== 0)) return undefined;
  }
  const out = new Uint8Array(Math.floor((values.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let i = 0;
  for (const v of values) {
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** serde_json's default recursion limit: 128, so at most 127 nested arrays or objects. */
const MAX_NESTING = 127;

/** Parses JSON bytes the way serde_json does (what Convex's backend uses), or says why it would not. */
export function readJsonLikeConvex(bytes: Uint8Array): JsonRead {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'the bytes are not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  const surrogate = loneSurrogateEscape(text);
  if (surrogate) return { ok: false, problem: `it has a lone surrogate escape (${surrogate})` };
  const problem = valueProblem(value);
  return problem ? { ok: false, problem } : { ok: true, value };
}

/** `\uD800` without its pair (or a trailing half alone): JSON.parse keeps it, serde_json refuses it. */
function loneSurrogateEscape(text: string): string | undefined {
  const re = /\\(u[0-9a-fA-F]{4}|.)/g;
  let pendingHigh: string | undefined;
  let prevEnd = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const esc = m[1];
    const code = esc.length === 5 ? parseInt(esc.slice(1), 16) : -1;
    const adjacent = m.index === prevEnd;
    if (pendingHigh !== undefined) {
      if (!(adjacent && code >= 0xdc00 && code <= 0xdfff)) return pendingHigh;
      pendingHigh = undefined;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return `\\${esc}`;
    }
    if (code >= 0xd800 && code <= 0xdbff) pendingHigh = `\\${esc}`;
    prevEnd = m.index + m[0].length;
  }
  return pendingHigh;
}

/** A number JSON.parse turned into ±Infinity overflowed f64 (serde_json: "number out of range"); nesting limit. */
function valueProblem(root: unknown): string | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value === 'number' && !Number.isFinite(value)) return 'it has a number out of range';
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_NESTING) return 'it is nested deeper than 127 levels';
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** A segment as a JSON value read like Convex, or why not. */
export function readSegment(segment: string, strictTrailingBits: boolean): JsonRead {
  const bytes = base64UrlNoPad(segment, strictTrailingBits);
  if (!bytes) return { ok: false, problem: 'it is not unpadded base64url' };
  return readJsonLikeConvex(bytes);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
