// Misbehaving issuers for the memory cases: a 1 GiB gzip bomb as the discovery document (1,024 gzip members of
// 1 MiB of spaces each, about 1 MiB on the wire), and 50 MiB bodies with and without Content-Length, as the
// discovery document or as the key set. `/good` is an ordinary issuer for the warm-up.
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface HostileServers {
  origin: string;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

function stream(res: ServerResponse, chunk: Buffer, times: number): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < times) {
      sent++;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => {
    sent = times;
  });
  pump();
}

export async function startHostileServers(): Promise<HostileServers> {
  const member = gzipSync(Buffer.alloc(MiB, 0x20), { level: 9 });
  const spaces = Buffer.alloc(64 * 1024, 0x20);
  let origin = '';
  const server = createServer((req, res) => {
    const [, name, ...rest] = (req.url ?? '/').split('/');
    const tail = `/${rest.join('/')}`;
    const issuer = `${origin}/${name}`;
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const discovery = tail === '/.well-known/openid-configuration';
    if (name === 'good') return discovery ? json({ issuer, jwks_uri: `${issuer}/jwks` }) : json({ keys: [] });
    if (discovery && name === 'gzip-bomb') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return stream(res, member, 1024);
    }
    const big = (withLength: boolean) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(withLength ? { 'content-length': String(50 * MiB) } : {}),
      });
      stream(res, spaces, (50 * MiB) / spaces.length);
    };
    if (discovery && name === 'big-chunked') return big(false);
    if (discovery && name === 'big-declared') return big(true);
    if (discovery) return json({ issuer, jwks_uri: `${issuer}/jwks` });
    if (name === 'big-jwks') return big(false);
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface MemoryResult {
  /** Peak RSS growth of the verification, in MiB. */
  growthMiB: number;
  ms: number;
  checks: { id: string; status: string; title: string; detail: string }[];
}

/** Verifies against `origin/name` in a fresh Node process running `tokenModule`; resolves with its peak memory growth. */
export function measureInChild(tokenModule: string, origin: string, name: string): Promise<MemoryResult> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--require',
      'tsx/cjs',
      path.join(__dirname, 'verifyChild.ts'),
      tokenModule,
      `${origin}/good`,
      `${origin}/${name}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      try {
        const r = JSON.parse(out) as {
          beforeKiB: number;
          afterKiB: number;
          ms: number;
          checks: MemoryResult['checks'];
          error?: string;
        };
        if (r.error) throw new Error(r.error);
        resolve({ growthMiB: (r.afterKiB - r.beforeKiB) / 1024, ms: r.ms, checks: r.checks });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}
