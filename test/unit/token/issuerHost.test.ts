import assert from 'node:assert/strict';
import { describeIssuerHost } from '../../../src/token';

describe('describeIssuerHost', () => {
  it('a public https issuer needs no question', () => {
    assert.deepEqual(describeIssuerHost('https://exotic-crab-75.clerk.accounts.dev'), {
      https: true,
      loopbackOrPrivate: false,
    });
    assert.deepEqual(describeIssuerHost('https://clerk.example.com/'), { https: true, loopbackOrPrivate: false });
  });

  it('flags loopback, private, link-local and intranet hosts, however they are written', () => {
    for (const iss of [
      'http://localhost:3000',
      'https://app.localhost',
      'http://127.0.0.1:3210',
      'https://2130706433/',
      'https://0x7f.1/',
      'https://10.1.2.3',
      'https://172.20.0.1',
      'https://192.168.1.10',
      'https://169.254.169.254/latest',
      'https://0.0.0.0',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://intranet/',
      'https://auth.corp',
      'https://printer.local',
    ]) {
      assert.equal(describeIssuerHost(iss)?.loopbackOrPrivate, true, iss);
    }
    assert.equal(describeIssuerHost('https://172.32.0.1')?.loopbackOrPrivate, false);
    assert.equal(describeIssuerHost('https://[::ffff:8.8.8.8]/')?.loopbackOrPrivate, false);
  });

  it('says when the issuer is not https, and has nothing to say about what is not an http(s) URL (never fetched)', () => {
    assert.equal(describeIssuerHost('http://clerk.example.com')?.https, false);
    assert.equal(describeIssuerHost('javascript:alert(1)'), undefined);
    assert.equal(describeIssuerHost('file:///etc/passwd'), undefined);
    assert.equal(describeIssuerHost('not a url'), undefined);
  });
});
