import { isKnownBadConvex, KNOWN_BAD_CONVEX_VERSION, readDependencies } from './packageFacts';

/** Where a package.json depends on the convex release that broke Clerk's JWT-template path, and what fixes it. */
export interface ConvexVersionNotice {
  /** Offsets of the `convex` range string's contents (inside the quotes). */
  start: number;
  end: number;
  range: string;
  /** node_modules/convex's version when it is the bad one although the range allows a fixed release. */
  installed?: string;
  /** The range with 1.33.0 replaced by 1.33.1, when the range itself pins the bad release. */
  fixedRange?: string;
}

const CONVEX_ENTRY = /"convex"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * The notice for a package.json whose `convex` dependency is (or is installed as) 1.33.0; undefined otherwise.
 * Never throws; text that is not JSON gives undefined.
 */
export function convexVersionNotice(packageJsonText: string, installedConvexVersion?: string): ConvexVersionNotice | undefined {
  const range = readDependencies(packageJsonText).get('convex');
  if (range === undefined || !isKnownBadConvex(range, installedConvexVersion)) return undefined;
  for (const match of packageJsonText.matchAll(CONVEX_ENTRY)) {
    if (match[1] !== range) continue;
    const start = (match.index ?? 0) + match[0].length - range.length - 1;
    const pinned = isKnownBadConvex(range, undefined);
    return {
      start, end: start + range.length, range,
      ...(installedConvexVersion !== undefined && !pinned ? { installed: installedConvexVersion } : {}),
      ...(pinned ? { fixedRange: range.replace(KNOWN_BAD_CONVEX_VERSION, '1.33.1') } : {}),
    };
  }
  return undefined;
}
