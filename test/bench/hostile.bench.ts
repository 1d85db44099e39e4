// Hostile input (issue 15): the worst report time over the hostile set against a plain token, peak memory of a
// verification against a 1 GiB gzip bomb and a 50 MiB body (measured in a fresh child process, as the unit test
// does), and the report's size over its input's for the worst input.
import path from 'node:path';
import { analyseToken } from '../../src/token';
import { toReportView } from '../../src/protocol/hostViews';
import { NOW_MS, PROVIDERS } from '../unit/token/fixtures';
import { hostileInputs, PLAIN_TOKEN } from '../unit/token/hostileSet';
import { measureInChild, startHostileServers } from '../system/token/memory/hostileServers';
import type { Bench, BenchRow } from './types';

const report = (text: string) => toReportView(analyseToken(text, { providers: PROVIDERS, nowMs: NOW_MS }));

function medianMs(text: string, reps: number): number {
  // Warmed like the plain token, so the ratio compares steady states rather than first compilations.
  for (let i = 0; i < 10; i++) report(text);
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    report(text);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

const bench: Bench = async () => {
  for (let i = 0; i < 200; i++) report(PLAIN_TOKEN);
  const plain = medianMs(PLAIN_TOKEN, 201);
  let worst = { name: '', ms: 0, bytes: 0 };
  let largest = { name: '', ratio: 0 };
  for (const [name, text] of hostileInputs()) {
    const ms = medianMs(text, 31);
    if (ms > worst.ms) worst = { name, ms, bytes: text.length };
    const ratio = Buffer.byteLength(JSON.stringify(report(text))) / Buffer.byteLength(text);
    if (ratio > largest.ratio) largest = { name, ratio };
  }
  const servers = await startHostileServers();
  const tokenModule = path.join(__dirname, '..', '..', 'src', 'token', 'index.ts');
  try {
    const bomb = await measureInChild(tokenModule, servers.origin, 'gzip-bomb');
    const body = await measureInChild(tokenModule, servers.origin, 'big-chunked');
    const rows: BenchRow[] = [
      {
        // Linear at worst: the budget is how many times larger than the plain token the slowest input is.
        name: `token report, worst hostile input ("${worst.name}", ${Math.round(worst.bytes / 1024)} KiB) against a plain token; budget = its size ratio`,
        value: worst.ms,
        unit: 'ms',
        budget: worst.bytes / PLAIN_TOKEN.length,
        reference: { name: 'plain token report (ms)', value: plain },
      },
      {
        name: 'Verify Signature against a 1 GiB gzip bomb: peak memory above the baseline (child process)',
        value: bomb.growthMiB,
        unit: 'MiB',
        budget: 16,
      },
      {
        name: 'Verify Signature against a 50 MiB body: peak memory above the baseline (child process)',
        value: body.growthMiB,
        unit: 'MiB',
        budget: 16,
      },
      {
        name: `token report size over input size, worst input ("${largest.name}")`,
        value: largest.ratio,
        unit: 'ratio',
        budget: 4,
      },
    ];
    return rows;
  } finally {
    await servers.close();
  }
};

export default bench;
