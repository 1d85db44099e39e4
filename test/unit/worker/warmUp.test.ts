import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis/analyze';
import { WARM_UP_CLIENT, WARM_UP_FUNCTIONS } from '../../../src/worker/warmUp';

// The worker's warm-up is only worth its time if it runs the code a learner's first analysis runs: the provider
// and Convex-auth rules on a client file, the identity rules on a Convex function file.
describe('the analysis worker warm-up files', () => {
  it('take the client rules through a correct sandwich and a Convex-auth gate', () => {
    const { facts, findings } = analyze('components/Providers.tsx', WARM_UP_CLIENT, {});
    assert.equal(facts.sandwichCorrect, true);
    assert.equal(facts.gatesWithConvexAuth, true);
    assert.deepEqual(findings, []);
  });

  it('take the identity rules through a correct identity read', () => {
    const { facts } = analyze('convex/items.ts', WARM_UP_FUNCTIONS, {});
    assert.equal(facts.readsIdentityCorrectly, true);
  });
});
