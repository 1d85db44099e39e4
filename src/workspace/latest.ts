// Which of several runs of the same work may still publish: the one begun last. A document analysed twice (an
// edit, then a re-check because another file changed) gets two results that may come back in either order, and
// only the newer run's inputs are today's.

export class LatestRun {
  private readonly begun = new Map<string, number>();
  private next = 0;

  /** A new run for `key`; any run begun before it is superseded. */
  begin(key: string): number {
    const run = ++this.next;
    this.begun.set(key, run);
    return run;
  }

  /** Whether `run` is still the last one begun for `key`. */
  isLatest(key: string, run: number): boolean {
    return this.begun.get(key) === run;
  }

  /** Forgets `key` (its document closed): every run of it is superseded. */
  forget(key: string): void {
    this.begun.delete(key);
  }
}
