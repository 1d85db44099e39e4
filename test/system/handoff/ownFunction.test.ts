// The exercise's second half on real function code: the sample's convex/messages.ts (as shipped, and fixed the
// way the lesson fixes it) and other shapes, run in the runner's child process through the real ConvexHttpClient
// and the Convex stand-in, as anonymous, as Alice and as Bob.
import assert from 'node:assert/strict';
import path from 'node:path';
import { createHandoffModel, type HandoffModel } from '../../../src/handoff';
import { listFunctions } from '../../../src/handoff/run/listFunctions';
import { convexHttpClient } from '../../../src/handoff/run/httpClient';
import { runOwnFunction, type OwnRunResult } from '../../../src/handoff/run/ownFunctionRun';
import { FunctionRunner } from '../../../src/handoff/run/runner';
import fs from 'node:fs';
import { FIXTURES, fixSampleMessages, SAMPLE_CONVEX, tempProject, type TempProject } from '../../unit/handoff/projects';
import { childUnderTsx } from './tsxChild';

function listed(p: TempProject): ReturnType<typeof listFunctions> {
  const files = fs
    .readdirSync(p.functionsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((rel) => ({ rel, text: fs.readFileSync(path.join(p.functionsDir, rel), 'utf8') }));
  return listFunctions(files);
}

type Ran = Extract<OwnRunResult, { status: 'ran' }>;

describe("running the learner's own Convex function (child process, convex-test, real ConvexHttpClient)", function () {
  this.timeout(60000);
  let model: HandoffModel;
  const projects: TempProject[] = [];
  before(async () => {
    model = await createHandoffModel({ transport: 'http' });
  });
  after(async () => {
    await model.close();
    for (const p of projects) p.remove();
  });

  async function run(
    p: TempProject,
    pick?: string,
    limits: { timeoutMs?: number; maxHeapMb?: number } = {},
  ): Promise<OwnRunResult> {
    projects.push(p);
    const runner = new FunctionRunner({
      ...childUnderTsx(),
      timeoutMs: limits.timeoutMs ?? 20000,
      maxHeapMb: limits.maxHeapMb ?? 256,
    });
    try {
      return await runOwnFunction({
        model,
        runner,
        client: convexHttpClient,
        projectDir: p.dir,
        functionsDir: p.functionsDir,
        listed: listed(p),
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
  const summary = (r: Ran) => r.calls.map((c) => `${c.caller}:${c.verdict}:A${c.returned.A}:B${c.returned.B}`);

  it('the sample as shipped: messages:list is the function; send seeds 2 rows each; A gets none of their own (the missing await and identity.userId)', async () => {
    const r = ran(await run(tempProject([SAMPLE_CONVEX])));
    assert.equal(r.fn.path, 'messages:list');
    assert.equal(r.seeded.via, 'messages:send');
    assert.deepEqual(
      r.seeded.rows.map((x) => x.owner),
      ['A', 'A', 'B', 'B'],
    );
    assert.deepEqual(summary(r), ['anonymous:pass:A0:B0', 'A:fail:A0:B0', 'B:fail:A0:B0']);
    assert.equal(r.calls[1]?.message, "Your function returned none of Alice Martin's 2 rows to Alice Martin.");
    assert.equal(r.passed, false);
    assert.equal(r.hints.length, 2, 'the missing await and identity.userId explain it');
  });

  it("the sample fixed as the lesson says: nothing for anonymous, only Alice's 2 rows for Alice, only Bob's for Bob", async () => {
    const r = ran(await run(tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': fixSampleMessages } })));
    assert.deepEqual(summary(r), ['anonymous:pass:A0:B0', 'A:pass:A2:B0', 'B:pass:A0:B2']);
    assert.equal(r.passed, true);
    const body = r.calls[1]?.exchange?.request.body;
    assert.deepEqual(body, { path: 'messages:list', format: 'convex_encoded_json', args: [{}] });
    assert.equal(r.calls[0]?.exchange?.request.headers.Authorization, undefined);
    assert.match(r.calls[1]?.exchange?.request.headers.Authorization ?? '', /^Bearer ey/);
    assert.equal(r.calls[1]?.exchange?.response.status, 200);
    assert.match(
      r.commands[0]?.command ?? '',
      /^npx convex run messages:list '\{\}' --identity '\{"tokenIdentifier":"http:\/\/127\.0\.0\.1:\d+\|user_2aLice/,
    );
  });

  it('the sample fixed except the null check: the anonymous call crashes (nothing returned), signed-in users get their rows', async () => {
    const noNullCheck = (t: string) => fixSampleMessages(t).replace('if (!identity) return [];', '');
    const r = ran(await run(tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': noNullCheck } })));
    // A crash for the anonymous caller is still "nothing" for them; the signed-in users get their rows.
    assert.deepEqual(summary(r), ['anonymous:pass:A0:B0', 'A:pass:A2:B0', 'B:pass:A0:B2']);
    assert.equal(r.calls[0]?.client.ok, false);
    assert.match(
      r.calls[0]?.exchange?.response.body ? JSON.stringify(r.calls[0].exchange.response.body) : '',
      /"status":"error".*Cannot read properties of null/,
    );
  });

  it("a leak: a query that only checks someone is signed in returns Bob's notes to Alice, and says so", async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'shapes')]), 'notes:everyone'));
    assert.equal(r.seeded.via, 'notes:add');
    assert.deepEqual(summary(r), ['anonymous:pass:A0:B0', 'A:fail:A2:B2', 'B:fail:A2:B2']);
    assert.equal(r.calls[1]?.message, "Your function returned 2 of Bob Okafor's notes to Alice Martin.");
  });

  it('a query that throws when anonymous and filters by tokenIdentifier passes', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'shapes')]), 'notes:mine'));
    assert.deepEqual(summary(r), ['anonymous:pass:A0:B0', 'A:pass:A2:B0', 'B:pass:A0:B2']);
    assert.match(r.calls[0]?.message ?? '', /threw: .*Not signed in/);
  });

  it('a mutation: refused for anonymous (nothing written), runs for each signed-in user', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'shapes')]), 'notes:add'));
    assert.equal(r.fn.kind, 'mutation');
    assert.deepEqual(
      summary(r).map((s) => s.split(':').slice(0, 2).join(':')),
      ['anonymous:pass', 'A:pass', 'B:pass'],
    );
    assert.equal(r.calls[1]?.exchange?.request.url.endsWith('/api/mutation'), true);
    assert.match(r.calls[1]?.message ?? '', /wrote 1 row/);
  });

  it('the identity the function sees is exactly what Convex derives from the verified token, field by field', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'shapes')]), 'notes:whoami'));
    const [anonymous, a, b] = r.calls;
    assert.deepEqual(anonymous?.client, { ok: true, value: null });
    for (const [call, who] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      assert.ok(call?.client.ok);
      const seenByFunction = call.client.value as Record<string, unknown>;
      const user = r.users[who];
      const issuer = model.issuerUrl;
      // Convex: subject = sub, issuer = iss, tokenIdentifier = `${iss}|${sub}`, Clerk's sid passes through.
      assert.equal(seenByFunction.subject, user.id);
      assert.equal(seenByFunction.issuer, issuer);
      assert.equal(seenByFunction.tokenIdentifier, `${issuer}|${user.id}`);
      assert.equal(typeof seenByFunction.sid, 'string');
      assert.deepEqual(Object.keys(seenByFunction).sort(), ['issuer', 'sid', 'subject', 'tokenIdentifier']);
      assert.deepEqual(seenByFunction, r.identities[who]);
    }
  });

  it('clear messages: convex not installed, convex/_generated missing, an HTTP action, an internal function', async () => {
    const noConvex = await run(tempProject([SAMPLE_CONVEX], { nodeModules: false }));
    assert.deepEqual([noConvex.status, noConvex.status === 'not-run' && noConvex.reason], ['not-run', 'no-convex']);
    assert.match(noConvex.status === 'not-run' ? noConvex.message : '', /convex is not installed/);
    const noGenerated = await run(tempProject([SAMPLE_CONVEX], { generated: false }));
    assert.equal(noGenerated.status === 'not-run' && noGenerated.reason, 'no-generated');
    assert.match(
      noGenerated.status === 'not-run' ? noGenerated.message : '',
      /_generated is missing: run npx convex dev/,
    );
    const shapes = tempProject([path.join(FIXTURES, 'shapes')]);
    const http = await run(shapes, 'notes:hook');
    assert.equal(http.status === 'not-run' && http.reason, 'unsupported');
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

  it('a runaway loop is stopped by the time limit with a clear message, and the next run works', async () => {
    const p = tempProject([path.join(FIXTURES, 'runaway')]);
    const r = ran(await run(p, 'loops:spin', { timeoutMs: 1500 }));
    assert.equal(r.calls[0]?.verdict, 'fail');
    assert.match(
      r.calls[0]?.message ?? '',
      /Stopped by the runner: loops:spin did not finish: it ran longer than the runner's 1\.5 s time limit and was stopped/,
    );
    const again = ran(await run(p, 'loops:quick'));
    assert.deepEqual(again.calls[0]?.client, { ok: true, value: 'still here' });
  });

  it('a seeding mutation that never returns ends the seeding; the three calls still report the stopped runner', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'stuckSeed')]), 'items:quick', { timeoutMs: 1500 }));
    assert.match(
      r.seeded.note,
      /items:addForever: it threw for Alice Martin: items:addForever did not finish: it ran longer than the runner's 1\.5 s time limit/,
    );
    assert.deepEqual(
      r.calls.map((c) => c.verdict),
      ['fail', 'fail', 'fail'],
    );
    assert.match(r.calls[0]?.message ?? '', /^Stopped by the runner: items:quick did not finish: it ran longer/);
  });

  it('a huge allocation is stopped by the memory cap with a clear message', async () => {
    const r = ran(await run(tempProject([path.join(FIXTURES, 'runaway')]), 'loops:hog', { maxHeapMb: 64 }));
    assert.match(r.calls[0]?.message ?? '', /used more than the runner's 64 MB memory limit/);
  });

  it("the network is closed to the learner's code: fetch and raw sockets to their deployment throw inside the runner", async () => {
    const p = tempProject([path.join(FIXTURES, 'runaway')]);
    for (const fn of ['loops:phoneHome', 'loops:rawSocket']) {
      const r = ran(await run(p, fn));
      assert.equal(r.calls[0]?.exchange?.request.url.endsWith('/api/action'), true);
      assert.match(
        r.calls[0]?.message ?? '',
        /tried to reach the network.*network access is off in the exercise’s runner/,
        fn,
      );
    }
    const q = ran(await run(p, 'loops:fetchInQuery'));
    assert.match(q.calls[0]?.message ?? '', /does not offer: `fetch` is not supported in Convex queries or mutations/);
  });
});
