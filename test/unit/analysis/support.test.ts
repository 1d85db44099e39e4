import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analysis/edits';
import { mergeFixEdits } from '../../../src/analysis/mergeFixes';
import { importRefersTo } from '../../../src/analysis/modulePaths';
import { isAnalysable, isAuthConfigFile, mentionsClerkOrConvex, shouldAnalyse } from '../../../src/analysis/prefilter';
import { RULE_LIST } from '../../../src/analysis/ruleCatalog';

describe('analysis: pre-filter, rule catalogue, module paths, fix merging', () => {
  it('pre-filter: finds either name in any case, or an identity read; skips everything else', () => {
    for (const t of [
      'import { ConvexReactClient } from "convex/react"',
      'CLERK_SECRET_KEY=1 // clerk',
      '<ClerkProvider>',
      'ctx.auth.getUserIdentity()',
      'process.env.NEXT_PUBLIC_CONVEX_URL; // convex',
    ])
      assert.equal(mentionsClerkOrConvex(t), true, t);
    for (const t of ['', 'import React from "react";', 'export const x = 1;'.repeat(1000)])
      assert.equal(mentionsClerkOrConvex(t), false);
  });
  it('pre-filter: auth.config files are always analysed; declaration files and non-scripts never', () => {
    assert.equal(isAuthConfigFile('convex/auth.config.ts'), true);
    assert.equal(isAuthConfigFile('C:\\app\\convex\\auth.config.js'), true);
    assert.equal(isAuthConfigFile('convex/auth.config.mjs'), false);
    assert.equal(shouldAnalyse('convex/auth.config.mjs', 'export default {}'), true);
    assert.equal(isAuthConfigFile('convex/myauth.config.ts'), false);
    assert.equal(shouldAnalyse('convex/auth.config.js', 'export default { providers: [] }'), true);
    assert.equal(shouldAnalyse('types.d.ts', 'declare const convex: 1'), false);
    assert.equal(isAnalysable('README.md'), false);
  });
  it('catalogue: stable unique codes, a title, and one of the walkthrough step ids each', () => {
    const steps = new Set(['handoff', 'sandwich', 'authConfig', 'identity', 'authHook']);
    assert.equal(new Set(RULE_LIST.map((r) => r.code)).size, RULE_LIST.length);
    for (const r of RULE_LIST) {
      assert.match(r.code, /^clerk-convex\/[a-z-]+$/);
      assert.ok(r.title.length > 10);
      assert.ok(steps.has(r.lessonStep), r.code);
    }
  });
  it('module paths: relative imports and @/ ~/ aliases resolve to the file; packages never do', () => {
    assert.equal(
      importRefersTo('app/layout.tsx', '@/components/ConvexClientProvider', 'components/ConvexClientProvider.tsx'),
      true,
    );
    assert.equal(
      importRefersTo('app/layout.tsx', '@/components/ConvexClientProvider', 'src/components/ConvexClientProvider.tsx'),
      true,
    );
    assert.equal(importRefersTo('app/layout.tsx', './ConvexClientProvider', 'app/ConvexClientProvider.tsx'), true);
    assert.equal(importRefersTo('src/app/layout.tsx', '../providers', 'src/providers/index.tsx'), true);
    assert.equal(importRefersTo('main.tsx', './providers', 'providers/index.tsx'), true, 'a file at the root');
    assert.equal(
      importRefersTo('app/layout.tsx', './ConvexClientProvider', 'components/ConvexClientProvider.tsx'),
      false,
    );
    assert.equal(importRefersTo('app/layout.tsx', 'convex-client-provider', 'convex-client-provider.tsx'), false);
    assert.equal(importRefersTo('app/layout.tsx', '@/components/Convex', 'components/ConvexClientProvider.tsx'), false);
  });
  it('fix merging: identical edits once, overlapping fixes left for the next run', () => {
    const addImport = { start: 0, end: 0, newText: 'import x;\n' };
    const merged = mergeFixEdits([
      [addImport, { start: 5, end: 6, newText: 'A' }],
      [addImport, { start: 8, end: 9, newText: 'B' }],
      [{ start: 5, end: 9, newText: 'C' }],
    ]);
    assert.equal(applyEdits('0123456789', merged), 'import x;\n01234A67B9');
  });
  it('applyEdits refuses overlapping edits rather than corrupt the text', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { start: 1, end: 4, newText: '' },
        { start: 2, end: 3, newText: 'x' },
      ]),
    );
  });
});
