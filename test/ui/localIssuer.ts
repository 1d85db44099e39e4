// A "local issuer" for the ask-before-fetch checks: a plain HTTP server on 127.0.0.1 that only counts who
// connects (it speaks no TLS, so an https request to it fails at the handshake), and a real RS256 token made
// with jose whose `iss` points at it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';

export interface CountingServer {
  port: number;
  /** `https://127.0.0.1:<port>`: a loopback issuer, the kind the panel asks about before fetching. */
  issuer: string;
  connections(): number;
  close(): Promise<void>;
}

export async function startCountingServer(): Promise<CountingServer> {
  let connections = 0;
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    issuer: `https://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Clerk-shaped session token for the Convex integration, really signed, from the given issuer. */
export async function signedToken(iss: string): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ azp: 'http://localhost:3000', sid: 'sess_2localIssuer', v: 2 })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_local', typ: 'JWT' })
    .setIssuer(iss)
    .setSubject('user_2localIssuerTest')
    .setAudience('convex')
    .setIssuedAt()
    .setNotBefore('-5s')
    .setExpirationTime('1h')
    .sign(privateKey);
}
