// `ctx.auth.getUserIdentity()` field by field, against the backend's mapping: convex-backend @94a42c3
// crates/keybroker/src/broker.rs:548-637 (`UserIdentity::from_token`) with the claims as openidconnect-rs @15a9c55
// parses them (src/claims.rs, src/id_token/mod.rs), and crates/convex/sync_types/src/types/json.rs:866-1003 (the
// JSON a function receives). The token panel's preview is the same function's output (one implementation).
import assert from 'node:assert/strict';
import { analyseToken } from '../../../src/token';
import { convexIdentity, identityEntries, isCustomClaim, updatedAtText } from '../../../src/token/identity';
import { NOW_MS, PROVIDERS, sessionClaims, signRs256, templateClaims } from './fixtures';

const ISS = 'https://exotic-crab-75.clerk.accounts.dev';
const base = { iss: ISS, sub: 'user_2xyz', aud: 'convex', iat: 1, exp: 2 };
const identity = (extra: Record<string, unknown>) => convexIdentity({ ...base, ...extra });

describe('the identity Convex builds, field by field', () => {
  it('tokenIdentifier is `${iss}|${sub}`, issuer is iss, subject is sub (broker.rs:558-559, 609-611)', () => {
    assert.deepEqual(identity({}), {
      tokenIdentifier: `${ISS}|user_2xyz`,
      issuer: ISS,
      subject: 'user_2xyz',
    });
  });

  it('OIDC profile claims under their camelCase names (broker.rs:612-631; json.rs:869-911)', () => {
    const id = identity({
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      nickname: 'ada',
      preferred_username: 'ada_l',
      profile: 'https://p.example/ada',
      picture: 'https://img.example/ada.png',
      website: 'https://ada.example',
      email: 'ada@example.com',
      email_verified: true,
      gender: 'female',
      birthdate: '1815-12-10',
      zoneinfo: 'Europe/London',
      locale: 'en-GB',
      phone_number: '+44 20 0000 0000',
      phone_number_verified: false,
    });
    assert.deepEqual(Object.keys(id), [
      'tokenIdentifier',
      'issuer',
      'subject',
      'name',
      'givenName',
      'familyName',
      'nickname',
      'preferredUsername',
      'profileUrl',
      'pictureUrl',
      'websiteUrl',
      'email',
      'emailVerified',
      'gender',
      'birthday',
      'timezone',
      'language',
      'phoneNumber',
      'phoneNumberVerified',
    ]);
    assert.equal(id.birthday, '1815-12-10', 'birthday comes from birthdate');
    assert.equal(id.emailVerified, true);
    assert.equal(id.phoneNumberVerified, false);
  });

  it('updatedAt is an RFC 3339 string, chrono\'s to_rfc3339 (broker.rs:632): "+00:00", sub-second digits only when there are any', () => {
    assert.equal(identity({ updated_at: 1767225600 }).updatedAt, '2026-01-01T00:00:00+00:00');
    assert.equal(identity({ updated_at: 1767225600.5 }).updatedAt, '2026-01-01T00:00:00.500+00:00');
    // The accept-rfc3339-timestamps feature (Cargo.toml: openidconnect features) reads a string too.
    assert.equal(identity({ updated_at: '2026-01-01T02:00:00+02:00' }).updatedAt, '2026-01-01T00:00:00+00:00');
    assert.equal(updatedAtText('2026-01-01T00:00:00.123456Z'), '2026-01-01T00:00:00.123456+00:00');
  });

  it('address is only address.formatted (broker.rs:628-631)', () => {
    assert.equal(
      identity({ address: { formatted: '1 Main St\nSpringfield', locality: 'Springfield' } }).address,
      '1 Main St\nSpringfield',
    );
    assert.equal('address' in identity({ address: { locality: 'Springfield' } }), false);
  });

  it('null claims are None: left out (openidconnect src/claims.rs:308-337)', () => {
    const id = identity({ name: null, email: null, email_verified: null, updated_at: null, address: null });
    assert.deepEqual(Object.keys(id), ['tokenIdentifier', 'issuer', 'subject']);
  });

  it('dropped: IdTokenClaims fields (aud, iat, exp, azp, nonce, at_hash, c_hash…), jti, nbf, fva, middle_name, birthday, tagged names (broker.rs:561-601; src/id_token/mod.rs:207-236; src/claims.rs:166-191)', () => {
    const id = identity({
      azp: 'http://localhost:5173',
      nonce: 'n',
      acr: '1',
      amr: ['pwd'],
      auth_time: 1,
      at_hash: 'h',
      c_hash: 'c',
      jti: 'j',
      nbf: 1,
      fva: [0, -1],
      middle_name: 'Byron',
      birthday: '1815-12-10',
      'name#fr': 'Ada',
    });
    assert.deepEqual(Object.keys(id), ['tokenIdentifier', 'issuer', 'subject']);
    for (const c of ['at_hash', 'fva', 'middle_name', 'name#fr', 'birthday']) assert.equal(isCustomClaim(c), false, c);
  });

  it('custom claims pass through as the JSON they were, sorted by key, null included (broker.rs:598-600; json.rs:966-1003)', () => {
    const id = identity({ sid: 'sess_1', v: 2, org: { id: 'org_1', rol: 'admin' }, flag: null, tags: ['a'] });
    assert.deepEqual(Object.keys(id), ['tokenIdentifier', 'issuer', 'subject', 'flag', 'org', 'sid', 'tags', 'v']);
    assert.deepEqual(id.org, { id: 'org_1', rol: 'admin' });
    assert.equal(id.flag, null, 'a null custom claim stays (serde_json "null" round trip)');
  });

  it('a custom claim named like a field replaces it where it stands (#[serde(flatten)] into an ordered map, json.rs:911-912)', () => {
    const id = identity({ givenName: 'override', given_name: 'Ada', subject: 'someone' });
    assert.equal(id.givenName, 'override');
    assert.equal(id.subject, 'someone');
    assert.equal(id.tokenIdentifier, `${ISS}|user_2xyz`);
    assert.deepEqual(Object.keys(id), ['tokenIdentifier', 'issuer', 'subject', 'givenName']);
  });

  it('a __proto__ claim is an ordinary key, as JSON.parse makes it in the function', () => {
    const id = convexIdentity(
      JSON.parse(`{"iss":"${ISS}","sub":"u","__proto__":{"polluted":1}}`) as Record<string, unknown>,
    );
    assert.ok(Object.hasOwn(id, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("the token panel's preview is the same identity (one implementation)", async () => {
    for (const claims of [
      sessionClaims({ org: { id: 'org_1' } }),
      templateClaims({ updated_at: 1767225600, address: { formatted: 'x' }, nickname: null, at_hash: 'h' }),
    ]) {
      const token = await signRs256(claims);
      const report = analyseToken(token, { providers: PROVIDERS, nowMs: NOW_MS });
      assert.ok(report.identity, 'the panel predicts an identity');
      const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
      assert.deepEqual(plain(report.identity), plain(convexIdentity(claims)));
      assert.deepEqual(
        Object.keys(report.identity),
        identityEntries(claims).map((e) => e.field),
      );
    }
  });
});
