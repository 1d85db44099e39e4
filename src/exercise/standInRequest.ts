// How the stand-in reads a function call's request and words an uncaught error: as convex-backend does where a
// function cites it; the rest (paths, bodies for the request view) is the stand-in's own.

/** `RequestId::new()` (crates/common/src/execution_context.rs:205-208): 8 random bytes as hex. */
export function requestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `json_content_type` (crates/common/src/http/extract.rs:166-178): application/json or application/*+json. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const essence = value.split(';')[0].trim().toLowerCase();
  const m = /^([a-z0-9!#$&^_.+-]+)\/([a-z0-9!#$&^_.+-]+)$/.exec(essence);
  return m !== null && m[1] === 'application' && (m[2] === 'json' || m[2].endsWith('+json'));
}

export function parseCall(text: string): { path: string; args: unknown } | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return `Failed to parse the request body as JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  const data = 'Failed to deserialize the JSON body into the target type';
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `${data}: invalid type: expected struct UdfPostRequest`;
  const { path, args, format } = body as Record<string, unknown>;
  if (path === undefined) return `${data}: missing field \`path\``;
  if (typeof path !== 'string') return `${data}: path: invalid type: expected a string`;
  if (args === undefined) return `${data}: missing field \`args\``;
  if (format !== undefined && format !== null && typeof format !== 'string')
    return `${data}: format: invalid type: expected a string`;
  const callArgs: unknown = Array.isArray(args) ? (args.length === 1 ? (args[0] as unknown) : undefined) : args;
  if (typeof callArgs !== 'object' || callArgs === null || Array.isArray(callArgs))
    return `${data}: args: expected an object or an array holding one object`;
  return { path, args: callArgs };
}

/** `format_uncaught_error` (crates/isolate/src/helpers.rs:209-219). */
export function uncaught(message: string, name: string): string {
  if (name && message) return `Uncaught ${name}: ${message}`;
  if (name) return `Uncaught ${name}`;
  if (message) return `Uncaught ${message}`;
  return 'Uncaught';
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function safeParse(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 2000);
  }
}
