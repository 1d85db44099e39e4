// The child's end of the channel: frames written with functions captured before any learner code runs, so that
// code can neither read the requests nor answer in the runner's name.
import { MAX_RESULT_BYTES, REPLY_FD, type Envelope, type Reply } from '../protocol';
import { serialize } from './boundedJson';
import { bufferAlloc, bufferFrom, hasOwn, writeSync } from './captured';

export function writeFrame(text: string): void {
  const body = bufferFrom(text, 'utf8');
  const head = bufferAlloc(4);
  head[0] = (body.length >>> 24) & 0xff;
  head[1] = (body.length >>> 16) & 0xff;
  head[2] = (body.length >>> 8) & 0xff;
  head[3] = body.length & 0xff;
  writeAll(head);
  writeAll(body);
}

function writeAll(buf: Buffer): void {
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += writeSync(REPLY_FD, buf, offset, buf.length - offset);
    } catch (err) {
      // A non-blocking pipe that is full: wait for the extension to read, then go on.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

export function answer(id: number, nonce: string, reply: Reply): void {
  let text: string;
  try {
    text = serialize({ ...reply, id, nonce }, MAX_RESULT_BYTES + 256 * 1024);
  } catch {
    text = serialize(
      {
        op: 'result',
        ok: false,
        kind: 'too-large',
        message: 'The answer was too large to send back.',
        logLines: [],
        id,
        nonce,
      },
      4096,
    );
  }
  writeFrame(text);
}

export function isEnvelope(v: unknown): v is Envelope {
  return (
    typeof v === 'object' &&
    v !== null &&
    hasOwn(v, 'op') &&
    typeof (v as { id?: unknown }).id === 'number' &&
    typeof (v as { nonce?: unknown }).nonce === 'string'
  );
}
