// The exercise's server model, one scenario at a time, over real HTTP on loopback and over the in-memory
// transport: the exact outcome, the stage that stops it, and Convex's error text.
import assert from 'node:assert/strict';
import { CONVEX_ERRORS, noProviderError } from '../../../src/token';
import { createHandoffModel, SAMPLE_USERS, listMessages } from '../../../src/handoff';
import type { HandoffModel, ScenarioRun, StageResult } from '../../../src/handoff';

const statuses = (stages: StageResult[]) => stages.map((s) => `${s.stage}:${s.status}`).join(' ');
const REJECTED_AT = {
  match: 'issue:pass attach:pass match:fail discover:skipped verify:skipped identity:skipped data:skipped',
  verify: 'issue:pass attach:pass match:pass discover:pass verify:fail identity:skipped data:skipped',
};

for (const transport of ['http', 'memory'] as const) {
  describe(`exercise scenarios (${transport} transport, the exercise's own provider)`, () => {
    let model: HandoffModel;
    const bob = SAMPLE_USERS[1];
    before(async () => {
      model = await createHandoffModel({ transport });
    });
    after(() => model.close());
    const run = (id: Parameters<HandoffModel['runScenario']>[0]): Promise<ScenarioRun> => model.runScenario(id, bob.id);

    it('serves its issuer where the transport says', () => {
      if (transport === 'http') {
        assert.match(model.serverUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(model.issuerUrl, model.serverUrl);
      } else {
        assert.equal(model.serverUrl, undefined);
        assert.equal(model.issuerUrl, 'https://clerk.exercise.invalid');
      }
      assert.deepEqual(model.provider, { domain: model.issuerUrl, applicationID: 'convex', source: 'exercise' });
    });

    it('anonymous: no Authorization header, identity null, messages.list returns []', async () => {
      const r = await run('anonymous');
      assert.equal(r.token, undefined);
      assert.equal(r.request.headers.Authorization, undefined);
      assert.equal(
        statuses(r.stages),
        'issue:skipped attach:info match:skipped discover:skipped verify:skipped identity:info data:pass',
      );
      assert.deepEqual(r.response, { status: 200, body: { status: 'success', value: [], logLines: [] } });
    });

    it("valid: every stage passes and only that user's messages come back", async () => {
      const r = await run('valid');
      assert.equal(r.request.headers.Authorization, `Bearer ${r.token}`);
      assert.equal(
        statuses(r.stages),
        'issue:pass attach:pass match:pass discover:pass verify:pass identity:pass data:pass',
      );
      assert.equal(r.response.status, 200);
      assert.equal(r.response.error, undefined);
      const value = (r.response.body as { value: { author: string }[] }).value;
      assert.deepEqual(value, listMessages({ subject: bob.id }));
      assert.ok(value.length > 0 && value.every((m) => m.author === bob.id));
      assert.match(
        r.stages.find((s) => s.stage === 'identity')?.detail ?? '',
        new RegExp(`"tokenIdentifier":"${model.issuerUrl}\\|${bob.id}"`),
      );
    });

    it('expired: rejected at verification with the verify error', async () => {
      const r = await run('expired');
      assert.equal(statuses(r.stages), REJECTED_AT.verify);
      assert.deepEqual(r.response, {
        status: 401,
        body: { code: 'Unauthenticated', message: CONVEX_ERRORS.verify },
        error: CONVEX_ERRORS.verify,
      });
      assert.match(r.stages.find((s) => s.stage === 'verify')?.detail ?? '', /Expired 1 min ago/);
    });

    it('wrong audience (renamed template): no provider matches', async () => {
      const r = await run('wrong-audience');
      const error = noProviderError([{ domain: model.issuerUrl, applicationID: 'convex' }]);
      assert.equal(statuses(r.stages), REJECTED_AT.match);
      assert.deepEqual(r.response, { status: 401, body: { code: 'NoAuthProvider', message: error }, error });
      assert.match(r.stages.find((s) => s.stage === 'match')?.detail ?? '', /"convex-app"/);
    });

    it('wrong issuer (dev key against another domain): no provider matches, nothing is fetched from it', async () => {
      const r = await run('wrong-issuer');
      assert.equal(statuses(r.stages), REJECTED_AT.match);
      assert.equal(r.response.error, noProviderError([{ domain: model.issuerUrl, applicationID: 'convex' }]));
      assert.match(r.stages[0].detail, /humble-otter-42\.clerk\.accounts\.dev/);
    });

    it('tampered payload: the signature fails', async () => {
      const r = await run('tampered');
      assert.equal(statuses(r.stages), REJECTED_AT.verify);
      assert.equal(r.response.error, CONVEX_ERRORS.verify);
      assert.match(r.stages.find((s) => s.stage === 'verify')?.detail ?? '', /signature does not match/);
      const payload = JSON.parse(Buffer.from((r.token ?? '').split('.')[1], 'base64url').toString()) as { sub: string };
      assert.notEqual(payload.sub, bob.id, 'the token now claims to be someone else');
    });

    it('unknown key: the kid is not in the JWKS', async () => {
      const r = await run('unknown-key');
      assert.equal(statuses(r.stages), REJECTED_AT.verify);
      assert.equal(r.response.error, CONVEX_ERRORS.verify);
      assert.match(r.stages.find((s) => s.stage === 'verify')?.detail ?? '', /No key with this kid/);
    });
  });
}

describe("exercise with the learner's auth.config providers", () => {
  it("issues tokens for the learner's domain and applicationID, routed to the loopback issuer", async () => {
    const providers = [
      {
        domain: 'exotic-crab-75.clerk.accounts.dev/',
        applicationID: 'my-app',
        envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.local' },
      },
    ];
    const model = await createHandoffModel({ transport: 'http', providers });
    try {
      assert.equal(model.issuerUrl, 'https://exotic-crab-75.clerk.accounts.dev');
      assert.deepEqual(model.provider, {
        domain: 'exotic-crab-75.clerk.accounts.dev/',
        applicationID: 'my-app',
        source: 'auth.config',
      });
      const valid = await model.runScenario('valid');
      assert.equal(valid.response.status, 200);
      const claims = JSON.parse(Buffer.from((valid.token ?? '').split('.')[1], 'base64url').toString()) as {
        iss: string;
        aud: string;
      };
      assert.deepEqual([claims.iss, claims.aud], ['https://exotic-crab-75.clerk.accounts.dev', 'my-app']);
      const wrong = await model.runScenario('wrong-audience');
      assert.equal(wrong.response.error, noProviderError(providers));
      assert.match(wrong.response.error ?? '', /OIDC\(domain=exotic-crab-75\.clerk\.accounts\.dev\/, app_id=my-app\)/);
    } finally {
      await model.close();
    }
  });

  it("falls back to the exercise's provider when the learner's domain is unknown locally", async () => {
    const model = await createHandoffModel({
      transport: 'memory',
      providers: [{ applicationID: 'convex', envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN' } }],
    });
    assert.equal(model.provider.source, 'exercise');
    assert.equal((await model.runScenario('valid')).response.status, 200);
    await model.close();
    const quoted = await createHandoffModel({
      transport: 'http',
      providers: [{ domain: '"https://exotic-crab-75.clerk.accounts.dev"', applicationID: 'convex' }],
    });
    try {
      assert.equal(quoted.provider.source, 'exercise', 'a domain that is not a URL cannot be stood in for');
      assert.equal((await quoted.runScenario('valid')).response.status, 200);
    } finally {
      await quoted.close();
    }
  });

  it('refuses to run after close', async () => {
    const model = await createHandoffModel({ transport: 'memory' });
    await model.close();
    await assert.rejects(model.runScenario('valid'), /closed/);
  });
});
