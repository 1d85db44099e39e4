// Property-based: hostile tokens and hostile issuers generated from the classes of issue 15. Every token gets a
// report with the failed check its class calls for, no internal error, and output bounded by its input; every
// issuer ends in checks (never a throw), bounded text, and nothing from a refused source. The unit layer runs a
// few dozen cases in seconds; `npm run fuzz` sets FUZZ_RUNS for a long run.
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { normaliseJwtType } from '../../../src/token/oidcVerification';
import { analyseToken, verifySignature } from '../../../src/token';
import { toReportView } from '../../../src/protocol/hostViews';
import { NOW, NOW_MS, PROVIDERS, signRs256, testKeys } from '../../unit/token/fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A JSON value as text, so 10,000-deep values cost no recursion to build. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 33, max: 10_000 }).map((d) => `${'['.repeat(d)}1${']'.repeat(d)}`),
  fc.integer({ min: 33, max: 6_000 }).map((d) => `${'{"":'.repeat(d)}1${'}'.repeat(d)}`),
  fc.constantFrom(
    '{"toString":"x"}',
    '{"toString":{},"valueOf":{}}',
    '[{"toString":1}]',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":1}}',
  ),
  fc.constantFrom('1e309', '-1e309', 'null', 'true', '[]', '{}', '0', '-0', '1.5e300'),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"<img src=x onerror=alert(1)>"', '"\\u202eexe.txt"', '"\\u0000\\u200b\\ufeff"', '"\\ud800"'),
  fc.integer({ min: 1, max: 8_000 }).map((n) => `[${Array.from({ length: n }, () => '"a"').join(',')}]`),
);

type Field = 'aud' | 'iss' | 'exp' | 'alg' | 'typ' | 'custom';
/** The check that must fail when `field` holds `json`, when the class decides one. */
function expectedFailure(field: Field, json: string): string | undefined {
  const v = JSON.parse(json) as unknown;
  switch (field) {
    case 'aud':
      return 'audience'; // never exactly "convex" or ["convex"] here
    case 'iss':
      return 'issuer'; // never an http(s) URL here
    case 'exp':
      // biscuit's first read (non-negative numbers, null allowed), then the OIDC parse (a time, no null).
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 && !Object.is(v, -0)
        ? undefined
        : v === null
          ? 'claim-types'
          : 'claim-type-exp';
    case 'alg':
      return 'algorithm';
    case 'typ':
      // An `Option` field read by serde: null is None, as if `typ` were absent (accepted).
      if (v === null) return undefined;
      return typeof v === 'string' && ['application/jwt', 'application/jose'].includes(normaliseJwtType(v) ?? '')
        ? undefined
        : 'header-fields';
    default:
      return undefined;
  }
}

const wrapper = fc.constantFrom(
  (t: string) => t,
  (t: string) => `Bearer ${t}`,
  (t: string) => `"${t}"`,
  (t: string) => `${t}${';'.repeat(5000)}`,
  (t: string) => `  ${t.slice(0, 40)}\n${t.slice(40)}  `,
  (t: string) => `${'Bearer '.repeat(300)}${t}`,
);

