import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const FEATURES = path.resolve(__dirname, '../../../src/features');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

/**
 * `void promise.then(handler)` drops a rejection on the floor: an unhandled rejection in the extension host, and
 * nothing in our log. Work nobody awaits goes through inBackground() (src/features/log.ts), or its `.then` takes a
 * rejection handler, or a `.catch` follows on the same statement.
 */
export function unhandledThens(text: string): string[] {
  const statements = text.split(/;\s*\n/);
  return statements
    .filter(
      (s) =>
        /\bvoid\s+[\s\S]*\.then\(/.test(s) &&
        !/\.catch\(|\.then\(undefined,|,\s*\(\)\s*=>\s*undefined\s*,?\s*\)/.test(s),
    )
    .map((s) => s.trim().split('\n')[0] ?? '');
}

describe('background work in src/features', () => {
  it('never leaves a rejected promise unhandled (`void x.then(…)` without a rejection handler)', () => {
    const found = files(FEATURES).flatMap((f) =>
      unhandledThens(fs.readFileSync(f, 'utf8')).map((s) => `${path.relative(FEATURES, f)}: ${s}`),
    );
    assert.deepEqual(found, []);
  });

  it('the check sees the pattern, and accepts a handled one', () => {
    assert.equal(unhandledThens('void lesson().then((l) => l.controller.record(e));\n').length, 1);
    assert.equal(unhandledThens('void lesson().then((l) => l.go(), () => undefined);\n').length, 0);
    assert.equal(unhandledThens('void lesson().then((l) => l.go()).catch((e) => log(e));\n').length, 0);
  });
});
