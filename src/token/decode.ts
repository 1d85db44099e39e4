// Splits and decodes a compact JWT segment by segment, so a broken header does not hide a readable payload.
// Stricter than jose where the learner needs to know why: each segment says what is wrong with it.

export type SegmentResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** base64url → bytes. Standard base64 (`+`, `/`, `=`) is decoded too, so the content can still be shown. */
export function base64UrlBytes(segment: string): Uint8Array | undefined {
  const body = segment.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(body + '='.repeat((4 - (body.length % 4)) % 4));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A segment that must hold a JSON object (header or payload). JSON.parse keeps `__proto__` as an own key. */
export function decodeJsonObject(segment: string): SegmentResult<Record<string, unknown>> {
  if (segment === '') return { ok: false, problem: 'it is empty' };
  const bytes = base64UrlBytes(segment);
  if (!bytes) return { ok: false, problem: 'it is not valid base64url' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'it decodes to bytes that are not valid UTF-8' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it decodes to text that is not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    return { ok: false, problem: `it decodes to ${kind}, not a JSON object` };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}
