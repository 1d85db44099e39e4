import assert from 'node:assert/strict';
import { normaliseToken } from '../../../src/token';

const T = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln';

describe('normaliseToken', () => {
  it('leaves a clean token alone and reports nothing', () => {
    assert.deepEqual(normaliseToken(T), { token: T, removed: [] });
  });

  it('removes each wrapper and says what it removed', () => {
    const cases: [string, string[]][] = [
      [`Bearer ${T}`, ['the "Bearer " prefix']],
      [`bearer   ${T}`, ['the "Bearer " prefix']],
      [`"${T}"`, ['surrounding quotes']],
      [`'${T}'`, ['surrounding quotes']],
      [`\u201c${T}\u201d`, ['surrounding quotes']],
      [`Authorization: Bearer ${T}`, ['the "Authorization:" header name', 'the "Bearer " prefix']],
      [`"Bearer ${T}",`, ['a trailing comma or semicolon', 'surrounding quotes', 'the "Bearer " prefix']],
      [`  ${T}\n`, ['whitespace around the token']],
      [`${T.slice(0, 10)}\n${T.slice(10, 20)}\r\n${T.slice(20)}`, ['2 line breaks']],
      [`${T.slice(0, 10)} ${T.slice(10)}`, ['1 space inside the token']],
    ];
    for (const [input, removed] of cases) {
      const out = normaliseToken(input);
      assert.equal(out.token, T, JSON.stringify(input));
      assert.deepEqual([...out.removed].sort(), [...removed].sort(), JSON.stringify(input));
    }
  });

  it('does not strip what is not a wrapper: an unmatched quote or invisible characters stay for the checks to report', () => {
    assert.equal(normaliseToken(`"${T}`).token, `"${T}`);
    assert.equal(normaliseToken(`${T}\u200b`).token, `${T}\u200b`);
  });
});
