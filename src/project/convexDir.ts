import { readDependencies } from './packageFacts';
import { depth, dirName, isInside, joinPath } from './paths';
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
  /** A path the answer should be nearest to (e.g. the active editor's file); the shallowest project otherwise. */
  near?: string;
}

/**
 * Where the Convex functions directory lives. The project root is the directory of a package.json that depends
 * on `convex` (of a convex.json when none does); in a monorepo the deepest one containing `near`, else the
 * shallowest.
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
  const projectRoot = pickRoot([...roots], input.near);
  const convexJson = input.convexJsons.find((c) => dirName(c.path) === projectRoot);
  const functions = convexJson ? functionsField(convexJson.text) : undefined;
  if (functions !== undefined) {
    return { projectRoot, functionsDir: joinPath(projectRoot, functions), source: 'convex.json' };
  }
  return { projectRoot, functionsDir: joinPath(projectRoot, 'convex'), source: 'default' };
}

function pickRoot(roots: string[], near: string | undefined): string {
  const byDepth = roots.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  if (near !== undefined) {
    const containing = byDepth.filter((r) => isInside(near, r));
    const deepest = containing[containing.length - 1];
    if (deepest !== undefined) return deepest;
  }
  return byDepth[0] ?? '';
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
