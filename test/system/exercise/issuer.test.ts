// The issuer standing in for Clerk: its tokens, its documents, and its loopback server's lifetime.
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  createHandoffModel,
  createIssuer,
  createLoopbackRoute,
  createMemoryTransport,
  startIssuerServer,
  SAMPLE_USERS,
} from '../../../src/exercise';

const user = SAMPLE_USERS[0];

describe('exercise issuer', () => {
  it("mints RS256 tokens shaped like Clerk's session token (v2) that its own JWKS verifies", async () => {
    const now = Date.UTC(2026, 0, 15, 12);
    const issuer = await createIssuer({ issuerUrl: 'https://issuer.test', nowMs: () => now });
    const token = await issuer.mintToken(user, { claims: { aud: 'convex' } });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks() as never), {
      issuer: 'https://issuer.test',
      audience: 'convex',
      currentDate: new Date(now),
      algorithms: ['RS256'],
    });
    assert.deepEqual(protectedHeader, { typ: 'JWT', alg: 'RS256', kid: issuer.kid });
    assert.deepEqual(Object.keys(payload).sort(), ['aud', 'azp', 'exp', 'fva', 'iat', 'iss', 'nbf', 'sid', 'sub', 'v']);
    assert.equal('aud' in decodeJwt(await issuer.mintToken(user)), false, 'aud only when the caller adds it');
    assert.equal(payload.sub, user.id);
    assert.equal(payload.exp, now / 1000 + 60);
    assert.deepEqual(
      issuer.jwks().keys.map((k) => k.kid),
      [issuer.kid],
    );
    assert.ok(!('d' in issuer.jwks().keys[0]), 'no private key material published');
    assert.deepEqual(issuer.discoveryDocument(), {
      issuer: 'https://issuer.test',
      jwks_uri: 'https://issuer.test/.well-known/jwks.json',
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
    });
  });

  it('signs the unknown-key scenario with a key its JWKS does not publish', async () => {
    const issuer = await createIssuer({ issuerUrl: 'https://issuer.test' });
    const token = await issuer.mintToken(user, { signWith: 'unknown' });
    const kid = decodeProtectedHeader(token).kid;
    assert.notEqual(kid, issuer.kid);
    assert.ok(!issuer.jwks().keys.some((k) => k.kid === kid));
  });

  it('serves discovery and JWKS over HTTP on 127.0.0.1 and stops on close', async () => {
    const issuer = await createIssuer({ issuerUrl: 'https://placeholder.test' });
    const server = await startIssuerServer(issuer);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.issuer.issuerUrl, server.url);
    const doc = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.deepEqual([doc.issuer, doc.jwks_uri], [server.url, `${server.url}/.well-known/jwks.json`]);
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as { keys: { kid: string }[] };
    assert.deepEqual(
      jwks.keys.map((k) => k.kid),
      [issuer.kid],
    );
    assert.equal((await fetch(`${server.url}/anything-else`)).status, 404);
    await server.close();
    await assert.rejects(fetch(`${server.url}/.well-known/jwks.json`), /fetch failed/);
    await server.close();
  });

  it('the model stops its loopback issuer and its stand-in deployment on close', async () => {
    const model = await createHandoffModel({ transport: 'http' });
    const url = `${model.serverUrl}/.well-known/openid-configuration`;
    assert.equal((await fetch(url)).status, 200);
    const deployment = await model.deploymentUrl();
    const call = () =>
      fetch(`${deployment}/api/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"path":"messages:list","args":[{}]}',
      });
    assert.equal((await call()).status, 200);
    await model.close();
    await assert.rejects(fetch(url), /fetch failed/);
    await assert.rejects(call(), /fetch failed/);
  });

  it('the in-memory transport answers the same documents and nothing else', async () => {
    const issuer = await createIssuer({ issuerUrl: 'https://issuer.test' });
    const memory = createMemoryTransport(issuer);
    assert.deepEqual(await (await memory(issuer.discoveryUrl)).json(), issuer.discoveryDocument());
    assert.deepEqual(await (await memory(issuer.jwksUrl)).json(), issuer.jwks());
    assert.equal((await memory('https://issuer.test/other')).status, 404);
    await assert.rejects(
      memory('https://issuer.test.evil.example/.well-known/jwks.json'),
      /only talks to its own issuer/,
    );
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(memory(issuer.jwksUrl, { signal: controller.signal }), { name: 'AbortError' });
  });

  it('the loopback route sends only the issuer origin to the server', async () => {
    const seen: string[] = [];
    const route = createLoopbackRoute('https://learner.clerk.accounts.dev', 'http://127.0.0.1:9', (input) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response('{}'));
    });
    await route('https://learner.clerk.accounts.dev/.well-known/jwks.json?x=1');
    await assert.rejects(route('https://learner.clerk.accounts.dev.evil.example/'), /only talks to its own issuer/);
    await assert.rejects(route('https://example.com/'), /only talks to its own issuer/);
    assert.deepEqual(seen, ['http://127.0.0.1:9/.well-known/jwks.json?x=1']);
  });
});
