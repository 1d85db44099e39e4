import assert from 'node:assert/strict';
import { analyse } from '../../../src/analysis/analyse';
import { WARM_UP_CLIENT, WARM_UP_FUNCTIONS, warmUpUnlessAsked } from '../../../src/worker/warmUp';

// The worker's warm-up is only worth its time if it runs the code a learner's first analysis runs: the provider
// and Convex-auth rules on a client file, the identity rules on a Convex function file.
describe('the analysis worker warm-up files', () => {
  it('take the client rules through a correct sandwich and a Convex-auth gate', () => {
    const { facts, findings } = analyse('components/Providers.tsx', WARM_UP_CLIENT, {});
    assert.equal(facts.sandwichCorrect, true);
    assert.equal(facts.gatesWithConvexAuth, true);
    assert.deepEqual(findings, []);
  });

  it('take the identity rules through a correct identity read', () => {
    const { facts } = analyse('convex/items.ts', WARM_UP_FUNCTIONS, {});
    assert.equal(facts.readsIdentityCorrectly, true);
  });
});

// The Web Worker's warm-up runs after the requests already waiting, and not at all once one came.
describe('warmUpUnlessAsked (the Web Worker entry)', () => {
  const harness = () => {
    const listeners: (() => void)[] = [];
    const later: (() => void)[] = [];
    let warmed = 0;
    warmUpUnlessAsked(
      (l) => listeners.push(l),
      (run) => later.push(run),
      () => warmed++,
    );
    return {
      request: () => listeners.forEach((l) => l()),
      idle: () => later.splice(0).forEach((run) => run()),
      warmed: () => warmed,
    };
  };

  it('warms up once when no request came before the worker was idle', () => {
    const w = harness();
    assert.equal(w.warmed(), 0, 'not while the script runs');
    w.idle();
    assert.equal(w.warmed(), 1);
    w.request();
    assert.equal(w.warmed(), 1);
  });

  it('does not warm up when a request was already waiting: that request is the first analysis', () => {
    const w = harness();
    w.request();
    w.idle();
    assert.equal(w.warmed(), 0);
  });
});
