// The runner's child process, in one of two modes (argv[2]):
// - build: checks the learner's `convex` install and builds their convex/ folder (child/build.ts).
// - run: evaluates the built modules against the learner's `convex` package and answers calls through
//   convex-test's in-memory backend (child/load.ts, child/call.ts). Started under Node's permission model where
//   the Node has one (runner.ts), with every way out of the process closed before the learner's code is evaluated
//   (sandbox.ts).
// The channel is a pair of pipes (protocol.ts, frame.ts), read and written with functions captured before any
// learner code runs (child/captured.ts, child/replies.ts), so that code can neither read the requests nor answer
// in the runner's name.
// The loop: one request at a time, in order (the in-memory database sees calls in the order the exercise makes).
import net from 'node:net';
import { build } from './child/build';
import { call } from './child/call';
import { jsonParse, jsonStringify, quit } from './child/captured';
import { load } from './child/load';
import { answer, isEnvelope, writeFrame } from './child/replies';
import { session } from './child/session';
import { describeThrown } from './describe';
import { FrameReader } from './frame';
import { REQUEST_FD, type Envelope, type Hello, type Reply } from './protocol';

const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

const mode = process.argv[2] === 'build' ? 'build' : 'run';

async function handle(m: Envelope): Promise<Reply> {
  switch (m.op) {
    case 'build':
      try {
        return build(m.projectDir, m.functionsDir, m.outdir);
      } catch (err) {
        return { op: 'loadFailed', kind: 'setup', message: describeThrown(err) };
      }
    case 'load':
      try {
        return await load(m);
      } catch (err) {
        return { op: 'loadFailed', kind: 'setup', message: describeThrown(err) };
      }
    case 'call':
      try {
        return await call(m);
      } catch (err) {
        return { op: 'result', ok: false, kind: 'setup', message: describeThrown(err), logLines: session.logLines };
      }
  }
}

const reader = new FrameReader(MAX_REQUEST_BYTES, jsonParse);
const incoming: Envelope[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  while (incoming.length > 0) {
    const m = incoming.shift() as Envelope;
    // The nonce stays in this frame of the loop: nothing the learner's code can reach holds it.
    const { id, nonce } = m;
    const reply = await handle(m);
    answer(id, nonce, reply);
    if (mode === 'build') quit(0);
  }
  busy = false;
}

function listen(): void {
  // A stream handle on the request pipe (a blocked read in the thread pool would keep the process from exiting).
  const requests = new net.Socket({ fd: REQUEST_FD, readable: true, writable: false });
  requests.on('data', (chunk: Buffer) => {
    for (const event of reader.push(chunk)) {
      if ('violation' in event || !isEnvelope(event.frame)) quit(3);
      else incoming.push(event.frame);
    }
    void drain();
  });
  requests.on('end', () => quit(0)); // the extension closed the channel
  requests.on('error', () => quit(0));
}

const hello: Hello = { op: 'hello', mode };
writeFrame(jsonStringify(hello));
listen();
