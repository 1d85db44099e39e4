// The exercise on the learner's own function: "Run it" to the verdict for the sample's (fixed) messages:list, as
// the extension does it (the built runner's build and run child processes, the learner's esbuild, the permission
// model, seeding with send as A and B with every table compared around each write, tokens signed and verified
// against JWKS over HTTP, the calls through ConvexHttpClient), beside the same calls made directly with convex-test
// in a plain Node process (tsx as the TypeScript loader, the way convex-test is usually run): the same seeding
// calls, a read of the table around each, and the same three calls. Both include process start. The ratio is per
// call: both sides make the same calls.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHandoffModel } from '../../src/exercise';
import { convexFolder } from '../../src/analysis/convexFunctions';
import { convexHttpClient } from '../../src/exercise/run/httpClient';
import { runOwnFunction } from '../../src/exercise/run/ownFunctionRun';
import { FunctionRunner } from '../../src/exercise/run/runner';
import { fixSampleMessages, REPO, SAMPLE_CONVEX, tempProject } from '../unit/exercise/projects';
import type { Bench } from './types';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const REFERENCE = `
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import * as schemaModule from "./convex/schema.ts";
import * as messagesModule from "./convex/messages.ts";
// The temporary project is CommonJS: tsx hands its modules over with one more default layer.
const unwrap = (m) => (m.default && !m.default.tables && !m.default.list ? m.default : m);
const schema = unwrap(schemaModule).default;
const messages = unwrap(messagesModule);
const t = convexTest(schema, { "/convex/_generated/server.js": async () => ({}), "/convex/messages.ts": async () => messages });
const list = makeFunctionReference("messages:list");
const send = makeFunctionReference("messages:send");
const who = (s) => ({ subject: s, issuer: "https://bench.invalid", tokenIdentifier: "https://bench.invalid|" + s });
const rows = () => t.run((ctx) => ctx.db.query("messages").collect());
for (const s of ["A", "B"]) for (const n of [1, 2]) { await rows(); await t.withIdentity(who(s)).mutation(send, { body: s + n }); await rows(); }
const out = [await t.query(list, {}), await t.withIdentity(who("B")).query(list, {}), await t.withIdentity(who("A")).query(list, {})];
if (out[1].length !== 2 || out[2].length !== 2 || out[0].length !== 0) throw new Error("unexpected rows");
`;

const bench: Bench = async () => {
  const entry = path.join(REPO, 'dist', 'ownFunctionRunner.js');
  if (!fs.existsSync(entry))
    throw new Error('dist/ownFunctionRunner.js is missing: the bench builds it first (npm run bench).');
  const project = tempProject([SAMPLE_CONVEX], { edits: { 'messages.ts': fixSampleMessages } });
  try {
    fs.writeFileSync(path.join(project.dir, 'reference.mts'), REFERENCE);
    const folder = convexFolder(
      ['messages.ts', 'schema.ts'].map((rel) => ({
        rel,
        text: fs.readFileSync(path.join(project.functionsDir, rel), 'utf8'),
      })),
    );
    const ours: number[] = [];
    const reference: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const model = await createHandoffModel({ transport: 'http' });
      const runner = new FunctionRunner({ entry, timeoutMs: 20_000, maxMemoryMb: 256 });
      try {
        const r = await runOwnFunction({
          model,
          runner,
          client: convexHttpClient,
          projectDir: project.dir,
          functionsDir: project.functionsDir,
          listed: folder.functions,
          tables: folder.tables,
        });
        if (r.status !== 'ran' || !r.passed)
          throw new Error(`the sample's fixed function did not pass: ${JSON.stringify(r).slice(0, 300)}`);
      } finally {
        runner.close();
        await model.close();
      }
      ours.push(performance.now() - t0);
      const t1 = performance.now();
      execFileSync(process.execPath, ['--import', 'tsx', 'reference.mts'], { cwd: project.dir, stdio: 'pipe' });
      reference.push(performance.now() - t1);
    }
    return [
      {
        name: "own function: Run it → verdict for the sample's messages:list (two child processes, permission model, seeding, wire), per call against convex-test direct",
        value: median(ours),
        unit: 'ms',
        budget: 1.5,
        reference: {
          name: `the same seeding and calls with convex-test in a plain Node process (tsx), median of ${ROUNDS}`,
          value: median(reference),
        },
      },
    ];
  } finally {
    project.remove();
  }
};

export default bench;
