import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIndexedSource } from '../../../src/project/sourceFiles';
import { listSources } from '../../../src/worker/listSources';

// The worker's walk stands in for workspace.findFiles(SOURCE_GLOB, EXCLUDE_GLOB): same files, same exclusions.
describe('listing a local folder for the index scan (the worker walks it)', () => {
  let root: string;
  const write = (rel: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), '');
  };

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'list-sources-'));
    for (const rel of [
      'app/layout.tsx',
      'convex/messages.ts',
      'convex/auth.config.ts',
      'src/a.mjs',
      'src/b.cts',
      '.storybook/main.js',
      'README.md',
      'src/types.d.ts',
      'node_modules/x/index.js',
      'packages/web/node_modules/y.js',
      'dist/out.js',
      'packages/web/.next/page.js',
      'convex/_generated/api.ts',
      'packages/api/convex/_generated/server.js',
      'packages/api/convex/schema.ts',
      'lib/_generated/kept.ts',
    ])
      write(rel);
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'linked'), 'dir'); // followed, as the search does
    fs.symlinkSync(root, path.join(root, 'src', 'loop'), 'dir'); // a cycle: each real folder is entered once
    fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.ts'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists the source files outside build output, dependencies and Convex codegen, following folder links once', () => {
    const { paths, truncated } = listSources(root, 1000);
    assert.equal(truncated, false);
    const expected = [
      'app/layout.tsx',
      'convex/messages.ts',
      'convex/auth.config.ts',
      'src/a.mjs',
      'src/b.cts',
      '.storybook/main.js',
      'packages/api/convex/schema.ts',
      'lib/_generated/kept.ts',
    ];
    // `src` is reached once, either directly or through `linked`.
    const fromSrc = paths.filter((p) => p.endsWith('a.mjs') || p.endsWith('b.cts'));
    assert.equal(fromSrc.length, 2, paths.join(', '));
    const normalised = paths.map((p) => p.replace(/^linked\//, 'src/')).sort();
    assert.deepEqual(normalised, [...expected].sort());
  });

  it('agrees with the glob rules every listed path is checked by', () => {
    for (const p of listSources(root, 1000).paths) assert.equal(isIndexedSource(p), true, p);
    for (const p of [
      'node_modules/x/index.js',
      'a/dist/b.ts',
      'src/types.d.ts',
      'convex/_generated/api.ts',
      'x/convex/_generated/y.js',
      'README.md',
    ]) {
      assert.equal(isIndexedSource(p), false, p);
    }
    assert.equal(isIndexedSource('lib/_generated/kept.ts'), true);
  });

  it('stops at the limit and says so', () => {
    const { paths, truncated } = listSources(root, 3);
    assert.equal(paths.length, 3);
    assert.equal(truncated, true);
  });

  it('lists nothing for a folder that does not exist', () => {
    assert.deepEqual(listSources(path.join(root, 'nope'), 10), { paths: [], truncated: false });
  });
});
