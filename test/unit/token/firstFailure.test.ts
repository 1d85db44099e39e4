import assert from 'node:assert/strict';
import { CONVEX_ERRORS } from '../../../src/token/convexRules';
import { firstFailure } from '../../../src/token/firstFailure';
import { earlierStage, FLOW_STAGES, type FlowStage, type TokenCheck } from '../../../src/token/types';

function check(id: string, stage: FlowStage, status: TokenCheck['status'], convexError?: string): TokenCheck {
  return { id, stage, status, title: id, detail: '', ...(convexError ? { convexError } : {}) };
}

describe('where the flow first stops', () => {
  it('earlierStage follows the diagram order, either side absent', () => {
    assert.equal(earlierStage(undefined, undefined), undefined);
    assert.equal(earlierStage('verify', undefined), 'verify');
    assert.equal(earlierStage(undefined, 'match'), 'match');
    for (const [i, a] of FLOW_STAGES.entries())
      for (const [j, b] of FLOW_STAGES.entries()) assert.equal(earlierStage(a, b), i <= j ? a : b);
  });

  it('firstFailure takes the earliest failed stage, and within a stage the claims parse first', () => {
    const checks = [
      check('exp', 'verify', 'fail', CONVEX_ERRORS.verify),
      check('ok', 'issue', 'pass'),
      check('parse', 'verify', 'fail', CONVEX_ERRORS.oidcParse),
      check('warned', 'attach', 'warn'),
    ];
    assert.equal(firstFailure(checks)?.id, 'parse');
    assert.equal(firstFailure([...checks, check('aud', 'match', 'fail')])?.id, 'aud');
    assert.equal(firstFailure(checks.filter((c) => c.status !== 'fail')), undefined);
  });
});
