// One child process of the runner and its channel, from the extension's side: requests go out on one pipe, answers
// come back on another, framed and capped (frame.ts). An answer counts only when it carries the pending request's
// id and nonce; anything else on the channel (junk, a frame too large, a message nobody asked for) ends the child
// and fails the request with a plain description. The child's stderr is kept to its last few KB, to tell an
// out-of-memory end from a crash. A request past its time limit kills the child.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { encodeFrame, FrameReader } from './frame';
import {
  MAX_REPLY_BYTES,
  REPLY_FD,
  REQUEST_FD,
  type Envelope,
  type Reply,
  type ReplyEnvelope,
  type Request,
} from './protocol';

export interface SpawnSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** How the child ended, in words, and whether that was the memory limit. */
export interface Ending {
  kind: 'time' | 'memory' | 'crash' | 'channel' | 'closed' | 'start';
  message: string;
}

export class ChannelError extends Error {
  constructor(readonly ending: Ending) {
    super(ending.message);
  }
}

const STDERR_KEEP = 8 * 1024;

interface Pending {
  id: number;
  nonce: string;
  resolve(r: Reply): void;
  reject(e: ChannelError): void;
  timer: NodeJS.Timeout;
}

export class ChildChannel {
  private readonly child: ChildProcess;
  private readonly reader = new FrameReader(MAX_REPLY_BYTES);
  private pending: Pending | undefined;
  private nextId = 1;
  private stderr = '';
  private ended: Ending | undefined;
  /** Set before we kill the child ourselves, so its exit is told as what made us kill it. */
  private killedFor: Ending | undefined;
  private readonly hello: Promise<void>;
  private helloSeen = false;
  private onHello: (() => void) | undefined;
  private onEnd: ((e: ChannelError) => void) | undefined;
  private readonly exited: Promise<void>;

  constructor(
    spec: SpawnSpec,
    private readonly describe: { memoryMb: number; startTimeoutMs: number },
  ) {
    this.child = spawn(spec.command, spec.args, {
      env: spec.env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.hello = new Promise<void>((resolve, reject) => {
      this.onHello = resolve;
      this.onEnd = reject;
    });
    this.hello.catch(() => undefined);
    const startTimer = setTimeout(
      () =>
        this.kill({
          kind: 'start',
          message: `the runner did not start within ${Math.round(describe.startTimeoutMs / 1000)} s`,
        }),
      describe.startTimeoutMs,
    );
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-STDERR_KEEP);
    });
    const replies = this.child.stdio[REPLY_FD] as Readable | undefined;
    replies?.on('data', (chunk: Buffer) => this.receive(chunk));
    replies?.on('error', () => undefined);
    (this.child.stdio[REQUEST_FD] as Writable | undefined)?.on('error', () => undefined);
    this.child.on('error', (err) => {
      clearTimeout(startTimer);
      this.end({ kind: 'start', message: `the runner could not start: ${err.message}` });
    });
    this.child.on('exit', (code, signal) => {
      clearTimeout(startTimer);
      this.end(this.killedFor ?? this.classify(code, signal));
    });
    void this.hello.then(
      () => clearTimeout(startTimer),
      () => clearTimeout(startTimer),
    );
  }

  get alive(): boolean {
    return this.ended === undefined && this.killedFor === undefined;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves once the child said hello (it is up and reading); rejects when it ended first. */
  started(): Promise<void> {
    return this.hello;
  }

  /** Sends one request and waits for its answer; one at a time (callers queue). */
  async request(request: Request, timeoutMs: number): Promise<Reply> {
    await this.hello;
    if (!this.alive) throw new ChannelError(this.ended ?? this.killedFor ?? { kind: 'closed', message: 'closed' });
    if (this.pending) throw new Error('the runner is answering another request');
    const id = this.nextId++;
    const nonce = randomBytes(16).toString('hex');
    const envelope: Envelope = { ...request, id, nonce };
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.kill({
            kind: 'time',
            message: `it ran longer than the runner's ${Math.round(timeoutMs / 100) / 10} s time limit and was stopped`,
          }),
        timeoutMs,
      );
      this.pending = { id, nonce, resolve, reject, timer };
      const out = this.child.stdio[REQUEST_FD] as Writable | undefined;
      if (!out) {
        this.kill({ kind: 'start', message: 'the runner has no channel' });
        return;
      }
      out.write(encodeFrame(envelope));
    });
  }

  /** Ends the child (idempotent); a pending request fails with `why`. */
  kill(why: Ending = { kind: 'closed', message: 'the runner was closed' }): void {
    if (this.ended) return;
    this.killedFor ??= why;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    // The answer is not waited for: the request fails now, the exit event only tidies up.
    this.failPending(this.killedFor);
  }

  /** Resolves when the process is gone. */
  async close(): Promise<void> {
    this.kill();
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined)
      await this.exited;
  }

  private receive(chunk: Buffer): void {
    if (!this.alive) return;
    for (const event of this.reader.push(chunk)) {
      if ('violation' in event) {
        this.violation(`it wrote ${event.violation}`);
        return;
      }
      const frame = event.frame as { op?: unknown; id?: unknown; nonce?: unknown } | null;
      if (!this.helloSeen) {
        if (frame?.op === 'hello') {
          this.helloSeen = true;
          this.onHello?.();
          continue;
        }
        this.violation('it wrote something before the runner said it was ready');
        return;
      }
      const p = this.pending;
      if (!p) {
        this.violation('it wrote a message nobody asked for');
        return;
      }
      if (typeof frame !== 'object' || frame === null || frame.id !== p.id || frame.nonce !== p.nonce) {
        this.violation('it wrote a message that is not the answer to the request (its id or nonce does not match)');
        return;
      }
      const { id: _id, nonce: _nonce, ...reply } = frame as ReplyEnvelope;
      this.pending = undefined;
      clearTimeout(p.timer);
      p.resolve(reply);
    }
  }

  private violation(what: string): void {
    this.kill({
      kind: 'channel',
      message: `the runner's channel got something that is not the runner's answer (${what}), so the runner was stopped; code that writes to the runner's pipes does this`,
    });
  }

  private failPending(why: Ending): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(new ChannelError(why));
    }
  }

  private end(ending: Ending): void {
    if (this.ended) return;
    this.ended = ending;
    this.onEnd?.(new ChannelError(ending));
    this.failPending(ending);
  }

  private classify(code: number | null, signal: NodeJS.Signals | null): Ending {
    const err = this.stderr;
    const mb = this.describe.memoryMb;
    if (!this.helloSeen)
      return {
        kind: 'start',
        message: `the runner could not start (${signal ?? `exit code ${String(code)}`})${lastLine(err)}`,
      };
    if (/JavaScript heap out of memory|Fatal process out of memory|Allocation failed|Reached heap limit/i.test(err))
      return {
        kind: 'memory',
        message: `it used more than the runner's ${mb} MB memory limit and was stopped`,
      };
    if (signal === 'SIGKILL')
      return {
        kind: 'crash',
        message: `the runner's process was killed from outside (SIGKILL; the system may have run out of memory)`,
      };
    if (signal) return { kind: 'crash', message: `the runner's process crashed (${signal})${lastLine(err)}` };
    return {
      kind: 'crash',
      message: `the runner's process ended (exit code ${String(code)}) while it was running your code${lastLine(err)}`,
    };
  }
}

function lastLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\(?node:\d+\)|ExperimentalWarning|--trace-warnings|^at /.test(l))
    .pop();
  return line ? `: ${line.slice(0, 300)}` : '';
}
