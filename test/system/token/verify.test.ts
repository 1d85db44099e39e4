// Checks discovery, discovery-issuer, jwks, jwks-kid and signature against a real discovery + JWKS server on
// 127.0.0.1, with tokens signed by jose.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { CONVEX_ERRORS, verifySignature } from '../../../src/token';
import type { TokenCheck } from '../../../src/token';
import { sessionClaims, signEdDsa, signHs256, signRs256, testKeys } from '../../unit/token/fixtures';
import { startTestIssuer, type TestIssuer } from './testIssuer';

const OPTS = { timeoutMs: 2000, allowInsecureHttp: true };
const failed = (checks: TokenCheck[]) => checks.find((c) => c.status === 'fail');

describe('verifySignature against a real issuer on 127.0.0.1', () => {
  let server: TestIssuer;
  before(async () => {
    server = await startTestIssuer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });
  const iss = (name: string) => `${server.origin}/${name}`;

  it('succeeds for an RS256 token: discovery, exact issuer, JWKS, kid, signature', async () => {
    const checks = await verifySignature(await signRs256(sessionClaims({ iss: iss('good') })), OPTS);
    assert.deepEqual(
      checks.map((c) => `${c.id}:${c.status}`),
      ['discovery:pass', 'discovery-issuer:pass', 'jwks:pass', 'jwks-kid:pass', 'signature:pass'],
    );
    assert.deepEqual(server.requests, ['/good/.well-known/openid-configuration', '/good/jwks']);
  });

  it('succeeds for EdDSA, and for a pasted "Bearer", quoted, line-broken token', async () => {
    assert.equal(failed(await verifySignature(await signEdDsa(sessionClaims({ iss: iss('good') })), OPTS)), undefined);
    const t = await signRs256(sessionClaims({ iss: iss('good') }));
    const pasted = `Bearer "${t.slice(0, 60)}\n${t.slice(60)}"`;
    assert.equal((await verifySignature(pasted, OPTS)).at(-1)?.id, 'signature');
    assert.equal(failed(await verifySignature(pasted, OPTS)), undefined);
  });

  it('does not follow a redirect', async () => {
    const f = failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('redirect') })), OPTS));
    assert.equal(f?.id, 'discovery');
    assert.match(f?.title ?? '', /redirects/);
    assert.match(f?.detail ?? '', /302/);
    assert.equal(f?.convexError, `Auth provider discovery of ${iss('redirect')} failed`);
    assert.deepEqual(server.requests, ['/redirect/.well-known/openid-configuration']);
    const jwks = failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('jwks-redirect') })), OPTS));
    assert.equal(jwks?.id, 'jwks');
    assert.match(jwks?.title ?? '', /redirects/);
  });

  it('reports an HTML body, whatever its content type', async () => {
    for (const name of ['html', 'html-as-json']) {
      const f = failed(await verifySignature(await signRs256(sessionClaims({ iss: iss(name) })), OPTS));
      assert.match(f?.title ?? '', /returned a web page/, name);
    }
  });

  it('reports a non-200 answer', async () => {
    const f = failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('notfound') })), OPTS));
    assert.match(f?.detail ?? '', /HTTP 404/);
  });

  it('times out on a hanging issuer (discovery or JWKS) instead of waiting', async () => {
    for (const name of ['hang', 'jwks-hang']) {
      const checks = await verifySignature(await signRs256(sessionClaims({ iss: iss(name) })), {
        ...OPTS,
        timeoutMs: 300,
      });
      const f = failed(checks);
      assert.equal(f?.id, 'timeout', name);
      assert.match(f?.detail ?? '', /0\.3 s/);
    }
    const ignoresAbort: typeof fetch = () => new Promise<Response>(() => undefined);
    const f = failed(
      await verifySignature(await signRs256(sessionClaims({ iss: iss('good') })), {
        ...OPTS,
        timeoutMs: 200,
        fetchImpl: ignoresAbort,
      }),
    );
    assert.equal(f?.id, 'timeout');
  });

  it('reports an unreachable issuer', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const f = failed(await verifySignature(await signRs256(sessionClaims({ iss: `http://127.0.0.1:${port}` })), OPTS));
    assert.equal(f?.id, 'network');
    assert.match(f?.detail ?? '', /nothing is listening at that address: ECONNREFUSED/);
  });

  it('says in words that an https issuer speaking plain http has no TLS, without OpenSSL internals', async () => {
    const plain = createHttpServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = plain.address() as { port: number };
      const f = failed(
        await verifySignature(await signRs256(sessionClaims({ iss: `https://127.0.0.1:${port}` })), OPTS),
      );
      assert.equal(f?.id, 'network');
      assert.equal(
        f?.detail,
        'The request failed (the server there does not speak https (TLS): ERR_SSL_WRONG_VERSION_NUMBER). Check the issuer URL and your network connection.',
      );
    } finally {
      plain.close();
    }
  });

  it('requires the discovery issuer to equal iss exactly (a trailing slash differs)', async () => {
    const mismatch = failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('mismatch') })), OPTS));
    assert.equal(mismatch?.id, 'discovery-issuer');
    assert.match(mismatch?.detail ?? '', /someone-else/);
    const slash = failed(await verifySignature(await signRs256(sessionClaims({ iss: `${iss('good')}/` })), OPTS));
    assert.equal(slash?.id, 'discovery-issuer');
    assert.deepEqual(server.requests.at(-1), '/good/.well-known/openid-configuration');
  });

  it('reports a discovery document without jwks_uri and a key set without keys', async () => {
    assert.equal(
      failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('no-jwks-uri') })), OPTS))?.title,
      'No usable jwks_uri',
    );
    assert.equal(
      failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('jwks-nokeys') })), OPTS))?.title,
      'The key set has no keys list',
    );
  });

  it('reports an unknown kid, listing the published ones', async () => {
    const { other } = await testKeys();
    const f = failed(
      await verifySignature(
        await signRs256(sessionClaims({ iss: iss('good') }), { kid: 'ins_rotated' }, other.privateKey),
        OPTS,
      ),
    );
    assert.equal(f?.id, 'jwks-kid');
    assert.match(f?.detail ?? '', /"ins_rotated".*ins_rsa, ins_ed/);
    assert.equal(f?.convexError, CONVEX_ERRORS.verify);
  });

  it('reports a bad signature: tampered payload, or signed by another key under a published kid', async () => {
    const t = await signRs256(sessionClaims({ iss: iss('good') }));
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify(sessionClaims({ iss: iss('good'), sub: 'user_admin' }))).toString('base64url')}.${s}`;
    const f = failed(await verifySignature(forged, OPTS));
    assert.equal(f?.id, 'signature');
    assert.equal(f?.convexError, CONVEX_ERRORS.verify);
    const { other } = await testKeys();
    assert.equal(
      failed(await verifySignature(await signRs256(sessionClaims({ iss: iss('good') }), {}, other.privateKey), OPTS))
        ?.id,
      'signature',
    );
  });

  // convex-backend's verifier takes exactly one eligible key (openidconnect-rs @15a9c55 src/verification/mod.rs:459-491):
  // a kid-less token against many keys is refused as ambiguous, at once, not tried key by key.
  it('refuses a kid-less token against a thousand keys as ambiguous, as Convex does, without trying them', async () => {
    const { other } = await testKeys();
    const t = await signRs256(sessionClaims({ iss: iss('many-keys') }), { kid: undefined }, other.privateKey);
    const checks = await verifySignature(t, { ...OPTS, timeoutMs: 5000 });
    assert.equal(checks.find((c) => c.id === 'jwks')?.status, 'pass');
    const kid = checks.find((c) => c.id === 'jwks-kid');
    assert.equal(kid?.status, 'fail');
    assert.match(kid?.detail ?? '', /ambiguous/);
    assert.equal(
      checks.some((c) => c.id === 'timeout' || c.id === 'signature'),
      false,
    );
  });

  it('flags HS256 with a kid that exists in the JWKS and fetches nothing', async () => {
    const checks = await verifySignature(await signHs256(sessionClaims({ iss: iss('good') }), 'ins_rsa'), OPTS);
    assert.deepEqual(
      checks.map((c) => c.id),
      ['verify-algorithm'],
    );
    assert.match(checks[0].detail, /shared secret/);
    assert.deepEqual(server.requests, []);
  });

  it('flags alg none without fetching', async () => {
    const payload = Buffer.from(JSON.stringify(sessionClaims({ iss: iss('good') }))).toString('base64url');
    const checks = await verifySignature(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`, OPTS);
    assert.equal(checks[0].id, 'verify-algorithm');
    assert.deepEqual(server.requests, []);
  });

  it('never fetches jku or x5u from the header', async () => {
    const t = await signRs256(sessionClaims({ iss: iss('good') }), {
      jku: `${server.origin}/jku`,
      x5u: `${server.origin}/x5u`,
    });
    assert.equal(failed(await verifySignature(t, OPTS)), undefined);
    assert.ok(
      server.requests.every((r) => r.startsWith('/good/')),
      server.requests.join(', '),
    );
  });

  it('fetches only over https unless told otherwise', async () => {
    const checks = await verifySignature(await signRs256(sessionClaims({ iss: iss('good') })), { timeoutMs: 2000 });
    assert.deepEqual(
      checks.map((c) => c.id),
      ['verify-gate'],
    );
    assert.deepEqual(server.requests, []);
  });

  it('refuses an undecodable token or one without an issuer URL, without fetching', async () => {
    assert.equal((await verifySignature('not.a.token', OPTS))[0].id, 'verify-input');
    const noIss = await verifySignature(await signRs256(sessionClaims({ iss: 'javascript:alert(1)' })), OPTS);
    assert.equal(noIss[0].id, 'verify-input');
    assert.deepEqual(server.requests, []);
  });
});
