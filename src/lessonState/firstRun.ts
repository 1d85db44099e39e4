// Whether the lesson opens by itself: once, on the first start after install, and never again.

export interface FirstRunInput {
  /** The `clerkConvex.lesson.openOnFirstInstall` setting. */
  enabled: boolean;
  /** Already opened once (by itself or by the learner), on this device or another synced one. */
  alreadyOpened: boolean;
  /** Running under a test harness, where an editor appearing by itself would disturb the tests. */
  underTest: boolean;
}

export function shouldOpenOnStart(input: FirstRunInput): boolean {
  return input.enabled && !input.alreadyOpened && !input.underTest;
}
