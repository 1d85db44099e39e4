import { convexVersionIssue, FIXED_CONVEX_VERSION, readRange, type ConvexVersionIssue } from './convexVersions';
import { readDependencies } from './packageFacts';

/** Where a package.json depends on a convex release that breaks Clerk sign-in, why, and what fixes it. */
export interface ConvexVersionNotice {
  /** Offsets of the `convex` range string's contents (inside the quotes). */
  start: number;
  end: number;
  range: string;
  issue: ConvexVersionIssue;
  /** node_modules/convex's version when it is an affected one although the range allows a fixed release. */
  installed?: string;
  /** The range moved to the first release without the issue, in the same style, when the range itself is affected. */
  fixedRange?: string;
}

const CONVEX_ENTRY = /"convex"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The notice for a package.json whose `convex` dependency is (or is installed as) an affected release; undefined
 * otherwise. Never throws; text that is not JSON gives undefined.
 */
export function convexVersionNotice(
  packageJsonText: string,
  installedConvexVersion?: string,
): ConvexVersionNotice | undefined {
  const range = readDependencies(packageJsonText).get('convex');
  const issue = range === undefined ? undefined : convexVersionIssue(range, installedConvexVersion);
  if (range === undefined || !issue) return undefined;
  const start = convexEntryStart(packageJsonText, range);
  if (start === undefined) return undefined;
  const pinned = convexVersionIssue(range, undefined) !== undefined;
  const reading = readRange(range);
  return {
    start,
    end: start + range.length,
    range,
    issue,
    ...(installedConvexVersion !== undefined && !pinned ? { installed: installedConvexVersion } : {}),
    ...(pinned && reading ? { fixedRange: range.replace(reading.version, FIXED_CONVEX_VERSION) } : {}),
  };
}

/** Offset of the `convex` dependency's range string contents (inside the quotes), for diagnostics placed on it. */
export function convexEntryStart(packageJsonText: string, range: string): number | undefined {
  for (const match of packageJsonText.matchAll(CONVEX_ENTRY)) {
    if (match[1] === range) return (match.index ?? 0) + match[0].length - range.length - 1;
  }
  return undefined;
}
