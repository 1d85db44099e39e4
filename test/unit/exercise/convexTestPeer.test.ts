// The exercise refuses a learner's convex older than what the bundled convex-test supports: that floor is
// convex-test's own peer range, read here from the installed package (the one esbuild bundles).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MIN_CONVEX, versionBelow } from '../../../src/exercise/run/convexTestPeer';

const installed = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../../../node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
    peerDependencies?: Record<string, string>;
  };

describe("the exercise's convex floor (convex-test's peer range)", () => {
  it('is the bundled convex-test peer range, so a convex it does not support is refused, not half-run', () => {
    const convexTest = installed('convex-test');
    assert.equal(
      convexTest.peerDependencies?.convex,
      `^${MIN_CONVEX.join('.')}`,
      `convex-test ${convexTest.version} declares ${convexTest.peerDependencies?.convex}`,
    );
  });

  it('refuses the releases below the floor and accepts the floor, later ones and the repository’s own', () => {
    assert.equal(versionBelow('1.45.9'), true);
    assert.equal(versionBelow('1.43.0'), true);
    assert.equal(versionBelow('0.99.0'), true);
    assert.equal(versionBelow('1.46.0'), false);
    assert.equal(versionBelow('1.46.0-alpha.1'), false);
    assert.equal(versionBelow('2.0.0'), false);
    assert.equal(versionBelow(installed('convex').version), false);
    assert.equal(versionBelow('not a version'), true, 'an unreadable version is not taken as new enough');
  });
});
