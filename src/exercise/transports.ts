// How the exercise's model of Convex's authentication (convexAuth.ts) reaches the issuer. In memory (vscode.dev, where
// nothing can listen) the same documents are answered without a socket; over HTTP, a learner's real Clerk domain is
// routed to the loopback server so the exercise never touches the real network. Any other address is unreachable in
// both.

import type { Issuer } from './issuer';

function unreachable(url: string): Promise<Response> {
  return Promise.reject(new TypeError(`fetch failed: the exercise only talks to its own issuer, not ${url}`));
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function createMemoryTransport(issuer: Issuer): typeof fetch {
  return (input, init) => {
    const url = urlOf(input);
    if (init?.signal?.aborted) return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    if (originOf(url) !== originOf(issuer.issuerUrl)) return unreachable(url);
    const body =
      url === issuer.discoveryUrl ? issuer.discoveryDocument() : url === issuer.jwksUrl ? issuer.jwks() : undefined;
    return Promise.resolve(
      body
        ? new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response('{"error":"not found"}', { status: 404, headers: { 'content-type': 'application/json' } }),
    );
  };
}

/** Sends requests for `fromOrigin` to `toOrigin` (the loopback server) with the real fetch; nothing else leaves. */
export function createLoopbackRoute(
  fromOrigin: string,
  toOrigin: string,
  fetchImpl: typeof fetch = fetch,
): typeof fetch {
  const from = originOf(fromOrigin);
  return (input, init) => {
    const url = urlOf(input);
    if (from === undefined || originOf(url) !== from) return unreachable(url);
    const { pathname, search } = new URL(url);
    return fetchImpl(`${toOrigin}${pathname}${search}`, init);
  };
}
