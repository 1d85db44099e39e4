import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { valueImports } from './panelCore.test';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

function resolveModule(base: string): string | undefined {
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

/** Every src module the file reaches through run-time imports (what esbuild puts in the same bundle). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    // lazy.ts's own import()/require() of ./bundles/* are the lazy loads themselves, not part of this bundle.
    for (const spec of valueImports(file, text)) {
      const resolved = resolveModule(spec);
      if (resolved && resolved.startsWith(SRC)) stack.push(resolved);
    }
  }
  return seen;
}

function reexports(entry: string): string[] {
  const text = fs.readFileSync(entry, 'utf8');
  return [...text.matchAll(/\bexport\s+\{[^}]*\}\s+from\s*['"]([^'"]+)['"]/g)].flatMap((m) => {
    const resolved = resolveModule(path.resolve(path.dirname(entry), m[1]));
    return resolved ? [resolved] : [];
  });
}

// Bundles the host requires on first use (src/lazy.ts): none of their modules may be reached from activation, or
// dist/extension.js carries them again (the bench's activation-bundle row is what this keeps within budget).
describe('lazily required bundles stay out of the activation bundle', () => {
  const activation = reachable(path.join(SRC, 'extension.ts'));

  for (const bundle of ['joins', 'panelCore']) {
    it(`no module src/bundles/${bundle}.ts re-exports is reached from src/extension.ts`, () => {
      const modules = reexports(path.join(SRC, 'bundles', `${bundle}.ts`));
      assert.ok(modules.length > 0);
      assert.deepEqual(
        modules.filter((m) => activation.has(m)).map((m) => path.relative(SRC, m)),
        [],
      );
    });
  }

  it('the walk follows run-time imports across folders (the check itself)', () => {
    assert.ok(activation.has(path.join(SRC, 'workspace', 'model.ts')));
    assert.ok(activation.has(path.join(SRC, 'analysis', 'componentContext.ts')));
    assert.ok(!activation.has(path.join(SRC, 'analysis', 'parse.ts')), 'Babel stays out');
  });

  it('every bundle the Node build writes beside dist/extension.js is packaged (.vscodeignore)', () => {
    const build = fs.readFileSync(path.join(ROOT, 'scripts', 'build.mjs'), 'utf8');
    const block = /entryPoints:\s*\{([^}]*)\}/.exec(build)?.[1] ?? '';
    const names = [...block.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]);
    assert.ok(names.includes('extension') && names.includes('joins'), names.join(', '));
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.deepEqual(
      names.filter((n) => !ignore.includes(`!dist/${n}.js`)),
      [],
    );
  });
});
