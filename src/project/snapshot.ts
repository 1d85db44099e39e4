import { isAuthConfigName, readsLikeConvexAuthConfig } from './authConfigName';
import type { ProjectFile } from './convexDir';
import { envFilePrecedence, isLocalEnvFileName } from './envFiles';
import { parseEnvFile } from './envFile';
import { readPackageFacts } from './packageFacts';
import { baseName, depth, dirName } from './paths';
import { decodePublishableKey, findPublishableKey } from './publishableKey';
import type {
  AuthConfigInfo,
  ConvexLayout,
  EnvEntry,
  InstalledExpoPackages,
  PackageFacts,
  ProjectSnapshot,
} from './types';

// Turns the files the service found into a snapshot. Pure, so the ordering rules (which env file wins, which
// auth.config is "the" config, which package.json speaks for the project) are tested without VS Code.

export type AuthConfigReader = (text: string, path: string, uri: string) => AuthConfigInfo;

export interface SnapshotInput {
  folderUri: string;
  /** package.json, convex.json, env files and auth.config.* files, with workspace-relative paths. */
  files: readonly ProjectFile[];
  layout: ConvexLayout;
  /** `version` of <projectRoot>/node_modules/convex/package.json, when readable. */
  convexInstalled?: string;
  /** `engines.node` of that same package.json, when it declares one. */
  convexEnginesNode?: string;
  /** What `node --version` printed in the project folder. */
  nodeVersion?: string;
  /** `version` of <projectRoot>/node_modules/@clerk/nextjs/package.json, when readable. */
  clerkNextjsInstalled?: string;
  /** node_modules/expo and node_modules/@clerk/expo, when installed. */
  expoInstalled?: InstalledExpoPackages;
  /** URI string of a workspace-relative path. */
  uriOf: (path: string) => string;
  /** Needed only when `files` holds an auth config (it is the parser-backed reader from the lazy bundle). */
  readAuthConfig?: AuthConfigReader;
}

export function isAuthConfigPath(path: string): boolean {
  return isAuthConfigName(baseName(path)) && !path.split('/').includes('node_modules');
}

export function buildSnapshot(input: SnapshotInput): ProjectSnapshot {
  const { files, layout } = input;
  const packages = packageFactsFor(files, layout, input.convexInstalled);
  if (input.convexEnginesNode !== undefined && input.convexInstalled !== undefined)
    packages.convexEnginesNode = input.convexEnginesNode;
  if (input.clerkNextjsInstalled !== undefined) packages.clerkNextjsInstalled = input.clerkNextjsInstalled;
  if (input.expoInstalled !== undefined) packages.expoInstalled = input.expoInstalled;
  const env = envEntries(files, layout, packages);
  const snapshot: ProjectSnapshot = {
    authConfigs: authConfigs(input),
    env,
    packages,
    convexLayout: layout,
    folderUri: input.folderUri,
  };
  if (input.nodeVersion !== undefined) snapshot.nodeVersion = input.nodeVersion;
  const publishableKey = findPublishableKey(env, packages.framework);
  if (publishableKey) {
    snapshot.publishableKey = publishableKey;
    const info = decodePublishableKey(publishableKey.value);
    if (info) snapshot.publishableKeyInfo = info;
  }
  return snapshot;
}

/**
 * The package.json of the Convex project speaks for it; in a monorepo the front end often lives in another
 * package, so the framework and Clerk SDKs fall back to the others (shallowest first).
 */
function packageFactsFor(files: readonly ProjectFile[], layout: ConvexLayout, convexInstalled?: string): PackageFacts {
  const pkgs = files
    .filter((f) => baseName(f.path) === 'package.json')
    .sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
  const primaryFile = pkgs.find((f) => dirName(f.path) === layout.projectRoot);
  const primary = primaryFile
    ? readPackageFacts(primaryFile.text, convexInstalled)
    : readPackageFacts('', convexInstalled);
  const others = pkgs.filter((f) => f !== primaryFile).map((file) => ({ file, facts: readPackageFacts(file.text) }));
  const facts: PackageFacts = { ...primary, clerkSdks: [...primary.clerkSdks] };
  // Each package's router root is its own folder, rebased onto the workspace.
  const read = primaryFile ? [{ file: primaryFile, facts: primary }, ...others] : others;
  for (const key of ['expoRouterRoots', 'nextRoots'] as const) {
    const roots = read.filter((r) => r.facts[key]).map((r) => dirName(r.file.path));
    if (roots.length) facts[key] = roots;
    else delete facts[key];
  }
  for (const { facts: other } of others) {
    if (facts.framework === 'unknown') facts.framework = other.framework;
    for (const sdk of other.clerkSdks) if (!facts.clerkSdks.includes(sdk)) facts.clerkSdks.push(sdk);
    if (facts.clerkNextjsRange === undefined && other.clerkNextjsRange !== undefined)
      facts.clerkNextjsRange = other.clerkNextjsRange;
    if (facts.convexRange === undefined && other.convexRange !== undefined) {
      facts.convexRange = other.convexRange;
      if (other.convexKnownBad && facts.convexInstalled === undefined) {
        facts.convexKnownBad = true;
        if (other.convexIssue) facts.convexIssue = other.convexIssue;
      }
    }
  }
  return facts;
}

/** Env files of the Convex project first, then the workspace root, then the rest; by precedence within a folder. */
function envEntries(files: readonly ProjectFile[], layout: ConvexLayout, packages: PackageFacts): EnvEntry[] {
  const order = envFilePrecedence(packages.framework);
  const rank = (dir: string): number => (dir === layout.projectRoot ? 0 : dir === '' ? 1 : 2);
  const envFiles = files
    .filter((f) => isLocalEnvFileName(baseName(f.path)) && !f.path.split('/').includes('node_modules'))
    .sort((a, b) => {
      const da = dirName(a.path);
      const db = dirName(b.path);
      return (
        rank(da) - rank(db) ||
        depth(da) - depth(db) ||
        da.localeCompare(db) ||
        order.indexOf(baseName(a.path)) - order.indexOf(baseName(b.path))
      );
    });
  return envFiles.flatMap((f) => parseEnvFile(f.text).map((pair) => ({ ...pair, file: f.path })));
}

/**
 * The auth.config files the snapshot reads, in its order: configs in the functions directory first (.ts before
 * .js), then look-alikes elsewhere. The project service reads these (in the analysis worker) before building it.
 */
export function authConfigFiles(input: Pick<SnapshotInput, 'files' | 'layout'>): ProjectFile[] {
  const inFunctionsDir = (path: string): boolean => dirName(path) === input.layout.functionsDir;
  return input.files
    .filter((f) => isAuthConfigPath(f.path) && (inFunctionsDir(f.path) || readsLikeConvexAuthConfig(f.text)))
    .sort(
      (a, b) =>
        Number(inFunctionsDir(b.path)) - Number(inFunctionsDir(a.path)) ||
        Number(/\.[cm]?js$/.test(a.path)) - Number(/\.[cm]?js$/.test(b.path)) ||
        a.path.localeCompare(b.path),
    );
}

function authConfigs(input: SnapshotInput): AuthConfigInfo[] {
  const read = input.readAuthConfig;
  if (!read) return [];
  return authConfigFiles(input).map((f) => read(f.text, f.path, input.uriOf(f.path)));
}
