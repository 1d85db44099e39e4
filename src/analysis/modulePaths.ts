// Whether an import specifier in one file names another file of the workspace. Resolution is deliberately
// simple (relative paths and the usual `@/`, `~/` aliases, matched by suffix): the index only needs to find the
// project's own provider component, and a miss just means no cross-file finding.

const EXTENSION = /\.(tsx?|jsx?|mjs|cjs|mts|cts)$/;

function stripModule(path: string): string {
  return path.replace(/\\/g, '/').replace(EXTENSION, '').replace(/\/index$/, '');
}

function joinPosix(dir: string, rel: string): string {
  const parts = dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export function importRefersTo(fromFile: string, specifier: string, targetFile: string): boolean {
  const target = stripModule(targetFile);
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const from = fromFile.replace(/\\/g, '/');
    const dir = from.slice(0, from.lastIndexOf('/'));
    return stripModule(joinPosix(dir, specifier)) === target;
  }
  const alias = /^[@~#]\//.exec(specifier);
  if (!alias) return false;
  const rest = stripModule(specifier.slice(2));
  return target === rest || target.endsWith(`/${rest}`);
}