describe('property: hostile tokens always get a bounded report', () => {
  it(`holds for ${RUNS} generated tokens`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Field>('aud', 'iss', 'exp', 'alg', 'typ', 'custom'),
        hostileJson,
        wrapper,
        (field, json, wrap) => {
          const header: Record<string, string> = { alg: '"RS256"', typ: '"JWT"', kid: '"ins_rsa"' };
          const claims: Record<string, string> = {
            iss: JSON.stringify(PROVIDERS[0].domain),
            sub: '"user_1"',
            aud: '"convex"',
            iat: String(NOW - 5),
            exp: String(NOW + 50),
          };
          if (field === 'alg' || field === 'typ') header[field] = json;
          else claims[field === 'custom' ? 'custom' : field] = json;
          const obj = (o: Record<string, string>) =>
            `{${Object.entries(o)
              .map(([k, v]) => `"${k}":${v}`)
              .join(',')}}`;
          const input = wrap(`${b64(obj(header))}.${b64(obj(claims))}.c2ln`);
          const report = analyseToken(input, { providers: PROVIDERS, nowMs: NOW_MS });
          assert.ok(!report.checks.some((c) => c.id === 'internal'), 'no internal error');
          const oversized = report.checks.some((c) => c.id === 'oversized');
          if (!oversized) {
            assert.ok(report.header && report.claims, 'decoded');
            const want = expectedFailure(field, json);
            if (want)
              assert.equal(
                report.checks.find((c) => c.id === want)?.status,
                'fail',
                `${field}=${json.slice(0, 40)} → ${want}`,
              );
          }
          const size = Buffer.byteLength(JSON.stringify(toReportView(report)));
          // A fixed part (check texts) plus at most 4× what was pasted.
          assert.ok(size <= 4 * Buffer.byteLength(input) + 8192, `report ${size} bytes for ${input.length}`);
          for (const c of report.checks) assert.ok(c.detail.length <= 2000 && c.title.length <= 400, c.id);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

interface Behaviour {
  status: number;
  contentType: string | undefined;
  encoding: 'none' | 'gzip' | 'br' | 'lie-gzip';
  body:
    | 'valid'
    | 'wrong-issuer'
    | 'html'
    | 'not-json'
    | 'array'
    | 'huge-declared'
    | 'private-jwks'
    | 'file-jwks'
    | 'other-origin-jwks'
    | 'nested'
    | 'many-keys'
    | 'junk-keys';
}

const behaviour: fc.Arbitrary<Behaviour> = fc.record({
  status: fc.constantFrom(200, 200, 200, 301, 302, 404, 500, 204),
  contentType: fc.constantFrom('application/json', 'text/html', 'text/plain', undefined),
  encoding: fc.constantFrom('none', 'none', 'gzip', 'br', 'lie-gzip'),
  body: fc.constantFrom(
    'valid',
    'wrong-issuer',
    'html',
    'not-json',
    'array',
    'huge-declared',
    'private-jwks',
    'file-jwks',
    'other-origin-jwks',
    'nested',
    'many-keys',
    'junk-keys',
  ),
});

describe('property: hostile issuers always end in bounded checks', function () {
  this.timeout(Math.max(60_000, RUNS * 3_000));
  let origin = '';
  const plans = new Map<string, [Behaviour, Behaviour]>();
  let server: ReturnType<typeof createServer>;
  before(async () => {
    const { rsaJwk } = await testKeys();
    server = createServer((req, res) => {
      const [, id, ...rest] = (req.url ?? '/').split('/');
      const plan = plans.get(id);
      if (!plan) {
        res.writeHead(404).end();
        return;
      }
      const discovery = rest.join('/') === '.well-known/openid-configuration';
      serve(res, discovery ? plan[0] : plan[1], `${origin}/${id}`, discovery, rsaJwk);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  it(`holds for ${RUNS} generated issuers`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(behaviour, behaviour, fc.boolean(), async (d, j, askYes) => {
        const id = `i${n++}`;
        plans.set(id, [d, j]);
        const token = await signRs256({
          iss: `${origin}/${id}`,
          sub: 'user_1',
          aud: 'convex',
          iat: NOW,
          exp: Math.floor(Date.now() / 1000) + 60,
        });
        const asked: string[] = [];
        const checks = await verifySignature(token, {
          timeoutMs: 1500,
          ask: async (r) => {
            asked.push(r.url);
            return askYes;
          },
        });
        assert.ok(checks.length > 0);
        const failures = checks.filter((c) => c.status === 'fail');
        assert.ok(failures.length <= 1, checks.map((c) => c.id).join(','));
        for (const c of checks) assert.ok(c.detail.length <= 2000 && c.title.length <= 400, c.id);
        // The loopback issuer is always asked about first; a "no" fetches nothing at all.
        assert.equal(asked[0], `${origin}/${id}/.well-known/openid-configuration`);
        if (!askYes)
          assert.deepEqual(
            checks.map((c) => c.id),
            ['verify-gate'],
          );
        if (failures.length === 0) assert.equal(checks.at(-1)?.id, 'signature');
        const refused = checks.find((c) => c.id === 'verify-gate');
        if (refused)
          assert.doesNotMatch(checks.map((c) => c.detail).join(' '), /ins_rsa/, 'no key id from a refused source');
      }),
      { numRuns: RUNS },
    );
  });
});

function serve(
  res: ServerResponse,
  b: Behaviour,
  issuer: string,
  discovery: boolean,
  jwk: Record<string, unknown>,
): void {
  if (b.status !== 200) {
    res.writeHead(b.status, b.status < 400 && b.status >= 300 ? { location: `${issuer}/elsewhere` } : {}).end();
    return;
  }
  let text: string;
  const jwks = (): string => JSON.stringify({ keys: [jwk] });
  switch (b.body) {
    case 'valid':
      text = discovery ? JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }) : jwks();
      break;
    case 'wrong-issuer':
      text = JSON.stringify({ issuer: `${issuer}/x`, jwks_uri: `${issuer}/jwks` });
      break;
    case 'html':
      text = '<!doctype html><p>sign in</p>';
      break;
    case 'not-json':
      text = '{"issuer":';
      break;
    case 'array':
      text = '[1,2,3]';
      break;
    case 'nested':
      text = `{"issuer":${'['.repeat(5000)}${']'.repeat(5000)},"keys":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      break;
    case 'private-jwks':
      text = JSON.stringify({ issuer, jwks_uri: 'https://169.254.169.254/jwks' });
      break;
    case 'file-jwks':
      text = JSON.stringify({ issuer, jwks_uri: 'file:///etc/passwd' });
      break;
    case 'other-origin-jwks':
      text = JSON.stringify({
        issuer,
        jwks_uri: `http://localhost:${new URL(issuer).port}${new URL(issuer).pathname}/jwks`,
      });
      break;
    case 'many-keys':
      text = discovery
        ? JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` })
        : JSON.stringify({ keys: Array.from({ length: 1000 }, (_, i) => ({ ...jwk, kid: `k${i}` })) });
      break;
    case 'junk-keys':
      text = discovery
        ? JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` })
        : JSON.stringify({ keys: [null, 1, 'x', { kty: 'RSA', n: 'AA', e: 'AQAB' }, { toString: 1 }] });
      break;
    case 'huge-declared':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024) });
      res.write('{');
      setTimeout(() => res.destroy(), 50);
      return;
  }
  const headers: Record<string, string> = b.contentType ? { 'content-type': b.contentType } : {};
  let payload: Buffer = Buffer.from(text);
  if (b.encoding === 'gzip') payload = gzipSync(payload);
  if (b.encoding !== 'none') headers['content-encoding'] = b.encoding === 'lie-gzip' ? 'gzip' : b.encoding;
  res.writeHead(200, headers).end(payload);
}
