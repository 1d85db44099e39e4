import type { RuleInfo } from './types';

/**
 * Reported on package.json by the diagnostics adapter (from src/project/convexVersionNotice.ts), not by analyze().
 * A file of its own so that adapter, which loads at activation, does not carry the whole rule catalogue.
 */
export const CONVEX_VERSION_RULE: RuleInfo = {
  code: 'clerk-convex/convex-version',
  title: 'A convex release whose ConvexProviderWithClerk breaks Clerk sign-in (≤ 1.32, 1.33.0, before 1.42.2)',
  severity: 'warning',
  lessonStep: 'handoff',
};
