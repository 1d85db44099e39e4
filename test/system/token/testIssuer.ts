// A real OIDC issuer on 127.0.0.1 for the verification tests: each path prefix is an issuer with its own
// misbehaviour (redirects, HTML, hangs, wrong issuer…). Records every request so tests can prove what was not fetched.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testKeys } from '../../unit/token/fixtures';

export interface TestIssuer {
  origin: string;
  requests: string[];
  /** Per issuer name, a jwks_uri for its discovery document to name instead of its own /jwks. */
  jwksUri: Map<string, string>;
  close(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { rsaJwk, edJwk } = await testKeys();
  const requests: string[] = [];
  const jwksUri = new Map<string, string>();
  let origin = '';
  const json = (res: ServerResponse, body: unknown, status = 200) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const [, name, ...rest] = path.split('/');
    const tail = `/${rest.join('/')}`;
    const issuer = `${origin}/${name}`;
    const discovery = { issuer, jwks_uri: jwksUri.get(name) ?? `${issuer}/jwks` };
    if (tail === '/.well-known/openid-configuration') {
      switch (name) {
        case 'redirect':
          return res.writeHead(302, { location: `${origin}/good/.well-known/openid-configuration` }).end();
        case 'html':
          return res
            .writeHead(200, { 'content-type': 'text/html' })
            .end('<!doctype html><html><body>Sign in</body></html>');
        case 'html-as-json':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('  <html></html>');
        case 'hang':
          return undefined;
        case 'notfound':
          return json(res, { error: 'nope' }, 404);
        case 'mismatch':
          return json(res, { ...discovery, issuer: `${origin}/someone-else` });
        case 'no-jwks-uri':
          return json(res, { issuer });
        default:
          return json(res, discovery);
      }
    }
    if (tail === '/jwks') {
      switch (name) {
        case 'jwks-redirect':
          return res.writeHead(301, { location: `${origin}/good/jwks` }).end();
        case 'jwks-hang':
          return undefined;
        case 'jwks-nokeys':
          return json(res, { notKeys: [] });
        // A thousand kid-less candidates: trying each takes longer than a short deadline.
        case 'many-keys':
          return json(res, { keys: Array.from({ length: 1000 }, () => ({ ...rsaJwk, kid: undefined })) });
        default:
          return json(res, { keys: [rsaJwk, edJwk] });
      }
    }
    return json(res, { error: 'not found' }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    jwksUri,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
