// Serves the issuer's discovery document and JWKS over real HTTP on loopback, the way Clerk's Frontend API does.
// The only file of the model that needs Node. The web build maps node:http to an empty shim: the namespace
// import keeps that build quiet, and the http transport is refused there before this code runs.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Issuer } from './issuer';

export interface IssuerServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The issuer as served: rebased to `url` unless `keepIssuerUrl` was set. */
  readonly issuer: Issuer;
  close(): Promise<void>;
}

/**
 * `keepIssuerUrl`: serve documents that name the issuer's own URL (the learner's Clerk domain, reached through a
 * route to this server) instead of the loopback address.
 */
export async function startIssuerServer(issuer: Issuer, opts: { keepIssuerUrl?: boolean } = {}): Promise<IssuerServer> {
  if ((process.platform as string) === 'web')
    throw new Error("The exercise's loopback issuer needs Node; in the browser use the memory transport.");
  const { createServer } = http;
  let served = issuer;
  // Matched by path only: a learner's domain routed here asks for the same paths it would ask Clerk for.
  let ownHost = '';
  const server = createServer((req: http.IncomingMessage, res: http.ServerResponse) => {
    // Only requests addressed to this server's own loopback address and port: a page that rebinds its own name to
    // 127.0.0.1 sends its name as Host and is turned away (421) before any route runs.
    if ((req.headers.host ?? '').toLowerCase() !== ownHost) {
      res.writeHead(421, { 'content-type': 'application/json' }).end('{"error":"misdirected request"}');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    const body =
      req.method !== 'GET'
        ? undefined
        : path === new URL(served.discoveryUrl).pathname
          ? served.discoveryDocument()
          : path === new URL(served.jwksUrl).pathname
            ? served.jwks()
            : undefined;
    if (!body) {
      res
        .writeHead(req.method === 'GET' ? 404 : 405, { 'content-type': 'application/json' })
        .end('{"error":"not found"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  ownHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `http://${ownHost}`;
  if (!opts.keepIssuerUrl) served = issuer.withUrl(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    issuer: served,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
