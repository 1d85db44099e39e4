// The exercise, scenario by scenario: each one a request of the real ConvexHttpClient to the stand-in deployment
// (over HTTP on 127.0.0.1, and in memory), with tokens as Clerk issues them for the learner's instance and the
// learner's auth.config applied unchanged.
import assert from 'node:assert/strict';
import { CONVEX_ERRORS, noProviderError } from '../../../src/token';
import {
  ASSUMED_ISSUER_URL,
  MEMORY_DEPLOYMENT_URL,
  createHandoffModel,
  SAMPLE_USERS,
  listMessages,
} from '../../../src/exercise';
import type { HandoffModel, HandoffOptions, ScenarioRun, StageResult } from '../../../src/exercise';

const HOST = 'exotic-crab-75.clerk.accounts.dev';
const ISS = `https://${HOST}`;
const statuses = (stages: StageResult[]) => stages.map((s) => `${s.stage}:${s.status}`).join(' ');
const REJECTED_AT = {
  match: 'issue:pass attach:pass match:fail discover:skipped verify:skipped identity:skipped data:skipped',
  verify: 'issue:pass attach:pass match:pass discover:pass verify:fail identity:skipped data:skipped',
};
const payloadOf = (run: ScenarioRun): Record<string, unknown> =>
  JSON.parse(Buffer.from((run.token ?? '').split('.')[1], 'base64url').toString()) as Record<string, unknown>;

async function withModel<T>(opts: HandoffOptions, body: (m: HandoffModel) => Promise<T>): Promise<T> {
  const model = await createHandoffModel(opts);
  try {
    return await body(model);
  } finally {
    await model.close();
  }
}

