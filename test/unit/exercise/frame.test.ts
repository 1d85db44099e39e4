// The runner's channel codec: frames survive any split into chunks, and the reader never holds more than its cap
// whatever arrives (junk, a huge length, a frame that never ends).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeFrame, FrameReader } from '../../../src/exercise/run/frame';

function splitAt(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of points) {
    out.push(buf.subarray(last, p));
    last = p;
  }
  out.push(buf.subarray(last));
  return out;
}

describe("the runner's channel: framed, size-capped messages", () => {
  it('any messages, split anywhere, come out whole and in order', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (values, cuts) => {
        const wire = Buffer.concat(values.map((v) => encodeFrame(v)));
        const reader = new FrameReader(1024 * 1024);
        const out: unknown[] = [];
        for (const chunk of splitAt(wire, cuts))
          for (const e of reader.push(chunk)) {
            assert.ok('frame' in e);
            out.push(e.frame);
          }
        assert.deepEqual(out, JSON.parse(JSON.stringify(values)));
        assert.equal(reader.buffered, 0);
      }),
    );
  });

  it('a length above the cap is refused from its header alone, and nothing after it is kept', () => {
    const reader = new FrameReader(1000);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(2_000_000_000, 0);
    const events = reader.push(Buffer.concat([head, Buffer.alloc(64 * 1024, 0x7b)]));
    assert.deepEqual(events, [{ violation: 'a message of 2000000000 bytes, above the 1000-byte limit' }]);
    assert.equal(reader.buffered, 0);
    assert.deepEqual(reader.push(encodeFrame({ ok: true })), [], 'a broken channel stays broken');
  });

  it('junk bytes: never more than the cap plus one chunk held, then a violation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 4096 }), (junk) => {
        const reader = new FrameReader(512);
        let violations = 0;
        for (let i = 0; i < junk.length; i += 97) {
          for (const e of reader.push(Buffer.from(junk.subarray(i, i + 97)))) if ('violation' in e) violations++;
          assert.ok(reader.buffered <= 512 + 4 + 97);
        }
        assert.ok(violations <= 1);
      }),
    );
  });

  it('a body that is not JSON is a violation, not an exception', () => {
    const body = Buffer.from('{not json');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length, 0);
    assert.deepEqual(new FrameReader(100).push(Buffer.concat([head, body])), [
      { violation: 'a message that is not JSON' },
    ]);
  });
});
