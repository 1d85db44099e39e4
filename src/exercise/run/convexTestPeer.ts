/**
 * The oldest convex the bundled convex-test supports: its `peerDependencies.convex` (0.0.73: `^1.46.0`), which
 * test/unit/exercise/convexTestPeer.test.ts checks against the installed convex-test. Older convex packages lack
 * syscalls it drives, so the exercise says so instead of running the learner's functions on them.
 */
export const MIN_CONVEX = [1, 46, 0] as const;

/** Whether a convex version (`1.45.2`, `1.46.0-alpha.1`) is older than `min`; a part that is not a number counts as 0. */
export function versionBelow(version: string, min: readonly number[] = MIN_CONVEX): boolean {
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    const part = Number.isFinite(parts[i]) ? (parts[i] ?? 0) : 0;
    if (part !== min[i]) return part < (min[i] ?? 0);
  }
  return false;
}
