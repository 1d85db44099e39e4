import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { spawnNodeWorker } from '../../../src/worker/nodeWorker';
import { PROJECTS_KEPT, type WorkerRequest } from '../../../src/worker/protocol';
import { EMPTY_PROJECT, type ProjectSnapshot } from '../../../src/project/types';

// The real Node worker entry (src/bundles/analysisWorker.ts, bundled here with its analyzer inlined) answering
// each kind of request through the host's client: an analysis, a pre-filter of files on disk, auth.config providers.
describe('the Node analysis worker, every request kind (real worker thread)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: AnalysisClient;
  const posted: WorkerRequest[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-worker-'));
    await build({
      entryPoints: [path.resolve(__dirname, '../../../src/bundles/analysisWorker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      outfile: path.join(dir, 'worker.js'),
      logLevel: 'silent',
    });
    fs.writeFileSync(
      path.join(dir, 'Providers.tsx'),
      'import { ConvexProviderWithClerk } from "convex/react-clerk";\n',
    );
    fs.writeFileSync(path.join(dir, 'util.ts'), 'export const one = 1;\n');
    client = new AnalysisClient({
      spawn: () => {
        const port = spawnNodeWorker(path.join(dir, 'worker.js'));
        return {
          ...port,
          post: (r) => {
            posted.push(r);
            port.post(r);
          },
        };
      },
      budgetMs: 30_000,
    });
  });
  after(() => {
    client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pre-filters files on disk and analyses, on the same worker', async () => {
    const files = ['Providers.tsx', 'util.ts', 'missing.ts'].map((f) => ({
      path: `components/${f}`,
      fsPath: path.join(dir, f),
    }));
    const pre = await client.prefilter(files, 1024);
    assert.equal(pre.kind, 'done');
    assert.deepEqual(pre.kind === 'done' && pre.value.kept.map((k) => k.index), [0]);
    const text =
      'const x = new ConvexReactClient("https://a.convex.cloud"); import { ConvexReactClient } from "convex/react";\nexport function A() { const c = new ConvexReactClient("u"); return null; }\n';
    const analysed = await client.analyse('components/A.tsx', text, {});
    assert.equal(analysed.kind, 'analysed');
    assert.ok(
      analysed.kind === 'analysed' &&
        analysed.analysis.findings.some((f) => f.code === 'clerk-convex/client-in-component'),
    );
    assert.equal(client.spawned, 1);
  });

  it('sends a project snapshot once; later analyses name it by key and still see it', async () => {
    // The functions folder lives in a package: an auth.config in convex/ is then in the wrong place.
    const project: ProjectSnapshot = {
      ...structuredClone(EMPTY_PROJECT),
      convexLayout: { projectRoot: 'packages/backend', functionsDir: 'packages/backend/convex', source: 'default' },
    };
    const text = 'export default { providers: [{ domain: "https://a.clerk.accounts.dev", applicationID: "convex" }] };';
    const codes = async (p: ProjectSnapshot) => {
      const o = await client.analyse('convex/auth.config.ts', text, { project: p });
      return o.kind === 'analysed' ? o.analysis.findings.map((f) => f.code) : [o.kind];
    };
    const from = posted.length;
    assert.ok((await codes(project)).includes('clerk-convex/auth-config-location'));
    assert.ok(
      (await codes(project)).includes('clerk-convex/auth-config-location'),
      'the second request, without the snapshot',
    );
    const other = structuredClone(EMPTY_PROJECT); // functions in convex/: the same file is where it belongs
    assert.ok(!(await codes(other)).includes('clerk-convex/auth-config-location'));
    const sent = posted
      .slice(from)
      .map((r) => (r.kind === 'analyse' || r.kind === undefined ? r.context.project !== undefined : undefined));
    assert.deepEqual(sent, [true, false, true]);
  });

  it('agrees with the worker on which snapshots it still holds (both keep the last PROJECTS_KEPT)', async () => {
    const projects = Array.from({ length: PROJECTS_KEPT + 1 }, () => structuredClone(EMPTY_PROJECT));
    const from = posted.length;
    for (const p of [...projects, projects[0], projects[PROJECTS_KEPT]] as ProjectSnapshot[]) {
      const o = await client.analyse('convex/auth.config.ts', 'export default { providers: [] };', { project: p });
      assert.equal(o.kind, 'analysed', o.kind === 'failed' ? o.reason : o.kind);
    }
    const sent = posted
      .slice(from)
      .map((r) => (r.kind === 'analyse' || r.kind === undefined ? r.context.project !== undefined : undefined));
    // The first one was dropped to make room for the last, so it is sent again; the last is still held.
    assert.deepEqual(sent, [...projects.map(() => true), true, false]);
  });

  it("lists a local folder's source files", async () => {
    const listed = await client.listSources(dir, 100);
    assert.equal(listed.kind, 'done');
    // worker.js is the bundle this test built: a source file too.
    assert.deepEqual(listed.kind === 'done' && [...listed.value.paths].sort(), [
      'Providers.tsx',
      'util.ts',
      'worker.js',
    ]);
  });

  it('reads auth.config providers in the worker', async () => {
    const text =
      'export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }] };';
    const read = await client.readAuthConfigs([
      { text, path: 'convex/auth.config.ts', uri: 'file:///w/convex/auth.config.ts' },
    ]);
    assert.equal(read.kind, 'done');
    const [info] = read.kind === 'done' ? read.value : [];
    assert.deepEqual(info?.providers[0]?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.equal(info?.providers[0]?.applicationID, 'convex');
  });
});
