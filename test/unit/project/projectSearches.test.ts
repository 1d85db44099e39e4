import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COMBINED_SEARCH, PROJECT_SEARCHES, splitCombined } from '../../../src/project/projectSearches';

// The project layer searches once for every kind of project file and splits the result; each kind must come out as
// its own search (its glob, its limit) would have found it, or the kinds are searched one by one.

const kinds = ['auth.config.ts', '.env.local', 'convex.json', 'package.json', 'other.ts'];

describe('project searches: one search for every kind of project file', () => {
  it('joins the kinds into one glob with their limits summed', () => {
    assert.equal(COMBINED_SEARCH.glob, '{**/auth.config.*,**/.env*,**/convex.json,**/package.json}');
    assert.equal(COMBINED_SEARCH.limit, 800);
  });

  it('keeps each kind up to its own limit, as a search of that kind alone would', () => {
    const packages = Array.from({ length: 520 }, (_, i) => `packages/p${i}/package.json`);
    const kept = splitCombined([...packages, 'convex/auth.config.ts', 'apps/web/.env.local']);
    assert.ok(kept);
    assert.equal(kept.filter((p) => p.endsWith('package.json')).length, 500, "package.json's limit");
    assert.ok(kept.includes('convex/auth.config.ts') && kept.includes('apps/web/.env.local'), 'not crowded out');
  });

  it('gives up when the combined result reached its limit: a kind may be missing from it', () => {
    const full = Array.from({ length: COMBINED_SEARCH.limit }, (_, i) => `p${i}/package.json`);
    assert.equal(splitCombined(full), undefined);
    assert.ok(splitCombined(full.slice(1)), 'one below the limit is complete');
  });

  it('on any result below the limit, finds of each kind exactly what that kind matches, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('', 'a/', 'a/b/'), fc.constantFrom(...kinds)), { maxLength: 60 }),
        (parts) => {
          const paths = parts.map(([dir, name]) => dir + name);
          const kept = splitCombined(paths);
          assert.ok(kept);
          for (const search of PROJECT_SEARCHES) {
            const expected = paths.filter((p) => search.finds(p)).slice(0, search.limit);
            assert.deepEqual(
              kept.filter((p) => search.finds(p)),
              expected,
            );
          }
          assert.ok(!kept.some((p) => p.endsWith('other.ts')), 'nothing no search finds');
        },
      ),
      { numRuns: 300, seed: 20261208 },
    );
  });
});
