import { isAuthConfigName, isUnreadAuthConfigName, readsLikeConvexAuthConfig } from './authConfigName';

// Where the functions folder is: an auth.config under a name Convex never reads still shows where it was meant to be.
const namedAuthConfig = (path: string): boolean => isAuthConfigName(path) || isUnreadAuthConfigName(path);
import { readDependencies } from './packageFacts';
import { baseName, depth, dirName, isInside, joinPath } from './paths';
import type { ConvexLayout } from './types';

/** A file of the workspace: path relative to the workspace folder (with "/"), and its text. */
export interface ProjectFile {
  path: string;
  text: string;
}

export interface ConvexDirInput {
  /** Every package.json found (outside node_modules), with its text. */
  packageJsons: readonly ProjectFile[];
  /** Every convex.json found, with its text. */
  convexJsons: readonly ProjectFile[];
  /** The auth.config.* files found, with their text: evidence of which package holds the Convex functions. */
  authConfigs?: readonly ProjectFile[];
  /** Among equally likely packages, the one containing this path (e.g. the active editor's file) wins. */
  near?: string;
}

/**
 * Where the Convex functions directory lives. A project root is the directory of a package.json that depends on
 * `convex` (of a convex.json when none does). In a monorepo a client app depends on convex too, so the roots are
 * ranked by what marks the backend: a convex.json (the CLI reads it from the directory it runs in), then an
 * auth.config in the root's functions directory, then a Convex-looking auth.config anywhere in the root. Among the
 * best-ranked, the deepest containing `near`; else the only one; else the shallowest. The answer is marked
 * `ambiguous`, so that no verdict rests on it, when several were best-ranked or another holds a Convex auth.config.
 * Its convex.json `functions` field (e.g. "src/convex/") moves the directory; the default is `<root>/convex`.
 * Never throws; with nothing to go on the answer is "convex" at the workspace root.
 */
export function findConvexDir(input: ConvexDirInput): ConvexLayout {
  const roots = new Set<string>();
  for (const pkg of input.packageJsons) {
    if (readDependencies(pkg.text).has('convex')) roots.add(dirName(pkg.path));
  }
  // A convex.json only marks a project when no package.json names convex (e.g. packages not installed yet).
  if (roots.size === 0) for (const cfg of input.convexJsons) roots.add(dirName(cfg.path));
  const layouts = [...roots].map((root) => layoutOf(root, input.convexJsons));
  const evidence = evidenceOf(layouts, input);
  const best = Math.min(...layouts.map(evidence.rank));
  const chosen = pickRoot(
    layouts.filter((l) => evidence.rank(l) === best),
    input.near,
  );
  if (!chosen) return { projectRoot: '', functionsDir: 'convex', source: 'default' };
  // A Convex auth.config in another candidate package: a second Convex project, or the one we did not choose.
  return evidence.elsewhere(chosen) && !chosen.ambiguous ? { ...chosen, ambiguous: true } : chosen;
}

/** findConvexDir over the project files the service read (package.json, convex.json and auth.config files). */
export function convexDirOf(files: readonly ProjectFile[], near?: string): ConvexLayout {
  const named = (name: string): ProjectFile[] => files.filter((f) => baseName(f.path) === name);
  return findConvexDir({
    packageJsons: named('package.json'),
    convexJsons: named('convex.json'),
    authConfigs: files.filter((f) => namedAuthConfig(f.path)),
    ...(near !== undefined ? { near } : {}),
  });
}

function layoutOf(projectRoot: string, convexJsons: readonly ProjectFile[]): ConvexLayout {
  const convexJson = convexJsons.find((c) => dirName(c.path) === projectRoot);
  const functions = convexJson ? functionsField(convexJson.text) : undefined;
  if (functions !== undefined) {
    return { projectRoot, functionsDir: joinPath(projectRoot, functions), source: 'convex.json' };
  }
  return { projectRoot, functionsDir: joinPath(projectRoot, 'convex'), source: 'default' };
}

interface Evidence {
  /** 0: has a convex.json; 1: its functions directory holds an auth.config; 2: it holds a Convex one elsewhere; 3. */
  rank: (layout: ConvexLayout) => number;
  /** Whether another candidate package holds a Convex auth.config. */
  elsewhere: (layout: ConvexLayout) => boolean;
}

function evidenceOf(layouts: readonly ConvexLayout[], input: ConvexDirInput): Evidence {
  const configs = (input.authConfigs ?? []).filter(
    (f) => namedAuthConfig(f.path) && !f.path.split('/').includes('node_modules'),
  );
  // A file belongs to the deepest root that contains it (the workspace root contains every package).
  const ownerOf = (path: string): string | undefined =>
    layouts
      .map((l) => l.projectRoot)
      .filter((root) => isInside(path, root))
      .sort((a, b) => depth(b) - depth(a))[0];
  const inFunctionsDir = (f: ProjectFile): boolean => layouts.some((l) => dirName(f.path) === l.functionsDir);
  const convexConfigs = configs.filter((f) => inFunctionsDir(f) || readsLikeConvexAuthConfig(f.text));
  return {
    rank: (layout) => {
      if (input.convexJsons.some((c) => dirName(c.path) === layout.projectRoot)) return 0;
      if (configs.some((f) => dirName(f.path) === layout.functionsDir)) return 1;
      if (convexConfigs.some((f) => ownerOf(f.path) === layout.projectRoot)) return 2;
      return 3;
    },
    elsewhere: (layout) =>
      convexConfigs.some((f) => {
        const owner = ownerOf(f.path);
        return owner !== undefined && owner !== layout.projectRoot;
      }),
  };
}

function pickRoot(candidates: ConvexLayout[], near: string | undefined): ConvexLayout | undefined {
  const byDepth = candidates.sort(
    (a, b) => depth(a.projectRoot) - depth(b.projectRoot) || a.projectRoot.localeCompare(b.projectRoot),
  );
  if (near !== undefined) {
    const containing = byDepth.filter((l) => isInside(near, l.projectRoot));
    const deepest = containing[containing.length - 1];
    if (deepest !== undefined) return deepest;
  }
  const first = byDepth[0];
  if (first === undefined || byDepth.length === 1) return first;
  return { ...first, ambiguous: true };
}

/** The `functions` field of convex.json when it is a relative path that stays inside the project. */
function functionsField(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !('functions' in json)) return undefined;
  const value = json.functions;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('/') || /^[a-z]:/i.test(trimmed)) return undefined;
  if (joinPath('', trimmed) === '' || trimmed.split(/[\\/]/).includes('..')) return undefined;
  return trimmed.replace(/\\/g, '/');
}
