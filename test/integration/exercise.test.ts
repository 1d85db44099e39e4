import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import type { DisplayValue } from '../../src/protocol/displayValue';
import type { RunView } from '../../src/protocol/panel';
import { activateExtension, closeAllEditors, sampleUri, waitFor } from './helpers';

/** The Clerk instance of the sample's publishable key (.env.local). */
const ISSUER = 'https://exotic-crab-75.clerk.accounts.dev';

function authConfig(domain: string, applicationID: string): Uint8Array {
  return new TextEncoder().encode(
    `export default {\n  providers: [\n    {\n      domain: "${domain}",\n      applicationID: "${applicationID}",\n    },\n  ],\n};\n`,
  );
}

/** Convex's text for a token no provider takes (convex-backend crates/authentication/src/lib.rs:97-101). */
function noProvider(domain: string, applicationID: string): string {
  return `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=${domain}, app_id=${applicationID})]`;
}

/** The `value` of a Convex query response body `{ status, value }`, as the panel shows it. */
function responseValue(run: RunView): DisplayValue | undefined {
  const body = run.response.body;
  return body.k === 'obj' ? body.entries.find(([k]) => k === 'value')?.[1] : undefined;
}

function authors(value: DisplayValue | undefined): string[] {
  if (value?.k !== 'arr') return [];
  return value.items.flatMap((m) =>
    m.k === 'obj' ? m.entries.filter(([k]) => k === 'author').map(([, v]) => (v.k === 'str' ? v.v : '?')) : [],
  );
}

