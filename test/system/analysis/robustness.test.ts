import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../../src/analysis/analyse';
import { mutate, mutation, sources } from '../../unit/analysis/mutations';

// Random damage to real files (what a learner mid-edit produces): the analyzer must never throw and must
// return well-formed results.
describe('analysis: robustness (property test)', () => {
  it('never throws on 10,000 random mutations of the fixtures, and findings stay inside the text', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: sources.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          const source = sources[index];
          if (!source) return;
          const text = mutate(source.text, mutations);
          const result = analyse(source.name, text);
          runs++;
          assert.ok(Array.isArray(result.findings));
          for (const f of result.findings) {
            assert.ok(
              f.start >= 0 && f.start <= f.end && f.end <= text.length,
              `${f.code} at ${f.start}-${f.end} of ${text.length}`,
            );
            for (const fix of f.fixes)
              for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
          }
        },
      ),
      { numRuns: 10_000, seed: 20261126 },
    );
    assert.equal(runs, 10_000);
  });

  it('never throws on arbitrary strings, including as auth.config', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        analyse('x.tsx', text);
        analyse('convex/auth.config.ts', text);
      }),
      { numRuns: 500 },
    );
  });
});
