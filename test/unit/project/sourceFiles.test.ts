import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAnalysable } from '../../../src/analysis/prefilter';
import {
  EXCLUDED_DIRS,
  inExcludedDir,
  isConfigFile,
  isExcludedDir,
  isFunctionModule,
  isIndexedSource,
  isSourceFileName,
  SOURCE_EXCLUDE_GLOB,
  SOURCE_EXTENSIONS,
} from '../../../src/project/sourceFiles';

// The one policy of which files count (issue 22): the walker, the watchers and the search must agree, and every
// question is asked on a workspace-relative path.
describe('which files count (src/project/sourceFiles.ts)', () => {
  it('reads source files outside build output and Convex codegen, declarations excluded', () => {
    for (const yes of ['app/layout.tsx', 'a.mts', 'lib/b.cts', 'convex/messages.ts', 'src/_generated/kept.ts'])
      assert.equal(isIndexedSource(yes), true, yes);
    for (const no of [
      'convex/_generated/api.ts',
      'packages/b/convex/_generated/server.js',
      'node_modules/x/index.js',
      'build/out.js',
      'types.d.ts',
      'types.d.mts',
      'types.d.cts',
      'README.md',
    ])
      assert.equal(isIndexedSource(no), false, no);
  });

  it('tests workspace-relative paths only: the folders above the workspace (~/build/proj) do not count', () => {
    // A workspace at /home/me/build/proj: its files are "app/layout.tsx", never "/home/me/build/proj/…".
    assert.equal(inExcludedDir('app/layout.tsx'), false);
    assert.equal(isIndexedSource('app/layout.tsx'), true);
    assert.equal(inExcludedDir('build/app/layout.tsx'), true, 'inside the project, build/ is build output');
  });

  it("the walker's folder rule and the watcher's file rule agree on every path", () => {
    const segment = fc.oneof(
      fc.constantFrom(...EXCLUDED_DIRS, 'convex', '_generated', 'src', 'app', 'packages'),
      fc.stringMatching(/^[a-z_.]{1,6}$/),
    );
    const name = fc
      .tuple(fc.stringMatching(/^[a-z]{1,5}$/), fc.constantFrom(...SOURCE_EXTENSIONS, 'd.ts', 'md', 'json'))
      .map(([base, ext]) => `${base}.${ext}`);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), name, (dirs, file) => {
        const rel = [...dirs, file].join('/');
        // The walker enters a folder unless isExcludedDir says no, and keeps a file by its name.
        const walked = dirs.every((_, i) => !isExcludedDir(dirs.slice(0, i + 1).join('/'))) && isSourceFileName(file);
        assert.equal(isIndexedSource(rel), walked, rel);
        // The pre-filter's name rule is the same as the index's.
        assert.equal(isAnalysable(rel), isSourceFileName(file), rel);
      }),
    );
  });

  it('the search exclude names every excluded folder, the declarations and Convex codegen', () => {
    for (const dir of EXCLUDED_DIRS) assert.ok(SOURCE_EXCLUDE_GLOB.includes(`**/${dir}/**`), dir);
    for (const part of ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/convex/_generated/**'])
      assert.ok(SOURCE_EXCLUDE_GLOB.includes(part), part);
  });

  it('follows tsconfig and jsconfig files (and their bases) outside excluded folders', () => {
    for (const yes of ['tsconfig.json', 'packages/web/tsconfig.base.json', 'jsconfig.json'])
      assert.equal(isConfigFile(yes), true, yes);
    for (const no of ['node_modules/x/tsconfig.json', 'package.json', 'dist/tsconfig.json'])
      assert.equal(isConfigFile(no), false, no);
  });

  it("counts the exercise's function modules as Convex does", () => {
    for (const yes of ['messages.ts', 'folder/file.js', 'users.mjs', 'x.cjs', 'a.tsx'])
      assert.equal(isFunctionModule(yes), true, yes);
    for (const no of [
      'schema.ts',
      'auth.config.ts',
      'convex.config.ts',
      '_generated/api.ts',
      'a.test.ts',
      'b.spec.js',
      'types.d.ts',
      '.hidden/x.ts',
      'node_modules/x.js',
    ])
      assert.equal(isFunctionModule(no), false, no);
  });
});
