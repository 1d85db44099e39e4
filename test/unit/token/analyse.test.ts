import assert from 'node:assert/strict';
import { analyseToken, CONVEX_ERRORS, noProviderError } from '../../../src/token';
import type { ResolvedProvider, TokenReport } from '../../../src/token';
import {
  ISSUER,
  NOW,
  NOW_MS,
  PROVIDERS,
  ids,
  rawToken,
  sessionClaims,
  signEdDsa,
  signHs256,
  signRs256,
  templateClaims,
} from './fixtures';

const analyse = (
  token: string,
  providers: ResolvedProvider[] = PROVIDERS,
  extra: { publishableKeyHost?: string; nowMs?: number } = {},
): TokenReport =>
  analyseToken(token, {
    providers,
    nowMs: extra.nowMs ?? NOW_MS,
    ...(extra.publishableKeyHost ? { publishableKeyHost: extra.publishableKeyHost } : {}),
  });
const check = (r: TokenReport, id: string) => {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id} in ${r.checks.map((x) => x.id).join(', ')}`);
  return c;
};

describe('analyseToken: a valid token', () => {
  it('passes every local check, predicts the identity and leaves no failed stage', async () => {
    const r = analyse(
      await signRs256(sessionClaims({ name: 'Ada', given_name: 'Ada', picture: 'https://img/1', org_id: 'org_1' })),
    );
    assert.deepEqual(ids(r.checks), []);
    assert.equal(r.failedStage, undefined);
    assert.equal(r.convexError, undefined);
    assert.equal(r.clerkMode, 'integration');
    const identity = r.identity as Record<string, unknown>;
    assert.equal(identity.subject, 'user_2xyz');
    assert.equal(identity.issuer, ISSUER);
    assert.equal(identity.tokenIdentifier, `${ISSUER}|user_2xyz`);
    assert.equal(identity.givenName, 'Ada');
    assert.equal(identity.pictureUrl, 'https://img/1');
    assert.equal(identity.org_id, 'org_1', 'custom claims pass through');
    assert.ok(!('fva' in identity), 'Clerk fva is dropped');
    assert.ok(!('given_name' in identity) && !('exp' in identity) && !('aud' in identity));
  });

  it('orders claims sub, iss, aud first and explains them, with ISO and relative times', async () => {
    const r = analyse(await signRs256(sessionClaims()));
    assert.deepEqual(
      r.claims?.slice(0, 3).map((c) => c.name),
      ['sub', 'iss', 'aud'],
    );
    assert.ok(r.claims?.every((c) => c.name !== 'sub' || /Clerk user ID/.test(c.explanation ?? '')));
    const exp = r.claims?.find((c) => c.name === 'exp');
    assert.deepEqual(exp?.time, { iso: new Date((NOW + 42) * 1000).toISOString(), relative: 'expires in 42 s' });
    assert.equal(r.claims?.find((c) => c.name === 'iat')?.time?.relative, 'issued 18 s ago');
    assert.equal(check(r, 'expired').title, 'Expires in 42 s');
  });

  it('accepts EdDSA', async () => {
    const r = analyse(await signEdDsa(sessionClaims()));
    assert.equal(check(r, 'algorithm').status, 'pass');
    assert.deepEqual(ids(r.checks), []);
  });
});

describe('analyseToken: reading the token (empty, size, characters, parts, header, payload)', () => {
  it('1 empty: says no token, the request would be anonymous', () => {
    for (const input of ['', '   ', '\n\t', 'Bearer ', '""']) {
      const r = analyse(input);
      assert.deepEqual(ids(r.checks), ['empty'], JSON.stringify(input));
      assert.equal(r.failedStage, 'attach');
      assert.equal(r.convexError, undefined);
    }
  });

  it('2 oversized: refused before decoding, with the size', () => {
    const r = analyse(`eyJ${'a'.repeat(70 * 1024)}`);
    assert.deepEqual(ids(r.checks), ['oversized']);
    assert.match(check(r, 'oversized').detail, /70 KiB/);
    assert.equal(r.claims, undefined);
  });

  it('3 characters outside base64url: says which and where', async () => {
    const t = await signRs256(sessionClaims());
    const r = analyse(`${t.slice(0, 10)}<${t.slice(10)}`);
    const c = check(r, 'characters');
    assert.equal(c.status, 'fail');
    assert.match(c.detail, /"<" at position 11/);
    assert.equal(c.convexError, CONVEX_ERRORS.parse);
    const invisible = analyse(`${t.slice(0, 5)}\u200b${t.slice(5)}`);
    assert.match(check(invisible, 'characters').detail, /U\+200B \(zero-width space\) at position 6/);
  });

  it('3 standard base64 (+ / =): a clear message, content still shown', async () => {
    const t = await signRs256(sessionClaims());
    const [h, p, s] = t.split('.');
    const std = [h, Buffer.from(p, 'base64url').toString('base64'), s].join('.');
    const r = analyse(std.includes('=') || std.includes('+') || std.includes('/') ? std : `${h}.${p}==.${s}`);
    const c = check(r, 'characters');
    assert.equal(c.title, 'Standard base64, not base64url');
    assert.equal(r.convexError, CONVEX_ERRORS.parse);
    assert.ok(
      r.claims?.some((x) => x.name === 'sub'),
      'payload still decoded for display',
    );
  });

  it('4 five parts: an encrypted JWE', () => {
    const r = analyse('eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d');
    assert.deepEqual(ids(r.checks), ['encrypted-jwe']);
    assert.equal(r.convexError, CONVEX_ERRORS.parse);
    assert.equal(r.failedStage, 'match');
  });

  it('5 not three parts', () => {
    for (const t of ['abc', 'a.b', 'a.b.c.d']) {
      const r = analyse(t);
      assert.deepEqual(ids(r.checks), ['parts'], t);
      assert.equal(r.convexError, CONVEX_ERRORS.parse);
    }
  });

  it('6 header not base64url JSON; 7 payload not a JSON object — each segment on its own', async () => {
    const t = await signRs256(sessionClaims());
    const [h, p, s] = t.split('.');
    const badHeader = analyse(`${Buffer.from('not json').toString('base64url')}.${p}.${s}`);
    assert.deepEqual(ids(badHeader.checks), ['header']);
    assert.match(check(badHeader, 'header').detail, /not JSON/);
    assert.ok(badHeader.claims, 'payload still shown');
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['[]', /an array/],
      ['null', /null/],
      ['42', /a number/],
    ];
    for (const [json, message] of cases) {
      const r = analyse(`${h}.${Buffer.from(json).toString('base64url')}.${s}`);
      assert.deepEqual(ids(r.checks), ['payload'], json);
      assert.match(check(r, 'payload').detail, message);
      assert.equal(r.convexError, CONVEX_ERRORS.parse);
    }
    const invalidUtf8 = analyse(`${h}.${Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64url')}.${s}`);
    assert.match(check(invalidUtf8, 'payload').detail, /not valid UTF-8/);
    const empty = analyse(`${h}..${s}`);
    assert.match(check(empty, 'payload').detail, /empty/);
  });
});

