import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /\bimport\s+(type\s+)?([\s\S]*?)\s+from\s*['"]([^'"]+)['"]/g;

/** The modules a file imports a run-time value from (an `import type`, or `{ type A }` alone, brings none). */
export function valueImports(file: string, source = fs.readFileSync(file, 'utf8')): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const found: string[] = [];
  for (const [, typeOnly, clause, spec] of text.matchAll(IMPORT)) {
    if (typeOnly || !spec.startsWith('.')) continue;
    const named = /^\{([\s\S]*)\}$/.exec(clause.trim());
    const values = named ? named[1].split(',').filter((s) => s.trim() !== '' && !/^\s*type\s/.test(s)) : [clause];
    if (values.length > 0) found.push(path.resolve(path.dirname(file), spec));
  }
  return found;
}

// The token panel's core is required with the first panel (src/lazy.ts, panelCore()), so dist/extension.js does
// not carry it: an adapter that imports one of its modules for a value pulls that module back into activation.
describe('the token panel core stays out of the activation bundle', () => {
  const entry = path.join(SRC, 'bundles', 'panelCore.ts');
  const core = valueImports(entry).concat(
    [...fs.readFileSync(entry, 'utf8').matchAll(/\bexport\s+\{[^}]*\}\s+from\s*['"]([^'"]+)['"]/g)].map((m) =>
      path.resolve(path.dirname(entry), m[1]),
    ),
  );

  it('re-exports the modules it is for', () => {
    assert.ok(core.length >= 10, `panelCore.ts re-exports ${core.length} modules`);
    assert.ok(core.includes(path.join(SRC, 'protocol', 'parseMessage')));
  });

  it('no adapter imports a value from one of its modules (types only; values come through panelCore())', () => {
    const adapters = [path.join(SRC, 'extension.ts'), ...sourceFiles(path.join(SRC, 'features'))];
    const offenders = adapters.flatMap((file) =>
      valueImports(file)
        .filter((m) => core.includes(m))
        .map((m) => `${path.relative(SRC, file)} → ${path.relative(SRC, m)}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('catches a value import, and lets a type-only one pass (the check itself)', () => {
    const probe = [
      "import type { A } from './a';",
      "import { type B } from './b';",
      "import { c, type D } from './c';",
      "import e from './e';",
      "import * as f from './f';",
    ].join('\n');
    assert.deepEqual(
      valueImports(path.join(SRC, 'probe.ts'), probe).map((m) => path.basename(m)),
      ['c', 'e', 'f'],
    );
  });
});
