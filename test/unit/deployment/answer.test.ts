// The answers a real Convex deployment gives, written out as its source builds them (convex-backend at
// 94a42c3db8d7ba6d9fe36f2698f9d9d9daaac731), and what each one says about the token.
import assert from 'node:assert/strict';
import { interpretExchange, parseProviders, tokenVerdict } from '../../../src/deployment';
import { PROBE_PATH } from '../../../src/deployment/exchange';
import type { DeploymentExchange } from '../../../src/deployment';
import { CONVEX_ERRORS } from '../../../src/token';

function answer(status: number, body: unknown, contentType = 'application/json'): DeploymentExchange {
  return {
    response: { status, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) },
    client: { ok: false, error: '' },
  };
}

describe('what a deployment’s answer means', () => {
  it('the function lookup after a passed authentication: accepted, in all three of its forms', () => {
    // udf/src/validation.rs:353-365 builds "Could not find public function for '<path>'." (the root component adds
    // nothing, common/src/components/component_path.rs:115-121); application/src/redaction.rs:163-171 prefixes
    // "[Request ID: …] Server Error" and a newline, or gives only that prefix where errors are redacted.
    const full = interpretExchange(
      answer(200, {
        status: 'error',
        errorMessage: `[Request ID: 6f1c2a9b8d] Server Error\nCould not find public function for '${PROBE_PATH}'.`,
      }),
    );
    assert.equal(full.kind, 'function-not-found');
    const redacted = interpretExchange(
      answer(200, { status: 'error', errorMessage: '[Request ID: 6f1c2a9b8d] Server Error' }),
    );
    assert.ok(redacted.kind === 'function-error' && redacted.redacted);
    // With UDF_404_ON_BAD_PATH (common/src/knobs.rs:1990, off by default) the same lookup is a 404 error body.
    const notFound404 = interpretExchange(
      answer(404, { code: 'FunctionPathNotFound', message: `Could not find public function for '${PROBE_PATH}'.` }),
    );
    assert.equal(notFound404.kind, 'function-not-found');
    for (const a of [full, redacted, notFound404]) assert.deepEqual(tokenVerdict(a), { kind: 'accepted' });
  });

  it('auth errors by their code, with the text verbatim', () => {
    for (const [code, message] of [
      ['InvalidAuthHeader', CONVEX_ERRORS.parse],
      ['InvalidAuthHeader', CONVEX_ERRORS.oidcParse],
      ['Unauthenticated', CONVEX_ERRORS.verify],
      ['NoAuthProvider', 'No auth provider found matching the given token'],
    ] as const) {
      const a = interpretExchange(answer(401, { code, message }));
      assert.deepEqual(tokenVerdict(a), { kind: 'rejected', code, message });
    }
  });

  it('discovery failure comes with 400 or the issuer’s own status (authentication/src/lib.rs:211-240)', () => {
    for (const status of [400, 404, 401, 503]) {
      const a = interpretExchange(
        answer(status, {
          code: 'AuthProviderDiscoveryFailed',
          message: 'Auth provider discovery of https://x.clerk.accounts.dev failed: 404 Not Found',
        }),
      );
      assert.equal(a.kind, 'discovery-failed', String(status));
    }
  });

  it('refusals of the request itself say nothing about the token (local_backend/src/authentication.rs:52-78, parse.rs:11-19)', () => {
    for (const code of ['InvalidAdminKey', 'InvalidHeaderFailure', 'BadConvexFunctionIdentifier']) {
      const a = interpretExchange(answer(400, { code, message: 'x' }));
      assert.equal(a.kind, 'request-refused');
      assert.equal(tokenVerdict(a).kind, 'none');
    }
  });

  it('anything not in Convex’s words is no verdict: HTML, a bare 200, an unknown code, nothing at all', () => {
    for (const e of [
      answer(200, '<html></html>', 'text/html'),
      answer(200, { hello: 'world' }),
      answer(500, { code: 'InternalServerError', message: 'boom' }),
      answer(302, ''),
      {
        client: { ok: false as const, error: 'fetch failed' },
        failure: { kind: 'network' as const, detail: 'ECONNREFUSED' },
      },
    ]) {
      assert.equal(tokenVerdict(interpretExchange(e)).kind, 'none', JSON.stringify(e));
    }
  });

  it('reads the providers out of the NoAuthProvider text (authentication/src/lib.rs:64-103)', () => {
    assert.deepEqual(
      parseProviders(
        "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=https://a.clerk.accounts.dev, app_id=convex), CustomJWT(issuer=https://auth.example.com, app_id=none)]",
      ),
      [
        { type: 'oidc', domain: 'https://a.clerk.accounts.dev', applicationID: 'convex' },
        { type: 'customJwt', domain: 'https://auth.example.com' },
      ],
    );
    assert.equal(
      parseProviders(
        'No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.',
      ),
      'none',
    );
    // Redacted on deployments that hide error details (lib.rs:65-67).
    assert.equal(parseProviders('No auth provider found matching the given token'), 'hidden');
    assert.equal(parseProviders('Something else'), undefined);
  });
});