for (const transport of ['http', 'memory'] as const) {
  describe(`exercise scenarios (${transport}): the official wiring for the learner's Clerk instance`, () => {
    let model: HandoffModel;
    const bob = SAMPLE_USERS[1];
    const providers = [{ domain: ISS, applicationID: 'convex' }];
    before(async () => {
      model = await createHandoffModel({ transport, publishableKeyHost: HOST, providers });
    });
    after(() => model.close());
    const run = (id: Parameters<HandoffModel['runScenario']>[0]): Promise<ScenarioRun> => model.runScenario(id, bob.id);

    it("speaks for the publishable key's instance; requests go where the transport says", async () => {
      assert.equal(model.issuerUrl, ISS);
      assert.equal(model.issuerSource, 'publishable-key');
      assert.deepEqual(model.deployment, { providers, source: 'auth.config', assumptions: [] });
      const url = await model.deploymentUrl();
      if (transport === 'http') {
        assert.match(model.serverUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      } else {
        assert.equal(model.serverUrl, undefined);
        assert.equal(url, MEMORY_DEPLOYMENT_URL);
      }
    });

    it('anonymous: the real client sends no Authorization, identity null, messages.list returns []', async () => {
      const r = await run('anonymous');
      assert.equal(r.token, undefined);
      assert.equal(r.request.headers.Authorization, undefined);
      assert.match(r.request.headers['Convex-Client'] ?? '', /^npm-\d+\.\d+\.\d+$/);
      assert.equal(
        statuses(r.stages),
        'issue:skipped attach:info match:skipped discover:skipped verify:skipped identity:info data:pass',
      );
      // public_api.rs:140: no logLines key when there are none.
      assert.deepEqual(r.response, { status: 200, body: { status: 'success', value: [] } });
    });

    it('valid: a Clerk session token (aud "convex"), every stage passes, only that user\'s messages', async () => {
      const r = await run('valid');
      assert.equal(r.request.headers.Authorization, `Bearer ${r.token}`);
      assert.deepEqual(Object.keys(payloadOf(r)).sort(), [
        'aud',
        'azp',
        'exp',
        'fva',
        'iat',
        'iss',
        'nbf',
        'sid',
        'sub',
        'v',
      ]);
      assert.equal(payloadOf(r).aud, 'convex');
      assert.equal(payloadOf(r).iss, ISS);
      assert.equal(
        statuses(r.stages),
        'issue:pass attach:pass match:pass discover:pass verify:pass identity:pass data:pass',
      );
      const value = (r.response.body as { value: { author: string }[] }).value;
      assert.deepEqual(value, listMessages({ subject: bob.id }));
      assert.ok(value.length > 0 && value.every((m) => m.author === bob.id));
    });

    it('expired: 401 Unauthenticated at verification', async () => {
      const r = await run('expired');
      assert.equal(statuses(r.stages), REJECTED_AT.verify);
      assert.deepEqual(r.response, {
        status: 401,
        body: { code: 'Unauthenticated', message: CONVEX_ERRORS.verify },
        error: CONVEX_ERRORS.verify,
      });
    });

    it('wrong audience (a session token without aud: integration off): 401 NoAuthProvider', async () => {
      const r = await run('wrong-audience');
      assert.equal('aud' in payloadOf(r), false);
      assert.equal(statuses(r.stages), REJECTED_AT.match);
      assert.deepEqual(r.response.body, { code: 'NoAuthProvider', message: noProviderError(providers) });
    });

    it('wrong issuer (another instance): 401 NoAuthProvider, nothing fetched from it', async () => {
      const r = await run('wrong-issuer');
      assert.equal(statuses(r.stages), REJECTED_AT.match);
      assert.equal(r.response.error, noProviderError(providers));
      assert.match(r.stages[0].detail, /humble-otter-42\.clerk\.accounts\.dev/);
    });

    it('tampered and unknown key: 401 Unauthenticated at verification', async () => {
      for (const id of ['tampered', 'unknown-key'] as const) {
        const r = await run(id);
        assert.equal(statuses(r.stages), REJECTED_AT.verify, id);
        assert.equal(r.response.error, CONVEX_ERRORS.verify, id);
      }
    });
  });
}

describe("the exercise applies the learner's auth.config unchanged", () => {
  const valid = (opts: HandoffOptions) => withModel(opts, (m) => m.runScenario('valid'));

  it('the JWKS URL as the domain: the valid token gets NoAuthProvider, as in the real app', async () => {
    const providers = [{ domain: `${ISS}/.well-known/jwks.json`, applicationID: 'convex' }];
    const r = await valid({ transport: 'http', publishableKeyHost: HOST, providers });
    assert.equal(r.response.status, 401);
    assert.equal(r.response.error, noProviderError(providers));
    assert.match(
      r.response.error ?? '',
      /OIDC\(domain=https:\/\/exotic-crab-75\.clerk\.accounts\.dev\/\.well-known\/jwks\.json, app_id=convex\)/,
    );
  });

  it('a renamed applicationID: NoAuthProvider, since Clerk\'s token still says aud "convex"', async () => {
    const providers = [{ domain: ISS, applicationID: 'my-app' }];
    const r = await valid({ transport: 'memory', publishableKeyHost: HOST, providers });
    assert.equal(r.response.error, noProviderError(providers));
  });

  it('"wrong audience" fails whatever the applicationID', async () => {
    for (const applicationID of ['convex', 'convex-app', 'my-app']) {
      const providers = [{ domain: ISS, applicationID }];
      const r = await withModel({ transport: 'memory', publishableKeyHost: HOST, providers }, (m) =>
        m.runScenario('wrong-audience'),
      );
      assert.equal(r.response.error, noProviderError(providers), applicationID);
    }
  });

  it("a misspelt applicationId: the push fails with Convex's text and the deployment has no providers", async () => {
    await withModel(
      {
        transport: 'memory',
        publishableKeyHost: HOST,
        providers: [{ domain: ISS }],
        written: [{ keys: ['domain', 'applicationId'] }],
      },
      async (m) => {
        assert.deepEqual(m.deployment.pushProblem, {
          text: "auth config file must include a list of provider credentials: Provider at index 0 must have applicationID property spelled lowercase 'application', capital I, capital D.",
          verbatim: true,
        });
        const r = await m.runScenario('valid');
        assert.equal(
          r.response.error,
          'No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.',
        );
      },
    );
  });

  it('a domain set only on the deployment is assumed to be the issuer, and said so', async () => {
    await withModel(
      {
        transport: 'memory',
        publishableKeyHost: HOST,
        providers: [{ applicationID: 'convex', envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN' } }],
      },
      async (m) => {
        assert.match(m.deployment.assumptions[0] ?? '', /CLERK_JWT_ISSUER_DOMAIN.*exotic-crab-75/);
        assert.equal((await m.runScenario('valid')).response.status, 200);
      },
    );
  });

  it('a production deployment: NoAuthProvider redacted', async () => {
    const r = await valid({
      transport: 'memory',
      publishableKeyHost: HOST,
      providers: [{ domain: ISS, applicationID: 'my-app' }],
      production: true,
    });
    assert.equal(r.response.error, 'No auth provider found matching the given token');
  });
});

describe('which issuer the exercise speaks for', () => {
  it('without a publishable key: the origin of the auth.config domain, said in the request view', async () => {
    await withModel(
      { transport: 'memory', providers: [{ domain: `${ISS}/.well-known/jwks.json`, applicationID: 'convex' }] },
      async (m) => {
        assert.equal(m.issuerUrl, ISS);
        assert.equal(m.issuerSource, 'auth.config');
        const r = await m.runScenario('valid');
        assert.match(r.stages[0].detail, /issuer is assumed from your auth\.config domain: https:\/\/exotic-crab-75/);
      },
    );
  });

  it('with neither: a reserved name, said so, and the official provider when there is no auth.config', async () => {
    await withModel({ transport: 'http' }, async (m) => {
      assert.equal(m.issuerUrl, ASSUMED_ISSUER_URL);
      assert.equal(m.issuerSource, 'assumed');
      assert.deepEqual(m.deployment.providers, [{ domain: ASSUMED_ISSUER_URL, applicationID: 'convex' }]);
      assert.equal(m.deployment.source, 'official');
      const r = await m.runScenario('valid');
      assert.equal(r.response.status, 200);
      assert.match(r.stages[0].detail, /issuer is assumed: https:\/\/clerk\.exercise\.invalid/);
    });
  });

  it('the publishable key is said in no assumption', async () => {
    await withModel({ transport: 'memory', publishableKeyHost: HOST }, async (m) => {
      const r = await m.runScenario('valid');
      assert.doesNotMatch(r.stages[0].detail, /assumed/);
    });
  });

  it('template mode: the "convex" template\'s token (aud "convex", a jti, no session claims)', async () => {
    await withModel({ transport: 'memory', publishableKeyHost: HOST, mode: 'template' }, async (m) => {
      const r = await m.runScenario('valid');
      assert.equal(r.response.status, 200);
      assert.deepEqual(Object.keys(payloadOf(r)).sort(), ['aud', 'azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']);
    });
  });

  it('refuses to run after close', async () => {
    const model = await createHandoffModel({ transport: 'memory' });
    await model.close();
    await assert.rejects(model.runScenario('valid'), /closed/);
  });
});
