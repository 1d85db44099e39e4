// Whether an import specifier in one file names another file of the workspace. Relative specifiers are joined;
// bare ones go through the file's tsconfig/jsconfig `paths` and `baseUrl` when it has one (as TypeScript resolves
// them). Only a file with no config falls back to the usual `@/`, `~/`, `#/` aliases matched by suffix. A miss
// just means no cross-file finding.
import { dirName, joinPath } from '../project/paths';
import { aliasCandidates, type ModuleAliases } from '../project/tsconfigPaths';

const EXTENSION = /\.(tsx?|jsx?|mjs|cjs|mts|cts)$/;

/** The module a path names, for comparing: extension and a trailing `/index` dropped (what resolution probes). */
export function modulePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(EXTENSION, '')
    .replace(/\/index$/, '');
}

/**
 * The module paths (see `modulePath`) a specifier may name, in TypeScript's order: a relative one joined to the
 * importing file's directory, a bare one through the file's config. Undefined when only a guess could tell (a bare
 * specifier and no config).
 */
export function specifierModules(
  fromFile: string,
  specifier: string,
  aliases: ModuleAliases | undefined,
): string[] | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    return [modulePath(joinPath(dirName(fromFile.replace(/\\/g, '/')), specifier))];
  }
  return aliases && aliasCandidates(aliases, specifier).map(modulePath);
}

/**
 * `aliases`: the importing file's config (undefined: it has none). `knownFiles`: workspace files that exist, so
 * that of several `paths` targets the first existing one wins, as in TypeScript; without it any target counts.
 */
export function importRefersTo(
  fromFile: string,
  specifier: string,
  targetFile: string,
  aliases?: ModuleAliases,
  knownFiles?: readonly string[],
): boolean {
  const target = modulePath(targetFile);
  const candidates = specifierModules(fromFile, specifier, aliases);
  if (candidates) {
    if (!knownFiles) return candidates.includes(target);
    const known = new Set(knownFiles.map(modulePath));
    return candidates.find((c) => known.has(c)) === target;
  }
  const alias = /^[@~#]\//.exec(specifier);
  if (!alias) return false;
  const rest = modulePath(specifier.slice(2));
  return target === rest || target.endsWith(`/${rest}`);
}
