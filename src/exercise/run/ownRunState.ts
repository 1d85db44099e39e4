// The own-function section's state, as the host owns it, and how events change it. No VS Code here: the
// adapter (src/features/tokenPanel/ownFunction.ts) feeds these events and posts the state; property tests feed
// them in random orders (test/unit/exercise/ownRunState.test.ts).
//
// Every run has an id. A run's end (its result, its failure, its cancellation) changes the state only while that
// run is the current one, so a late answer of an older run cannot overwrite a newer one, and every started run ends
// in a final state: `ran` or `not-run`, never `running` once nothing is running.

export type OwnPhase = 'untrusted' | 'unavailable' | 'ready' | 'running' | 'ran' | 'not-run';

/** The parts of the state a run produces (kept opaque here: the view's own type lives in the protocol). */
export interface OwnState<R> {
  phase: OwnPhase;
  /** The current run (0 before any). */
  runId: number;
  message?: string;
  result?: R;
}

export type OwnEvent<R> =
  /** What can run now, recomputed (trust, folder, convex installed); `blocked` undefined when it can run. */
  | { type: 'availability'; blocked?: { phase: 'untrusted' | 'unavailable'; message: string } }
  | { type: 'start'; runId: number; message: string }
  | { type: 'finish'; runId: number; result: R }
  | { type: 'notRun'; runId: number; message: string }
  | { type: 'fail'; runId: number; message: string }
  | { type: 'cancel'; runId: number; message: string };

export function initialOwnState<R>(): OwnState<R> {
  return { phase: 'unavailable', runId: 0 };
}

export function reduceOwn<R>(s: OwnState<R>, e: OwnEvent<R>): OwnState<R> {
  switch (e.type) {
    case 'availability':
      if (s.phase === 'running') return s; // the run ends on its own; availability applies afterwards
      if (e.blocked) return { phase: e.blocked.phase, runId: s.runId, message: e.blocked.message };
      // Runnable again: a finished run's result stays on screen.
      if (s.phase === 'ran' || s.phase === 'not-run') return s;
      return { phase: 'ready', runId: s.runId };
    case 'start':
      if (s.phase === 'running' || e.runId <= s.runId) return s;
      return { phase: 'running', runId: e.runId, message: e.message };
    case 'finish':
      if (e.runId !== s.runId || s.phase !== 'running') return s;
      return { phase: 'ran', runId: s.runId, result: e.result };
    case 'notRun':
    case 'fail':
    case 'cancel':
      if (e.runId !== s.runId || s.phase !== 'running') return s;
      return { phase: 'not-run', runId: s.runId, message: e.message };
  }
}

/** Can a new run start now? */
export function canStart(s: OwnState<unknown>): boolean {
  return s.phase === 'ready' || s.phase === 'ran' || s.phase === 'not-run';
}
