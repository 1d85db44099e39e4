import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalysisClient } from '../../../src/worker/analysisClient';
import { buildAnalysisWorker } from './workerBundle';
import { spawnNodeWorker } from '../../../src/worker/nodeWorker';
import { PROJECTS_KEPT, type WorkerReply, type WorkerRequest } from '../../../src/worker/protocol';
import { EMPTY_PROJECT, type ProjectSnapshot } from '../../../src/project/types';
import type { AnalysisContext } from '../../../src/analysis/types';

// The real Node worker entry (src/bundles/analysisWorker.ts, bundled here with its analyzer inlined) answering
// each kind of request through the host's client: an analysis, a pre-filter of files on disk, auth.config providers.
describe('the Node analysis worker, every request kind (real worker thread)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: AnalysisClient;
  const posted: WorkerRequest[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-worker-'));
    await buildAnalysisWorker(path.join(dir, 'worker.js'));
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

  const analyseText = (p: string, text: string, context: AnalysisContext = {}) =>
    client.request('analyse', { path: p, source: { text }, context });
  const findingsOf = (o: Awaited<ReturnType<typeof analyseText>>): string[] =>
    o.kind === 'done' && o.value.kind === 'analysed' ? o.value.analysis.findings.map((f) => f.code) : [o.kind];

  it('pre-filters files on disk and analyses the kept ones there: their texts never come to the host', async () => {
    const files = ['Providers.tsx', 'util.ts', 'missing.ts'].map((f) => ({
      path: `components/${f}`,
      fsPath: path.join(dir, f),
    }));
    const pre = await client.request('prefilter', { files, maxBytes: 1024 });
    assert.deepEqual(pre, { kind: 'done', value: { kept: [0], errors: [] } });
    const onDisk = await client.request('analyse', {
      path: 'components/Providers.tsx',
      source: { fsPath: files[0].fsPath, maxBytes: 1024 },
      context: {},
    });
    assert.equal(onDisk.kind === 'done' && onDisk.value.kind, 'analysed');
    const skipped = await client.request('analyse', {
      path: 'components/util.ts',
      source: { fsPath: files[1].fsPath, maxBytes: 1024 },
      context: {},
    });
    assert.equal(skipped.kind === 'done' && skipped.value.kind, 'skipped', 'read there, and not worth analysing');
    const absent = await client.request('analyse', {
      path: 'components/missing.ts',
      source: { fsPath: files[2].fsPath, maxBytes: 1024 },
      context: {},
    });
    assert.deepEqual(absent, { kind: 'done', value: { kind: 'absent' } });
    const replies = posted.filter((r) => r.kind === 'analyse').map((r) => JSON.stringify(r));
    assert.ok(
      replies.every((r) => !r.includes('ConvexProviderWithClerk')),
      'no text of a disk file was sent',
    );
    const text =
      'const x = new ConvexReactClient("https://a.convex.cloud"); import { ConvexReactClient } from "convex/react";\nexport function A() { const c = new ConvexReactClient("u"); return null; }\n';
    assert.ok(findingsOf(await analyseText('components/A.tsx', text)).includes('clerk-convex/client-in-component'));
    assert.equal(client.spawned, 1);
  });

  it('sends a project snapshot once; later analyses name it by key and still see it', async () => {
    // The functions folder lives in a package: an auth.config in convex/ is then in the wrong place.
    const project: ProjectSnapshot = {
      ...structuredClone(EMPTY_PROJECT),
      convexLayout: { projectRoot: 'packages/backend', functionsDir: 'packages/backend/convex', source: 'default' },
    };
    const text = 'export default { providers: [{ domain: "https://a.clerk.accounts.dev", applicationID: "convex" }] };';
    const codes = async (p: ProjectSnapshot) =>
      findingsOf(await analyseText('convex/auth.config.ts', text, { project: p }));
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
      .map((r) => (r.kind === 'analyse' ? r.params.context.project !== undefined : undefined));
    assert.deepEqual(sent, [true, false, true]);
  });

  it('agrees with the worker on which snapshots it still holds (both keep the last PROJECTS_KEPT)', async () => {
    const projects = Array.from({ length: PROJECTS_KEPT + 1 }, () => structuredClone(EMPTY_PROJECT));
    const from = posted.length;
    for (const p of [...projects, projects[0], projects[PROJECTS_KEPT]] as ProjectSnapshot[]) {
      const o = await analyseText('convex/auth.config.ts', 'export default { providers: [] };', { project: p });
      assert.equal(o.kind === 'done' && o.value.kind, 'analysed');
    }
    const sent = posted
      .slice(from)
      .map((r) => (r.kind === 'analyse' ? r.params.context.project !== undefined : undefined));
    // The first one was dropped to make room for the last, so it is sent again; the last is still held.
    assert.deepEqual(sent, [...projects.map(() => true), true, false]);
  });

  it("lists a local folder's source files", async () => {
    const listed = await client.request('list', { root: dir, limit: 100 });
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
    const read = await client.request('authConfigs', {
      files: [{ text, path: 'convex/auth.config.ts', uri: 'file:///w/convex/auth.config.ts' }],
    });
    assert.equal(read.kind, 'done');
    const [info] = read.kind === 'done' ? read.value : [];
    assert.deepEqual(info?.providers[0]?.domain, { kind: 'env', name: 'CLERK_JWT_ISSUER_DOMAIN' });
    assert.equal(info?.providers[0]?.applicationID, 'convex');
  });

  it("sends its thread's CPU time with each reply, on the host's clock, so the client does not ask per request", async () => {
    const replies: WorkerReply[] = [];
    let asked = 0;
    let port: ReturnType<typeof spawnNodeWorker> | undefined;
    const own = new AnalysisClient({
      spawn: () => {
        const p = (port = spawnNodeWorker(path.join(dir, 'worker.js')));
        return {
          ...p,
          onReply: (listener) => p.onReply((r) => (replies.push(r), listener(r))),
          ...(p.cpuTimeMs ? { cpuTimeMs: () => (asked++, p.cpuTimeMs!()) } : {}),
        };
      },
      budgetMs: 30_000,
    });
    try {
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await own.request('analyse', { path: 'a.tsx', source: { text: 'let a = 1;' }, context: {} })).kind,
          'done',
        );
      const stamps = replies.map((r) => r.cpuMs);
      const threadCpu = (process as { threadCpuUsage?: unknown }).threadCpuUsage;
      if (typeof threadCpu !== 'function') {
        // This Node has no process.threadCpuUsage: no stamps, and the client asks at each request's start as before.
        assert.deepEqual(stamps, [undefined, undefined, undefined, undefined]);
        return;
      }
      assert.equal(stamps.length, 4, 'ready and three replies');
      assert.ok(
        stamps.every((c) => typeof c === 'number'),
        `stamps ${stamps.join(', ')}`,
      );
      assert.ok(
        stamps.every((c, i) => i === 0 || c >= stamps[i - 1]),
        `a clock that only grows: ${stamps.join(', ')}`,
      );
      assert.equal(asked, 0, 'the client did not interrupt the worker to read its clock');
      if (port?.cpuTimeMs) {
        // Where the host can read the worker's clock too, it is the same one: not behind the last stamp, and the
        // idle worker has used little since (a wide margin for a loaded machine).
        const now = await port.cpuTimeMs();
        assert.ok(
          now !== undefined && now >= stamps[3] && now - stamps[3] < 500,
          `host ${now}, last stamp ${stamps[3]}`,
        );
      }
    } finally {
      own.dispose();
    }
  });
});
