import { convexEntryStart } from './convexVersionNotice';
import { compareVersions as compare, type Version } from './convexVersions';
import { readDependencies } from './packageFacts';
import type { ProjectSnapshot } from './types';

// convex 1.49 declares `engines.node >= 22` and its CLI refuses older Node ("Your Node version … is too old"), so a
// learner on Node 20 installs the sample with only an EBADENGINE warning and then cannot run `npx convex dev`.
// The range comes from the installed package, not from a table here, so a future bump is followed by itself.

/** A Node version as `node --version` prints it ("v20.20.2") or without the v. */
export function parseNodeVersion(text: string): Version | undefined {
  const m = /^\s*v?(\d+)\.(\d+)\.(\d+)(?:[-+][\w.-]*)?\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

type Partial = { parts: number[] };

function readPartial(text: string): Partial | undefined {
  if (text === '*' || text === 'x' || text === 'X' || text === '') return { parts: [] };
  const pieces = text.replace(/^v/, '').split('.');
  if (pieces.length > 3) return undefined;
  const parts: number[] = [];
  for (const piece of pieces) {
    if (piece === 'x' || piece === 'X' || piece === '*') break;
    if (!/^\d+$/.test(piece)) return undefined;
    parts.push(Number(piece));
  }
  return { parts };
}

function floor(p: Partial): Version {
  return [p.parts[0] ?? 0, p.parts[1] ?? 0, p.parts[2] ?? 0];
}

/** The first version past a partial one: 22 → 23.0.0, 22.3 → 22.4.0; undefined for `*`. */
function ceiling(p: Partial): Version | undefined {
  const n = p.parts.length;
  if (n === 0) return undefined;
  if (n === 1) return [p.parts[0] + 1, 0, 0];
  if (n === 2) return [p.parts[0], p.parts[1] + 1, 0];
  return undefined;
}

/** One comparator; undefined when it is not a form read here (then the range is not judged). */
function matches(token: string, v: Version): boolean | undefined {
  const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token) as RegExpExecArray;
  const operator = m[1] ?? '';
  const partial = readPartial(m[2]);
  if (!partial) return undefined;
  const low = floor(partial);
  const high = ceiling(partial);
  const exact = partial.parts.length === 3;
  switch (operator) {
    case '>=':
      return compare(v, low) >= 0;
    case '<':
      return compare(v, low) < 0;
    case '>':
      return exact ? compare(v, low) > 0 : high === undefined ? false : compare(v, high) >= 0;
    case '<=':
      return exact ? compare(v, low) <= 0 : high === undefined ? true : compare(v, high) < 0;
    case '^': {
      const major =
        low[0] > 0 || partial.parts.length < 2 ? ([low[0] + 1, 0, 0] as Version) : ([0, low[1] + 1, 0] as Version);
      return compare(v, low) >= 0 && compare(v, major) < 0;
    }
    case '~':
      return (
        compare(v, low) >= 0 && compare(v, partial.parts.length < 2 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0]) < 0
      );
    default:
      return exact ? compare(v, low) === 0 : compare(v, low) >= 0 && (high === undefined || compare(v, high) < 0);
  }
}

/**
 * Whether a Node version satisfies an `engines.node` range (`>=22`, `^20.19 || >=22.12`, `22.x`, …); undefined
 * when either is in a form not read here (hyphen ranges, tags), so an unusual range never produces a warning.
 */
export function nodeSatisfies(range: string, nodeVersion: string): boolean | undefined {
  const v = parseNodeVersion(nodeVersion);
  if (!v || /\s-\s/.test(range)) return undefined;
  let any = false;
  for (const alternative of range.split('||')) {
    const tokens = alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    let all = true;
    for (const token of tokens.length ? tokens : ['*']) {
      const ok = matches(token, v);
      if (ok === undefined) return undefined;
      if (!ok) all = false;
    }
    if (all) any = true;
  }
  return any;
}

/** A project whose installed convex cannot run on the Node found for it. */
export interface NodeEngineNotice {
  /** Offsets of the `convex` range string's contents in package.json; undefined when it has no convex entry. */
  start?: number;
  end?: number;
  convexVersion: string;
  /** `engines.node` of node_modules/convex/package.json, e.g. ">=22.0.0". */
  required: string;
  /** What `node --version` printed, e.g. "v20.20.2". */
  found: string;
  /** The first major release after the one found that meets the range (22 for ">=22.0.0"), to suggest installing. */
  suggestedMajor?: number;
}

/** The notice when `nodeVersion` does not satisfy the installed convex's `engines.node`; never throws. */
export function nodeEngineNotice(
  packageJsonText: string,
  installed: { version: string; enginesNode: string },
  nodeVersion: string,
): NodeEngineNotice | undefined {
  if (nodeSatisfies(installed.enginesNode, nodeVersion) !== false) return undefined;
  const notice: NodeEngineNotice = {
    convexVersion: installed.version,
    required: installed.enginesNode,
    found: nodeVersion.trim(),
  };
  const foundMajor = (parseNodeVersion(nodeVersion) as Version)[0];
  for (let major = foundMajor + 1; major <= foundMajor + 20; major++) {
    if (nodeSatisfies(installed.enginesNode, `${major}.99.0`)) {
      notice.suggestedMajor = major;
      break;
    }
  }
  const range = readDependencies(packageJsonText).get('convex');
  const start = range === undefined ? undefined : convexEntryStart(packageJsonText, range);
  return start === undefined ? notice : { ...notice, start, end: start + (range as string).length };
}

/** The notice for a snapshot (its installed convex and probed Node), placed in `packageJsonText` when given. */
export function nodeNoticeOf(snapshot: ProjectSnapshot, packageJsonText = ''): NodeEngineNotice | undefined {
  const { convexInstalled, convexEnginesNode } = snapshot.packages;
  if (convexInstalled === undefined || convexEnginesNode === undefined || snapshot.nodeVersion === undefined)
    return undefined;
  return nodeEngineNotice(
    packageJsonText,
    { version: convexInstalled, enginesNode: convexEnginesNode },
    snapshot.nodeVersion,
  );
}
