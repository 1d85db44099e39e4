// The module aliases a file's nearest tsconfig.json / jsconfig.json declares (`baseUrl`, `paths`), following
// `extends` the way TypeScript does, so the analyzer can tell which of the project's files an import names.
// Reads through a callback (the adapter's one text reader); any unreadable or broken config means "no config".
import { parseJsonc } from './jsonc';
import { dirName, joinPath } from './paths';

/** Directories are workspace-relative ("" is the root); `paths` targets are relative to `pathsBase`. */
export interface ModuleAliases {
  /** Where a bare specifier is looked up when `paths` does not match. */
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** The directory `paths` targets are relative to: `baseUrl`, or the directory of the config declaring `paths`. */
  pathsBase: string;
}

export type ReadConfigText = (path: string) => Promise<string | undefined>;

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
// TypeScript has no limit, but a chain this deep is a mistake, and the reads are bounded.
const MAX_EXTENDS_DEPTH = 8;

interface Options {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Directory of the config that declared `paths`. */
  pathsDir?: string;
}

/** The nearest config's directory walking up from `file`, or undefined when none is found or it is broken. */
export async function moduleAliasesFor(file: string, read: ReadConfigText): Promise<ModuleAliases | undefined> {
  try {
    let dir = dirName(file.replace(/\\/g, '/'));
    for (;;) {
      for (const name of CONFIG_NAMES) {
        const path = joinPath(dir, name);
        const text = await read(path);
        if (text === undefined) continue;
        const options = await loadConfig(path, text, read, new Set(), 0);
        if (!options) return undefined;
        return {
          ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
          ...(options.paths && { paths: options.paths }),
          pathsBase: options.baseUrl ?? options.pathsDir ?? dir,
        };
      }
      if (dir === '') return undefined;
      dir = dirName(dir);
    }
  } catch {
    return undefined;
  }
}

async function loadConfig(
  path: string,
  text: string,
  read: ReadConfigText,
  seen: Set<string>,
  depth: number,
): Promise<Options | undefined> {
  if (seen.has(path) || depth > MAX_EXTENDS_DEPTH) return undefined;
  seen.add(path);
  const json = parseJsonc(text);
  if (!isRecord(json)) return undefined;
  const dir = dirName(path);
  let merged: Options = {};
  const bases = typeof json.extends === 'string' ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    const found = await readExtended(dir, base, read);
    if (!found) continue; // TypeScript reports a missing base; the rest of the config still applies
    const options = await loadConfig(found.path, found.text, read, new Set(seen), depth + 1);
    if (options) merged = { ...merged, ...options };
  }
  const compilerOptions = isRecord(json.compilerOptions) ? json.compilerOptions : {};
  if (typeof compilerOptions.baseUrl === 'string') merged.baseUrl = joinPath(dir, compilerOptions.baseUrl);
  const paths = pathsOf(compilerOptions.paths);
  if (paths) {
    merged.paths = paths;
    merged.pathsDir = dir;
  }
  return merged;
}

/** A base config: relative to the extending config, or a file of a package found in `node_modules` upwards. */
async function readExtended(
  dir: string,
  specifier: string,
  read: ReadConfigText,
): Promise<{ path: string; text: string } | undefined> {
  const relative = /^\.{1,2}(\/|$)/.test(specifier);
  const candidates: string[] = [];
  if (relative) {
    const path = joinPath(dir, specifier);
    candidates.push(path, ...(path.endsWith('.json') ? [] : [`${path}.json`]));
  } else {
    const bare = /^(@[^/]+\/)?[^/]+$/.test(specifier);
    for (let d = dir; ; d = dirName(d)) {
      const path = joinPath(d, `node_modules/${specifier}`);
      if (bare) candidates.push(`${path}/tsconfig.json`);
      else candidates.push(path, ...(path.endsWith('.json') ? [] : [`${path}.json`]));
      if (d === '') break;
    }
  }
  for (const path of candidates) {
    const text = await read(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

function pathsOf(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [pattern, targets] of Object.entries(value)) {
    if (Array.isArray(targets)) out[pattern] = targets.filter((t): t is string => typeof t === 'string');
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The workspace-relative module paths (without extension) a bare specifier may name, in TypeScript's order:
 * the `paths` pattern with the longest prefix before its `*` (an exact pattern wins), each of its targets in
 * order, then `baseUrl`. Empty when neither applies (the specifier is a package).
 */
export function aliasCandidates(aliases: ModuleAliases, specifier: string): string[] {
  const out: string[] = [];
  const match = bestPattern(Object.keys(aliases.paths ?? {}), specifier);
  if (match) {
    for (const target of aliases.paths?.[match.pattern] ?? [])
      out.push(joinPath(aliases.pathsBase, target.replace('*', match.star)));
  }
  if (aliases.baseUrl !== undefined) out.push(joinPath(aliases.baseUrl, specifier));
  return out;
}

/** Whether one of the config's `paths` patterns matches the specifier: it then names the project's own files. */
export function mappedByPaths(aliases: ModuleAliases, specifier: string): boolean {
  return bestPattern(Object.keys(aliases.paths ?? {}), specifier) !== undefined;
}

function bestPattern(patterns: readonly string[], specifier: string): { pattern: string; star: string } | undefined {
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (pattern === specifier) return { pattern, star: '' };
      continue;
    }
    if (pattern.indexOf('*', star + 1) !== -1) continue; // TypeScript rejects more than one `*`
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (
      specifier.length >= prefix.length + suffix.length &&
      specifier.startsWith(prefix) &&
      specifier.endsWith(suffix) &&
      (!best || prefix.length > best.prefix)
    ) {
      best = { pattern, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
    }
  }
  return best && { pattern: best.pattern, star: best.star };
}
