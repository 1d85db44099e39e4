// What the learner has achieved, kept in global state and synced across devices. Plain JSON, versioned, and
// read defensively: whatever is stored (an older shape, another device's bad write) never throws.
import { CHECK_IDS, isCheckId, type CheckId } from './keys';

export interface LessonProgress {
  version: 1;
  /** The exercise's two requests the lesson asks for, each seen with the outcome the lesson describes. */
  exercise: { anonymous: boolean; valid: boolean };
  /** The learner's own function passed the exercise once (optional: progress stored before it existed). */
  ownFunctionPassed?: boolean;
  tokenDecoded: boolean;
  /** Checks that passed at least once, in CHECK_IDS order. */
  reached: CheckId[];
}

/** The events the walkthrough learns from (the shape of src/features/lessonEvents.ts, kept free of vscode). */
export type ProgressEvent =
  | { kind: 'exerciseRequest'; scenario: string; outcome: 'data' | 'empty' | 'rejected' }
  | { kind: 'tokenDecoded' }
  | { kind: 'analysisChanged' }
  | { kind: 'ownFunctionRun'; passed: boolean };

export const EMPTY_PROGRESS: LessonProgress = {
  version: 1,
  exercise: { anonymous: false, valid: false },
  tokenDecoded: false,
  reached: [],
};

/** Returns the same object when nothing changed, so callers can skip writing. */
export function applyEvent(progress: LessonProgress, event: ProgressEvent): LessonProgress {
  if (event.kind === 'tokenDecoded') {
    return progress.tokenDecoded ? progress : { ...progress, tokenDecoded: true };
  }
  if (event.kind === 'ownFunctionRun') {
    return event.passed && !progress.ownFunctionPassed ? { ...progress, ownFunctionPassed: true } : progress;
  }
  if (event.kind !== 'exerciseRequest') return progress;
  // "An anonymous request gets nothing; a request carrying a valid token gets the user's data."
  if (event.scenario === 'anonymous' && event.outcome !== 'data' && !progress.exercise.anonymous) {
    return { ...progress, exercise: { ...progress.exercise, anonymous: true } };
  }
  if (event.scenario === 'valid' && event.outcome === 'data' && !progress.exercise.valid) {
    return { ...progress, exercise: { ...progress.exercise, valid: true } };
  }
  return progress;
}

/** Adds newly passing checks to `reached`; the same object when there is nothing new. */
export function markReached(progress: LessonProgress, passing: readonly CheckId[]): LessonProgress {
  const fresh = passing.filter((id) => !progress.reached.includes(id));
  if (fresh.length === 0) return progress;
  const reached = CHECK_IDS.filter((id) => progress.reached.includes(id) || fresh.includes(id));
  return { ...progress, reached };
}

export function parseProgress(stored: unknown): LessonProgress {
  if (!isRecord(stored) || stored.version !== 1) return EMPTY_PROGRESS;
  const exercise = isRecord(stored.exercise) ? stored.exercise : {};
  const reached = Array.isArray(stored.reached) ? stored.reached.filter(isCheckId) : [];
  return {
    version: 1,
    exercise: { anonymous: exercise.anonymous === true, valid: exercise.valid === true },
    ...(stored.ownFunctionPassed === true ? { ownFunctionPassed: true } : {}),
    tokenDecoded: stored.tokenDecoded === true,
    reached: CHECK_IDS.filter((id) => reached.includes(id)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
