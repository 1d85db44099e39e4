import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLocalFileSync } from '../../../src/worker/localRead';
import { HeldTexts, prefilter } from '../../../src/worker/serve';

// The worker's half of the index's initial scan: read each file (size rule in bytes), keep what the analyzer
// would look at, drop the rest without a word, report files that exist but cannot be read.
describe('pre-filter in the worker (the index scan reads files there)', () => {
  let dir: string;
  const files: Record<string, string> = {
    'app/layout.tsx': 'import { ClerkProvider } from "@clerk/nextjs";\nexport default function L() { return null; }\n',
    'convex/auth.config.ts': 'export default { providers: [] };\n', // names neither, but an auth config always counts
    'src/lib/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
    'convex/big.ts': `// é ${'x'.repeat(60)}\nimport { query } from "convex/server";\n`,
  };
  const at = (rel: string) => ({ path: rel, fsPath: path.join(dir, rel) });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefilter-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the files worth analysing (their texts stay in the worker) and drops the others', () => {
    const params = { maxBytes: 1024, files: Object.keys(files).map(at) };
    const held = new HeldTexts();
    const result = prefilter(params, readLocalFileSync, held);
    assert.deepEqual(
      result.kept.map((i) => params.files[i]?.path),
      ['app/layout.tsx', 'convex/auth.config.ts', 'convex/big.ts'],
    );
    assert.equal(held.take(at('app/layout.tsx').fsPath), files['app/layout.tsx']);
    assert.equal(held.take(at('app/layout.tsx').fsPath), undefined, 'taken once');
    assert.equal(held.take(at('src/lib/util.ts').fsPath), undefined, 'a dropped file is not held');
    assert.deepEqual(result.errors, []);
  });

  it('holds texts within its bound, the oldest let go first', () => {
    const held = new HeldTexts(10);
    held.hold('/a', '12345');
    held.hold('/b', '12345');
    held.hold('/c', '1');
    assert.equal(held.take('/a'), undefined);
    assert.equal(held.take('/b'), '12345');
    assert.equal(held.take('/c'), '1');
  });

  it('measures the cap in bytes: a file whose characters fit but whose bytes do not is not read', () => {
    const big = files['convex/big.ts'];
    const bytes = Buffer.byteLength(big);
    assert.ok(big.length < bytes);
    const keptWith = (maxBytes: number) =>
      prefilter({ maxBytes, files: [at('convex/big.ts')] }, readLocalFileSync).kept.length;
    assert.equal(keptWith(bytes), 1);
    assert.equal(keptWith(big.length), 0);
  });

  it('says nothing of a file gone since the search or a folder, and reports one that cannot be read', () => {
    const quiet = prefilter(
      { maxBytes: 1024, files: [at('gone.ts'), at('app'), at('app/layout.tsx/x.ts')] },
      readLocalFileSync,
    );
    assert.deepEqual(quiet, { kept: [], errors: [] });
    const failing = () => {
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    };
    const loud = prefilter({ maxBytes: 1024, files: [at('app/layout.tsx')] }, failing);
    assert.deepEqual(loud, { kept: [], errors: [{ index: 0, message: 'EIO: i/o error, read' }] });
  });
});
