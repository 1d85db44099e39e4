// The exercise's second half on real function code, end to end: the runner's child processes, the real
// ConvexHttpClient and the Convex stand-in. What crosses the wire, the identity the function sees, and the plain
// messages for a project that cannot run (the leak verdicts are in functionSet.test.ts, the attacks on the runner
// itself in hostile.test.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convexFolder } from '../../../src/analysis/convexFunctions';
import { createHandoffModel, type HandoffModel } from '../../../src/exercise';
import { convexHttpClient } from '../../../src/exercise/run/httpClient';
import { runOwnFunction, type OwnRunResult } from '../../../src/exercise/run/ownFunctionRun';
import { FunctionRunner } from '../../../src/exercise/run/runner';
import {
  FIXTURES,
  fixSampleMessages,
  SAMPLE_CONVEX,
  tempProject,
  type TempProject,
} from '../../unit/exercise/projects';
import { runnerBundle } from './tsxChild';

type Ran = Extract<OwnRunResult, { status: 'ran' }>;

describe("running the learner's own Convex function (child processes, convex-test, real ConvexHttpClient)", function () {
  this.timeout(120_000);
  let model: HandoffModel;
  let entry: string;
  const projects: TempProject[] = [];
  before(async () => {
    model = await createHandoffModel({ transport: 'http' });
    entry = await runnerBundle();
  });
  after(async () => {
    await model.close();
    for (const p of projects) p.remove();
  });

  async function run(
    p: TempProject,
    pick?: string,
    extra: { timeoutMs?: number; env?: Record<string, string>; missingEnv?: string[] } = {},
  ): Promise<OwnRunResult> {
    projects.push(p);
    const files = fs
      .readdirSync(p.functionsDir)
      .filter((f) => f.endsWith('.ts'))
      .map((rel) => ({ rel, text: fs.readFileSync(path.join(p.functionsDir, rel), 'utf8') }));
    const info = convexFolder(files);
    const runner = new FunctionRunner({
      entry,
      timeoutMs: extra.timeoutMs ?? 20_000,
      maxMemoryMb: 256,
      ...(extra.env ? { env: extra.env } : {}),
    });
    try {
      return await runOwnFunction({
        model,
        runner,
        client: convexHttpClient,
        projectDir: p.dir,
        functionsDir: p.functionsDir,
        listed: info.functions,
        tables: info.tables,
        ...(extra.missingEnv ? { missingEnv: extra.missingEnv } : {}),
        ...(pick ? { pick } : {}),
      });
    } finally {
      runner.close();
    }
  }
  const ran = (r: OwnRunResult): Ran => {
    assert.equal(r.status, 'ran', r.status === 'not-run' ? r.message : '');
    return r;
  };

  it('the request is the one ConvexHttpClient sends; anonymous without Authorization; the CLI command to repeat it', async () => {
    const r = ran(await run(tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': fixSampleMessages } })));
    const a = r.calls.find((c) => c.caller === 'A');
    assert.deepEqual(a?.exchange?.request.body, { path: 'messages:list', format: 'convex_encoded_json', args: [{}] });
    assert.match(a?.exchange?.request.headers.Authorization ?? '', /^Bearer ey/);
    assert.equal(r.calls.find((c) => c.caller === 'anonymous')?.exchange?.request.headers.Authorization, undefined);
    assert.equal(a?.exchange?.response.status, 200);
    assert.match(
      r.commands[0]?.command ?? '',
      /^npx convex run messages:list '\{\}' --identity '\{"tokenIdentifier":"https:\/\/clerk\.exercise\.invalid\|user_2aLice/,
    );
  });

  it('the identity the function sees is what Convex derives from the verified token, field by field', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'shapes')]), 'notes:whoami'));
    assert.deepEqual(r.calls.find((c) => c.caller === 'anonymous')?.client, { ok: true, value: null });
    for (const who of ['A', 'B'] as const) {
      const call = r.calls.find((c) => c.caller === who);
      assert.ok(call?.client.ok);
      const seen = call.client.value as Record<string, unknown>;
      assert.equal(seen.subject, r.users[who].id);
      assert.equal(seen.tokenIdentifier, `${model.issuerUrl}|${r.users[who].id}`);
      assert.deepEqual(seen, r.identities[who]);
    }
  });

  it('clear messages: convex not installed, _generated missing, an HTTP action, an internal function, import and syntax errors', async () => {
    const noConvex = await run(tempProject([SAMPLE_CONVEX], { nodeModules: false }));
    assert.equal(noConvex.status === 'not-run' && noConvex.reason, 'no-convex');
    const noGenerated = await run(tempProject([SAMPLE_CONVEX], { generated: false }));
    assert.match(
      noGenerated.status === 'not-run' ? noGenerated.message : '',
      /_generated is missing: run npx convex dev/,
    );
    const shapes = tempProject([path.join(FIXTURES, 'shapes')]);
    const http = await run(shapes, 'notes:hook');
    assert.match(http.status === 'not-run' ? http.message : '', /is an HTTP action/);
    const internal = await run(shapes, 'notes:allNotes');
    assert.equal(internal.status === 'not-run' && internal.reason, 'internal');
    const throwsOnImport = await run(
      tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': (t) => `${t}\nthrow new Error("broken at import");\n` } }),
    );
    assert.match(
      throwsOnImport.status === 'not-run' ? throwsOnImport.message : '',
      /messages\.ts: importing it threw: broken at import/,
    );
    const syntax = await run(
      tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': (t) => `${t}\nexport const = ;\n` } }),
    );
    assert.equal(syntax.status === 'not-run' && syntax.reason, 'build');
  });

  it('an env variable read at import: given by name from the local env files, or a message that names it', async () => {
    const readsKey = (t: string) =>
      `${t}\nconst key = process.env.OPENAI_API_KEY;\nif (!key) throw new Error("OPENAI_API_KEY is not set");\nexport const keyLength = query({ args: {}, handler: async () => key.length });\n`;
    const missing = await run(tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': readsKey } }), undefined, {
      missingEnv: ['OPENAI_API_KEY'],
    });
    assert.match(
      missing.status === 'not-run' ? missing.message : '',
      /OPENAI_API_KEY is not set.*Your code reads OPENAI_API_KEY when it is imported, and no local env file \(\.env\.local, \.env\) sets it/,
    );
    const given = ran(
      await run(tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': readsKey } }), 'messages:keyLength', {
        env: { OPENAI_API_KEY: 'sk-12345' },
      }),
    );
    assert.deepEqual(given.calls.find((c) => c.caller === 'A')?.client, { ok: true, value: 8 });
  });

  it('a seeding mutation that never returns ends the seeding with the runner stopped; the calls say so, not pass', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'stuckSeed')]), 'items:quick', { timeoutMs: 1500 }));
    assert.match(
      r.seeded.note,
      /Writing rows stopped: items:addForever: items:addForever did not finish: it ran longer/,
    );
    assert.equal(r.verdict, 'unknown');
    assert.ok(r.calls.every((c) => c.verdict === 'unknown'));
    assert.match(r.calls[0]?.message ?? '', /^Stopped by the runner: items:quick did not finish/);
  });

  it("fetch in a query is refused as Convex refuses it; an action's fetch meets the closed network", async () => {
    const p = tempProject([path.join(FIXTURES, 'runaway')]);
    const q = ran(await run(p, 'loops:fetchInQuery'));
    assert.match(q.calls[0]?.message ?? '', /`fetch` is not supported in Convex queries or mutations/);
    const a = ran(await run(p, 'loops:phoneHome'));
    assert.equal(a.calls[0]?.exchange?.request.url.endsWith('/api/action'), true);
    assert.match(
      a.calls[0]?.message ?? '',
      /tried to reach the network.*network access is off in the exercise’s runner/,
    );
  });
});
