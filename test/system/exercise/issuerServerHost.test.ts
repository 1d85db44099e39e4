// The exercise's issuer answers only requests addressed to its own loopback address and port, so a DNS-rebinding
// page (whose requests carry its own name as Host) cannot read it.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createIssuer, startIssuerServer } from '../../../src/exercise';

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('exercise issuer: Host header', () => {
  it('serves its own 127.0.0.1:port and refuses any other Host with 421', async () => {
    const server = await startIssuerServer(await createIssuer({ issuerUrl: 'https://clerk.exercise.invalid' }));
    try {
      const discovery = `${server.url}/.well-known/openid-configuration`;
      const own = await get(discovery);
      assert.equal(own.status, 200);
      assert.equal((JSON.parse(own.body) as { issuer: string }).issuer, server.url);
      const port = new URL(server.url).port;
      for (const host of [
        `evil.example:${port}`,
        'evil.example',
        `localhost:${port}`,
        '127.0.0.1',
        `127.0.0.1:${Number(port) + 1}`,
        `[::1]:${port}`,
      ]) {
        const r = await get(discovery, host);
        assert.equal(r.status, 421, host);
        assert.doesNotMatch(r.body, /jwks|issuer/, host);
      }
      assert.equal((await get(`${server.url}/.well-known/jwks.json`, `EVIL.example:${port}`)).status, 421);
    } finally {
      await server.close();
    }
  });
});
