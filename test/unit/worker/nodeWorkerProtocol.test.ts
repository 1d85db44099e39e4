import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { spawnNodeWorker } from '../../../src/worker/nodeWorker';

// The real Node worker entry (src/bundles/analysisWorker.ts, bundled here with its analyzer inlined) answering
// each kind of request through the host's client: an analysis, a pre-filter of files on disk, auth.config providers.
describe('the Node analysis worker, every request kind (real worker thread)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: AnalysisClient;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-worker-'));
    await build({
      entryPoints: [path.resolve(__dirname, '../../../src/bundles/analysisWorker.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile: path.join(dir, 'worker.js'), logLevel: 'silent',
    });
    fs.writeFileSync(path.join(dir, 'Providers.tsx'), 'import { ConvexProviderWithClerk } from "convex/react-clerk";\n');
    fs.writeFileSync(path.join(dir, 'util.ts'), 'export const one = 1;\n');
    client = new AnalysisClient({ spawn: () => spawnNodeWorker(path.join(dir, 'worker.js')), budgetMs: 30_000 });
  });
  after(() => {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pre-filters files on disk and analyses, on the same worker', async () => {
    const files = ['Providers.tsx', 'util.ts', 'missing.ts'].map((f) => ({ path: `components/${f}`, fsPath: path.join(dir, f) }));
    const pre = await client.prefilter(files, 1024);
    assert.equal(pre.kind, 'done');
    assert.deepEqual(pre.kind === 'done' && pre.value.kept.map((k) => k.index), [0]);
    const text = 'const x = new ConvexReactClient("https://a.convex.cloud"); import { ConvexReactClient } from "convex/react";\nexport function A() { const c = new ConvexReactClient("u"); return null; }\n';
    const analysed = await client.analyse('components/A.tsx', text, {});
    assert.equal(analysed.kind, 'analysed');
    assert.ok(analysed.kind === 'analysed' && analysed.analysis.findings.some((f) => f.code === 'clerk-convex/client-in-component'));
    assert.equal(client.spawned, 1);
  });

  it('reads auth.config providers in the worker', async () => {
    const text = 'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };';
    const read = await client.readAuthConfigs([{ text, path: 'convex/auth.config.ts', uri: 'file:///w/convex/auth.config.ts' }]);
    assert.equal(read.kind, 'done');
    const [info] = read.kind === 'done' ? read.value : [];
    assert.deepEqual(info?.providers[0]?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.equal(info?.providers[0]?.applicationID, 'convex');
  });
});
