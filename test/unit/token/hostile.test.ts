// Hostile inputs, on the analysis side (the webview side renders what this produces).
import assert from 'node:assert/strict';
import { analyseToken, DEPTH_ELLIPSIS, MAX_DEPTH } from '../../../src/token';
import { ISSUER, NOW_MS, PROVIDERS, b64url, ids, rawToken, sessionClaims, signRs256 } from './fixtures';

const analyse = (token: string) => analyseToken(token, { providers: PROVIDERS, nowMs: NOW_MS });
const claim = (r: ReturnType<typeof analyse>, name: string) => r.claims?.find((c) => c.name === name)?.value;

describe('hostile input', () => {
  it('markup in claim values stays literal text', async () => {
    const r = analyse(
      await signRs256(
        sessionClaims({ name: '<img src=x onerror=alert(1)>', note: '</script><script>alert(1)</script>' }),
      ),
    );
    assert.equal(claim(r, 'name'), '<img src=x onerror=alert(1)>');
    assert.equal(claim(r, 'note'), '</script><script>alert(1)</script>');
    assert.equal(r.identity?.name, '<img src=x onerror=alert(1)>');
  });

  it('a 2 MB paste is refused before decoding, with a size message', () => {
    const huge = `${b64url('{"alg":"RS256"}')}.${'A'.repeat(2 * 1024 * 1024)}.sig`;
    const r = analyse(huge);
    assert.deepEqual(ids(r.checks), ['oversized']);
    assert.match(r.checks[0].detail, /2048 KiB/);
    assert.equal(r.input.token, '', 'the oversized text is not echoed back');
    assert.equal(r.claims, undefined);
  });

  it(`a payload nested 20,000 deep is cut at depth ${MAX_DEPTH} with an ellipsis and serialises`, () => {
    const deep = `{"sub":"u","iss":"${ISSUER}","deep":${'['.repeat(20000)}1${']'.repeat(20000)}}`;
    const r = analyse(rawToken({ alg: 'RS256', typ: 'JWT' }, deep));
    let value = claim(r, 'deep');
    let depth = 0;
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    assert.equal(value, DEPTH_ELLIPSIS);
    assert.equal(depth, MAX_DEPTH);
    assert.doesNotThrow(() => JSON.stringify(r));
    const objects = `{"sub":"u","o":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    assert.doesNotThrow(() => JSON.stringify(analyse(rawToken({ alg: 'RS256' }, objects))));
  });

  it('CJK and emoji decode unchanged; RTL override and control characters become visible markers', async () => {
    const r = analyse(
      await signRs256(
        sessionClaims({
          name: '山田太郎 👩‍👩‍👧 😀',
          nickname: 'abc\u202Etxt.exe',
          bio: 'line\u0000one\u0007',
          ['ke\u200By']: 1,
        }),
      ),
    );
    assert.equal(claim(r, 'name'), '山田太郎 👩‍👩‍👧 😀', 'emoji joiners are not flagged');
    assert.equal(claim(r, 'nickname'), 'abc[U+202E]txt.exe');
    assert.equal(claim(r, 'bio'), 'line[U+0000]one[U+0007]');
    assert.ok(
      r.claims?.some((c) => c.name === 'ke[U+200B]y'),
      'invisible characters in claim names too',
    );
    const listed = r.hiddenCharacters.map((h) => `${h.path} ${h.codePoint} ${h.name}`);
    assert.ok(listed.includes('claims.nickname U+202E right-to-left override'));
    assert.ok(listed.includes('claims.bio U+0000 control character'));
    assert.equal(r.identity?.nickname, 'abc[U+202E]txt.exe');
  });

  it('a __proto__ key is an ordinary key and never reaches a prototype', () => {
    const payload = `{"sub":"u","iss":"${ISSUER}","aud":"convex","iat":1,"exp":9999999999,"__proto__":{"polluted":true},"nested":{"__proto__":{"admin":true}}}`;
    const r = analyse(rawToken({ alg: 'RS256', typ: 'JWT' }, payload));
    const proto = r.claims?.find((c) => c.name === '__proto__');
    assert.ok(proto, '__proto__ listed as a claim');
    assert.deepEqual(Object.entries(proto.value as object), [['polluted', true]]);
    const nested = claim(r, 'nested') as Record<string, unknown>;
    assert.deepEqual(Object.keys(nested), ['__proto__']);
    assert.equal(Object.getPrototypeOf(nested), null);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).admin, undefined);
    const identity = r.identity as Record<string, unknown>;
    assert.ok(Object.hasOwn(identity, '__proto__'), 'passed through as a custom claim, as data');
    assert.equal(Object.getPrototypeOf(identity), null);
    assert.equal(identity.polluted, undefined);
  });

  it('iss "javascript:alert(1)" and header jku/x5u are reported as text', async () => {
    const r = analyse(
      await signRs256(sessionClaims({ iss: 'javascript:alert(1)' }), {
        jku: 'https://evil.example/jwks',
        x5u: 'https://evil.example/x5u',
      }),
    );
    assert.equal(claim(r, 'iss'), 'javascript:alert(1)');
    assert.ok(ids(r.checks).includes('issuer'));
    assert.equal(r.checks.find((c) => c.id === 'header-key-url')?.status, 'warn');
    assert.equal(r.header?.jku, 'https://evil.example/jwks');
  });

  it('never throws, whatever the input', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      {},
      '.',
      '..',
      '...',
      '....',
      '\u0000',
      '\ud800',
      'e30.e30.',
      'e30.e30',
      '.e30.',
      'eyJ.eyJ.eyJ',
      `${b64url('{"alg":"none"}')}.${b64url('{"exp":"NaN","aud":{},"iss":[]}')}.`,
      `${b64url('{"alg":"RS256"}')}.${b64url('{"exp":-1e308,"iat":1e20,"nbf":-8.65e12,"sub":{},"iss":"https://[::1]"}')}.x`,
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(random() * 120);
      inputs.push(
        Array.from({ length: len }, () =>
          String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 0xffff))),
        ).join(''),
      );
      inputs.push(
        `${b64url('{"alg":"RS256"}')}.${Buffer.from(Array.from({ length: len }, () => Math.floor(random() * 256))).toString('base64url')}.s`,
      );
    }
    for (const input of inputs) {
      const r = analyseToken(input as string, { providers: PROVIDERS, nowMs: NOW_MS });
      assert.ok(Array.isArray(r.checks) && r.checks.length > 0);
      assert.doesNotThrow(() => JSON.stringify(r));
    }
  });
});
