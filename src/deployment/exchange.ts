// One call to the learner's deployment, made by the real `ConvexHttpClient` (the `convex` package): the request
// is the one their app sends, headers and body, because the client builds it. Only the transport is ours: it
// sends to the one base URL the learner chose and nowhere else, never follows a redirect, bounds the answer's size
// and time, and (in Node) refuses a name that resolves to this machine or a private network unless the learner
// already agreed to that host. The raw answer is kept beside what the client made of it.
import { ConvexHttpClient } from 'convex/browser';
import { convexToJson, type Value } from 'convex/values';
import { isPrivateAddress } from '../token/addressGate';
import { BodyTooLarge, boundedRequest, type GetOptions } from '../token/boundedGet';
import { networkCause } from '../token/networkCause';

/** The function the token probe names: a valid path no project defines, so the lookup after authentication fails. */
export const PROBE_PATH = 'clerkConvexLessonProbe:thisFunctionDoesNotExist';
/** A Convex error answer is a few hundred bytes; a query's value is shown cut anyway. */
export const MAX_ANSWER_BYTES = 256 * 1024;

export interface CallOptions {
  timeoutMs: number;
  /** The learner agreed to this host (it is not Convex Cloud's): it may resolve to a private address. */
  approved: boolean;
  maxBytes?: number;
  /** Tests: a resolver standing in for DNS. */
  resolve?: GetOptions['resolve'];
}

export type TransportFailure =
  | { kind: 'timeout'; detail: string }
  | { kind: 'network'; detail: string }
  | { kind: 'private-address'; detail: string }
  | { kind: 'too-large'; detail: string }
  | { kind: 'other-url'; detail: string };

export interface DeploymentExchange {
  /** As the client sent it. Holds the token in `Authorization`: callers redact it before showing anything. */
  request?: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; contentType?: string; text: string };
  /** What the client returned (Convex JSON) or the message of what it threw: what the learner's app would see. */
  client: { ok: true; value: unknown } | { ok: false; error: string };
  failure?: TransportFailure;
}

class PrivateAddress extends Error {}

const NULL_BODY_STATUS = new Set([204, 205, 304]);

/** The client passes a plain object (its own spelling, `Convex-Client`); anything else goes through Headers. */
function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && !(headers instanceof Headers) && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers))
      out[name] = typeof value === 'string' ? value : value.join(', ');
    return out;
  }
  new Headers(headers).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** Runs a public query on `base` as the token's user; with PROBE_PATH, asks only whether the token is accepted. */
export async function callDeployment(
  base: string,
  token: string,
  path: string,
  args: Record<string, unknown>,
  opts: CallOptions,
): Promise<DeploymentExchange> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  const exchange: Omit<DeploymentExchange, 'client'> = {};
  const checkAddress: GetOptions['checkAddress'] = (hostname, addresses) => {
    const bad = opts.approved ? undefined : addresses.find((a) => isPrivateAddress(a.address));
    return bad
      ? Promise.reject(
          new PrivateAddress(`${hostname} resolves to ${bad.address}, on this machine or a private network`),
        )
      : Promise.resolve();
  };
  const transport = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = urlOf(input);
    if (!url.startsWith(`${base}/`)) {
      exchange.failure = { kind: 'other-url', detail: `The client asked for ${url}; only ${base} is contacted.` };
      throw new TypeError(exchange.failure.detail);
    }
    const headers = headerRecord(init?.headers);
    const body = typeof init?.body === 'string' ? init.body : '';
    exchange.request = { method: init?.method ?? 'GET', url, headers, body };
    const raw = await boundedRequest(
      url,
      { method: 'POST', headers, body },
      {
        signal: controller.signal,
        maxBytes: opts.maxBytes ?? MAX_ANSWER_BYTES,
        everyStatus: true,
        checkAddress,
        ...(opts.resolve ? { resolve: opts.resolve } : {}),
      },
    );
    exchange.response = {
      status: raw.status,
      ...(raw.contentType ? { contentType: raw.contentType } : {}),
      text: raw.text,
    };
    return new Response(NULL_BODY_STATUS.has(raw.status) ? null : raw.text, {
      status: raw.status,
      statusText: raw.statusText,
      headers: raw.contentType ? { 'content-type': raw.contentType } : {},
    });
  };
  const client = new ConvexHttpClient(base, { logger: false, skipConvexDeploymentUrlCheck: true, fetch: transport });
  client.setAuth(token);
  try {
    const value: unknown = await client.query(path as unknown as Parameters<ConvexHttpClient['query']>[0], args);
    return { ...exchange, client: { ok: true, value: convexToJson((value ?? null) as Value) } };
  } catch (err) {
    const failure = exchange.failure ?? (exchange.response ? undefined : transportFailure(err, opts.timeoutMs));
    return {
      ...exchange,
      ...(failure ? { failure } : {}),
      client: { ok: false, error: err instanceof Error ? err.message : String(err) },
    };
  } finally {
    clearTimeout(timer);
  }
}

function transportFailure(err: unknown, timeoutMs: number): TransportFailure {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof PrivateAddress) return { kind: 'private-address', detail: cause.message };
  if (cause instanceof BodyTooLarge)
    return { kind: 'too-large', detail: `The answer was larger than ${MAX_ANSWER_BYTES / 1024} KiB.` };
  if (cause instanceof Error && cause.name === 'AbortError')
    return { kind: 'timeout', detail: `No complete answer within ${timeoutMs / 1000} s.` };
  return { kind: 'network', detail: networkCause(err) };
}