describe('analyseToken: header (unsigned, algorithm, header-fields)', () => {
  it('8 alg none / empty signature: decodes, flagged unsigned', () => {
    const none = analyse(rawToken({ alg: 'none', typ: 'JWT' }, JSON.stringify(sessionClaims()), ''));
    assert.ok(ids(none.checks).includes('unsigned'));
    assert.equal(none.convexError, CONVEX_ERRORS.verify);
    assert.equal(none.failedStage, 'verify');
    assert.equal(none.claims?.[0].name, 'sub');
    const empty = analyse(rawToken({ alg: 'RS256', typ: 'JWT' }, JSON.stringify(sessionClaims()), ''));
    assert.deepEqual(ids(empty.checks), ['unsigned']);
    assert.equal(empty.identity, undefined);
  });

  it('9 HS256 flagged: never an accepted algorithm', async () => {
    const r = analyse(await signHs256(sessionClaims()));
    const c = check(r, 'algorithm');
    assert.equal(c.status, 'fail');
    assert.match(c.detail, /shared secret/);
    assert.equal(r.convexError, CONVEX_ERRORS.verify);
  });

  it('10 typ other than JWT, cty or crit present', async () => {
    for (const header of [{ typ: 'at+jwt' }, { cty: 'JWT' }]) {
      const r = analyse(await signRs256(sessionClaims(), header));
      assert.deepEqual(ids(r.checks), ['header-fields'], JSON.stringify(header));
    }
    const crit = analyse(rawToken({ alg: 'RS256', crit: ['exp'] }, JSON.stringify(sessionClaims())));
    assert.deepEqual(ids(crit.checks), ['header-fields']);
    const noTyp = analyse(rawToken({ alg: 'RS256' }, JSON.stringify(sessionClaims())));
    assert.equal(check(noTyp, 'header-fields').status, 'pass');
  });
});

