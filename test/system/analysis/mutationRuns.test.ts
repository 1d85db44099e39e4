import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The unit layer tries the walk properties on a few hundred mutated fixtures to stay quick; here the same
// properties run on 2,000, in a child mocha so the unit files are not loaded into this layer twice.
const root = path.resolve(__dirname, '../../..');
const FILES = ['test/unit/analysis/scan.test.ts', 'test/unit/analysis/traverse.test.ts'];

describe('analysis: the walk properties on 2,000 mutations', function () {
  this.timeout(240_000);

  it('the pruned scan and the tuned walk lose nothing on 2,000 random mutations of the fixtures each', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/mocha/bin/mocha.js'), '-g', 'random mutations', ...FILES],
      { cwd: root, env: { ...process.env, MUTATION_RUNS: '2000' }, encoding: 'utf8' },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, out);
    assert.match(out, /records the same as a full walk on 2000 random mutations/);
    assert.match(out, /reaches every runtime node on 2000 random mutations/);
    assert.match(out, /2 passing/);
  });
});
