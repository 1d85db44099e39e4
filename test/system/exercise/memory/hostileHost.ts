// Run in a child process by hostile.test.ts: this process plays the extension host. It runs the exercise on the
// hostile fixture's `attacks:quick` and `attacks:plainThrow` (warm-up: every module loaded, the runner bundle
// built, the result and error paths taken), then on each function named in argv[2] (comma-separated; `spin` with
// a 4 s limit, the rest 20 s), and prints for each the growth of this process's RSS during its run over the RSS
// right before it (sampled every 5 ms, after a collection), with what the exercise said, as JSON lines.
import net from 'node:net';
import path from 'node:path';
import { convexFolder } from '../../../../src/analysis/convexFunctions';
import { createHandoffModel } from '../../../../src/exercise';
import { convexHttpClient } from '../../../../src/exercise/run/httpClient';
import { runOwnFunction } from '../../../../src/exercise/run/ownFunctionRun';
import { FunctionRunner } from '../../../../src/exercise/run/runner';
import { FIXTURES, tempProject } from '../../../unit/exercise/projects';
import { runnerBundle } from '../tsxChild';
import fs from 'node:fs';

async function main(): Promise<void> {
  const picks = (process.argv[2] ?? '').split(',').filter(Boolean);
  let timeoutMs = 20_000;
  const entry = await runnerBundle();
  const project = tempProject([path.join(FIXTURES, 'hostile')]);
  const model = await createHandoffModel({ transport: 'http' });
  // A listening socket the raw-socket attack aims at: it must never be reached.
  let reached = false;
  const target = net.createServer((s) => {
    reached = true;
    s.destroy();
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const port = (target.address() as net.AddressInfo).port;
  const files = fs
    .readdirSync(project.functionsDir)
    .filter((f) => f.endsWith('.ts'))
    .map((rel) => ({ rel, text: fs.readFileSync(path.join(project.functionsDir, rel), 'utf8') }));
  const info = convexFolder(files);
  const run = async (fn: string) => {
    const runner = new FunctionRunner({ entry, timeoutMs, maxMemoryMb: 256 });
    try {
      return await runOwnFunction({
        model,
        runner,
        client: convexHttpClient,
        projectDir: project.dir,
        functionsDir: project.functionsDir,
        listed: info.functions,
        pick: fn,
        ...(fn === 'attacks:rawSocket' ? { args: JSON.stringify({ port }) } : {}),
      });
    } finally {
      runner.close();
    }
  };
  try {
    // Warm-up: a result and an error through every layer, so what follows measures only the hostile function.
    await run('attacks:quick');
    await run('attacks:plainThrow');
    const gc = (globalThis as { gc?: () => void }).gc;
    for (const pick of picks) {
      timeoutMs = pick === 'attacks:spin' ? 4000 : 20_000;
      gc?.();
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 5);
      const started = performance.now();
      const r = await run(pick);
      const ms = performance.now() - started;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      process.stdout.write(
        `${JSON.stringify({
          pick,
          growthKiB: Math.round((peak - before) / 1024),
          ms,
          reached,
          verdict: r.status === 'ran' ? r.verdict : 'not-run',
          messages: r.status === 'ran' ? r.calls.map((c) => c.message) : [r.message],
        })}\n`,
      );
    }
  } finally {
    target.close();
    await model.close();
    project.remove();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(JSON.stringify({ error: String(err) }));
  process.exitCode = 1;
});
