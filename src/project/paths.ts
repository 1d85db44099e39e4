// Workspace-relative paths in this layer always use "/" and never start with "/" or "./".

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The directory part of a relative path; "" for a file at the root. */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, rest: string): string {
  const parts = [...dir.split('/'), ...rest.split('/')];
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** True when `path` is `dir` itself or lies below it ("" is the root and contains everything). */
export function isInside(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export function depth(path: string): number {
  return path === '' ? 0 : path.split('/').length;
}

/** The paths of `paths` that have no ancestor among them (a created folder stands for what it holds). */
export function topMost(paths: Iterable<string>): string[] {
  const all = new Set(paths);
  return [...all].filter((p) => !hasAncestorIn(p, all));
}

/** True when `path` is one of `dirs` or lies below one of them. */
export function isUnderAny(path: string, dirs: ReadonlySet<string>): boolean {
  return dirs.has(path) || hasAncestorIn(path, dirs);
}

function hasAncestorIn(path: string, dirs: ReadonlySet<string>): boolean {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    if (dirs.has(path.slice(0, i))) return true;
  }
  return false;
}
