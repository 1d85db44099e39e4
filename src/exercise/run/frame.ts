// The runner's channel between the extension and its child: each message is a 4-byte big-endian length and that
// many bytes of UTF-8 JSON. The reader never holds more than one frame's worth of bytes, and a length above its
// cap is refused before anything of the frame is kept: whatever the child writes, the extension's memory stays
// bounded (Node's own IPC buffers a message of any size until it sees a newline).

export type FrameEvent = { frame: unknown } | { violation: string };

const HEADER = 4;

export function encodeFrame(value: unknown, stringify: (v: unknown) => string = JSON.stringify): Buffer {
  const body = Buffer.from(stringify(value), 'utf8');
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, HEADER);
  return out;
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private held = 0;
  /** The length of the frame being received, once its header is in. */
  private expected: number | undefined;
  private broken: string | undefined;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly parse: (text: string) => unknown = JSON.parse,
  ) {}

  /** Bytes held now (tests check the bound). */
  get buffered(): number {
    return this.held;
  }

  /** Feeds bytes; returns the frames they complete. After a violation every later byte is dropped. */
  push(chunk: Buffer): FrameEvent[] {
    if (this.broken) return [];
    const out: FrameEvent[] = [];
    this.chunks.push(chunk);
    this.held += chunk.length;
    for (;;) {
      if (this.expected === undefined) {
        if (this.held < HEADER) break;
        const length = this.take(HEADER).readUInt32BE(0);
        if (length > this.maxFrameBytes) {
          out.push(this.fail(`a message of ${length} bytes, above the ${this.maxFrameBytes}-byte limit`));
          break;
        }
        this.expected = length;
      }
      if (this.held < this.expected) break;
      const body = this.take(this.expected);
      this.expected = undefined;
      let value: unknown;
      try {
        value = this.parse(body.toString('utf8'));
      } catch {
        out.push(this.fail('a message that is not JSON'));
        break;
      }
      out.push({ frame: value });
    }
    return out;
  }

  private fail(why: string): FrameEvent {
    this.broken = why;
    this.chunks = [];
    this.held = 0;
    return { violation: why };
  }

  /** Removes and returns the first `n` held bytes (the caller checked that they are there). */
  private take(n: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.held);
    const rest = joined.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.held = rest.length;
    return joined.subarray(0, n);
  }
}
