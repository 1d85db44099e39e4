import assert from 'node:assert/strict';
import { EMPTY_PROGRESS, applyEvent, markReached, parseProgress } from '../../../src/lessonState';

describe('lessonState: progress', () => {
  it('records the anonymous request only when it got no data', () => {
    assert.equal(
      applyEvent(EMPTY_PROGRESS, { kind: 'exerciseRequest', scenario: 'anonymous', outcome: 'data' }),
      EMPTY_PROGRESS,
    );
    const p = applyEvent(EMPTY_PROGRESS, { kind: 'exerciseRequest', scenario: 'anonymous', outcome: 'empty' });
    assert.deepEqual(p.exercise, { anonymous: true, valid: false });
  });

  it('records the valid request only when it returned data', () => {
    assert.equal(
      applyEvent(EMPTY_PROGRESS, { kind: 'exerciseRequest', scenario: 'valid', outcome: 'rejected' }),
      EMPTY_PROGRESS,
    );
    const p = applyEvent(EMPTY_PROGRESS, { kind: 'exerciseRequest', scenario: 'valid', outcome: 'data' });
    assert.deepEqual(p.exercise, { anonymous: false, valid: true });
  });

  it('ignores other scenarios and analysis events', () => {
    assert.equal(
      applyEvent(EMPTY_PROGRESS, { kind: 'exerciseRequest', scenario: 'expired', outcome: 'rejected' }),
      EMPTY_PROGRESS,
    );
    assert.equal(applyEvent(EMPTY_PROGRESS, { kind: 'analysisChanged' }), EMPTY_PROGRESS);
  });

  it('marks a token decoded once and returns the same object after', () => {
    const p = applyEvent(EMPTY_PROGRESS, { kind: 'tokenDecoded' });
    assert.equal(p.tokenDecoded, true);
    assert.equal(applyEvent(p, { kind: 'tokenDecoded' }), p);
  });

  it('adds newly passing checks to reached, in lesson order, without duplicates', () => {
    const a = markReached(EMPTY_PROGRESS, ['identity']);
    const b = markReached(a, ['sandwich', 'identity']);
    assert.deepEqual(b.reached, ['sandwich', 'identity']);
    assert.equal(markReached(b, ['identity']), b);
  });

  it('reads back what it stored and survives anything else', () => {
    const stored = markReached(applyEvent(EMPTY_PROGRESS, { kind: 'tokenDecoded' }), ['authHook']);
    assert.deepEqual(parseProgress(JSON.parse(JSON.stringify(stored))), stored);
    for (const junk of [
      undefined,
      null,
      42,
      'x',
      [],
      { version: 2 },
      { version: 1, reached: 'sandwich', exercise: 3 },
    ]) {
      const p = parseProgress(junk);
      assert.equal(p.tokenDecoded, false);
      assert.deepEqual(p.reached, []);
    }
    assert.deepEqual(parseProgress({ version: 1, reached: ['bogus', 'exercise'], exercise: { valid: true } }).reached, [
      'exercise',
    ]);
  });
});
