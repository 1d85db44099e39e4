// One request with its size bounded while the body streams: Content-Length is checked before any byte is read,
// only identity and gzip encodings are accepted, and decompressed bytes are counted as they come, so a 1 GiB gzip
// bomb or an endless body costs at most `maxBytes` plus one chunk. In Node the request goes through node:http(s)
// with a `lookup` that hands every resolved address to `checkAddress` before the socket connects (a name that
// resolves to 127.0.0.1 cannot slip past the gate); in a web worker, through fetch. Verification GETs keys (only
// a 200 body is read); "Ask my deployment" POSTs a token and reads the body of every answer (Convex's errors
// come as 4xx JSON). Redirects are never followed.
import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';

export interface RawResponse {
  status: number;
  statusText: string;
  location?: string;
  contentType?: string;
  text: string;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface GetOptions {
  signal: AbortSignal;
  /** Read the body of every status, not only 200 (Convex answers errors with a JSON body). */
  everyStatus?: boolean;
  maxBytes: number;
  /** Custom fetch (the exercise's in-memory or loopback route, tests); without it Node uses node:http(s). */
  fetchImpl?: typeof fetch;
  /** Called with every address the host name resolves to, before connecting; rejects to refuse. Node only. */
  checkAddress?: (hostname: string, addresses: ResolvedAddress[]) => Promise<void>;
  /** Resolver (tests stand in a rebinding name); defaults to the system's (dns.lookup). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export class BodyTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly declared: boolean,
  ) {
    super('body too large');
  }
}

export class UnsupportedEncoding extends Error {
  constructor(readonly encoding: string) {
    super(`content-encoding ${encoding}`);
  }
}

const ACCEPTED_ENCODINGS = new Set(['', 'identity', 'gzip', 'x-gzip']);

/** What is sent: verification's GET, or the POST of a Convex client (its own headers and body, unchanged). */
export interface OutgoingRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

const GET_JSON: OutgoingRequest = { method: 'GET', headers: { accept: 'application/json' } };

export function boundedGet(url: string, opts: GetOptions): Promise<RawResponse> {
  return boundedRequest(url, GET_JSON, opts);
}

export function boundedRequest(url: string, request: OutgoingRequest, opts: GetOptions): Promise<RawResponse> {
  if (opts.fetchImpl || (process.platform as string) === 'web' || typeof https.request !== 'function')
    return fetchRequest(url, request, opts);
  return nodeRequest(url, request, opts);
}

function declaredTooLarge(length: string | null | undefined, max: number): BodyTooLarge | undefined {
  const n = length === null || length === undefined ? NaN : Number(length);
  return Number.isFinite(n) && n > max ? new BodyTooLarge(n, true) : undefined;
}

async function fetchRequest(url: string, request: OutgoingRequest, opts: GetOptions): Promise<RawResponse> {
  const res = await (opts.fetchImpl ?? fetch)(url, {
    method: request.method,
    redirect: 'manual',
    signal: opts.signal,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const head = {
    status: res.type === 'opaqueredirect' ? 302 : res.status,
    statusText: res.statusText,
    ...(res.headers.get('location') ? { location: res.headers.get('location') as string } : {}),
    ...(res.headers.get('content-type') ? { contentType: res.headers.get('content-type') as string } : {}),
  };
  if (head.status !== 200 && !opts.everyStatus) {
    await res.body?.cancel().catch(() => undefined);
    return { ...head, text: '' };
  }
  const declared = declaredTooLarge(res.headers.get('content-length'), opts.maxBytes);
  if (declared) {
    await res.body?.cancel().catch(() => undefined);
    throw declared;
  }
  const reader = res.body?.getReader() as ReadableStreamDefaultReader<Uint8Array> | undefined;
  if (!reader) return { ...head, text: '' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > opts.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(total, false);
    }
    chunks.push(value);
  }
  return { ...head, text: decodeUtf8(chunks, total) };
}

function decodeUtf8(chunks: Uint8Array[], total: number): string {
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    // Destructured at run time: the web build maps node:dns to an empty shim and never gets here.
    const { lookup } = dns;
    lookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
}

type LookupCallback = (err: Error | null, address: string | ResolvedAddress[], family?: number) => void;

function nodeRequest(url: string, request: OutgoingRequest, opts: GetOptions): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const resolver = opts.resolve ?? systemResolve;
  // Runs at connect time for every host name (IP literals need none: the literal check already saw them).
  const lookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolver(hostname)
      .then(async (addresses) => {
        if (addresses.length === 0)
          throw Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' });
        if (opts.checkAddress) await opts.checkAddress(hostname, addresses);
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      })
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), ''));
  };
  return new Promise<RawResponse>((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const req = client.request(target, {
      method: request.method,
      agent: false,
      signal: opts.signal,
      lookup: lookup,
      headers: {
        ...request.headers,
        'accept-encoding': 'gzip',
        ...(body ? { 'content-length': String(body.byteLength) } : {}),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const head: Omit<RawResponse, 'text'> = {
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        ...(typeof res.headers.location === 'string' ? { location: res.headers.location } : {}),
        ...(typeof res.headers['content-type'] === 'string' ? { contentType: res.headers['content-type'] } : {}),
      };
      const stop = (err?: Error): void => {
        res.destroy();
        req.destroy();
        if (err) reject(err);
      };
      if (head.status !== 200 && !opts.everyStatus) {
        stop();
        resolve({ ...head, text: '' });
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase();
      if (!ACCEPTED_ENCODINGS.has(encoding)) return stop(new UnsupportedEncoding(encoding));
      // A compressed body is never bigger than what it decompresses to, so its declared length is checked too.
      const declared = declaredTooLarge(res.headers['content-length'], opts.maxBytes);
      if (declared) return stop(declared);
      const { createGunzip } = zlib;
      const body = encoding.endsWith('gzip') ? res.pipe(createGunzip()) : res;
      const chunks: Buffer[] = [];
      let total = 0;
      let done = false;
      body.on('data', (chunk: Buffer) => {
        if (done) return;
        total += chunk.byteLength;
        if (total > opts.maxBytes) {
          done = true;
          chunks.length = 0;
          if (body !== res) body.destroy();
          stop(new BodyTooLarge(total, false));
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (err: Error) => {
        if (!done) stop(err);
        done = true;
      });
      body.on('end', () => {
        if (done) return;
        done = true;
        resolve({ ...head, text: Buffer.concat(chunks, total).toString('utf8') });
      });
    });
    req.end(body);
  });
}
