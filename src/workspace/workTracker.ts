// Work under way in the model, counted for idle(): a failure is reported, never thrown at an event's sender.
export class WorkTracker {
  private busy = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly onError: (step: string, err: unknown) => void) {}

  /** Resolves once no tracked work is under way. */
  idle(): Promise<void> {
    if (this.busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async track(step: string, work: () => Promise<void>): Promise<void> {
    this.busy++;
    try {
      await work();
    } catch (err) {
      this.onError(step, err);
    } finally {
      if (--this.busy === 0) this.release();
    }
  }

  /** Lets every waiter go (the model was disposed). */
  release(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
