// Where a token comes from, as convex 1.51 and Convex Auth 2.0 make them (December 2026 facts):
// - ConvexProviderWithClerk (convex 1.46–1.51, src/react-clerk/ConvexProviderWithClerk.tsx) sends Clerk's session
//   token only when `sessionClaims?.aud === "convex"`; an aud array, or another name, takes the template path.
// - convex 1.48+ `ctx.auth.signJwt` signs ES256 tokens whose iss is the deployment's URL (or
//   `…/components/<name>`); Convex Auth 2.0 verifies them with a customJwt provider, applicationID "convex-auth",
//   algorithm "ES256" (convex-backend crates/authentication/src/lib.rs: customJwt decodes with the provider's one
//   algorithm; OIDC allows RS256 and EdDSA).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { analyseToken } from '../../../src/token';
import type { ResolvedProvider, TokenReport } from '../../../src/token';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { resolveProviders } from '../../../src/project/resolveProviders';
import { EMPTY_PROJECT } from '../../../src/project/types';
import { NOW, NOW_MS, PROVIDERS, sessionClaims, signRs256 } from './fixtures';

const DEPLOYMENT = 'https://happy-otter-123.convex.cloud';
const CONVEX_AUTH_ISSUER = `${DEPLOYMENT}/components/auth`;
const CONVEX_AUTH_PROVIDER: ResolvedProvider = {
  type: 'customJwt',
  domain: CONVEX_AUTH_ISSUER,
  applicationID: 'convex-auth',
  algorithm: 'ES256',
};

const analyse = (token: string, providers: ResolvedProvider[], publishableKeyHost?: string): TokenReport =>
  analyseToken(token, { providers, nowMs: NOW_MS, ...(publishableKeyHost ? { publishableKeyHost } : {}) });
const check = (r: TokenReport, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
};

let es256: Promise<Awaited<ReturnType<typeof generateKeyPair>>> | undefined;
/** A token shaped as ctx.auth.signJwt makes it: ES256, iss and iat/exp set by Convex, a random jti. */
async function deploymentToken(iss = CONVEX_AUTH_ISSUER, aud: string | string[] = 'convex-auth'): Promise<string> {
  const { privateKey } = await (es256 ??= generateKeyPair('ES256'));
  return new SignJWT({ sub: 'k57abc|k97def', aud, jti: 'r4nd0m' })
    .setProtectedHeader({ alg: 'ES256', kid: 'dep-key-1', typ: 'JWT' })
    .setIssuer(iss)
    .setIssuedAt(NOW - 5)
    .setExpirationTime(NOW + 600)
    .sign(privateKey);
}

describe('a Clerk session token whose aud is not exactly "convex"', () => {
  it('an aud array takes ConvexProviderWithClerk’s template path, and the panel says so', async () => {
    const r = analyse(await signRs256(sessionClaims({ aud: ['convex'] })), PROVIDERS);
    assert.equal(r.clerkMode, 'session-template-path');
    const mode = check(r, 'clerk-mode');
    assert.equal(mode.status, 'warn');
    assert.match(mode.detail, /getToken\(\{ template: "convex" \}\)/);
    assert.match(mode.title, /array/);
  });

  it('another aud string takes the template path too; only the string "convex" is the integration', async () => {
    assert.equal(
      analyse(await signRs256(sessionClaims({ aud: 'my-app' })), PROVIDERS).clerkMode,
      'session-template-path',
    );
    assert.equal(analyse(await signRs256(sessionClaims()), PROVIDERS).clerkMode, 'integration');
  });

  it('agrees with the installed ConvexProviderWithClerk’s test of the claim', () => {
    const source = fs.readFileSync(
      path.resolve(
        __dirname,
        '..',
        '..',
        '..',
        'node_modules',
        'convex',
        'src',
        'react-clerk',
        'ConvexProviderWithClerk.tsx',
      ),
      'utf8',
    );
    assert.match(source, /if \(sessionClaims\?\.aud === "convex"\)/);
  });
});

describe('a token a Convex deployment signed (ctx.auth.signJwt, ES256)', () => {
  it('is recognised, accepted by Convex Auth 2.0’s customJwt provider, and not judged as a Clerk token', async () => {
    const r = analyse(
      await deploymentToken(),
      [CONVEX_AUTH_PROVIDER, ...PROVIDERS],
      'exotic-crab-75.clerk.accounts.dev',
    );
    assert.equal(r.clerkMode, 'convex-deployment');
    assert.equal(check(r, 'clerk-mode').title, 'Signed by a Convex deployment, not by Clerk');
    assert.equal(check(r, 'algorithm').status, 'pass');
    assert.ok(!r.checks.some((c) => c.id === 'publishable-key'), 'no Clerk-instance comparison');
    assert.deepEqual(
      r.checks.filter((c) => c.status === 'fail').map((c) => c.id),
      [],
    );
    assert.equal(r.failedStage, undefined);
  });

  it('is recognised by its deployment issuer without a project, and the ES256 verdict names customJwt', async () => {
    const r = analyse(await deploymentToken(DEPLOYMENT, 'my-service'), PROVIDERS);
    assert.equal(r.clerkMode, 'convex-deployment');
    const alg = check(r, 'algorithm');
    assert.equal(alg.status, 'fail');
    assert.match(alg.detail, /customJwt provider whose algorithm is "ES256"/);
    assert.doesNotMatch(alg.detail, /Clerk signs with RS256/);
  });

  it('a customJwt provider set to RS256 cannot decode it: Convex’s own words, with the kid', async () => {
    const r = analyse(await deploymentToken(), [{ ...CONVEX_AUTH_PROVIDER, algorithm: 'RS256' }]);
    const alg = check(r, 'algorithm');
    assert.equal(alg.status, 'fail');
    assert.equal(
      alg.convexError,
      "Could not decode token. The JWT's 'kid' (key ID) header is 'dep-key-1', does this key match any key in the provider's JWKS?",
    );
  });

  it('the project reader keeps a customJwt provider’s algorithm', () => {
    const info = readAuthConfig(
      `export default { providers: [{ type: "customJwt", applicationID: "convex-auth", issuer: "${CONVEX_AUTH_ISSUER}", jwks: "${DEPLOYMENT}/.well-known/jwks.json", algorithm: "ES256" }] };`,
      'convex/auth.config.ts',
      'file:///w/convex/auth.config.ts',
    );
    assert.deepEqual(resolveProviders({ ...EMPTY_PROJECT, authConfigs: [info] }), [CONVEX_AUTH_PROVIDER]);
  });
});
