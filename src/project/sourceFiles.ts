// Which files of a workspace count: the learner's source files, their configs, and the Convex function modules.
// The one policy, on workspace-relative paths ("/"-separated, from the workspace folder): the worker's walk, the
// file search's globs, the watchers, the folder events, the pre-filter and the exercise's listing all ask here.
// A path outside the workspace folder is never tested: an absolute path would count every folder above it (a
// workspace under ~/build/ would ignore every change). Import-free on purpose: the pre-filter imports it, and
// must never pull anything in.

/** Build output and dependencies: never part of the learner's code or configuration, and often huge. */
export const EXCLUDED_DIRS: readonly string[] = [
  'node_modules',
  '.next',
  'dist',
  '.git',
  'out',
  'build',
  '.turbo',
  '.vercel',
  'coverage',
  '.convex',
];

/** Extensions of the source files the index reads and the analyzer looks at. */
export const SOURCE_EXTENSIONS: readonly string[] = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'];

const SOURCE = new RegExp(`\\.(${SOURCE_EXTENSIONS.join('|')})$`);
const DECLARATION = /\.d\.[mc]?ts$/;

/** Convex's generated code (its `api` and `server` modules): written by codegen, never the learner's. */
const GENERATED = '_generated';

/** A file name the index reads: a source file, not a declaration file. */
export function isSourceFileName(name: string): boolean {
  return SOURCE.test(name) && !DECLARATION.test(name);
}

function segments(rel: string): string[] {
  return rel.split('/').filter((s) => s !== '' && s !== '.');
}

/** A folder (`rel`: workspace-relative) the index never enters: build output, or Convex's codegen. */
export function isExcludedDir(rel: string): boolean {
  const parts = segments(rel);
  const name = parts[parts.length - 1] ?? '';
  return EXCLUDED_DIRS.includes(name) || (name === GENERATED && parts[parts.length - 2] === 'convex');
}

/** Whether any folder segment of a workspace-relative path is an excluded folder (the path itself included). */
export function inExcludedDir(rel: string): boolean {
  return segments(rel).some((s) => EXCLUDED_DIRS.includes(s));
}

/** A file the index reads (`rel`: workspace-relative): a source file in no folder the index leaves out. */
export function isIndexedSource(rel: string): boolean {
  const parts = segments(rel);
  if (parts.length === 0) return false;
  for (let i = 0; i < parts.length - 1; i++) {
    if (
      EXCLUDED_DIRS.includes(parts[i]) ||
      (parts[i] === 'convex' && parts[i + 1] === GENERATED && i + 1 < parts.length - 1)
    )
      return false;
  }
  return isSourceFileName(parts[parts.length - 1]);
}

const CONFIG = /^(tsconfig|jsconfig).*\.json$/;

/** A tsconfig/jsconfig (any of them may be a file's config or a base another extends) the index follows. */
export function isConfigFile(rel: string): boolean {
  const parts = segments(rel);
  return parts.length > 0 && CONFIG.test(parts[parts.length - 1]) && !inExcludedDir(parts.slice(0, -1).join('/'));
}

// The same policy as globs, for workspace.findFiles and file watchers (whose events are still narrowed by the
// functions above: a watcher's exclude cannot be given, and its glob cannot say "not under convex/_generated").
export const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;
export const CONFIG_GLOB = '**/{tsconfig,jsconfig}*.json';
const EXCLUDED_DIR_GLOBS = EXCLUDED_DIRS.map((d) => `**/${d}/**`);
/** The search's exclude for source files. */
export const SOURCE_EXCLUDE_GLOB = `{${[...EXCLUDED_DIR_GLOBS, '**/*.d.ts', '**/*.d.mts', '**/*.d.cts', `**/convex/${GENERATED}/**`].join(',')}}`;
/** The search's exclude for project files (package.json, env files, auth.config). */
export const PROJECT_EXCLUDE_GLOB = `{${EXCLUDED_DIR_GLOBS.join(',')}}`;

/**
 * A module of a Convex functions folder (`rel`: relative to that folder) that Convex would push as functions:
 * a script file, not a declaration, a test, a config (auth.config, convex.config) or the schema, and in no hidden
 * folder, `_generated` or node_modules.
 */
export function isFunctionModule(rel: string): boolean {
  const parts = segments(rel);
  if (parts.length === 0) return false;
  const name = parts[parts.length - 1];
  return (
    /\.(m?[jt]sx?|cjs)$/.test(name) &&
    !DECLARATION.test(name) &&
    !/\.(test|spec)\.[^.]+$/.test(name) &&
    !parts.some((part) => part.startsWith('.') || part === GENERATED || part === 'node_modules') &&
    !/^(auth|convex)\.config\.[^.]+$/.test(name) &&
    !/^schema\.[^.]+$/.test(name)
  );
}

/**
 * A module the exercise loads into convex-test: every function module and the schema (which defines the tables
 * convex-test checks writes against).
 */
export function isLoadedModule(rel: string): boolean {
  const parts = segments(rel);
  return (
    isFunctionModule(rel) ||
    (parts.length === 1 && /^schema\.(m?[jt]sx?|cjs)$/.test(parts[0]) && !DECLARATION.test(parts[0]))
  );
}
