import assert from 'node:assert/strict';
import { baseName, depth, dirName, isInside, joinPath } from '../../../src/project/paths';

describe('project paths', () => {
  it('splits workspace-relative paths', () => {
    assert.equal(baseName('convex/auth.config.ts'), 'auth.config.ts');
    assert.equal(baseName('package.json'), 'package.json');
    assert.equal(dirName('apps/web/.env.local'), 'apps/web');
    assert.equal(dirName('.env'), '');
    assert.equal(depth(''), 0);
    assert.equal(depth('apps/web'), 2);
  });

  it('joins and normalises', () => {
    assert.equal(joinPath('', 'convex'), 'convex');
    assert.equal(joinPath('packages/backend', './src/convex/'), 'packages/backend/src/convex');
    assert.equal(joinPath('a/b', '../c'), 'a/c');
  });

  it('knows what lies inside a directory, and that "" contains everything', () => {
    assert.ok(isInside('convex/auth.config.ts', 'convex'));
    assert.ok(isInside('convex', 'convex'));
    assert.ok(!isInside('convex2/x.ts', 'convex'));
    assert.ok(isInside('anything', ''));
  });
});
