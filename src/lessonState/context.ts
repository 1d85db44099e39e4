// Checks and progress → the context keys the walkthrough's `when` clauses and completionEvents read.
import { CHECK_IDS, EXPO_KEY, JWT_TEMPLATE_KEY, TANSTACK_KEY, VITE_KEY, doneKey, passingKey } from './keys';
import type { LessonCheck } from './checks';
import type { LessonProgress } from './progress';
import type { LessonVariants } from './variants';

/** Every key we own, always present (false included), so a key that stops being true is really unset. */
export function lessonContextKeys(
  checks: readonly LessonCheck[],
  progress: LessonProgress,
  variants: LessonVariants,
): Record<string, boolean> {
  const keys: Record<string, boolean> = {
    [VITE_KEY]: variants.vite,
    [JWT_TEMPLATE_KEY]: variants.jwtTemplate,
    [EXPO_KEY]: variants.expo === true,
    [TANSTACK_KEY]: variants.tanstackStart === true,
  };
  for (const id of CHECK_IDS) {
    const passing = checks.some((c) => c.id === id && c.status === 'pass');
    keys[passingKey(id)] = passing;
    keys[doneKey(id)] = passing || progress.reached.includes(id);
  }
  return keys;
}

/** The keys whose value differs between two snapshots (all of `next` when there is no previous one). */
export function changedKeys(
  previous: Record<string, boolean> | undefined,
  next: Record<string, boolean>,
): [string, boolean][] {
  return Object.entries(next).filter(([key, value]) => previous?.[key] !== value);
}