describe('analyseToken: issuer and audience (issuer, issuer-match, domain-env, audience)', () => {
  it('11 iss missing predicts the missing-issuer error; not a URL is flagged', async () => {
    const missing = analyse(await signRs256(sessionClaims({ iss: undefined })));
    assert.equal(check(missing, 'issuer').status, 'fail');
    assert.equal(missing.convexError, CONVEX_ERRORS.missingIssuer);
    const notUrl = analyse(await signRs256(sessionClaims({ iss: 'javascript:alert(1)' })));
    assert.equal(check(notUrl, 'issuer').title, 'iss is not an http(s) URL');
  });

  it('12 iss different from the provider domain predicts NoAuthProvider with the providers listed', async () => {
    const r = analyse(await signRs256(sessionClaims({ iss: 'https://clerk.example.com' })));
    assert.equal(check(r, 'issuer-match').status, 'fail');
    assert.equal(r.convexError, noProviderError(PROVIDERS));
    assert.equal(
      r.convexError,
      `No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your configured providers: [OIDC(domain=${ISSUER}, app_id=convex)]`,
    );
    assert.equal(r.failedStage, 'match');
  });

  it('12 trailing slash and missing scheme in the domain still match', async () => {
    const t = await signRs256(sessionClaims());
    for (const domain of [`${ISSUER}/`, 'exotic-crab-75.clerk.accounts.dev', 'exotic-crab-75.clerk.accounts.dev/']) {
      const r = analyse(t, [{ domain, applicationID: 'convex' }]);
      assert.equal(check(r, 'issuer-match').status, 'pass', domain);
      assert.deepEqual(ids(r.checks), []);
    }
    const slashInToken = analyse(await signRs256(sessionClaims({ iss: `${ISSUER}/` })));
    assert.equal(check(slashInToken, 'issuer-match').status, 'pass');
  });

  it('12 no providers configured / no auth.config', async () => {
    const t = await signRs256(sessionClaims());
    const none = analyse(t, []);
    assert.equal(
      none.convexError,
      'No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.',
    );
    const noConfig = analyseToken(t, { nowMs: NOW_MS });
    assert.equal(check(noConfig, 'issuer-match').status, 'skipped');
    assert.equal(noConfig.failedStage, undefined);
  });

  it('12 dev token against a production domain says so', async () => {
    const r = analyse(await signRs256(sessionClaims()), [
      { domain: 'https://clerk.example.com', applicationID: 'convex' },
    ]);
    assert.match(check(r, 'issuer-match').detail, /development instance/);
  });

  it('13 domain from an env var: says which and how to read it on the deployment', async () => {
    const t = await signRs256(sessionClaims());
    const local = analyse(t, [
      { domain: ISSUER, applicationID: 'convex', envVar: { name: 'CLERK_JWT_ISSUER_DOMAIN', file: '.env.local' } },
    ]);
    const c = check(local, 'domain-env');
    assert.equal(c.status, 'info');
    assert.match(c.detail, /\.env\.local/);
    assert.match(c.detail, /npx convex env get CLERK_JWT_ISSUER_DOMAIN/);
    const unset = analyse(t, [{ applicationID: 'convex', envVar: { name: 'CLERK_FRONTEND_API_URL' } }]);
    assert.equal(check(unset, 'domain-env').status, 'warn');
    assert.equal(check(unset, 'issuer-match').status, 'warn');
    assert.equal(unset.failedStage, undefined, 'an unknown domain is not a predicted rejection');
  });

  it('14 aud missing / different / extra audiences', async () => {
    const missing = analyse(await signRs256(sessionClaims({ aud: undefined })));
    assert.equal(check(missing, 'audience').status, 'fail');
    assert.equal(missing.convexError, noProviderError(PROVIDERS));
    assert.equal(missing.clerkMode, 'session-without-aud');
    const renamed = analyse(await signRs256(templateClaims({ aud: 'convex-app' })));
    assert.equal(check(renamed, 'audience').status, 'fail');
    assert.equal(renamed.convexError, noProviderError(PROVIDERS));
    const extra = analyse(await signRs256(sessionClaims({ aud: ['convex', 'other'] })));
    assert.equal(check(extra, 'audience').title, 'More than one audience');
    assert.equal(extra.failedStage, 'verify');
    assert.equal(extra.convexError, CONVEX_ERRORS.verify);
  });

  it('14 one provider with the domain, another with the applicationID: no match', async () => {
    const r = analyse(await signRs256(sessionClaims({ aud: 'convex' })), [
      { domain: ISSUER, applicationID: 'other' },
      { domain: 'https://clerk.example.com', applicationID: 'convex' },
    ]);
    assert.equal(r.failedStage, 'match');
    assert.match(r.convexError ?? '', /^No auth provider found/);
  });

  it('publishable key host is compared with the issuer', async () => {
    const t = await signRs256(sessionClaims());
    assert.equal(
      check(analyse(t, PROVIDERS, { publishableKeyHost: 'exotic-crab-75.clerk.accounts.dev' }), 'publishable-key')
        .status,
      'pass',
    );
    assert.equal(
      check(analyse(t, PROVIDERS, { publishableKeyHost: 'clerk.example.com' }), 'publishable-key').status,
      'warn',
    );
  });
});

