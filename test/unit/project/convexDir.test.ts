import assert from 'node:assert/strict';
import { findConvexDir } from '../../../src/project/convexDir';

const pkg = (path: string, deps: Record<string, string> = {}) => ({
  path,
  text: JSON.stringify({ dependencies: deps }),
});
const cfg = (path: string, json: unknown) => ({ path, text: JSON.stringify(json) });

describe('findConvexDir', () => {
  it('defaults to convex/ at the root of a single project', () => {
    assert.deepEqual(findConvexDir({ packageJsons: [pkg('package.json', { convex: '^1.48.0' })], convexJsons: [] }), {
      projectRoot: '',
      functionsDir: 'convex',
      source: 'default',
    });
  });

  it('defaults to convex/ at the root when there is nothing to go on', () => {
    assert.deepEqual(findConvexDir({ packageJsons: [], convexJsons: [] }), {
      projectRoot: '',
      functionsDir: 'convex',
      source: 'default',
    });
  });

  it('follows the convex.json functions field', () => {
    const layout = findConvexDir({
      packageJsons: [pkg('package.json', { convex: '1' })],
      convexJsons: [cfg('convex.json', { functions: 'src/convex/' })],
    });
    assert.deepEqual(layout, { projectRoot: '', functionsDir: 'src/convex', source: 'convex.json' });
  });

  it('ignores a functions field that escapes the project or is not a path', () => {
    for (const functions of ['../elsewhere', '/abs/convex', 'C:\\convex', '', 42, './']) {
      const layout = findConvexDir({ packageJsons: [], convexJsons: [cfg('convex.json', { functions })] });
      assert.equal(layout.functionsDir, 'convex', String(functions));
      assert.equal(layout.source, 'default');
    }
  });

  it('uses a convex.json alone when no package.json names convex', () => {
    const layout = findConvexDir({
      packageJsons: [pkg('package.json')],
      convexJsons: [cfg('backend/convex.json', { functions: 'fns' })],
    });
    assert.deepEqual(layout, { projectRoot: 'backend', functionsDir: 'backend/fns', source: 'convex.json' });
  });

  it('survives a broken convex.json or package.json', () => {
    const layout = findConvexDir({
      packageJsons: [{ path: 'package.json', text: '{' }],
      convexJsons: [{ path: 'convex.json', text: 'nope' }],
    });
    assert.deepEqual(layout, { projectRoot: '', functionsDir: 'convex', source: 'default' });
  });

  describe('in a monorepo', () => {
    const packageJsons = [
      pkg('package.json', {}),
      pkg('apps/web/package.json', { next: '16', '@clerk/nextjs': '7' }),
      pkg('packages/backend/package.json', { convex: '^1.48.0' }),
      pkg('packages/other/package.json', { convex: '^1.48.0' }),
    ];

    it('picks the package that depends on convex, not the workspace root', () => {
      const layout = findConvexDir({ packageJsons: packageJsons.slice(0, 3), convexJsons: [] });
      assert.deepEqual(layout, {
        projectRoot: 'packages/backend',
        functionsDir: 'packages/backend/convex',
        source: 'default',
      });
    });

    it('picks the Convex package containing the given file', () => {
      const layout = findConvexDir({ packageJsons, convexJsons: [], near: 'packages/other/src/index.ts' });
      assert.equal(layout.functionsDir, 'packages/other/convex');
    });

    it('falls back to the shallowest, then alphabetical, Convex package when the file is elsewhere', () => {
      const layout = findConvexDir({ packageJsons, convexJsons: [], near: 'apps/web/app/layout.tsx' });
      assert.equal(layout.functionsDir, 'packages/backend/convex');
    });

    it('applies the convex.json of the chosen package only', () => {
      const layout = findConvexDir({
        packageJsons: packageJsons.slice(0, 3),
        convexJsons: [
          cfg('convex.json', { functions: 'wrong/' }),
          cfg('packages/backend/convex.json', { functions: 'src/convex' }),
        ],
      });
      assert.deepEqual(layout, {
        projectRoot: 'packages/backend',
        functionsDir: 'packages/backend/src/convex',
        source: 'convex.json',
      });
    });
  });
});
