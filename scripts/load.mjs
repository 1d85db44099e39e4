// CPU-bound load beside the tests, as a learner's busy laptop has it (the sample's own `npm install`, a build, a
// browser): N processes that each spin one core, bounded in time, stopped when this script ends.
//
//   node scripts/load.mjs -- npm test          runs the command under load; the load stops when it ends
//   node scripts/load.mjs                      load alone until Ctrl+C (or --seconds)
//   options: --procs N (default: one per core), --seconds S (default: 3600; each busy process stops itself then)
//
// The exit code is the command's. Each busy process also checks that this script is alive and stops when it is
// not, so a `kill -9` of the script leaves nothing spinning past a second.
import { spawn } from 'node:child_process';
import os from 'node:os';

const SPIN = `
const deadline = Date.now() + Number(process.argv[1]) * 1000;
const parent = Number(process.argv[2]);
let alive = true;
setInterval(() => {
  try { process.kill(parent, 0); } catch { alive = false; }
}, 1000).unref();
// Spins in slices so the interval above still runs: ~50 ms of arithmetic, then a turn of the event loop.
function slice() {
  if (!alive || Date.now() > deadline) process.exit(0);
  const until = Date.now() + 50;
  let x = 0;
  while (Date.now() < until) for (let i = 0; i < 10000; i++) x = (x * 31 + i) | 0;
  setImmediate(slice);
}
slice();
`;

function parse(argv) {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const opts = { procs: os.availableParallelism?.() ?? os.cpus().length, seconds: 3600 };
  for (let i = 0; i < own.length; i++) {
    const [name, inline] = own[i].split('=');
    const value = inline ?? own[++i];
    if (name === '--procs') opts.procs = Math.max(1, Number(value));
    else if (name === '--seconds') opts.seconds = Math.max(1, Number(value));
    else {
      console.error(`load: unknown option ${own[i]} (use --procs N, --seconds S, -- command…)`);
      process.exit(2);
    }
  }
  return { opts, command };
}

const { opts, command } = parse(process.argv.slice(2));
const busy = Array.from({ length: opts.procs }, () =>
  spawn(process.execPath, ['-e', SPIN, String(opts.seconds), String(process.pid)], { stdio: 'ignore' }),
);
const stopLoad = () => {
  for (const p of busy) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
};
process.on('exit', stopLoad);
console.error(
  `load: ${opts.procs} busy processes for at most ${opts.seconds} s (pids ${busy.map((p) => p.pid).join(' ')})`,
);

const started = Date.now();
if (command.length === 0) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
  // Ends when the busy processes do (their deadline).
  await Promise.all(busy.map((p) => new Promise((r) => p.on('exit', r))));
} else {
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) =>
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1))),
  );
  stopLoad();
  console.error(`load: "${command.join(' ')}" exited ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(code);
}
