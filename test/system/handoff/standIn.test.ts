// The Convex stand-in's wire format, checked by a client nobody here wrote: the real `convex` package's
// ConvexHttpClient talks to it on 127.0.0.1 and must get what it gets from a real deployment.
import assert from 'node:assert/strict';
import { ConvexHttpClient } from 'convex/browser';
import { ConvexError } from 'convex/values';
import { createHandoffModel, SAMPLE_USERS, type HandoffModel } from '../../../src/handoff';
import { startConvexStandIn, type ConvexStandIn, type WireExchange } from '../../../src/handoff/convexStandIn';
import type { RunIdentity } from '../../../src/handoff/run/protocol';
import { CONVEX_ERRORS } from '../../../src/token';

type Fn = Parameters<ConvexHttpClient['query']>[0];
type MutationFn = Parameters<ConvexHttpClient['mutation']>[0];
type ActionFn = Parameters<ConvexHttpClient['action']>[0];
/** A function path is a valid reference for the client; the casts only satisfy its generated-API types. */
const fn = (path: string): Fn => path as unknown as Fn;

describe('the Convex stand-in, spoken to by the real ConvexHttpClient', () => {
  let model: HandoffModel;
  let standIn: ConvexStandIn;
  const seen: { path: string; args: unknown; identity: RunIdentity | null }[] = [];

  before(async () => {
    model = await createHandoffModel({ transport: 'http' });
    standIn = await startConvexStandIn({
      authenticate: (h) => model.authenticate(h),
      run: async (kind, path, args, identity) => {
        seen.push({ path, args, identity });
        if (path === 'notes:fails') return { ok: false, message: 'Not signed in', logLines: ['[LOG] about to throw'] };
        if (path === 'notes:convexError')
          return { ok: false, message: '{"reason":"quota"}', data: { reason: 'quota' }, logLines: [] };
        return { ok: true, value: { kind, who: identity?.subject ?? null, args }, logLines: ['[LOG] hello'] };
      },
    });
  });
  after(async () => {
    await standIn.close();
    await model.close();
  });
  const client = (token?: string): ConvexHttpClient => {
    const c = new ConvexHttpClient(standIn.url, { logger: false });
    if (token) c.setAuth(token);
    return c;
  };
  const last = (): WireExchange => {
    const e = standIn.exchanges().at(-1);
    assert.ok(e);
    return e;
  };

  it("success: the client sends POST /api/query with Convex's body and headers and reads {status, value, logLines}", async () => {
    const token = await model.mintValid(SAMPLE_USERS[0].id);
    const value: unknown = await client(token).query(fn('messages:list'), { channel: 'general' });
    assert.deepEqual(value, { kind: 'query', who: SAMPLE_USERS[0].id, args: { channel: 'general' } });
    const e = last();
    assert.equal(e.request.method, 'POST');
    assert.equal(e.request.url, `${standIn.url}/api/query`);
    assert.deepEqual(e.request.body, {
      path: 'messages:list',
      format: 'convex_encoded_json',
      args: [{ channel: 'general' }],
    });
    assert.equal(e.request.headers['Content-Type'], 'application/json');
    assert.match(e.request.headers['Convex-Client'] ?? '', /^npm-1\.49\.\d+$/);
    assert.equal(e.request.headers.Authorization, `Bearer ${token}`);
    assert.deepEqual(e.response, {
      status: 200,
      body: {
        status: 'success',
        value: { kind: 'query', who: SAMPLE_USERS[0].id, args: { channel: 'general' } },
        logLines: ['[LOG] hello'],
      },
    });
  });

  it('mutations and actions go to /api/mutation and /api/action', async () => {
    assert.deepEqual(await client().mutation('messages:send' as unknown as MutationFn, { body: 'x' }), {
      kind: 'mutation',
      who: null,
      args: { body: 'x' },
    });
    assert.equal(last().request.url, `${standIn.url}/api/mutation`);
    assert.deepEqual(await client().action('messages:act' as unknown as ActionFn, {}), {
      kind: 'action',
      who: null,
      args: {},
    });
    assert.equal(last().request.url, `${standIn.url}/api/action`);
  });

  it('anonymous: no Authorization header, the function runs with a null identity', async () => {
    seen.length = 0;
    await client().query(fn('messages:list'), {});
    assert.equal(last().request.headers.Authorization, undefined);
    assert.equal(seen[0]?.identity, null);
  });

  it('a function error is HTTP 200 {status:"error", errorMessage}; the client throws an Error with that message', async () => {
    await assert.rejects(client().query(fn('notes:fails'), {}), (err: Error) => {
      assert.ok(!(err instanceof ConvexError));
      assert.equal(err.message, 'Uncaught Error: Not signed in');
      return true;
    });
    assert.deepEqual(last().response, {
      status: 200,
      body: { status: 'error', errorMessage: 'Uncaught Error: Not signed in', logLines: ['[LOG] about to throw'] },
    });
  });

  it('a ConvexError carries errorData, which the client turns back into ConvexError.data', async () => {
    await assert.rejects(client().query(fn('notes:convexError'), {}), (err: ConvexError<{ reason: string }>) => {
      assert.ok(err instanceof ConvexError);
      assert.deepEqual(err.data, { reason: 'quota' });
      return true;
    });
  });

  const authFailure = async (token: string, code: string, message: string | RegExp): Promise<void> => {
    seen.length = 0;
    await assert.rejects(client(token).query(fn('messages:list'), {}), (err: Error) => {
      const body = JSON.parse(err.message) as { code: string; message: string };
      assert.equal(body.code, code);
      if (typeof message === 'string') assert.equal(body.message, message);
      else assert.match(body.message, message);
      return true;
    });
    assert.equal(last().response.status, 401);
    assert.equal(seen.length, 0, 'the function does not run');
  };

  it('401 NoAuthProvider: a token whose aud no provider has (the client throws the JSON body)', async () => {
    const run = await model.runScenario('wrong-audience');
    assert.ok(run.token);
    await authFailure(run.token, 'NoAuthProvider', /^No auth provider found matching the given token/);
  });

  it('401 InvalidAuthHeader: a bearer value that is not a JWT', async () => {
    await authFailure('not-a-jwt', 'InvalidAuthHeader', CONVEX_ERRORS.parse);
  });

  it('401 Unauthenticated: an expired token, a tampered one, an unknown key', async () => {
    for (const scenario of ['expired', 'tampered', 'unknown-key'] as const) {
      const run = await model.runScenario(scenario);
      assert.ok(run.token);
      await authFailure(run.token, 'Unauthenticated', CONVEX_ERRORS.verify);
    }
  });

  it('400 InvalidAdminKey: an Authorization header that does not start with "Bearer " (the client\'s admin auth)', async () => {
    const c = new ConvexHttpClient(standIn.url, { logger: false });
    (c as unknown as { setAdminAuth(k: string): void }).setAdminAuth('prod:some-admin-key');
    await assert.rejects(c.query(fn('messages:list'), {}), (err: Error) => {
      assert.deepEqual(JSON.parse(err.message), { code: 'InvalidAdminKey', message: 'Invalid admin key' });
      return true;
    });
    assert.equal(last().request.headers.Authorization, 'Convex prod:some-admin-key');
    assert.equal(last().response.status, 400);
  });

  it('refuses what is not a function call without running anything', async () => {
    const notFound = await fetch(`${standIn.url}/api/nothing`, { method: 'POST', body: '{}' });
    assert.equal(notFound.status, 404);
    const bad = await fetch(`${standIn.url}/api/query`, { method: 'POST', body: '{"path":1}' });
    assert.equal(bad.status, 400);
    const huge = await fetch(`${standIn.url}/api/query`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }).catch(
      () => undefined,
    );
    assert.ok(huge === undefined || huge.status === 413);
  });
});
