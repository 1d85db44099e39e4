// The Convex stand-in, case by case, through the real ConvexHttpClient (the `convex` dev dependency) over HTTP on
// 127.0.0.1. Each case names the convex-backend place it follows (get-convex/convex-backend @94a42c3; its pinned
// forks get-convex/openidconnect-rs @15a9c55 and get-convex/biscuit @05bdaab). Where a case needs a header the
// client never sends, the client is given a `fetch` that rewrites that one header: the request still comes from
// the real client, and the real client reads the answer.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConvexHttpClient } from 'convex/browser';
import { ConvexError } from 'convex/values';
import { CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';
import { createLoopbackRoute, createConvexAuth, startConvexStandIn } from '../../../src/exercise';
import type { ConvexStandIn, RunAnswer, WireExchange } from '../../../src/exercise';
import { CONVEX_ERRORS, noProviderError } from '../../../src/token';
import type { ResolvedProvider } from '../../../src/token';

const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW = NOW_MS / 1000;
const ISS = 'https://exotic-crab-75.clerk.accounts.dev';
const OWN: ResolvedProvider[] = [{ domain: ISS, applicationID: 'convex' }];
const USER = 'user_2aLice7Kd9QpX4mZ';
type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

/** What the test issuer (standing in for Clerk's Frontend API, routed from ISS to 127.0.0.1) answers. */
interface IssuerBehaviour {
  discovery?: { status: number; body: string; contentType?: string };
  discoveryIssuer?: string;
  jwks?: { status: number; body: string; contentType?: string };
  keys?: JWK[];
}

const b64 = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url');
const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  azp: 'http://localhost:5173',
  exp: NOW + 60,
  fva: [0, -1],
  iat: NOW,
  iss: ISS,
  nbf: NOW - 5,
  sid: 'sess_2aLice',
  sub: USER,
  v: 2,
  aud: 'convex',
  ...extra,
});

