// Every address class the gate refuses (or asks about), by literal; the connect-time half is in gatedFetch.test.ts.
import assert from 'node:assert/strict';
import { isPrivateAddress, urlReasons } from '../../../src/token/addressGate';

describe('address gate: the literal check', () => {
  const classes: Record<string, string[]> = {
    loopback: ['127.0.0.1', '127.255.0.9', '[::1]', '2130706433', '0x7f.1', '017700000001'],
    'this network / unspecified': ['0.0.0.0', '0.1.2.3', '[::]'],
    private: ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '[fd00::1]', '[fc12::9]'],
    'link-local (metadata)': ['169.254.169.254', '[fe80::1]', '[febf::1]'],
    CGNAT: ['100.64.0.1', '100.127.255.254'],
    'benchmarking 198.18.0.0/15': ['198.18.0.1', '198.19.255.255'],
    multicast: ['224.0.0.1', '239.255.255.250', '[ff02::1]'],
    'reserved and broadcast': ['240.0.0.1', '255.255.255.255'],
    documentation: ['192.0.2.1', '198.51.100.7', '203.0.113.9', '[2001:db8::1]'],
    'NAT64 64:ff9b::/96': ['[64:ff9b::7f00:1]', '[64:ff9b::8.8.8.8]'],
    'IPv4-mapped / compatible IPv6': [
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[::127.0.0.1]',
      '[::ffff:10.0.0.1]',
      '[::ffff:169.254.169.254]',
    ],
    '6to4 of a private address': ['[2002:7f00:1::]', '[2002:c0a8:101::1]'],
  };
  for (const [name, hosts] of Object.entries(classes)) {
    it(`flags ${name} (asked first, never fetched silently): ${hosts.join(', ')}`, () => {
      for (const host of hosts) assert.deepEqual(urlReasons(`https://${host}/`), ['private-address'], host);
    });
  }

  it('treats private and loopback-alias names as private: localhost, intranet, *.nip.io-style', () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      'app.localhost',
      'intranet',
      'printer.local',
      'auth.corp',
      'x.home.arpa',
      'a.internal',
      '127.0.0.1.nip.io',
      'app.10.0.0.5.nip.io',
      '10-0-0-1.sslip.io',
      '7f000001.nip.io',
      'issuer.192-168-1-1.example.com',
      'anything.localtest.me',
      'lvh.me',
    ]) {
      assert.deepEqual(urlReasons(`https://${host}/`), ['private-name'], host);
    }
  });

  it('lets public https addresses and names through, and says "not https" for http', () => {
    for (const url of [
      'https://exotic-crab-75.clerk.accounts.dev',
      'https://8.8.8.8/',
      'https://172.32.0.1',
      'https://[::ffff:8.8.8.8]/',
      'https://[2606:4700::1111]/',
      'https://100.128.0.1',
      'https://198.20.0.1',
      'https://clerk.8.8.8.8.example.com',
    ]) {
      assert.deepEqual(urlReasons(url), [], url);
    }
    assert.deepEqual(urlReasons('http://clerk.example.com'), ['not-https']);
    assert.deepEqual(urlReasons('http://127.0.0.1:3210'), ['not-https', 'private-address']);
    assert.equal(urlReasons('file:///etc/passwd'), undefined);
    assert.equal(urlReasons('javascript:alert(1)'), undefined);
  });

  it('classifies resolved addresses the way a resolver writes them', () => {
    for (const a of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '::127.0.0.1',
      'fe80::1%eth0',
      '64:ff9b::a00:1',
      '198.18.3.4',
      '224.0.0.251',
    ]) {
      assert.equal(isPrivateAddress(a), true, a);
    }
    for (const a of ['8.8.8.8', '2606:4700::1111', '::ffff:1.1.1.1', 'not-an-address'])
      assert.equal(isPrivateAddress(a), false, a);
  });
});