describe('analyseToken: claims and time (required-claims, claim-types, expired, not-yet-valid)', () => {
  for (const claim of ['sub', 'iat', 'exp']) {
    it(`15 missing ${claim} predicts "Could not parse as OIDC ID token"`, async () => {
      const r = analyse(await signRs256(sessionClaims({ [claim]: undefined })));
      assert.equal(check(r, 'required-claims').status, 'fail');
      assert.match(check(r, 'required-claims').title, new RegExp(claim));
      assert.equal(r.convexError, CONVEX_ERRORS.oidcParse);
      assert.equal(r.failedStage, 'verify');
    });
  }

  // convex-backend reads iss, sub, aud, exp, nbf, iat and jti first (biscuit RegisteredClaims, crates/authentication
  // src/lib.rs:166-173): a wrong type there is "Could not parse JWT payload"; the other standard claims are typed
  // when the OIDC ID token is parsed (lib.rs:261-266).
  it('16 exp as a string or 1e309: refused at the first read; a profile claim of the wrong type at the OIDC parse', async () => {
    const asString = analyse(await signRs256(sessionClaims({ exp: 'tomorrow' })));
    assert.equal(check(asString, 'claim-type-exp').title, 'exp must be a non-negative number of seconds');
    assert.equal(asString.convexError, CONVEX_ERRORS.parse);
    assert.equal(asString.failedStage, 'match');
    const infinite = analyse(
      rawToken({ alg: 'RS256', typ: 'JWT' }, JSON.stringify(sessionClaims()).replace(/"exp":\d+/, '"exp":1e309')),
    );
    assert.equal(check(infinite, 'claim-type-exp').title, 'exp must be a non-negative number of seconds');
    assert.equal(infinite.convexError, CONVEX_ERRORS.parse);
    const sub = analyse(await signRs256(sessionClaims({ sub: 42 })));
    assert.equal(check(sub, 'claim-type-sub').title, 'sub must be a string');
    const jti = analyse(await signRs256(templateClaims({ jti: 7 })));
    assert.equal(jti.convexError, CONVEX_ERRORS.parse);
    const verified = analyse(await signRs256(templateClaims({ email_verified: 'yes' })));
    assert.equal(check(verified, 'claim-types').status, 'fail');
    assert.equal(verified.convexError, CONVEX_ERRORS.oidcParse);
    const nulls = analyse(await signRs256(templateClaims({ name: null, email: null })));
    assert.equal(check(nulls, 'claim-types').status, 'pass', 'null profile claims are accepted');
  });

  it('17 expired, with zero leeway: exactly at exp is expired, one second before is not', async () => {
    const atExp = analyse(await signRs256(sessionClaims({ exp: NOW })));
    assert.equal(check(atExp, 'expired').status, 'fail');
    assert.equal(atExp.convexError, CONVEX_ERRORS.verify);
    assert.match(check(atExp, 'expired').detail, /a fresh one would be accepted/);
    const before = analyse(await signRs256(sessionClaims({ exp: NOW + 1 })));
    assert.equal(check(before, 'expired').status, 'pass');
    const old = analyse(await signRs256(sessionClaims({ exp: NOW - 180 })));
    assert.equal(old.claims?.find((c) => c.name === 'exp')?.time?.relative, 'expired 3 min ago');
    const expiredAndWrong = analyse(await signRs256(sessionClaims({ exp: NOW - 5, aud: 'x' })));
    assert.doesNotMatch(check(expiredAndWrong, 'expired').detail, /would be accepted/);
  });

  it('18 nbf / iat in the future: a clock-skew warning, not a rejection', async () => {
    const r = analyse(await signRs256(sessionClaims({ nbf: NOW + 30, iat: NOW + 30 })));
    assert.equal(check(r, 'not-yet-valid').status, 'warn');
    assert.equal(check(r, 'issued-in-future').status, 'warn');
    assert.match(check(r, 'not-yet-valid').detail, /clock/);
    assert.equal(r.failedStage, undefined);
  });
});

