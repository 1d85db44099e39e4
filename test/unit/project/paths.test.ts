import assert from 'node:assert/strict';
import { baseName, depth, dirName, isInside, isUnderAny, joinPath, topMost } from '../../../src/project/paths';
import { inExcludedDir } from '../../../src/project/sourceFiles';

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

  it('keeps only the top-most of a burst of created paths (a folder stands for what it holds)', () => {
    const burst = [
      'file:///w/packages',
      'file:///w/packages/backend',
      'file:///w/packages/backend/package.json',
      'file:///w/src/a.ts',
      'file:///w/packages2',
    ];
    assert.deepEqual(topMost(burst), ['file:///w/packages', 'file:///w/src/a.ts', 'file:///w/packages2']);
    assert.deepEqual(topMost(['a/b', 'a/b']), ['a/b']);
    assert.deepEqual(topMost([]), []);
  });

  it('tells what lies under a set of deleted folders, by whole segments', () => {
    const gone = new Set(['file:///w/packages/backend']);
    assert.ok(isUnderAny('file:///w/packages/backend', gone));
    assert.ok(isUnderAny('file:///w/packages/backend/src/convex/messages.ts', gone));
    assert.ok(!isUnderAny('file:///w/packages/backend2/x.ts', gone));
    assert.ok(!isUnderAny('file:///w/packages', gone));
    assert.ok(!isUnderAny('file:///w/packages/backend/x.ts', new Set()));
  });
});

describe('excluded folders', () => {
  it('are found in any segment of a workspace-relative path, whole segments only', () => {
    assert.ok(inExcludedDir('packages/web/node_modules/x/index.js'));
    assert.ok(inExcludedDir('.next'));
    assert.ok(!inExcludedDir('packages/node_modules2/x.ts'));
    assert.ok(!inExcludedDir('src/build.ts'));
  });
});
