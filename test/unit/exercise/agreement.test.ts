// The facts file, case by case: the authentication model's outcome (convexAuth.ts), the panel's local prediction
// (analyseToken) and the panel's on-request verification (verifySignature) must all name the same Convex error at the
// same stage.
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { analyseToken, CONVEX_ERRORS, noProviderError, verifySignature } from '../../../src/token';
import type { FlowStage, ResolvedProvider } from '../../../src/token';
import { createIssuer, createMemoryTransport, createConvexAuth, SAMPLE_USERS } from '../../../src/exercise';
import type { Issuer, MintOverrides } from '../../../src/exercise';

const NOW_MS = Date.UTC(2026, 0, 15, 12);
const NOW = NOW_MS / 1000;
const ISS = 'https://clerk.exercise.invalid';
const OWN: ResolvedProvider[] = [{ domain: ISS, applicationID: 'convex' }];
const DISCOVERY = `Auth provider discovery of ${ISS} failed`;
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

interface Case {
  name: string;
  providers?: ResolvedProvider[];
  mint?: MintOverrides;
  /** Builds the token itself (what the issuer would never sign). */
  token?: (issuer: Issuer) => Promise<string>;
  /** The issuer's discovery document misbehaves. */
  discovery?: 'wrong-issuer';
  /** null: accepted. */
  error: string | null;
  /** The HTTP status of the refusal (401 unless said). */
  status?: number;
  stage?: FlowStage;
  /** Decidable without the network: the panel's local checks predict it. Otherwise verifySignature does. */
  local: boolean;
}

const tamper = async (issuer: Issuer): Promise<string> => {
  const [h, , s] = (await issuer.mintToken(SAMPLE_USERS[0])).split('.');
  return `${h}.${b64({ iss: ISS, sub: SAMPLE_USERS[1].id, aud: 'convex', iat: NOW, exp: NOW + 60 })}.${s}`;
};

