// An analysis whose result is dropped leaves nothing behind for the old generation: its tree dies young. A cache
// keyed by the analysis in a WeakMap kept every tree alive through V8's young-generation collections, each then
// promoted and freed only by a full collection, which doubled the CPU time of a small file's analysis (most of it
// in the collector). Measured in a process of its own, with forced collections (memory/promotionChild.ts).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('analysis memory: what the young generation frees', function () {
  this.timeout(60_000);

  it('promotes none of ten dropped analyses’ trees to the old generation', () => {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'memory', 'promotionChild.ts')],
      { encoding: 'utf8' },
    );
    const { keptTrees, droppedAnalyses } = JSON.parse(out) as { keptTrees: number; droppedAnalyses: number };
    assert.ok(keptTrees > 1_000_000, `ten kept trees should fill the old generation by megabytes, not ${keptTrees} B`);
    // Compiled code and type feedback may still grow a little; one tree is a tenth of the reference.
    assert.ok(
      droppedAnalyses < keptTrees / 20,
      `ten dropped analyses promoted ${droppedAnalyses} B, against ${keptTrees} B for ten kept trees`,
    );
  });
});
