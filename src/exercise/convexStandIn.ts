// A stand-in for a Convex deployment that speaks Convex's HTTP function API as the real `ConvexHttpClient` expects
// it, case by case as convex-backend answers (crates/local_backend/src/public_api.rs, authentication.rs,
// crates/common/src/http): POST /api/query|mutation|action with {"path","format","args":[…]}; 200
// {"status":"success","value"(,"logLines")} or 200 {"status":"error","errorMessage"(,"errorData")(,"logLines")};
// {"code","message"} with the error's status otherwise. Authentication is convexAuth.ts's (Convex's rules); the
// function runs wherever `run` sends it. Served on 127.0.0.1 (only to requests addressed to that address and not
// from a web page), or answered in memory through a `fetch` the real client is given (where nothing can listen).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAuthorization } from '../token/convexToken';
import type { RunIdentity } from './run/protocol';
import { isJsonContentType, parseCall, pathOf, requestId, safeParse, uncaught } from './standInRequest';
import type { AuthOutcome, StageResult } from './types';

export type FunctionCallKind = 'query' | 'mutation' | 'action';

export type RunAnswer =
  | { ok: true; value: unknown; logLines: string[] }
  | {
      ok: false;
      /** The thrown error's message (for a ConvexError, its message as Convex builds it). */
      message: string;
      /** The thrown error's name ("Error", "TypeError", …); "ConvexError" when `data` is set. */
      name?: string;
      data?: unknown;
      logLines: string[];
    };

export interface WireExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
  /** The server side: Convex's checks, then the function. */
  stages: StageResult[];
  /** The identity the function was run with (null: anonymous), when the request got that far. */
  identity?: RunIdentity | null;
  /** The request id Convex would put in a function error. */
  requestId: string;
}

export interface StandInOptions {
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  run(kind: FunctionCallKind, path: string, args: unknown, identity: RunIdentity | null): Promise<RunAnswer>;
  /**
   * A production deployment: function errors say only "[Request ID: …] Server Error" and log lines are withheld
   * (`RedactedJsError`, `RedactedLogLines`, crates/application/src/redaction.rs). Development otherwise.
   */
  production?: boolean;
}

export interface ConvexStandIn {
  /** http://127.0.0.1:<port>, or the in-memory address; usable as a deployment URL by ConvexHttpClient. */
  readonly url: string;
  /** For ConvexHttpClient's `fetch` option in memory; undefined over HTTP. */
  readonly fetch?: typeof fetch;
  readonly transport: 'http' | 'memory';
  /** Every exchange so far, oldest first (bounded). */
  exchanges(): WireExchange[];
  close(): Promise<void>;
}

/** The request as the stand-in reads it, whatever carried it. */
interface WireRequest {
  method: string;
  url: string;
  /** Header names lower-cased; the first value of each (Node and axum keep the first Authorization). */
  headers: Map<string, string>;
  /** Header names as sent, for the request view. */
  shown: Record<string, string>;
  body: string | undefined;
  tooLarge?: boolean;
}

interface WireResponse {
  status: number;
  body: unknown;
}

const MAX_BODY = 1024 * 1024;
const KEEP = 50;
const ROUTES: Record<string, FunctionCallKind> = {
  '/api/query': 'query',
  '/api/mutation': 'mutation',
  '/api/action': 'action',
};

/** Where the stand-in answers without a socket: a reserved name that never resolves. */
export const MEMORY_DEPLOYMENT_URL = 'https://exercise-deployment.invalid';

