// "Ask my deployment" over real HTTP: the real ConvexHttpClient (through callDeployment's gated transport) talks
// to the exercise's Convex stand-in on 127.0.0.1, one test per verdict. What each answer looks like on a real
// deployment is cited from convex-backend (get-convex/convex-backend at 94a42c3db8d7ba6d9fe36f2698f9d9d9daaac731)
// and convex-js (node_modules/convex/src/browser/http_client.ts, convex 1.49.0).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConvexHttpClient } from 'convex/browser';
import { interpretExchange, tokenVerdict } from '../../../src/deployment';
import { callDeployment, PROBE_PATH, type DeploymentExchange } from '../../../src/deployment/exchange';
import { CONVEX_ERRORS } from '../../../src/token';
import { ISSUER, startDeploymentStandIn, UNREACHABLE_ISSUER, type DeploymentStandIn } from '../../ui/deploymentStandIn';

const OPTS = { timeoutMs: 5000, approved: true };

async function listen(
  handler: http.RequestListener,
): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Ask my deployment, over HTTP against the Convex stand-in', () => {
  let d: DeploymentStandIn;
  before(async () => {
    d = await startDeploymentStandIn();
  });
  after(async () => {
    await d.close();
  });
  const probe = async (token: string): Promise<DeploymentExchange> =>
    callDeployment(d.standIn.url, token, PROBE_PATH, {}, OPTS);

  it('sends exactly what the real ConvexHttpClient sends: its headers and body, to POST /api/query', async () => {
    const token = await d.valid();
    await probe(token);
    const ours = d.standIn.exchanges().at(-1);
    // The same call by the client with its own (global) fetch, as a learner's app makes it.
    const plain = new ConvexHttpClient(d.standIn.url, { logger: false });
    plain.setAuth(token);
    await plain.query(PROBE_PATH as unknown as Parameters<ConvexHttpClient['query']>[0], {}).catch(() => undefined);
    const theirs = d.standIn.exchanges().at(-1);
    assert.ok(ours && theirs && ours !== theirs);
    assert.equal(ours.request.method, 'POST');
    assert.equal(ours.request.url, `${d.standIn.url}/api/query`);
    assert.deepEqual(ours.request.body, theirs.request.body);
    // http_client.ts:300-308 (queryInner's headers) and :315-320 (its body).
    assert.deepEqual(ours.request.body, { path: PROBE_PATH, format: 'convex_encoded_json', args: [{}] });
    for (const name of ['Content-Type', 'Convex-Client', 'Authorization'])
      assert.equal(ours.request.headers[name], theirs.request.headers[name], name);
    assert.equal(ours.request.headers.Authorization, `Bearer ${token}`);
  });

  it('accepted: a valid token meets the function lookup, "Could not find public function" (HTTP 200)', async () => {
    // public_api.rs:472-489: `authenticate` runs before `execute_public_query`, so a token that passes reaches
    // the lookup of the path, which fails with udf/src/validation.rs:353-365 as a 200 {"status":"error"} body
    // (public_api.rs:496-498).
    const e = await probe(await d.valid());
    assert.equal(e.response?.status, 200);
    const answer = interpretExchange(e);
    assert.equal(answer.kind, 'function-not-found');
    assert.deepEqual(tokenVerdict(answer), { kind: 'accepted' });
    // What the learner's app sees: the client throws the errorMessage (http_client.ts:351).
    assert.ok(!e.client.ok && e.client.error.includes(`Could not find public function for '${PROBE_PATH}'`));
  });

  it('NoAuthProvider: a session token without aud, 401 with the providers the deployment has', async () => {
    // authentication/src/lib.rs:186-196 (no provider matches iss and aud) with the text of :92-101, as
    // {code, message} with 401 (common/src/http/mod.rs:377-391, errors/src/lib.rs:719).
    const e = await probe(await d.valid({ omit: ['aud'] }));
    assert.equal(e.response?.status, 401);
    const answer = interpretExchange(e);
    assert.equal(answer.kind, 'rejected');
    assert.ok(answer.kind === 'rejected');
    assert.equal(answer.code, 'NoAuthProvider');
    assert.deepEqual(answer.providers, [
      { type: 'oidc', domain: ISSUER, applicationID: 'convex' },
      { type: 'oidc', domain: UNREACHABLE_ISSUER, applicationID: 'convex' },
    ]);
  });

  it('InvalidAuthHeader: a token without iss, 401 "Missing issuer claim"', async () => {
    // authentication/src/lib.rs:174-180.
    const e = await probe(await d.valid({ omit: ['iss'] }));
    assert.equal(e.response?.status, 401);
    const answer = interpretExchange(e);
    assert.ok(answer.kind === 'rejected', answer.kind);
    assert.equal(answer.code, 'InvalidAuthHeader');
    assert.equal(answer.message, CONVEX_ERRORS.missingIssuer);
  });

  it('expired: Unauthenticated, "Could not verify OIDC token claim" (401)', async () => {
    // authentication/src/lib.rs:267-271: verification (expiry with the time of :153-157, no leeway) fails.
    const e = await probe(await d.valid({ lifetimeSec: -30 }));
    assert.equal(e.response?.status, 401);
    const answer = interpretExchange(e);
    assert.ok(answer.kind === 'rejected', answer.kind);
    assert.equal(answer.code, 'Unauthenticated');
    assert.equal(answer.message, CONVEX_ERRORS.verify);
  });

  it('discovery failed: the provider matched, the issuer’s discovery document could not be fetched', async () => {
    // authentication/src/lib.rs:209-241: AuthProviderDiscoveryFailed, "Auth provider discovery of {iss} failed".
    const e = await probe(await d.fromUnreachableIssuer());
    assert.ok(e.response && e.response.status >= 400);
    const answer = interpretExchange(e);
    assert.equal(answer.kind, 'discovery-failed');
    assert.ok(answer.kind === 'discovery-failed');
    assert.match(answer.message, new RegExp(`^Auth provider discovery of ${UNREACHABLE_ISSUER} failed`));
    assert.equal(tokenVerdict(answer).kind, 'rejected');
  });

  it('function not found: the learner’s query is not on the deployment; one that is returns its value', async () => {
    const token = await d.valid();
    const missing = interpretExchange(await callDeployment(d.standIn.url, token, 'messages:listMine', {}, OPTS));
    assert.equal(missing.kind, 'function-not-found');
    const found = interpretExchange(await callDeployment(d.standIn.url, token, 'messages:list', {}, OPTS));
    assert.ok(found.kind === 'value', found.kind);
    assert.ok(Array.isArray(found.value) && found.value.length > 0);
  });

  it('never follows a redirect: the token goes to the chosen URL only, and the answer is no verdict', async () => {
    const elsewhere = await listen((_req, res) => res.writeHead(200).end('{}'));
    const redirecting = await listen((_req, res) =>
      res.writeHead(307, { location: `${elsewhere.url}/api/query` }).end(),
    );
    try {
      const e = await callDeployment(redirecting.url, await d.valid(), PROBE_PATH, {}, OPTS);
      assert.equal(e.response?.status, 307);
      assert.equal(interpretExchange(e).kind, 'unknown');
      assert.equal(redirecting.hits(), 1);
      assert.equal(elsewhere.hits(), 0, 'nothing reached the redirect target');
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });

  it('a Convex Cloud name that resolves to a private address is refused before connecting', async () => {
    const e = await callDeployment(
      'https://happy-otter-123.convex.cloud',
      'x.y.z',
      PROBE_PATH,
      {},
      {
        timeoutMs: 5000,
        approved: false,
        resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
      },
    );
    assert.equal(e.response, undefined);
    assert.equal(e.failure?.kind, 'private-address');
    assert.equal(interpretExchange(e).kind, 'unknown');
  });

  it('times out on a server that never answers, and bounds an endless answer', async () => {
    const silent = await listen(() => undefined);
    const endless = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
    });
    try {
      const slow = await callDeployment(silent.url, 'a.b.c', PROBE_PATH, {}, { timeoutMs: 300, approved: true });
      assert.equal(slow.failure?.kind, 'timeout');
      const big = await callDeployment(endless.url, 'a.b.c', PROBE_PATH, {}, OPTS);
      assert.equal(big.failure?.kind, 'too-large');
      assert.equal(interpretExchange(big).kind, 'unknown');
    } finally {
      await Promise.all([silent.close(), endless.close()]);
    }
  });

  it('an HTML page (not a deployment) is no verdict, whatever its status', async () => {
    const page = await listen((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'));
    try {
      const answer = interpretExchange(await callDeployment(page.url, 'a.b.c', PROBE_PATH, {}, OPTS));
      assert.ok(answer.kind === 'unknown' && answer.reason === 'not-convex', JSON.stringify(answer));
    } finally {
      await page.close();
    }
  });
});
