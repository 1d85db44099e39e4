import assert from 'node:assert/strict';
import { readDomain } from '../../../src/project/domain';

describe('readDomain: one reading of an auth.config domain for diagnostics, panel and walkthrough', () => {
  it('reads a correct issuer as https with nothing wrong', () => {
    assert.deepEqual(readDomain('https://exotic-crab-75.clerk.accounts.dev'), {
      empty: false,
      quoted: false,
      discoveryUrl: false,
      scheme: 'https',
      issuer: 'https://exotic-crab-75.clerk.accounts.dev',
    });
  });

  it('finds discovery and JWKS paths, with or without a trailing slash, and keeps the origin as the issuer', () => {
    for (const v of [
      'https://a.clerk.accounts.dev/.well-known/jwks.json',
      'https://a.clerk.accounts.dev/.well-known/openid-configuration',
      'https://a.clerk.accounts.dev/.well-known',
      'https://a.clerk.accounts.dev/jwks.json',
    ]) {
      const d = readDomain(v);
      assert.equal(d.discoveryUrl, true, v);
      assert.equal(d.issuer, 'https://a.clerk.accounts.dev', v);
    }
  });

  it('flags any quote character at the start and strips it for the issuer', () => {
    for (const v of ['"https://a.dev"', "'https://a.dev'", '`https://a.dev`', '  "https://a.dev']) {
      const d = readDomain(v);
      assert.equal(d.quoted, true, v);
      assert.equal(d.issuer, 'https://a.dev', v);
    }
  });

  it('reports the scheme and what https issuer was meant', () => {
    assert.deepEqual([readDomain('http://a.dev').scheme, readDomain('http://a.dev').issuer], ['http', 'https://a.dev']);
    assert.deepEqual([readDomain('a.dev').scheme, readDomain('a.dev').issuer], ['none', 'https://a.dev']);
  });

  it('calls blank and quotes-only values empty', () => {
    assert.equal(readDomain('  ').empty, true);
    assert.equal(readDomain('""').empty, true);
    assert.equal(readDomain('https://a.dev').empty, false);
  });
});
