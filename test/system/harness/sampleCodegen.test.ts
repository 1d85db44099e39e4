// The sample's committed convex/_generated/ is what its pinned convex writes after a push: generated here again
// from that package's own codegen templates (scripts/lib/sampleCodegen.mjs; the CLI needs a deployment for it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const sample = path.join(root, 'sample');
const read = (f: string) => fs.readFileSync(path.join(sample, f), 'utf8');

describe("the sample's convex/_generated", () => {
  it('is exactly what the pinned convex writes after a push (its own templates)', async function () {
    this.timeout(60_000);
    const { sampleCodegen } = (await import(
      path.join(root, 'scripts', 'lib', 'sampleCodegen.mjs')
    )) as typeof import('../../../scripts/lib/sampleCodegen.mjs');
    const pinned = (JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies.convex;
    const { version, modules, files } = await sampleCodegen(
      path.join(root, 'node_modules', 'convex'),
      path.join(sample, 'convex'),
    );
    assert.equal(version, pinned, 'the installed dev dependency is the convex the sample pins');
    assert.deepEqual(modules, ['messages.ts']);
    assert.deepEqual(Object.keys(files).sort(), fs.readdirSync(path.join(sample, 'convex', '_generated')).sort());
    for (const [name, text] of Object.entries(files))
      assert.equal(
        read(`convex/_generated/${name}`),
        text,
        `convex/_generated/${name} (node scripts/sample-codegen.mjs)`,
      );
  });

  it('lists function modules as the CLI does: no schema, no dotted names, no _generated, nested folders kept', async () => {
    const { functionModules } = (await import(
      path.join(root, 'scripts', 'lib', 'sampleCodegen.mjs')
    )) as typeof import('../../../scripts/lib/sampleCodegen.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-modules-'));
    try {
      const put = (f: string, text = 'export const x = 1;\n') => {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
      };
      put('messages.ts');
      put('schema.ts');
      put('auth.config.ts');
      put('_generated/api.js');
      put('lib/util.ts');
      put('.hidden.ts');
      put('notes.md');
      put('empty.ts', '// nothing\n');
      put('with space.ts');
      assert.deepEqual(
        functionModules(dir).map((f) => path.relative(dir, f)),
        ['lib/util.ts', 'messages.ts'].map((f) => f.split('/').join(path.sep)),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
