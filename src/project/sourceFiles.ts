// Which files of a workspace are the learner's source and configuration, for every search and watcher: the file
// search's globs and the analysis worker's own walk of a local folder follow these same rules.

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

/** Extensions of the source files the workspace index reads. */
export const SOURCE_EXTENSIONS: readonly string[] = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts'];

const SOURCE = new RegExp(`\\.(${SOURCE_EXTENSIONS.join('|')})$`);

/** A folder the index never enters (`rel` is its workspace-relative path): build output, or Convex's codegen. */
export function isExcludedDir(rel: string): boolean {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return EXCLUDED_DIRS.includes(name) || rel === 'convex/_generated' || rel.endsWith('/convex/_generated');
}

/** A file name the index reads: a source file, not a declaration file. */
export function isSourceFileName(name: string): boolean {
  return SOURCE.test(name) && !name.endsWith('.d.ts');
}

/** Whether any segment of a "/"-separated path is an excluded folder (the path itself included). */
export function inExcludedDir(path: string): boolean {
  return path.split('/').some((s) => EXCLUDED_DIRS.includes(s));
}

/** A file the index reads (`rel` workspace-relative): a source file outside the excluded folders. */
export function isIndexedSource(rel: string): boolean {
  const segments = rel.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    if (
      EXCLUDED_DIRS.includes(segments[i]) ||
      (segments[i] === 'convex' && segments[i + 1] === '_generated' && i + 1 < segments.length - 1)
    )
      return false;
  }
  return isSourceFileName(segments[segments.length - 1]);
}
