// The "Ask my deployment" section's state, fed by events that interleave freely: the env files change (the list of
// deployments), a new token is decoded or cleared, asks and query runs start and finish in any order (a slow
// deployment answers after the learner pasted another token). What it guarantees, and what the property tests check
// over random orderings: an answer shown is always about the current token and the deployment's current URL; a row
// is "asking" exactly while one of its asks is under way; a new token leaves no answer of the old one.

interface RowState<A, R> {
  url: string;
  pendingAsks: number;
  pendingRuns: number;
  answer?: { token: number; value: A };
  run?: { token: number; path: string; value?: R };
}

/** Handed out when work starts; finishing with it applies the result only if it still belongs. */
export interface Ticket {
  readonly id: string;
  readonly token: number;
  /** @internal the row the work began on (a row replaced since is a different object). */
  readonly row: object;
}

export interface RowSnapshot<A, R> {
  id: string;
  url: string;
  asking: boolean;
  answer?: A;
  run?: { path: string; running: boolean; value?: R };
}

export class DeploymentSectionModel<A, R> {
  private rows = new Map<string, RowState<A, R>>();
  /** Bumped by every decode or clear, so work begun for one token can tell it is about an old one. */
  private tokenGeneration = 0;
  private hasToken = false;

  /** The deployments the env files name now: rows whose URL changed or vanished start over. */
  setDeployments(list: readonly { id: string; url: string }[]): void {
    const next = new Map<string, RowState<A, R>>();
    for (const { id, url } of list) {
      const kept = this.rows.get(id);
      next.set(id, kept && kept.url === url ? kept : { url, pendingAsks: 0, pendingRuns: 0 });
    }
    this.rows = next;
  }

  /** A token was decoded (true) or cleared (false): every answer and run result about the previous one goes. */
  setToken(present: boolean): void {
    this.tokenGeneration++;
    this.hasToken = present;
    for (const row of this.rows.values()) {
      delete row.answer;
      delete row.run;
    }
  }

  beginAsk(id: string): Ticket | undefined {
    const row = this.rows.get(id);
    if (!row || !this.hasToken) return undefined;
    row.pendingAsks++;
    return { id, token: this.tokenGeneration, row };
  }

  /** Returns whether the answer was applied (false: another token or another URL by now). */
  finishAsk(ticket: Ticket, value: A | undefined): boolean {
    const row = ticket.row as RowState<A, R>;
    row.pendingAsks = Math.max(0, row.pendingAsks - 1);
    if (!this.current(ticket) || value === undefined) return false;
    row.answer = { token: ticket.token, value };
    return true;
  }

  beginRun(id: string, path: string): Ticket | undefined {
    const row = this.rows.get(id);
    if (!row || !this.hasToken) return undefined;
    row.pendingRuns++;
    row.run = { token: this.tokenGeneration, path };
    return { id, token: this.tokenGeneration, row };
  }

  finishRun(ticket: Ticket, path: string, value: R | undefined): boolean {
    const row = ticket.row as RowState<A, R>;
    row.pendingRuns = Math.max(0, row.pendingRuns - 1);
    if (!this.current(ticket)) return false;
    if (value === undefined) {
      if (row.pendingRuns === 0 && row.run?.value === undefined) delete row.run;
      return false;
    }
    row.run = { token: ticket.token, path, value };
    return true;
  }

  rowsNow(): RowSnapshot<A, R>[] {
    return [...this.rows].map(([id, row]) => ({
      id,
      url: row.url,
      asking: row.pendingAsks > 0,
      ...(row.answer ? { answer: row.answer.value } : {}),
      ...(row.run
        ? {
            run: {
              path: row.run.path,
              running: row.pendingRuns > 0,
              ...(row.run.value !== undefined ? { value: row.run.value } : {}),
            },
          }
        : {}),
    }));
  }

  /** For the property tests: which token generation an answer or run result belongs to. */
  generations(): { token: number; rows: { id: string; answer?: number; run?: number }[] } {
    return {
      token: this.tokenGeneration,
      rows: [...this.rows].map(([id, r]) => ({
        id,
        ...(r.answer ? { answer: r.answer.token } : {}),
        ...(r.run ? { run: r.run.token } : {}),
      })),
    };
  }

  private current(ticket: Ticket): boolean {
    return ticket.token === this.tokenGeneration && this.hasToken && this.rows.get(ticket.id) === ticket.row;
  }
}
