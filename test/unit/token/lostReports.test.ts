// The 16 tokens that used to lose their report (issue 15): claims nested 10,000 deep in aud/iss/alg/typ, and
// claims that are objects with their own `toString` key. Each must get the decoded token and the failed check.
import assert from 'node:assert/strict';
import { analyseToken, MAX_DEPTH, type TokenReport } from '../../../src/token';
import { toReportView } from '../../../src/protocol/hostViews';
import { ISSUER, NOW, NOW_MS, PROVIDERS, b64url } from './fixtures';

const DEPTH = 10_000;
const arrays = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
// Objects cost more characters per level; 8,000 keeps the token under the 64 KiB paste limit.
const OBJECT_DEPTH = 8_000;
const objects = `${'{"":'.repeat(OBJECT_DEPTH)}1${'}'.repeat(OBJECT_DEPTH)}`;
const ownToString = '{"toString":"x","valueOf":1}';
const toStringInArray = '[{"toString":{}}]';

function token(headerFields: Record<string, string>, claimFields: Record<string, string>): string {
  const header = { alg: '"RS256"', typ: '"JWT"', kid: '"ins_rsa"', ...headerFields };
  const claims = {
    iss: JSON.stringify(ISSUER),
    sub: '"user_2xyz"',
    aud: '"convex"',
    iat: String(NOW - 10),
    exp: String(NOW + 50),
    ...claimFields,
  };
  const json = (o: Record<string, string>) =>
    `{${Object.entries(o)
      .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
      .join(',')}}`;
  return `${b64url(json(header))}.${b64url(json(claims))}.c2ln`;
}

/** [name, token, the check that must fail]. */
export const LOST_REPORTS: [string, string, string][] = [];
for (const [shape, value, depth] of [
  ['arrays', arrays, DEPTH],
  ['objects', objects, OBJECT_DEPTH],
] as const) {
  LOST_REPORTS.push([`aud nested ${depth} deep (${shape})`, token({}, { aud: value }), 'audience']);
  LOST_REPORTS.push([`iss nested ${depth} deep (${shape})`, token({}, { iss: value }), 'issuer']);
  LOST_REPORTS.push([`alg nested ${depth} deep (${shape})`, token({ alg: value }, {}), 'algorithm']);
  LOST_REPORTS.push([`typ nested ${depth} deep (${shape})`, token({ typ: value }, {}), 'header-fields']);
}
for (const [shape, value] of [
  ['an own toString key', ownToString],
  ['an array holding one', toStringInArray],
] as const) {
  LOST_REPORTS.push([`iss is ${shape}`, token({}, { iss: value }), 'issuer']);
  LOST_REPORTS.push([`aud is ${shape}`, token({}, { aud: value }), 'audience']);
  LOST_REPORTS.push([`alg is ${shape}`, token({ alg: value }, {}), 'algorithm']);
  LOST_REPORTS.push([`exp is ${shape}`, token({}, { exp: value }), 'claim-type-exp']);
}

describe('hostile input: every token gets a report (the 16 lost reports)', () => {
  it('has 16 cases', () => assert.equal(LOST_REPORTS.length, 16));
  for (const [name, t, failing] of LOST_REPORTS) {
    it(`${name}: decoded, with "${failing}" failed and no internal error`, () => {
      const r: TokenReport = analyseToken(t, { providers: PROVIDERS, nowMs: NOW_MS });
      assert.ok(!r.checks.some((c) => c.id === 'internal'), r.checks.map((c) => c.detail).join(' | '));
      assert.ok(r.header && r.claims, 'header and claims are shown');
      assert.equal(
        r.checks.find((c) => c.id === failing)?.status,
        'fail',
        r.checks.map((c) => `${c.id}:${c.status}`).join(', '),
      );
      assert.ok(
        r.claims.some((c) => c.name === 'sub' && c.value === 'user_2xyz'),
        'the rest of the report stands',
      );
      for (const c of r.checks) assert.ok(c.detail.length < 2000 && c.title.length < 300, `${c.id} is bounded`);
      const view = toReportView(r);
      assert.doesNotThrow(() => JSON.stringify(view));
    });
  }

  it('names the part that is nested too deep', () => {
    const r = analyseToken(token({}, { aud: arrays }), { providers: PROVIDERS, nowMs: NOW_MS });
    const nesting = r.checks.find((c) => c.id === 'nesting');
    assert.equal(nesting?.status, 'warn');
    assert.match(nesting?.detail ?? '', /"aud" is nested 10,000 levels deep/);
    assert.match(nesting?.detail ?? '', new RegExp(`first ${MAX_DEPTH} levels`));
    assert.match(
      r.checks.find((c) => c.id === 'audience')?.detail ?? '',
      /^aud is \[\[\[\[.*… \(nested 10,000 levels deep\)/,
    );
  });

  it('shows an object with its own toString as data, never calling it', () => {
    const r = analyseToken(token({}, { iss: ownToString }), { providers: PROVIDERS, nowMs: NOW_MS });
    assert.equal(
      r.checks.find((c) => c.id === 'issuer')?.detail,
      'iss is {"toString":"x","valueOf":1}; it must be the issuer\'s URL as a string.',
    );
  });
});
