// A stand-in for a Convex deployment on 127.0.0.1 that speaks Convex's HTTP function API exactly as the real
// `ConvexHttpClient` expects it: POST /api/query|mutation|action with {"path","format":"convex_encoded_json",
// "args":[…]}; 200 {"status":"success","value","logLines"} or 200 {"status":"error","errorMessage"(,"errorData")};
// 401 {"code","message"} when the token is refused; 400 InvalidAdminKey for a non-Bearer Authorization header.
// Authentication is the exercise's server model (Convex's rules); the function runs wherever `run` sends it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunIdentity } from './run/protocol';
import type { AuthOutcome, StageResult } from './types';

export type FunctionCallKind = 'query' | 'mutation' | 'action';

export type RunAnswer =
  { ok: true; value: unknown; logLines: string[] } | { ok: false; message: string; data?: unknown; logLines: string[] };

export interface WireExchange {
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; body: unknown };
  /** The server side: Convex's checks, then the function. */
  stages: StageResult[];
  /** The identity the function was run with (null: anonymous), when the request got that far. */
  identity?: RunIdentity | null;
}

export interface StandInOptions {
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  run(kind: FunctionCallKind, path: string, args: unknown, identity: RunIdentity | null): Promise<RunAnswer>;
}

export interface ConvexStandIn {
  /** http://127.0.0.1:<port>, usable as a deployment URL by ConvexHttpClient. */
  readonly url: string;
  /** Every exchange so far, oldest first (bounded). */
  exchanges(): WireExchange[];
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const KEEP = 50;
const ROUTES: Record<string, FunctionCallKind> = {
  '/api/query': 'query',
  '/api/mutation': 'mutation',
  '/api/action': 'action',
};

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseCall(text: string): { path: string; args: unknown } | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'The request body is not JSON.';
  }
  if (typeof body !== 'object' || body === null) return 'The request body is not a JSON object.';
  const { path, args, format } = body as Record<string, unknown>;
  if (typeof path !== 'string') return 'The request body has no "path".';
  if (format !== undefined && format !== 'convex_encoded_json') return `Unsupported format ${JSON.stringify(format)}.`;
  if (!Array.isArray(args) || args.length > 1) return '"args" must be an array holding one object.';
  return { path, args: args[0] ?? {} };
}

function headerRecord(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) out[req.rawHeaders[i]] = req.rawHeaders[i + 1];
  return out;
}

export async function startConvexStandIn(opts: StandInOptions): Promise<ConvexStandIn> {
  const log: WireExchange[] = [];
  let url = '';
  const server = http.createServer((req, res) => {
    void (async () => {
      const route = ROUTES[(req.url ?? '/').split('?')[0]];
      const headers = headerRecord(req);
      const text = req.method === 'POST' && route ? await readBody(req) : undefined;
      const exchange: WireExchange = {
        request: { method: req.method ?? 'GET', url: `${url}${req.url ?? '/'}`, headers, body: safeParse(text) },
        response: { status: 0, body: null },
        stages: [],
      };
      const answer = (status: number, body: unknown): void => {
        exchange.response = { status, body };
        log.push(exchange);
        if (log.length > KEEP) log.shift();
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !route)
        return answer(404, { code: 'NotFound', message: `No route for ${req.method ?? ''} ${req.url ?? ''}` });
      if (text === undefined)
        return answer(413, { code: 'RequestTooLarge', message: 'The request body is larger than 1 MiB.' });
      const call = parseCall(text);
      if (typeof call === 'string') return answer(400, { code: 'BadJsonBody', message: call });
      const auth = await opts.authenticate(req.headers.authorization);
      exchange.stages.push(...auth.stages);
      if ('rejected' in auth)
        return answer(auth.rejected.status, { code: auth.rejected.code, message: auth.rejected.message });
      exchange.identity = auth.identity;
      const result = await opts.run(route, call.path, call.args, auth.identity);
      exchange.stages.push({
        stage: 'data',
        status: result.ok ? 'pass' : 'fail',
        label: call.path,
        detail: result.ok ? `${call.path} returned.` : `${call.path} threw: ${result.message}`,
      });
      return answer(
        200,
        result.ok
          ? { status: 'success', value: result.value, logLines: result.logLines }
          : {
              status: 'error',
              errorMessage: `Uncaught ${result.data !== undefined ? 'ConvexError' : 'Error'}: ${result.message}`,
              ...(result.data !== undefined ? { errorData: result.data } : {}),
              logLines: result.logLines,
            },
      );
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
    exchanges: () => log.map((e) => ({ ...e })),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function safeParse(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 2000);
  }
}
