// The prediction beside the deployment's answer: when they agree it says so; when they differ, what it means and
// what to run. Each disagreement the issue names is one case here.
import assert from 'node:assert/strict';
import {
  compare,
  predictionOf,
  staleSessionCheck,
  type ComparisonInput,
  type DeploymentAnswer,
  type Prediction,
} from '../../../src/deployment';
import { CONVEX_ERRORS, noProviderError } from '../../../src/token';
import type { TokenCheck } from '../../../src/token';

const ISS = 'https://exotic-crab-75.clerk.accounts.dev';
const OTHER = 'https://quiet-heron-12.clerk.accounts.dev';
const NOW = 1_800_000_000_000;
const accept: Prediction = { kind: 'accept', signatureChecked: false };
const noProvider = (providers: string): DeploymentAnswer => ({
  kind: 'rejected',
  code: 'NoAuthProvider',
  message: providers,
});

function input(over: Partial<ComparisonInput>): ComparisonInput {
  return {
    prediction: accept,
    answer: { kind: 'function-not-found', message: 'x' },
    token: { iss: ISS, aud: 'convex', exp: NOW / 1000 + 50, staleSession: false },
    providers: [
      { domain: ISS, envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.local' }, applicationID: 'convex' },
    ],
    candidate: { url: 'https://happy-otter-123.convex.cloud', environment: 'development' },
    askedAtMs: NOW,
    ...over,
  };
}

describe('the prediction beside the deployment’s answer', () => {
  it('agrees when both accept, and says the deployment checked the signature the panel did not', () => {
    const c = compare(input({}));
    assert.equal(c.agreement, 'agree');
    assert.match(c.lines[0], /checked the signature/);
  });

  it('accepted locally, NoAuthProvider on the deployment listing another Clerk instance: set its env var', () => {
    const c = compare(
      input({
        answer: {
          kind: 'rejected',
          code: 'NoAuthProvider',
          message: 'm',
          providers: [{ type: 'oidc', domain: OTHER, applicationID: 'convex' }],
        },
      }),
    );
    assert.equal(c.agreement, 'disagree');
    const text = c.lines.join('\n');
    assert.match(text, /another Clerk instance \(quiet-heron-12\.clerk\.accounts\.dev\)/);
    assert.match(text, new RegExp(`npx convex env set CLERK_JWT_ISSUER_DOMAIN ${ISS}`));
    assert.match(text, /older config or other env values/);
  });

  it('production: the commands take --prod and the push is npx convex deploy', () => {
    const c = compare(
      input({
        candidate: { url: 'https://brave-fox-9.convex.cloud', environment: 'production' },
        answer: { kind: 'rejected', code: 'NoAuthProvider', message: 'm', providers: 'hidden' },
      }),
    );
    assert.match(c.lines.join('\n'), /npx convex env get --prod CLERK_JWT_ISSUER_DOMAIN/);
    assert.match(c.lines.join('\n'), /npx convex deploy/);
  });

  it('no providers on the deployment: auth.config was never pushed (npx convex dev not running)', () => {
    const c = compare(input({ answer: { ...noProvider('n'), providers: 'none' } as DeploymentAnswer }));
    assert.equal(c.agreement, 'disagree');
    assert.match(c.lines.join('\n'), /never pushed to it, or the push failed\. Run npx convex dev/);
  });

  it('refused locally with NoAuthProvider, accepted by the deployment: the deployed config is not the local one', () => {
    const c = compare(input({ prediction: { kind: 'reject', code: 'NoAuthProvider', message: noProviderError([]) } }));
    assert.equal(c.agreement, 'disagree');
    assert.match(
      c.lines[0],
      /config on the deployment is not the one in your files\. The next npx convex dev pushes your files, so fix/,
    );
  });

  it('Unauthenticated for a token that expired on the way: copy a fresh one', () => {
    const c = compare(
      input({
        token: { iss: ISS, aud: 'convex', exp: NOW / 1000 - 12, staleSession: false },
        answer: { kind: 'rejected', code: 'Unauthenticated', message: CONVEX_ERRORS.verify },
      }),
    );
    assert.equal(c.agreement, 'disagree');
    assert.match(c.lines.join('\n'), /expired 12 s before it was sent/);
  });

  it('the same refusal on both sides agrees, and a stale session adds: sign out and back in', () => {
    const c = compare(
      input({
        prediction: { kind: 'reject', code: 'NoAuthProvider', message: 'm' },
        token: { iss: ISS, exp: NOW / 1000 + 50, staleSession: true },
        answer: noProvider('m'),
      }),
    );
    assert.equal(c.agreement, 'agree');
    assert.match(c.lines.join('\n'), /sign out and back in/);
  });

  it('names the Clerk instance this environment’s publishable key points at when the token is from another', () => {
    const c = compare(
      input({
        candidate: {
          url: 'https://brave-fox-9.convex.cloud',
          environment: 'production',
          clerk: {
            keyName: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
            file: '.env.production',
            host: 'clerk.example.com',
            instance: 'live',
          },
        },
        answer: { kind: 'rejected', code: 'NoAuthProvider', message: 'm', providers: 'hidden' },
      }),
    );
    assert.match(c.lines.join('\n'), /points at clerk\.example\.com; this token was issued by exotic-crab-75/);
  });

  it('no prediction when the local config cannot tell, no verdict when the deployment said nothing', () => {
    assert.equal(compare(input({ prediction: { kind: 'uncertain', why: 'env-unknown' } })).agreement, 'no-prediction');
    const none = compare(
      input({ answer: { kind: 'unknown', reason: 'not-convex', detail: 'HTTP 404 (text/html): …' } }),
    );
    assert.equal(none.agreement, 'no-verdict');
    assert.match(none.lines[0], /Is https:\/\/happy-otter-123\.convex\.cloud your deployment's URL/);
  });
});

describe('the prediction from the local checks', () => {
  const check = (id: string, status: TokenCheck['status'], convexError?: string): TokenCheck => ({
    id,
    stage: 'match',
    status,
    title: id,
    detail: '',
    ...(convexError ? { convexError } : {}),
  });

  it('the report’s first Convex error decides; then an unknown domain or no auth.config is "cannot tell"', () => {
    assert.deepEqual(predictionOf([check('issuer-match', 'pass')], CONVEX_ERRORS.verify, undefined), {
      kind: 'reject',
      code: 'Unauthenticated',
      message: CONVEX_ERRORS.verify,
    });
    assert.equal(predictionOf([check('issuer-match', 'warn')], undefined, undefined).kind, 'uncertain');
    assert.equal(predictionOf([check('issuer-match', 'skipped')], undefined, undefined).kind, 'uncertain');
    assert.deepEqual(predictionOf([check('issuer-match', 'pass')], undefined, []), {
      kind: 'accept',
      signatureChecked: false,
    });
    assert.deepEqual(predictionOf([check('issuer-match', 'pass')], undefined, [check('signature', 'pass')]), {
      kind: 'accept',
      signatureChecked: true,
    });
    // Verify Signature's own failure counts when it ran.
    const discovery = predictionOf([check('issuer-match', 'pass')], undefined, [
      check('discovery', 'fail', `Auth provider discovery of ${ISS} failed`),
    ]);
    assert.ok(discovery.kind === 'reject' && discovery.code === 'AuthProviderDiscoveryFailed');
  });

  it('stale session: only for a session token without aud, in a project wired for the integration', () => {
    const convex = [{ domain: ISS, applicationID: 'convex' }];
    assert.ok(staleSessionCheck('session-without-aud', { lessonMode: 'integration', providers: convex }));
    assert.ok(staleSessionCheck('session-without-aud', { lessonMode: undefined, providers: undefined }));
    assert.equal(staleSessionCheck('session-without-aud', { lessonMode: 'template', providers: convex }), undefined);
    assert.equal(staleSessionCheck('integration', { lessonMode: 'integration', providers: convex }), undefined);
    assert.equal(
      staleSessionCheck('session-without-aud', {
        lessonMode: 'integration',
        providers: [{ domain: ISS, applicationID: 'my-app' }],
      }),
      undefined,
    );
  });
});