describe('the Convex wire: the real ConvexHttpClient against the stand-in, case by case', () => {
  let rsa: Keys;
  let rsaJwk: JWK;
  let other: Keys;
  let otherJwk: JWK;
  let ed: Keys;
  let edJwk: JWK;
  let issuerServer: http.Server;
  let issuerUrl = '';
  let behaviour: IssuerBehaviour = {};
  const runs: { path: string; identity: unknown }[] = [];

  before(async () => {
    [rsa, other, ed] = await Promise.all([
      generateKeyPair('RS256'),
      generateKeyPair('RS256'),
      generateKeyPair('EdDSA'),
    ]);
    rsaJwk = { ...(await exportJWK(rsa.publicKey)), kid: 'ins_a', alg: 'RS256', use: 'sig' };
    otherJwk = { ...(await exportJWK(other.publicKey)), kid: 'ins_b', alg: 'RS256', use: 'sig' };
    edJwk = { ...(await exportJWK(ed.publicKey)), kid: 'ins_ed', alg: 'EdDSA', use: 'sig' };
    issuerServer = http.createServer((req, res) => {
      const send = (r: { status: number; body: string; contentType?: string }): void => {
        res.writeHead(r.status, { 'content-type': r.contentType ?? 'application/json' }).end(r.body);
      };
      if (req.url === '/.well-known/openid-configuration')
        return send(
          behaviour.discovery ?? {
            status: 200,
            body: JSON.stringify({
              issuer: behaviour.discoveryIssuer ?? ISS,
              jwks_uri: `${ISS}/.well-known/jwks.json`,
              id_token_signing_alg_values_supported: ['RS256'],
              response_types_supported: ['code'],
              subject_types_supported: ['public'],
            }),
          },
        );
      if (req.url === '/.well-known/jwks.json')
        return send(behaviour.jwks ?? { status: 200, body: JSON.stringify({ keys: behaviour.keys ?? [rsaJwk] }) });
      return send({ status: 404, body: '{"error":"not found"}' });
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', r));
    issuerUrl = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => issuerServer.close(() => r())));
  beforeEach(() => {
    behaviour = {};
    runs.length = 0;
  });

  /** A deployment with these providers; the function `echo:*` answers as the cases need. */
  async function deployment(
    providers: ResolvedProvider[] = OWN,
    production = false,
  ): Promise<ConvexStandIn & { last(): WireExchange }> {
    const server = createConvexAuth({
      providers,
      fetchImpl: createLoopbackRoute(ISS, issuerUrl),
      nowMs: () => NOW_MS,
      timeoutMs: 5000,
      production,
    });
    const standIn = await startConvexStandIn({
      authenticate: (h) => server.authenticate(h),
      production,
      run: (_kind, path, _args, identity): Promise<RunAnswer> => {
        runs.push({ path, identity });
        if (path === 'echo:logs') return Promise.resolve({ ok: true, value: 'hi', logLines: ["[LOG] 'hello'"] });
        if (path === 'echo:throws')
          return Promise.resolve({ ok: false, message: 'boom', name: 'Error', logLines: ["[LOG] 'before'"] });
        if (path === 'echo:convexError')
          return Promise.resolve({ ok: false, message: '{"reason":"quota"}', data: { reason: 'quota' }, logLines: [] });
        return Promise.resolve({ ok: true, value: identity, logLines: [] });
      },
    });
    opened.push(standIn);
    return {
      ...standIn,
      last: () => {
        const e = standIn.exchanges().at(-1);
        assert.ok(e, 'an exchange was recorded');
        return e;
      },
    };
  }
  const opened: ConvexStandIn[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  async function sign(
    payload: Record<string, unknown> | string,
    header: Record<string, unknown> = {},
    key?: Keys['privateKey'],
  ): Promise<string> {
    const bytes = new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
    return new CompactSign(bytes)
      .setProtectedHeader({ alg: 'RS256', kid: 'ins_a', typ: 'JWT', ...header })
      .sign(key ?? rsa.privateKey);
  }

  /** The real client, optionally with one header rewritten on the way out. */
  function client(url: string, opts: { token?: string; authorization?: string | null; contentType?: string } = {}) {
    const rewrite =
      opts.authorization !== undefined || opts.contentType !== undefined
        ? (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
            const headers = { ...(init?.headers as Record<string, string>) };
            if (opts.authorization === null) delete headers.Authorization;
            else if (opts.authorization !== undefined) headers.Authorization = opts.authorization;
            if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
            return fetch(input, { ...init, headers });
          }
        : undefined;
    const c = new ConvexHttpClient(url, { logger: false, ...(rewrite ? { fetch: rewrite } : {}) });
    if (opts.token !== undefined) c.setAuth(opts.token);
    return c;
  }
  const query = (c: ConvexHttpClient, path = 'echo:identity'): Promise<unknown> =>
    c.query(path as unknown as Parameters<ConvexHttpClient['query']>[0], {});

  /** The client throws the error body as its message; the body and status are Convex's. */
  async function refused(
    d: Awaited<ReturnType<typeof deployment>>,
    c: ConvexHttpClient,
    status: number,
    code: string,
    message: string | RegExp,
  ): Promise<void> {
    await assert.rejects(query(c), (err: Error) => {
      const body = JSON.parse(err.message) as { code: string; message: string };
      assert.equal(body.code, code);
      if (typeof message === 'string') assert.equal(body.message, message);
      else assert.match(body.message, message);
      return true;
    });
    assert.equal(d.last().response.status, status);
    assert.equal(runs.length, 0, 'the function does not run');
  }
  async function accepted(
    d: Awaited<ReturnType<typeof deployment>>,
    c: ConvexHttpClient,
  ): Promise<Record<string, unknown>> {
    const identity = (await query(c)) as Record<string, unknown>;
    assert.equal(d.last().response.status, 200);
    assert.equal(runs.length, 1);
    return identity;
  }

  // --- The Authorization header -----------------------------------------------------------------------------

  it('1 no Authorization header: anonymous, the function gets null (local_backend/src/authentication.rs:96)', async () => {
    const d = await deployment();
    assert.equal(await query(client(d.url)), null);
    assert.equal(d.last().request.headers.Authorization, undefined);
  });

  it('2 a Clerk session token: accepted, subject and issuer from sub and iss (authentication/src/lib.rs:201-271)', async () => {
    const d = await deployment();
    const id = await accepted(d, client(d.url, { token: await sign(claims()) }));
    assert.equal(id.subject, USER);
    assert.equal(id.tokenIdentifier, `${ISS}|${USER}`);
  });

  it('3 lower-case "bearer " is accepted (authentication/src/lib.rs:110 eq_ignore_ascii_case)', async () => {
    const d = await deployment();
    await accepted(d, client(d.url, { authorization: `bearer ${await sign(claims())}` }));
  });

  it('4 "BEARER " in capitals is accepted too (authentication/src/lib.rs:110)', async () => {
    const d = await deployment();
    await accepted(d, client(d.url, { authorization: `BEARER ${await sign(claims())}` }));
  });

  it('5 "Bearer" with nothing after: 400 InvalidHeaderFailure (local_backend/src/authentication.rs:56-62)', async () => {
    const d = await deployment();
    // setAuth(" ") makes the client send "Bearer  "; fetch trims header values, so "Bearer" arrives.
    await refused(d, client(d.url, { token: ' ' }), 400, 'InvalidHeaderFailure', 'Invalid authentication header');
    assert.equal(d.last().request.headers.Authorization, 'Bearer');
  });

  it('6 spaces around the token are trimmed (authentication/src/lib.rs:116 `header[7..].trim()`)', async () => {
    const d = await deployment();
    await accepted(d, client(d.url, { authorization: `Bearer    ${await sign(claims())}` }));
  });

  it('7 another scheme ("Basic …") reads as a bad admin key: 400 InvalidAdminKey (local_backend/src/authentication.rs:70-77)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { authorization: 'Basic dXNlcjpwYXNz' }),
      400,
      'InvalidAdminKey',
      'Invalid admin key',
    );
  });

  it('8 "Convex <key>" is an admin key this deployment does not have: 401 BadAdminKey (authentication/src/application_auth.rs:35-71, access_token_auth.rs:14-19)', async () => {
    const d = await deployment();
    const c = client(d.url);
    (c as unknown as { setAdminAuth(k: string): void }).setAdminAuth('prod:happy-otter-123|0123abcd');
    await refused(d, c, 401, 'BadAdminKey', 'The provided admin key was invalid for this instance');
    assert.equal(d.last().request.headers.Authorization, 'Convex prod:happy-otter-123|0123abcd');
  });

  it('9 a byte outside visible ASCII: 400 HeaderParseFailure quoting the header (local_backend/src/authentication.rs:52-55)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: 'tok\u00e9n' }),
      400,
      'HeaderParseFailure',
      'Failed to parse header "Bearer tok\\xe9n"',
    );
  });

  // --- The first, unverified read of the payload (biscuit) -------------------------------------------------

  it('10 not a JWT: 401 InvalidAuthHeader "Could not parse JWT payload…" (authentication/src/lib.rs:166-173)', async () => {
    const d = await deployment();
    await refused(d, client(d.url, { token: 'not-a-jwt' }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.parse);
  });

  it('11 a padded payload segment is refused by the strict decoder (lib.rs:166-173; biscuit src/lib.rs:379-385 BASE64URL_NOPAD)', async () => {
    const d = await deployment();
    let token = '';
    for (let i = 0; token === '' || token.split('.')[1].length % 4 === 0; i++)
      token = await sign(claims({ sub: `user_${i}` }));
    const [h, p, s] = token.split('.');
    const padded = `${h}.${p}${'='.repeat(4 - (p.length % 4))}.${s}`;
    await refused(d, client(d.url, { token: padded }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.parse);
  });

  it('12 no iss: 401 InvalidAuthHeader "Missing issuer claim…" (authentication/src/lib.rs:174-180)', async () => {
    const d = await deployment();
    const { iss: _drop, ...rest } = claims();
    await refused(d, client(d.url, { token: await sign(rest) }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.missingIssuer);
  });

  it('13 exp as a string: refused at the first read, "Could not parse JWT payload" (biscuit src/lib.rs:719-733 Timestamp)', async () => {
    const d = await deployment();
    const token = await sign(claims({ exp: 'tomorrow' }));
    await refused(d, client(d.url, { token }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.parse);
  });

  it('14 jti: 7 is refused: jti must be a string (biscuit src/lib.rs:761-763; authentication/src/lib.rs:166-173)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ jti: 7 })) }),
      401,
      'InvalidAuthHeader',
      CONVEX_ERRORS.parse,
    );
  });

  it('15 aud: 5 is refused at the first read (biscuit src/lib.rs:745-747 SingleOrMultiple<String>)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ aud: 5 })) }),
      401,
      'InvalidAuthHeader',
      CONVEX_ERRORS.parse,
    );
  });

  it('16 iat: -1 is refused: times are non-negative (biscuit src/serde_custom/numeric_type.rs:52-85)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ iat: -1 })) }),
      401,
      'InvalidAuthHeader',
      CONVEX_ERRORS.parse,
    );
  });

  // --- Matching a provider ----------------------------------------------------------------------------------

  it('17 Clerk session token without aud (integration off): 401 NoAuthProvider listing the providers (lib.rs:186-196, 64-103)', async () => {
    const d = await deployment();
    const { aud: _drop, ...rest } = claims();
    await refused(d, client(d.url, { token: await sign(rest) }), 401, 'NoAuthProvider', noProviderError(OWN));
    assert.match(
      noProviderError(OWN),
      /\[OIDC\(domain=https:\/\/exotic-crab-75\.clerk\.accounts\.dev, app_id=convex\)\]$/,
    );
  });

  it('18 the JWKS URL pasted as the domain: 401 NoAuthProvider (common/src/auth.rs:48-82)', async () => {
    const providers = [{ domain: `${ISS}/.well-known/jwks.json`, applicationID: 'convex' }];
    const d = await deployment(providers);
    await refused(d, client(d.url, { token: await sign(claims()) }), 401, 'NoAuthProvider', noProviderError(providers));
  });

  it('19 a renamed applicationID: Clerk\'s aud "convex" matches no provider, 401 NoAuthProvider (common/src/auth.rs:60-64)', async () => {
    const providers = [{ domain: ISS, applicationID: 'my-app' }];
    const d = await deployment(providers);
    await refused(d, client(d.url, { token: await sign(claims()) }), 401, 'NoAuthProvider', noProviderError(providers));
  });

  it('20 a domain without scheme and with a trailing slash still matches (common/src/auth.rs:69-81, 215-219)', async () => {
    const d = await deployment([{ domain: 'exotic-crab-75.clerk.accounts.dev/', applicationID: 'convex' }]);
    await accepted(d, client(d.url, { token: await sign(claims()) }));
  });

  it('21 a customJwt provider without applicationID matches any aud (common/src/auth.rs:60-64; lib.rs:273-386)', async () => {
    const jwks = `data:application/json;base64,${Buffer.from(JSON.stringify({ keys: [rsaJwk] })).toString('base64')}`;
    const d = await deployment([{ domain: ISS, type: 'customJwt', jwks, algorithm: 'RS256' }]);
    const id = await accepted(d, client(d.url, { token: await sign(claims({ aud: 'anything-at-all' })) }));
    assert.equal(id.subject, USER);
    assert.equal(id.aud, undefined, 'registered claims are not custom claims');
  });

  it('22 a production deployment redacts NoAuthProvider to its first sentence (lib.rs:64-67)', async () => {
    const d = await deployment(OWN, true);
    const { aud: _drop, ...rest } = claims();
    await refused(
      d,
      client(d.url, { token: await sign(rest) }),
      401,
      'NoAuthProvider',
      'No auth provider found matching the given token',
    );
  });

  it('23 no providers pushed: "(no providers configured). Check convex/auth.config.ts." (lib.rs:92-95)', async () => {
    const d = await deployment([]);
    await refused(
      d,
      client(d.url, { token: await sign(claims()) }),
      401,
      'NoAuthProvider',
      'No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.',
    );
  });

  // --- Discovery --------------------------------------------------------------------------------------------

  it('24 the issuer answers discovery with 404: HTTP 404 AuthProviderDiscoveryFailed with its status and body (lib.rs:209-231; errors/src/lib.rs:757-771)', async () => {
    behaviour.discovery = { status: 404, body: 'no such instance', contentType: 'text/plain' };
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims()) }),
      404,
      'AuthProviderDiscoveryFailed',
      `Auth provider discovery of ${ISS} failed: 404 Not Found no such instance`,
    );
  });

  it('25 the issuer answers 500: HTTP 503 (Overloaded) with "500 Internal Server Error" (lib.rs:218-231; errors/src/lib.rs:768)', async () => {
    behaviour.discovery = { status: 500, body: 'oops', contentType: 'text/plain' };
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims()) }),
      503,
      'AuthProviderDiscoveryFailed',
      `Auth provider discovery of ${ISS} failed: 500 Internal Server Error oops`,
    );
  });

  it('26 the key set answers 403: HTTP 403 with its status (openidconnect src/types/jwks.rs:143-150; lib.rs:218-231)', async () => {
    behaviour.jwks = { status: 403, body: '{"error":"forbidden"}' };
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims()) }),
      403,
      'AuthProviderDiscoveryFailed',
      `Auth provider discovery of ${ISS} failed: 403 Forbidden {"error":"forbidden"}`,
    );
  });

  it('27 a discovery document naming another issuer: 400, no status in the text (openidconnect src/discovery/mod.rs:384-391; lib.rs:232-239)', async () => {
    behaviour.discoveryIssuer = 'https://elsewhere.example';
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims()) }),
      400,
      'AuthProviderDiscoveryFailed',
      `Auth provider discovery of ${ISS} failed`,
    );
  });

  it('28 iss with a trailing slash matches the provider, then fails the exact discovery issuer check (auth.rs:81; discovery/mod.rs:384)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ iss: `${ISS}/` })) }),
      400,
      'AuthProviderDiscoveryFailed',
      `Auth provider discovery of ${ISS}/ failed`,
    );
  });

  // --- Parsing as an OIDC ID token ----------------------------------------------------------------------------

  it('29 no sub: 401 InvalidAuthHeader "Could not parse as OIDC ID token…" (lib.rs:261-266; openidconnect src/claims.rs:307)', async () => {
    const d = await deployment();
    const { sub: _drop, ...rest } = claims();
    await refused(d, client(d.url, { token: await sign(rest) }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.oidcParse);
  });

  it('30 no iat: 401 InvalidAuthHeader "Could not parse as OIDC ID token…" (lib.rs:261-266; src/id_token/mod.rs:221-223)', async () => {
    const d = await deployment();
    const { iat: _drop, ...rest } = claims();
    await refused(d, client(d.url, { token: await sign(rest) }), 401, 'InvalidAuthHeader', CONVEX_ERRORS.oidcParse);
  });

  it('31 name: 5 (a profile claim of the wrong type): 401 InvalidAuthHeader (src/claims.rs:258; lib.rs:261-266)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ name: 5 })) }),
      401,
      'InvalidAuthHeader',
      CONVEX_ERRORS.oidcParse,
    );
  });

  it('32 email_verified: "yes": 401 InvalidAuthHeader, no string booleans (src/claims.rs:284-286, src/helpers.rs:386-395)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ email_verified: 'yes' })) }),
      401,
      'InvalidAuthHeader',
      CONVEX_ERRORS.oidcParse,
    );
  });

  // --- Verification -------------------------------------------------------------------------------------------

  for (const [n, typ] of [
    [33, 'jwt'],
    [34, 'JOSE'],
    [35, 'application/jwt'],
  ] as const)
    it(`${n} typ "${typ}" is accepted (openidconnect src/jwt/mod.rs:88-123, src/verification/mod.rs:144-152, 231-253)`, async () => {
      const d = await deployment();
      await accepted(d, client(d.url, { token: await sign(claims(), { typ }) }));
    });

  it('36 typ "at+jwt": 401 Unauthenticated "Could not verify OIDC token claim…" (src/verification/mod.rs:246-251; lib.rs:267-271)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims(), { typ: 'at+jwt' }) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
  });

  it('37 a cty header: 401 Unauthenticated (src/verification/mod.rs:258-269)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims(), { cty: 'JWT' }) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
  });

  it('38 an extra audience: 401 Unauthenticated (src/verification/mod.rs:355-366; lib.rs:243-246)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ aud: ['convex', 'other'] })) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
  });

  it('39 exp equal to now: 401 Unauthenticated, zero leeway (src/verification/mod.rs:826-833; lib.rs:260)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims({ exp: NOW })) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
  });

  it('40 nbf in the future is not checked: accepted (src/verification/mod.rs:783-860 has no nbf check)', async () => {
    const d = await deployment();
    await accepted(d, client(d.url, { token: await sign(claims({ nbf: NOW + 3600 })) }));
  });

  it('41 no kid and one key in the JWKS: accepted (src/types/jwks.rs:74-91, src/verification/mod.rs:459-469)', async () => {
    const d = await deployment();
    await accepted(d, client(d.url, { token: await sign(claims(), { kid: undefined }) }));
  });

  it('42 no kid and two RSA keys: refused as ambiguous, 401 Unauthenticated (src/verification/mod.rs:470-489)', async () => {
    behaviour.keys = [rsaJwk, otherJwk];
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims(), { kid: undefined }) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
    assert.match(d.last().stages.find((s) => s.status === 'fail')?.detail ?? '', /ambiguous/);
  });

  it('43 a kid the JWKS does not publish: 401 Unauthenticated (src/verification/mod.rs:466-467)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { token: await sign(claims(), { kid: 'ins_b' }, other.privateKey) }),
      401,
      'Unauthenticated',
      CONVEX_ERRORS.verify,
    );
  });

  it('44 a payload edited after signing: 401 Unauthenticated (src/verification/mod.rs:453-454)', async () => {
    const d = await deployment();
    const [h, , s] = (await sign(claims())).split('.');
    const token = `${h}.${b64(JSON.stringify(claims({ sub: 'user_someone_else' })))}.${s}`;
    await refused(d, client(d.url, { token }), 401, 'Unauthenticated', CONVEX_ERRORS.verify);
  });

  it('45 HS256: 401 Unauthenticated, not an allowed algorithm (lib.rs:252-257; src/verification/mod.rs:395-417)', async () => {
    const d = await deployment();
    const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims())))
      .setProtectedHeader({ alg: 'HS256', kid: 'ins_a' })
      .sign(new TextEncoder().encode('a shared secret of 32 bytes!!!!!'));
    await refused(d, client(d.url, { token }), 401, 'Unauthenticated', CONVEX_ERRORS.verify);
  });

  it('46 alg "none": 401 Unauthenticated (src/verification/mod.rs:388-391)', async () => {
    const d = await deployment();
    const token = `${b64(JSON.stringify({ alg: 'none' }))}.${b64(JSON.stringify(claims()))}.`;
    await refused(d, client(d.url, { token }), 401, 'Unauthenticated', CONVEX_ERRORS.verify);
  });

  it('47 EdDSA with an OKP key: accepted (lib.rs:255-256)', async () => {
    behaviour.keys = [edJwk];
    const d = await deployment();
    await accepted(d, client(d.url, { token: await sign(claims(), { alg: 'EdDSA', kid: 'ins_ed' }, ed.privateKey) }));
  });

  // --- What the function gets, and what comes back ------------------------------------------------------------

  it('48 null profile claims are accepted and left out of the identity (openidconnect 860c5ad; keybroker/src/broker.rs:612-627)', async () => {
    const d = await deployment();
    const id = await accepted(
      d,
      client(d.url, {
        token: await sign(claims({ name: null, nickname: null, email: null, phone_number_verified: null })),
      }),
    );
    for (const field of ['name', 'nickname', 'email', 'phoneNumberVerified']) assert.equal(field in id, false, field);
  });

  it('49 the identity as the backend builds it: camelCase profile fields, address.formatted, RFC 3339 updatedAt, at_hash dropped, custom claims as JSON (broker.rs:548-637; sync_types json.rs:866-1003)', async () => {
    const d = await deployment();
    const id = await accepted(
      d,
      client(d.url, {
        token: await sign(
          claims({
            given_name: 'Alice',
            picture: 'https://img.example/a.png',
            address: { formatted: '1 Main St', locality: 'Springfield' },
            updated_at: 1767225600,
            at_hash: 'abc',
            org: { id: 'org_1', rol: 'admin' },
          }),
        ),
      }),
    );
    assert.deepEqual(id, {
      tokenIdentifier: `${ISS}|${USER}`,
      issuer: ISS,
      subject: USER,
      givenName: 'Alice',
      pictureUrl: 'https://img.example/a.png',
      address: '1 Main St',
      updatedAt: '2026-01-01T00:00:00+00:00',
      org: { id: 'org_1', rol: 'admin' },
      sid: 'sess_2aLice',
      v: 2,
    });
  });

  it('50 success with log lines: {status:"success", value, logLines} (local_backend/src/public_api.rs:131-143, 491-495)', async () => {
    const d = await deployment();
    assert.equal(await query(client(d.url), 'echo:logs'), 'hi');
    assert.deepEqual(d.last().response.body, { status: 'success', value: 'hi', logLines: ["[LOG] 'hello'"] });
  });

  it('51 success without log lines: no logLines key at all (public_api.rs:140 skip_serializing_if is_empty)', async () => {
    const d = await deployment();
    await query(client(d.url));
    assert.deepEqual(Object.keys(d.last().response.body as object), ['status', 'value']);
  });

  it('52 a function error: 200 {status:"error", errorMessage:"[Request ID: …] Server Error\\nUncaught Error: boom\\n"} (application/src/redaction.rs:163-171; isolate/src/helpers.rs:209-219)', async () => {
    const d = await deployment();
    await assert.rejects(query(client(d.url), 'echo:throws'), (err: Error) => {
      assert.ok(!(err instanceof ConvexError));
      assert.match(err.message, /^\[Request ID: [0-9a-f]{16}\] Server Error\nUncaught Error: boom\n$/);
      return true;
    });
    const body = d.last().response.body as Record<string, unknown>;
    assert.equal(d.last().response.status, 200);
    assert.deepEqual(body.logLines, ["[LOG] 'before'"]);
    assert.equal(body.errorMessage, `[Request ID: ${d.last().requestId}] Server Error\nUncaught Error: boom\n`);
  });

  it('53 on a production deployment the error is "[Request ID: …] Server Error" alone and logs are withheld (redaction.rs:39-48, 163-171)', async () => {
    const d = await deployment(OWN, true);
    await assert.rejects(query(client(d.url), 'echo:throws'), (err: Error) => {
      assert.match(err.message, /^\[Request ID: [0-9a-f]{16}\] Server Error$/);
      return true;
    });
    assert.deepEqual(Object.keys(d.last().response.body as object), ['status', 'errorMessage']);
  });

  it('54 a ConvexError: errorData, which the client turns back into ConvexError.data (public_api.rs:196-201)', async () => {
    const d = await deployment();
    await assert.rejects(query(client(d.url), 'echo:convexError'), (err: ConvexError<{ reason: string }>) => {
      assert.ok(err instanceof ConvexError);
      assert.deepEqual(err.data, { reason: 'quota' });
      assert.match(err.message, /Uncaught ConvexError: \{"reason":"quota"\}/);
      return true;
    });
  });

  it('55 mutations and actions go to /api/mutation and /api/action (public_api.rs:662-708, 721-760)', async () => {
    const d = await deployment();
    const c = client(d.url);
    await c.mutation('echo:m' as unknown as Parameters<ConvexHttpClient['mutation']>[0], {});
    assert.equal(d.last().request.url, `${d.url}/api/mutation`);
    await c.action('echo:a' as unknown as Parameters<ConvexHttpClient['action']>[0], {});
    assert.equal(d.last().request.url, `${d.url}/api/action`);
  });

  it('56 a body that is not application/json: 400 BadJsonBody (common/src/http/extract.rs:118-124)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { contentType: 'text/plain' }),
      400,
      'BadJsonBody',
      'Expected request with `Content-Type: application/json`',
    );
  });

  it('57 the header is read before the body: a bad header wins over a bad body (local_backend/src/public_api.rs:456-463 extractor order)', async () => {
    const d = await deployment();
    await refused(
      d,
      client(d.url, { authorization: 'Basic x', contentType: 'text/plain' }),
      400,
      'InvalidAdminKey',
      'Invalid admin key',
    );
  });

  // --- The stand-in's own fence (not Convex's behaviour; the issuer server has the same) ------------------------

  function raw(
    url: string,
    headers: Record<string, string>,
    body = '{"path":"echo:identity","args":[{}]}',
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${url}/api/query`, { method: 'POST', headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('refuses a foreign Host (a rebound name): 421, nothing runs', async () => {
    const d = await deployment();
    assert.equal(await raw(d.url, { host: 'attacker.example:80', 'content-type': 'application/json' }), 421);
    assert.equal(runs.length, 0);
  });

  it('refuses a foreign Origin: 403, nothing runs', async () => {
    const d = await deployment();
    assert.equal(await raw(d.url, { origin: 'https://attacker.example', 'content-type': 'application/json' }), 403);
    assert.equal(runs.length, 0);
  });

  it('refuses a cross-site text/plain POST (no preflight in a browser): 403, nothing runs', async () => {
    const d = await deployment();
    const status = await raw(d.url, {
      origin: 'https://attacker.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'text/plain',
    });
    assert.equal(status, 403);
    assert.equal(runs.length, 0);
  });

  it('a plain fetch from Node (no Origin) reaches it, as other tools and tests use it', async () => {
    const d = await deployment();
    const res = await fetch(`${d.url}/api/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'echo:identity', format: 'convex_encoded_json', args: [{}] }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'success', value: null });
  });
});
