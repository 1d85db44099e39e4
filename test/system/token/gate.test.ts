// The one gate for every URL Verify Signature fetches, against a real issuer on 127.0.0.1: each address class,
// by literal and by what a name resolves to at connect time (a rebinding name), for iss and for jwks_uri. Every
// case is either refused or asked, and never fetched silently; key ids from a refused source are never shown.
import assert from 'node:assert/strict';
import { verifySignature } from '../../../src/token/verify';
import type { GateRequest } from '../../../src/token/verifyOptions';
import type { TokenCheck } from '../../../src/token';
import { sessionClaims, signRs256 } from '../../unit/token/fixtures';
import { startTestIssuer, type TestIssuer } from './testIssuer';

const failed = (checks: TokenCheck[]) => checks.find((c) => c.status === 'fail');
const shown = (checks: TokenCheck[]) => checks.map((c) => `${c.title} ${c.detail}`).join('\n');

describe('verification gate: every outgoing URL', () => {
  let server: TestIssuer;
  let port: string;
  before(async () => {
    server = await startTestIssuer();
    port = new URL(server.origin).port;
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.jwksUri.clear();
  });
  const verify = async (iss: string, ask?: (r: GateRequest) => boolean, resolve?: (host: string) => string) => {
    const asked: GateRequest[] = [];
    const checks = await verifySignature(await signRs256(sessionClaims({ iss })), {
      timeoutMs: 3000,
      ...(ask
        ? {
            ask: async (r: GateRequest) => {
              asked.push(r);
              return ask(r);
            },
          }
        : {}),
      ...(resolve ? { resolve: async (host: string) => [{ address: resolve(host), family: 4 }] } : {}),
    });
    return { checks, asked };
  };

  it('refuses a loopback http issuer without asking when nobody can be asked, and fetches nothing', async () => {
    const { checks } = await verify(`${server.origin}/good`);
    assert.equal(failed(checks)?.id, 'verify-gate');
    assert.match(failed(checks)?.detail ?? '', /is not https and is a loopback, private/);
    assert.deepEqual(server.requests, []);
  });

  it('asks for a loopback issuer: "no" fetches nothing, "yes" fetches and verifies', async () => {
    const no = await verify(`${server.origin}/good`, () => false);
    assert.deepEqual(
      no.asked.map((r) => [r.what, r.reasons.join('+')]),
      [['discovery document', 'not-https+private-address']],
    );
    assert.equal(failed(no.checks)?.id, 'verify-gate');
    assert.deepEqual(server.requests, []);
    const yes = await verify(`${server.origin}/good`, () => true);
    assert.equal(failed(yes.checks), undefined, shown(yes.checks));
    assert.equal(yes.asked.length, 1, 'jwks_uri on the approved origin is not asked again');
    assert.deepEqual(server.requests, ['/good/.well-known/openid-configuration', '/good/jwks']);
  });

  const jwksClasses: Record<string, string> = {
    localhost: 'http://localhost:PORT/good/jwks',
    '127.0.0.1 (another port)': 'https://127.0.0.1:1/jwks',
    '[::1]': 'https://[::1]:PORT/good/jwks',
    '[::127.0.0.1] (IPv4-compatible)': 'https://[::127.0.0.1]/jwks',
    '[::ffff:127.0.0.1] (IPv4-mapped)': 'https://[::ffff:127.0.0.1]/jwks',
    '192.168.x.x': 'https://192.168.1.1/jwks',
    '10.x': 'https://10.0.0.1/jwks',
    '172.16/12': 'https://172.16.5.4/jwks',
    '169.254.169.254 (link-local metadata)': 'https://169.254.169.254/latest/meta-data',
    'CGNAT 100.64/10': 'https://100.64.0.1/jwks',
    'benchmark 198.18/15': 'https://198.18.0.1/jwks',
    multicast: 'https://224.0.0.251/jwks',
    broadcast: 'https://255.255.255.255/jwks',
    'NAT64 64:ff9b::/96': 'https://[64:ff9b::7f00:1]/jwks',
    '*.nip.io': 'https://127.0.0.1.nip.io/jwks',
    'intranet name': 'https://keys/jwks',
  };
  for (const [name, template] of Object.entries(jwksClasses)) {
    it(`asks before fetching a jwks_uri at ${name}; "no" fetches nothing from it and shows no key id`, async () => {
      const jwks = template.replace('PORT', port);
      server.jwksUri.set('elsewhere', jwks);
      const { checks, asked } = await verify(`${server.origin}/elsewhere`, (r) => r.what === 'discovery document');
      assert.deepEqual(
        asked.map((r) => r.what),
        ['discovery document', 'key set (JWKS)'],
      );
      assert.equal(asked[1].url, jwks);
      const f = failed(checks);
      assert.equal(f?.id, 'verify-gate', shown(checks));
      assert.equal(f?.title, 'The key set (JWKS) was not fetched');
      assert.deepEqual(server.requests, ['/elsewhere/.well-known/openid-configuration']);
      assert.doesNotMatch(shown(checks), /ins_rsa|ins_ed/);
    });
  }

  it('a name that resolves to 127.0.0.1 via jwks_uri is asked about at connect time, with the address', async () => {
    server.jwksUri.set('rebind', `http://keys.rebind.example:${port}/good/jwks`);
    // The user accepts plain http for both, but not a public-looking name that turns out to be this machine.
    const refuse = await verify(
      `${server.origin}/rebind`,
      (r) => r.what === 'discovery document' || r.address === undefined,
      () => '127.0.0.1',
    );
    assert.deepEqual(
      refuse.asked.map((r) => `${r.what} ${r.reasons.join('+')} ${r.address ?? ''}`.trim()),
      [
        'discovery document not-https+private-address',
        'key set (JWKS) not-https',
        'key set (JWKS) private-address 127.0.0.1',
      ],
    );
    assert.equal(failed(refuse.checks)?.id, 'verify-gate');
    assert.match(failed(refuse.checks)?.detail ?? '', /it resolves to 127\.0\.0\.1/);
    assert.deepEqual(server.requests, ['/rebind/.well-known/openid-configuration'], 'the key set was never requested');
    assert.doesNotMatch(shown(refuse.checks), /ins_rsa/);

    // Without anyone to ask it is refused outright; with a yes it really connects to the resolved address.
    server.requests.length = 0;
    const accept = await verify(
      `${server.origin}/rebind`,
      () => true,
      () => '127.0.0.1',
    );
    assert.equal(accept.asked.length, 3);
    assert.deepEqual(server.requests, ['/rebind/.well-known/openid-configuration', '/good/jwks']);
  });

  it('checks the issuer name itself at connect time too (https name resolving to loopback)', async () => {
    const { checks, asked } = await verify(
      `https://issuer.rebind.example:${port}/good`,
      () => false,
      () => '127.0.0.1',
    );
    assert.deepEqual(
      asked.map((r) => r.address),
      ['127.0.0.1'],
    );
    assert.equal(failed(checks)?.id, 'verify-gate');
    assert.deepEqual(server.requests, []);
    const silent = await verify(`https://issuer.rebind.example:${port}/good`, undefined, () => '10.1.2.3');
    assert.match(
      failed(silent.checks)?.detail ?? '',
      /resolves to 10\.1\.2\.3.*only fetches public https addresses on its own/,
    );
  });

  it('the time spent asking does not count against the deadline', async () => {
    const t = await signRs256(sessionClaims({ iss: `${server.origin}/good` }));
    const checks = await verifySignature(t, {
      timeoutMs: 300,
      ask: () => new Promise((r) => setTimeout(() => r(true), 600)),
    });
    assert.equal(failed(checks), undefined, shown(checks));
  });
});