describe('the token handoff exercise in a real VS Code', () => {
  let api: TestHooks;

  let shipped: Uint8Array;

  before(async () => {
    api = await activateExtension();
    // The sample ships with auth.config's two mistakes (the lesson's step 3); these tests start from it fixed.
    shipped = await vscode.workspace.fs.readFile(sampleUri('convex/auth.config.ts'));
    await vscode.workspace.fs.writeFile(sampleUri('convex/auth.config.ts'), authConfig(ISSUER, 'convex'));
  });

  after(async () => {
    await vscode.workspace.fs.writeFile(sampleUri('convex/auth.config.ts'), shipped);
  });

  afterEach(async () => {
    api.tokenPanel.close();
    await closeAllEditors();
  });

  it('"Run it": the anonymous request gets [], the valid one gets only that user\'s messages; the webview draws both', async () => {
    const { tokenPanel: panel, exercise } = api;
    await waitFor('the fixed auth.config to reach the exercise', async () =>
      (await exercise.run(['valid']))[0]?.response.status === 200 ? true : undefined,
    );
    // A fresh panel, so the render awaited below is the one of "Run it".
    panel.close();
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    await waitFor('webview ready', () => panel.lastRender()?.project);
    const drawn = panel.nextRender();
    await vscode.commands.executeCommand('clerkConvex.runExercise');
    const runs = await waitFor('runs', () => panel.lastRender()?.runs);
    assert.deepEqual(
      runs.map((r) => r.scenario),
      ['anonymous', 'valid'],
    );
    const [anonymous, valid] = runs;
    assert.ok(anonymous && valid);
    assert.equal(
      anonymous.request.headers.some(([k]) => k.toLowerCase() === 'authorization'),
      false,
    );
    assert.deepEqual(responseValue(anonymous), { k: 'arr', items: [] });
    assert.ok(valid.request.headers.some(([k, v]) => k.toLowerCase() === 'authorization' && v.startsWith('Bearer ')));
    assert.equal(valid.response.error, undefined);
    const who = authors(responseValue(valid));
    assert.ok(who.length > 0, 'the valid request returns messages');
    const identity = valid.stages.find((s) => s.stage === 'identity');
    assert.ok(identity && who.every((a) => identity.detail.includes(a)), 'every message belongs to the signed-in user');
    assert.deepEqual(await drawn, { what: 'exercise', rows: 2 });
    await waitFor('the walkthrough to tick the exercise step', () =>
      api.lessonContext()['clerkConvex.lesson.done.exercise'] ? true : undefined,
    );
  });

  it("rejects each broken token at its own stage with Convex's words", async () => {
    const { exercise } = api;
    const expected: Record<string, { stage: string; error: RegExp }> = {
      expired: { stage: 'verify', error: /^Could not verify OIDC token claim/ },
      'wrong-audience': { stage: 'match', error: /^No auth provider found matching the given token/ },
      'wrong-issuer': { stage: 'match', error: /^No auth provider found matching the given token/ },
      tampered: { stage: 'verify', error: /^Could not verify OIDC token claim/ },
      'unknown-key': { stage: 'verify', error: /^Could not verify OIDC token claim/ },
    };
    const runs = await exercise.run(Object.keys(expected) as Parameters<TestHooks['exercise']['run']>[0]);
    for (const run of runs) {
      const want = expected[run.scenario];
      assert.ok(want, run.scenario);
      assert.match(run.response.error ?? '', want.error, run.scenario);
      assert.equal(run.stages.find((s) => s.status === 'fail')?.stage, want.stage, run.scenario);
    }
  });

  it("a misconfigured auth.config fails the exercise with Convex's own text: the JWKS URL as the domain, a renamed applicationID", async () => {
    const { exercise } = api;
    const uri = sampleUri('convex/auth.config.ts');
    const validError = async (what: string, want: string | undefined): Promise<RunView> =>
      waitFor(
        what,
        async () => {
          const [valid] = await exercise.run(['valid']);
          return valid && valid.response.error === want ? valid : undefined;
        },
        30_000,
      );
    try {
      const jwksUrl = `${ISSUER}/.well-known/jwks.json`;
      await vscode.workspace.fs.writeFile(uri, authConfig(jwksUrl, 'convex'));
      const asJwks = await validError('NoAuthProvider for the JWKS URL as the domain', noProvider(jwksUrl, 'convex'));
      assert.equal(asJwks.response.status, 401);
      assert.equal(asJwks.stages.find((s) => s.status === 'fail')?.stage, 'match');

      await vscode.workspace.fs.writeFile(uri, authConfig(ISSUER, 'my-app'));
      const renamed = await validError('NoAuthProvider for a renamed applicationID', noProvider(ISSUER, 'my-app'));
      assert.equal(renamed.response.status, 401);

      // The same request passes once the config is what Clerk's token needs: the exercise follows the file.
      await vscode.workspace.fs.writeFile(uri, authConfig(ISSUER, 'convex'));
      const fixed = await validError('the fixed config to pass', undefined);
      assert.equal(fixed.response.status, 200);
    } finally {
      await vscode.workspace.fs.writeFile(uri, authConfig(ISSUER, 'convex'));
    }
  });

  it('serves discovery and JWKS on 127.0.0.1 while the panel is open and stops when it closes', async function () {
    const { exercise, tokenPanel: panel } = api;
    if (!vscode.workspace.isTrusted) this.skip(); // untrusted workspaces use the in-memory issuer by design
    await exercise.run(['valid']);
    const server = await exercise.serverUrl();
    assert.ok(server, 'an http issuer is running');
    assert.match(server, /^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = (await (await fetch(`${server}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    assert.equal(discovery.issuer, await exercise.issuerUrl());
    const jwksPath = new URL(discovery.jwks_uri).pathname;
    const jwks = (await (await fetch(`${server}${jwksPath}`)).json()) as { keys: { kty: string; kid: string }[] };
    assert.ok(jwks.keys.length >= 1 && jwks.keys.every((k) => k.kty === 'RSA'));
    panel.close();
    await waitFor('issuer stopped', async () => {
      try {
        await fetch(`${server}/.well-known/openid-configuration`);
        return undefined;
      } catch {
        return true;
      }
    });
  });
});
