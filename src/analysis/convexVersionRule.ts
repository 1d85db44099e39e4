import type { RuleInfo } from './types';

/**
 * Reported on package.json by the diagnostics adapter (from src/project/convexVersionNotice.ts), not by analyze().
 * A file of its own so that adapter, which loads at activation, does not carry the whole rule catalogue.
 */
export const CONVEX_VERSION_RULE: RuleInfo = {
  code: 'clerk-convex/convex-version',
  title: 'convex 1.33.0, which cannot get a token from a Clerk JWT template',
  severity: 'warning',
  lessonStep: 'handoff',
};