const CASES: Case[] = [
  { name: 'valid session token', error: null, local: true },
  {
    name: 'provider domain with a trailing slash',
    providers: [{ domain: `${ISS}/`, applicationID: 'convex' }],
    error: null,
    local: true,
  },
  {
    name: 'provider domain without a scheme',
    providers: [{ domain: 'clerk.exercise.invalid', applicationID: 'convex' }],
    error: null,
    local: true,
  },
  {
    name: 'iss with a trailing slash against the discovery issuer',
    mint: { claims: { iss: `${ISS}/` } },
    error: `Auth provider discovery of ${ISS}/ failed`,
    status: 400,
    stage: 'discover',
    local: false,
  },
  {
    name: 'aud as an array holding the applicationID',
    mint: { claims: { aud: ['convex'] } },
    error: null,
    local: true,
  },
  {
    name: 'the second provider matches',
    providers: [{ domain: 'https://other.example', applicationID: 'convex' }, ...OWN],
    error: null,
    local: true,
  },
  { name: 'nbf in the future (no check in Convex)', mint: { claims: { nbf: NOW + 30 } }, error: null, local: true },
  { name: 'expires one second from now', mint: { claims: { exp: NOW + 1 } }, error: null, local: true },
  {
    name: 'exp equal to now (zero leeway)',
    mint: { claims: { exp: NOW } },
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  {
    name: 'expired a minute ago',
    mint: { claims: { exp: NOW - 60 } },
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  {
    name: 'no aud (integration off)',
    mint: { omit: ['aud'] },
    error: noProviderError(OWN),
    stage: 'match',
    local: true,
  },
  {
    name: 'aud of a renamed template',
    mint: { claims: { aud: 'convex-app' } },
    error: noProviderError(OWN),
    stage: 'match',
    local: true,
  },
  {
    name: 'extra audience',
    mint: { claims: { aud: ['convex', 'other'] } },
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  {
    name: 'iss of another instance',
    mint: { claims: { iss: 'https://humble-otter-42.clerk.accounts.dev' } },
    error: noProviderError(OWN),
    stage: 'match',
    local: true,
  },
  {
    name: 'domain and applicationID on different providers',
    providers: [
      { domain: ISS, applicationID: 'x' },
      { domain: 'https://o.example', applicationID: 'convex' },
    ],
    error: noProviderError([
      { domain: ISS, applicationID: 'x' },
      { domain: 'https://o.example', applicationID: 'convex' },
    ]),
    stage: 'match',
    local: true,
  },
  { name: 'no providers configured', providers: [], error: noProviderError([]), stage: 'match', local: true },
  { name: 'no iss', mint: { omit: ['iss'] }, error: CONVEX_ERRORS.missingIssuer, stage: 'match', local: true },
  { name: 'no sub', mint: { omit: ['sub'] }, error: CONVEX_ERRORS.oidcParse, stage: 'verify', local: true },
  { name: 'no iat', mint: { omit: ['iat'] }, error: CONVEX_ERRORS.oidcParse, stage: 'verify', local: true },
  { name: 'no exp', mint: { omit: ['exp'] }, error: CONVEX_ERRORS.oidcParse, stage: 'verify', local: true },
  {
    name: 'exp as a string (the first read refuses it)',
    mint: { claims: { exp: 'tomorrow' } },
    error: CONVEX_ERRORS.parse,
    stage: 'match',
    local: true,
  },
  { name: 'jti as a number', mint: { claims: { jti: 7 } }, error: CONVEX_ERRORS.parse, stage: 'match', local: true },
  {
    name: 'a profile claim of the wrong type',
    mint: { claims: { name: 5 } },
    error: CONVEX_ERRORS.oidcParse,
    stage: 'verify',
    local: true,
  },
  { name: 'null profile claims', mint: { claims: { name: null, email: null } }, error: null, local: true },
  { name: 'typ in lower case', mint: { header: { typ: 'jwt' } }, error: null, local: true },
  { name: 'typ JOSE', mint: { header: { typ: 'JOSE' } }, error: null, local: true },
  {
    name: 'typ other than JWT',
    mint: { header: { typ: 'at+jwt' } },
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  { name: 'cty present', mint: { header: { cty: 'JWT' } }, error: CONVEX_ERRORS.verify, stage: 'verify', local: true },
  {
    name: 'HS256',
    token: () =>
      new SignJWT({ iss: ISS, sub: 'u', aud: 'convex', iat: NOW, exp: NOW + 60 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('x'.repeat(32))),
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  {
    name: 'alg none',
    token: () =>
      Promise.resolve(
        `${b64({ alg: 'none' })}.${b64({ iss: ISS, sub: 'u', aud: 'convex', iat: NOW, exp: NOW + 60 })}.`,
      ),
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: true,
  },
  {
    name: 'not a JWT',
    token: () => Promise.resolve('hello.world'),
    error: CONVEX_ERRORS.parse,
    stage: 'match',
    local: true,
  },
  {
    name: 'payload is an array',
    token: () => Promise.resolve(`${b64({ alg: 'RS256' })}.${b64([])}.c2ln`),
    error: CONVEX_ERRORS.parse,
    stage: 'match',
    local: true,
  },
  {
    name: 'signed by an unpublished key',
    mint: { signWith: 'unknown' },
    error: CONVEX_ERRORS.verify,
    stage: 'verify',
    local: false,
  },
  { name: 'tampered payload', token: tamper, error: CONVEX_ERRORS.verify, stage: 'verify', local: false },
  {
    name: 'discovery names another issuer',
    discovery: 'wrong-issuer',
    error: DISCOVERY,
    status: 400,
    stage: 'discover',
    local: false,
  },
];

describe("Convex's authentication model, panel prediction and verification agree with the facts file", () => {
  let issuer: Issuer;
  before(async () => {
    issuer = await createIssuer({ issuerUrl: ISS, nowMs: () => NOW_MS });
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const providers = c.providers ?? OWN;
      const memory = createMemoryTransport(issuer);
      const fetchImpl: typeof fetch =
        c.discovery === 'wrong-issuer'
          ? async (input, init) => {
              const res = await memory(input, init);
              const body = (await res.json()) as Record<string, unknown>;
              return new Response(
                JSON.stringify(
                  (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).endsWith(
                    'openid-configuration',
                  )
                    ? { ...body, issuer: 'https://elsewhere.example' }
                    : body,
                ),
                { status: 200, headers: { 'content-type': 'application/json' } },
              );
            }
          : memory;
      // Clerk's session token with the Convex integration on: aud "convex".
      const mint = { ...c.mint, claims: { aud: 'convex', ...c.mint?.claims } };
      const token = c.token ? await c.token(issuer) : await issuer.mintToken(SAMPLE_USERS[0], mint);
      const server = createConvexAuth({ providers, fetchImpl, nowMs: () => NOW_MS, timeoutMs: 2000 });
      const outcome = await server.authenticate(`Bearer ${token}`);

      // Convex's authentication, modelled.
      assert.equal('rejected' in outcome ? outcome.rejected.message : null, c.error, 'server error');
      if ('rejected' in outcome) assert.equal(outcome.rejected.status, c.status ?? 401);
      assert.equal(outcome.stages.find((s) => s.status === 'fail')?.stage, c.stage, 'server stage');

      // The panel: local prediction, then verification on request.
      const report = analyseToken(token, { providers, nowMs: NOW_MS });
      const verified = await verifySignature(token, { timeoutMs: 2000, fetchImpl });
      const verifyError = verified.find((x) => x.status === 'fail')?.convexError ?? null;
      if (c.local) {
        assert.equal(report.convexError ?? null, c.error, 'panel prediction');
        assert.equal(report.failedStage, c.stage, 'panel stage');
      } else {
        assert.equal(report.convexError, undefined, 'nothing to predict locally');
        assert.equal(verifyError, c.error, 'verification');
      }
      if (c.error === null) assert.equal(verifyError, null, 'a token Convex accepts verifies');
    });
  }
});
