// Names shared by package.json's walkthrough, the context keys we set and the Lesson Checks view.

/** The lesson's steps, in order, as their ids appear in package.json (`clerkConvex.lesson`). */
export const LESSON_STEPS = [
  'handoff',
  'sandwich',
  'authConfig',
  'identity',
  'authHook',
  'exercise',
  'decodeToken',
  'next',
] as const;
export type LessonStep = (typeof LESSON_STEPS)[number];

/** The steps whose completion is measured (the others are reading steps that tick when opened). */
export const CHECK_IDS = ['sandwich', 'authConfig', 'identity', 'authHook', 'exercise', 'decodeToken'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const WALKTHROUGH_ID = 'clerkConvex.lesson';

const PREFIX = 'clerkConvex.lesson.';

/** True while the check passes in the workspace right now; drops back to false when the code regresses. */
export function passingKey(check: CheckId): string {
  return `${PREFIX}passing.${check}`;
}

/**
 * What completionEvents listen to: passing now, or passed before (progress synced across devices), so a
 * learner who moves to another machine sees the steps they already reached ticked there too.
 */
export function doneKey(check: CheckId): string {
  return `${PREFIX}done.${check}`;
}

/** Variant switches read by the steps' `when` clauses. */
export const VITE_KEY = `${PREFIX}vite`;
export const EXPO_KEY = `${PREFIX}expo`;
export const TANSTACK_KEY = `${PREFIX}tanstackStart`;
export const JWT_TEMPLATE_KEY = `${PREFIX}jwtTemplate`;

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (CHECK_IDS as readonly string[]).includes(value);
}

export function isLessonStep(value: unknown): value is LessonStep {
  return typeof value === 'string' && (LESSON_STEPS as readonly string[]).includes(value);
}
