import type { RuleInfo } from './types';

/** Reported where a file's session-switch sites are joined with the index's functions (crossFile.ts), like query-before-auth. */
export const MUTATION_AFTER_SET_ACTIVE_RULE: RuleInfo = {
  code: 'clerk-convex/mutation-after-set-active',
  title: "A Convex mutation or action sent right after Clerk's setActive(), before Convex has the new session's token",
  severity: 'warning',
  lessonStep: 'authHook',
};