/** The request handling, transport aside. */
function createCore(opts: StandInOptions, ownOrigin: () => string | undefined) {
  const log: WireExchange[] = [];

  async function handle(req: WireRequest): Promise<WireResponse> {
    const exchange: WireExchange = {
      request: { method: req.method, url: req.url, headers: req.shown, body: safeParse(req.body) },
      response: { status: 0, body: null },
      stages: [],
      requestId: requestId(),
    };
    const answer = (status: number, body: unknown): WireResponse => {
      exchange.response = { status, body };
      log.push(exchange);
      if (log.length > KEEP) log.shift();
      return { status, body };
    };
    const origin = ownOrigin();
    // Not Convex's behaviour but the stand-in's own fence (as the issuer server's): only requests addressed to this
    // loopback address, and never from a web page (a page always sends Origin on a POST), reach a route.
    if (origin !== undefined) {
      const host = req.headers.get('host') ?? '';
      if (`http://${host.toLowerCase()}` !== origin)
        return answer(421, { code: 'MisdirectedRequest', message: 'This exercise server only answers 127.0.0.1.' });
      const from = req.headers.get('origin');
      const site = req.headers.get('sec-fetch-site');
      if ((from !== undefined && from !== origin) || (site !== undefined && site !== 'same-origin' && site !== 'none'))
        return answer(403, { code: 'Forbidden', message: 'This exercise server does not answer web pages.' });
    }
    const pathname = pathOf(req.url);
    const route = ROUTES[pathname];
    if (req.method !== 'POST' || !route)
      return answer(404, { code: 'NotFound', message: `No route for ${req.method} ${pathname}` });
    // Extractors run in order: the Authorization header (authentication.rs:43-97) before the JSON body.
    const authorization = req.headers.get('authorization');
    const header = readAuthorization(authorization);
    if (header.kind === 'refused') {
      exchange.stages.push({
        stage: 'match',
        status: 'fail',
        label: 'Read the Authorization header',
        detail: header.message,
      });
      return answer(header.status, { code: header.code, message: header.message });
    }
    // crates/common/src/http/extract.rs:118-138.
    if (!isJsonContentType(req.headers.get('content-type')))
      return answer(400, { code: 'BadJsonBody', message: 'Expected request with `Content-Type: application/json`' });
    // buffer_body (extract.rs:91-106) with axum's rejection text; the limit here is the stand-in's (1 MiB).
    if (req.tooLarge || req.body === undefined)
      return answer(400, { code: 'BadJsonBody', message: 'Failed to buffer the request body: length limit exceeded' });
    const call = parseCall(req.body);
    if (typeof call === 'string') return answer(400, { code: 'BadJsonBody', message: call });
    // public_api.rs:472-475: authenticate, then run.
    const auth = await opts.authenticate(authorization);
    exchange.stages.push(...auth.stages);
    if ('rejected' in auth) {
      exchange.stages.push({
        stage: 'data',
        status: 'skipped',
        label: call.path,
        detail: 'Not reached: the request was rejected.',
      });
      return answer(auth.rejected.status, { code: auth.rejected.code, message: auth.rejected.message });
    }
    exchange.identity = auth.identity;
    const result = await opts.run(route, call.path, call.args, auth.identity);
    exchange.stages.push({
      stage: 'data',
      status: result.ok ? 'pass' : 'fail',
      label: call.path,
      detail: result.ok ? `${call.path} returned.` : `${call.path} threw: ${result.message}`,
    });
    // public_api.rs:131-156: logLines only when there are any; a production deployment withholds them
    // (RedactedLogLines::from_log_lines, redaction.rs:39-48).
    const logLines = opts.production ? [] : result.logLines;
    const logs = logLines.length > 0 ? { logLines } : {};
    if (result.ok) return answer(200, { status: 'success', value: result.value, ...logs });
    const name = result.name ?? (result.data !== undefined ? 'ConvexError' : 'Error');
    // redaction.rs:163-171: "[Request ID: …] Server Error", then the JsError (its message and a line break,
    // common/src/errors.rs:809-818) unless the deployment redacts it.
    const errorMessage =
      `[Request ID: ${exchange.requestId}] Server Error` +
      (opts.production ? '' : `\n${uncaught(result.message, name)}\n`);
    return answer(200, {
      status: 'error',
      errorMessage,
      ...(result.data !== undefined ? { errorData: result.data } : {}),
      ...logs,
    });
  }

  return { handle, exchanges: () => log.map((e) => ({ ...e })) };
}

function readBody(req: http.IncomingMessage): Promise<{ text?: string; tooLarge?: boolean }> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve({ tooLarge: true });
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}

/** Served on 127.0.0.1 over real HTTP: the real client's request arrives byte for byte. */
export async function startConvexStandIn(opts: StandInOptions): Promise<ConvexStandIn> {
  // The web build maps node:http to an empty shim (see issuerServer.ts); there the memory stand-in is used instead.
  if ((process.platform as string) === 'web')
    throw new Error("The exercise's loopback deployment needs Node; in the browser use the memory stand-in.");
  const { createServer } = http;
  let url = '';
  const core = createCore(opts, () => url);
  const server = createServer((req, res) => {
    void (async () => {
      const headers = new Map<string, string>();
      const shown: Record<string, string> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        if (!headers.has(name.toLowerCase())) headers.set(name.toLowerCase(), req.rawHeaders[i + 1]);
        shown[name] ??= req.rawHeaders[i + 1];
      }
      const body = req.method === 'POST' ? await readBody(req) : {};
      const out = await core.handle({
        method: req.method ?? 'GET',
        url: `${url}${req.url ?? '/'}`,
        headers,
        shown,
        body: body.text,
        ...(body.tooLarge ? { tooLarge: true } : {}),
      });
      if (!res.headersSent)
        res.writeHead(out.status, { 'content-type': 'application/json' }).end(JSON.stringify(out.body));
    })().catch((err: unknown) => {
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: 'InternalServerError', message: String(err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    transport: 'http',
    exchanges: core.exchanges,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/** Answered in memory: the real client is given this `fetch`; no socket is opened. */
export function createMemoryStandIn(opts: StandInOptions): ConvexStandIn {
  const core = createCore(opts, () => undefined);
  let closed = false;
  const memoryFetch: typeof fetch = async (input, init) => {
    if (closed) throw new TypeError('fetch failed: the exercise was closed');
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${MEMORY_DEPLOYMENT_URL}/`)) throw new TypeError(`fetch failed: ${url} is not the exercise's`);
    const h = new Headers(init?.headers);
    const headers = new Map<string, string>();
    const shown: Record<string, string> = {};
    const sent = init?.headers;
    if (sent && !(sent instanceof Headers) && !Array.isArray(sent))
      for (const [k, v] of Object.entries(sent)) shown[k] = String(v);
    else h.forEach((v, k) => (shown[k] = v));
    h.forEach((v, k) => headers.set(k, v));
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const out = await core.handle({
      method: init?.method ?? 'GET',
      url,
      headers,
      shown,
      body,
      ...(body !== undefined && body.length > MAX_BODY ? { tooLarge: true } : {}),
    });
    return new Response(JSON.stringify(out.body), {
      status: out.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return {
    url: MEMORY_DEPLOYMENT_URL,
    fetch: memoryFetch,
    transport: 'memory',
    exchanges: core.exchanges,
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
