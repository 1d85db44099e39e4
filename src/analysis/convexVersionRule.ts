import type { RuleInfo } from './types';

/**
 * Reported on package.json by the diagnostics adapter (from src/project/convexVersionNotice.ts), not by analyse().
 * A file of its own so that adapter, which loads at activation, does not carry the whole rule catalogue.
 */
export const CONVEX_VERSION_RULE: RuleInfo = {
  code: 'clerk-convex/convex-version',
  title: 'A convex release whose ConvexProviderWithClerk breaks Clerk sign-in (≤ 1.32, 1.33.0, before 1.42.2)',
  severity: 'warning',
  lessonStep: 'handoff',
};

/** Reported on package.json beside the version rule, from src/project/expoSdkNotice.ts and the installed packages. */
export const EXPO_SDK_RULE: RuleInfo = {
  code: 'clerk-convex/expo-sdk',
  title:
    'An Expo SDK outside the range the installed @clerk/expo declares in its peerDependencies (4.6.6: expo >=54 <58)',
  severity: 'information',
  lessonStep: 'sandwich',
};

/** Reported on package.json beside the version rule, from src/project/nodeEngine.ts and the Node found on PATH. */
export const NODE_VERSION_RULE: RuleInfo = {
  code: 'clerk-convex/node-version',
  title:
    'The installed convex needs a newer Node than the one on PATH (convex 1.49 and later: Node 22), so npx convex dev refuses to run',
  severity: 'warning',
  lessonStep: 'authConfig',
};