describe('analyseToken: Clerk modes', () => {
  it('integration session token, template token, session token without aud', async () => {
    assert.equal(analyse(await signRs256(sessionClaims())).clerkMode, 'integration');
    const template = analyse(await signRs256(templateClaims()));
    assert.equal(template.clerkMode, 'template');
    assert.equal(check(template, 'clerk-mode').title, 'Clerk JWT template token');
    assert.equal(template.identity?.email, 'ada@example.com');
    assert.equal(template.identity?.emailVerified, true);
    const noAud = analyse(await signRs256(sessionClaims({ aud: undefined })));
    assert.equal(check(noAud, 'clerk-mode').status, 'warn');
    assert.equal(analyse(await signRs256({ iss: ISSUER, sub: 'x', iat: NOW, exp: NOW + 9 })).clerkMode, 'unknown');
  });
});

describe('analyseToken: normalised input still analyses', () => {
  it('Bearer prefix, quotes and line breaks are removed and reported', async () => {
    const t = await signRs256(sessionClaims());
    const r = analyse(`  Authorization: Bearer "${t.slice(0, 40)}\r\n${t.slice(40, 90)}\n${t.slice(90)}"  `);
    assert.equal(r.input.token, t);
    assert.deepEqual(ids(r.checks), []);
    assert.ok(r.input.removed.includes('the "Bearer " prefix'));
    assert.ok(r.input.removed.includes('2 line breaks'));
  });
});
