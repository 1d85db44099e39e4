// Words for whatever the learner's code throws or logs, without ever throwing itself: a null-prototype object
// has no toString, a getter on `message` can throw, a Proxy can throw from every trap (and a revoked one from
// typeof-safe operations too). Each read is guarded; what cannot be read is named, not re-thrown.

const MAX_TEXT = 2000;

function cut(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function guarded<T>(read: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: read() };
  } catch {
    return { ok: false };
  }
}

/** A primitive in words; undefined for objects and functions. */
function primitive(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return cut(v);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return String(v);
    case 'symbol':
      return guarded(() => v.toString()).ok ? v.toString() : 'a symbol';
    default:
      return v === null ? 'null' : undefined;
  }
}

/** The text of a thrown value: an Error's message (as Convex reports it), or a description of anything else. */
export function describeThrown(err: unknown): string {
  const simple = primitive(err);
  if (simple !== undefined) return simple;
  const message = guarded(() => (err as { message?: unknown }).message);
  if (message.ok && typeof message.value === 'string') return cut(message.value);
  if (!message.ok) return 'an object whose message could not be read (reading it threw)';
  const json = guarded(() => JSON.stringify(err));
  if (json.ok && typeof json.value === 'string') return cut(`a non-Error value: ${json.value}`);
  const tag = guarded(() => Object.prototype.toString.call(err));
  return tag.ok ? `a non-Error value (${tag.value})` : 'a value that could not be read';
}

/** One console argument as text (strings as they are, anything else as JSON when it can be). */
export function describeLogged(v: unknown): string {
  if (typeof v === 'string') return cut(v, 1000);
  const simple = primitive(v);
  if (simple !== undefined) return simple;
  const json = guarded(() => JSON.stringify(v));
  if (json.ok && typeof json.value === 'string') return cut(json.value, 1000);
  return describeThrown(v);
}
