// The verification's one time limit. Its own error class, so a timeout reads as "did not answer in time" and not
// as a network failure.
export class Timeout extends Error {}

/**
 * One deadline for the whole verification (discovery, keys and the signature check), paused while the user is
 * asked whether an address may be fetched. Aborts the signal and rejects `expired` when it passes.
 */
export class Deadline {
  readonly controller = new AbortController();
  readonly expired: Promise<never>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private remaining: number;
  private startedAt = 0;
  private fire: () => void = () => undefined;

  constructor(timeoutMs: number) {
    this.remaining = timeoutMs;
    this.expired = new Promise<never>((_, reject) => {
      this.fire = () => {
        this.controller.abort();
        reject(new Timeout());
      };
    });
    this.expired.catch(() => undefined);
    this.resume();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  async paused<T>(work: () => Promise<T>): Promise<T> {
    clearTimeout(this.timer);
    this.remaining -= Date.now() - this.startedAt;
    try {
      return await work();
    } finally {
      this.resume();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private resume(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(this.fire, Math.max(0, this.remaining));
  }
}
