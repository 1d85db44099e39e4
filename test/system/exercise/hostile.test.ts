// Hostile functions against the runner (test/fixtures/functions/hostile): each ends with a clear message, none
// gets out of the runner's process, and the process playing the extension host grows by at most 16 MB of peak RSS
// whatever the function does (measured in a process of its own per case: memory/hostileHost.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

interface Measured {
  pick: string;
  growthKiB: number;
  ms: number;
  reached: boolean;
  verdict: string;
  messages: string[];
}

/** Every case in one process playing the host (memory/hostileHost.ts), one JSON line each. */
function measureAll(picks: string[]): Promise<Map<string, Measured>> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--require', 'tsx/cjs', path.join(__dirname, 'memory', 'hostileHost.ts'), picks.join(',')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      try {
        const lines = out
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Measured & { error?: string });
        const failed = lines.find((l) => l.error);
        if (failed) throw new Error(failed.error);
        resolve(new Map(lines.map((l) => [l.pick.replace('attacks:', ''), l])));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(`${String(err)}: ${out.slice(0, 500)}`));
      }
    });
  });
}

const CASES: [string, RegExp][] = [
  ['spin', /Stopped by the runner: attacks:spin did not finish: it ran longer than the runner's 4 s time limit/],
  [
    'fourGigabytes',
    /asked for more memory than the runner allows .*(Array buffer allocation failed|Failed to allocate memory)|memory limit/,
  ],
  ['hugeResult', /returned more than 1 MB|memory limit/],
  [
    'junkOnChannel',
    /the runner's channel got something that is not the runner's answer \(it wrote a message of \d+ bytes, above/,
  ],
  [
    'forgedAnswer',
    /the runner's channel got something that is not the runner's answer \(it wrote a message that is not the answer to the request/,
  ],
  ['throwsNullPrototype', /it threw: [\s\S]*a non-Error value: \{\}/],
  ['throwsThrowingGetter', /it threw: [\s\S]*an object whose message could not be read/],
  ['throwsProxy', /it threw: [\s\S]*proxy that has been revoked/],
  ['rawSocket', /network access is off in the exercise’s runner/],
  ['listen', /net\.Server\.listen: network access is off/],
  ['inspectorOpen', /inspector\.open: network access is off/],
  ['shell', /child_process\.execSync: the exercise’s runner does not let your function start processes/],
  ['bindingShell', /process\.binding: the exercise’s runner does not let your function start processes/],
  ['killParent', /process\.kill: the exercise’s runner does not let your function start processes, send signals/],
  ['exitProcess', /process\.exit: the exercise’s runner does not let your function .*end the process/],
];

describe('hostile functions: a clear message each, nothing gets out, the host grows by at most 16 MB', function () {
  this.timeout(900_000);
  let results: Map<string, Measured>;
  before(async () => {
    results = await measureAll(CASES.map(([pick]) => `attacks:${pick}`));
  });
  for (const [pick, says] of CASES) {
    it(pick, () => {
      const r = results.get(pick);
      assert.ok(r, `${pick} was not measured`);
      console.log(
        `      ${pick}: host RSS +${(r.growthKiB / 1024).toFixed(1)} MB during the run (${Math.round(r.ms)} ms)`,
      );
      assert.ok(
        r.messages.some((m) => says.test(m)),
        `${pick}: no call says ${String(says)}:\n${r.messages.join('\n')}`,
      );
      assert.notEqual(r.verdict, 'pass', 'a stopped or refused run is not a pass');
      assert.equal(r.reached, false, 'the raw socket never reached the listening server');
      assert.ok(r.growthKiB <= 16 * 1024, `${pick}: the host grew by ${Math.round(r.growthKiB / 1024)} MB`);
    });
  }
});
