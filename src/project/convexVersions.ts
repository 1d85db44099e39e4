// Which convex releases break Clerk sign-in, and why (convex-js src/react-clerk/ConvexProviderWithClerk.tsx over
// its history): ≤ 1.32 always asks Clerk for the `convex` JWT template, 1.33.0 never does, 1.33.1 picks by the
// session's `aud`, and only from 1.42.2 is the token fetcher rebuilt when the session changes; up to 1.42.1 sign-in
// also failed for users who belong to no organization (convex-js #171).

export type ConvexVersionIssue =
  /** ≤ 1.32: always `getToken({ template: "convex" })`, so an app using only Clerk's Convex integration never authenticates. */
  | 'integration-never-sent'
  /** 1.33.0: the template path was dropped, so an app using only the `convex` JWT template never authenticates. */
  | 'template-dropped'
  /**
   * 1.33.1 – 1.42.1: a new Clerk session (sign-out and in, switching accounts) is not picked up, and users without an
   * organization could not sign in (convex-js #171), on every platform.
   */
  | 'new-session-missed';

/** The first release without any of the issues above. */
export const FIXED_CONVEX_VERSION = '1.42.2';

/** What each issue does, in one sentence (the diagnostic and the token panel build on it). */
export const CONVEX_ISSUE_REASONS: Readonly<Record<ConvexVersionIssue, string>> = {
  'integration-never-sent':
    'ConvexProviderWithClerk in convex 1.32 and earlier always asks Clerk for a JWT template named "convex", so an app that uses only Clerk\'s Convex integration (no template) never authenticates.',
  'template-dropped':
    'ConvexProviderWithClerk in convex 1.33.0 never asks Clerk for the "convex" JWT template, so an app that uses only that template stays signed out in Convex (fixed in 1.33.1).',
  'new-session-missed':
    'ConvexProviderWithClerk before convex 1.42.2 rebuilds its token fetcher only when the organization changes: for a user who belongs to no Clerk organization it can stay on the JWT-template path, so an app using Clerk\'s Convex integration gets Clerk\'s 404 "No JWT template exists with name: convex" and never signs in (convex-js #171); and a new session (signing out and in, switching accounts) is not picked up until a reload. On the web as on Expo.',
};

export type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The issue of one exact version. */
export function issueOfVersion(version: string): ConvexVersionIssue | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  if (compareVersions(v, [1, 33, 0]) < 0) return 'integration-never-sent';
  if (compareVersions(v, [1, 33, 0]) === 0) return 'template-dropped';
  if (compareVersions(v, [1, 42, 2]) < 0) return 'new-session-missed';
  return undefined;
}

/**
 * The version a range installs when it is known: an exact pin, or the newest patch of a `~` range (npm picks the
 * newest match). `^1.x` and open ranges resolve to a current release, so they are never judged.
 */
export interface RangeReading {
  operator: string;
  version: string;
  /** The newest version the range allows is still affected, for `~` ranges. */
  tilde: boolean;
}

export function readRange(range: string): RangeReading | undefined {
  const m = /^\s*(=|v|~|\^)?\s*v?(\d+\.\d+\.\d+(?:[-+][\w.]+)?)\s*$/.exec(range);
  if (!m) return undefined;
  const operator = m[1] === 'v' ? '' : (m[1] ?? '');
  const version = m[2];
  if (operator === '^' && !version.startsWith('0.')) return undefined;
  return { operator, version, tilde: operator === '~' || operator === '^' };
}

/** The issue a dependency range (with the installed version, which decides when known) brings. */
export function convexVersionIssue(
  range: string | undefined,
  installed: string | undefined,
): ConvexVersionIssue | undefined {
  if (installed !== undefined) return issueOfVersion(installed);
  if (range === undefined) return undefined;
  const reading = readRange(range);
  if (!reading) return undefined;
  if (!reading.tilde) return issueOfVersion(reading.version);
  // `~1.33.0` installs the newest 1.33.x, `^0.x.y` the newest 0.x: judge the newest the range allows.
  const v = parseVersion(reading.version) as Version;
  const newest: Version =
    reading.operator === '^' ? [v[0], Number.MAX_SAFE_INTEGER, 0] : [v[0], v[1], Number.MAX_SAFE_INTEGER];
  return issueOfVersion(newest.join('.'));
}
