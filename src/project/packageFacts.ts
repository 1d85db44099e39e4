import { convexVersionIssue } from './convexVersions';
import type { Framework, PackageFacts } from './types';

// Clerk SDKs that provide ClerkProvider/useAuth for a front end; server-only packages (@clerk/backend, …) are
// not listed because they never wrap the Convex provider.
const CLERK_SDKS = [
  '@clerk/nextjs',
  '@clerk/clerk-react',
  '@clerk/react',
  '@clerk/expo',
  '@clerk/clerk-expo',
  '@clerk/react-router',
  '@clerk/tanstack-react-start',
  // Its name until Clerk renamed it to match TanStack's @tanstack/react-start (same ClerkProvider, useAuth, getAuth).
  '@clerk/tanstack-start',
  '@clerk/remix',
  '@clerk/astro',
  '@clerk/vue',
  '@clerk/chrome-extension',
];

/** TanStack Start and Clerk's SDK for it, each under its current and its earlier (pre-rename) name. */
const TANSTACK_START = [
  '@tanstack/react-start',
  '@tanstack/start',
  '@clerk/tanstack-react-start',
  '@clerk/tanstack-start',
];

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * What a package.json says about the project. Never throws: unreadable JSON gives the empty facts.
 * `installedConvexVersion` is the `version` of node_modules/convex/package.json when it could be read; it is the
 * only sure way to know a caret range did not resolve to the bad release.
 */
export function readPackageFacts(packageJsonText: string, installedConvexVersion?: string): PackageFacts {
  const deps = readDependencies(packageJsonText);
  const facts: PackageFacts = {
    framework: frameworkOf(deps),
    clerkSdks: CLERK_SDKS.filter((name) => deps.has(name)),
  };
  const clerkNextjs = deps.get('@clerk/nextjs');
  if (clerkNextjs !== undefined) facts.clerkNextjsRange = clerkNextjs;
  const convexRange = deps.get('convex');
  if (convexRange !== undefined) facts.convexRange = convexRange;
  if (installedConvexVersion !== undefined) facts.convexInstalled = installedConvexVersion;
  if (deps.has('expo-router')) facts.expoRouterRoots = [''];
  if (deps.has('next')) facts.nextRoots = [''];
  const issue = convexVersionIssue(convexRange, installedConvexVersion);
  if (issue) {
    facts.convexKnownBad = true;
    facts.convexIssue = issue;
  }
  return facts;
}

/** Names and ranges of every dependency kind; empty when the text is not a JSON object. */
export function readDependencies(packageJsonText: string): Map<string, string> {
  const deps = new Map<string, string>();
  let json: unknown;
  try {
    json = JSON.parse(packageJsonText.replace(/^\uFEFF/, ''));
  } catch {
    return deps;
  }
  if (!isRecord(json)) return deps;
  for (const field of DEPENDENCY_FIELDS) {
    const section = json[field];
    if (!isRecord(section)) continue;
    for (const [name, range] of Object.entries(section)) {
      if (typeof range === 'string' && !deps.has(name)) deps.set(name, range);
    }
  }
  return deps;
}

function frameworkOf(deps: Map<string, string>): Framework {
  if (deps.has('next')) return 'next';
  if (deps.has('expo') || deps.has('@clerk/expo') || deps.has('@clerk/clerk-expo')) return 'expo';
  if (TANSTACK_START.some((name) => deps.has(name))) return 'tanstack-start';
  if (deps.has('vite') || [...deps.keys()].some((name) => name.startsWith('@vitejs/'))) return 'vite';
  return 'unknown';
}

/** Whether the range (or the installed version, which decides when known) is a convex release that breaks Clerk sign-in. */
export function isKnownBadConvex(range: string | undefined, installed: string | undefined): boolean {
  return convexVersionIssue(range, installed) !== undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
