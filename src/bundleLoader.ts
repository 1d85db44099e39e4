// Loads the lazily required bundles (dist/analysis.js, crypto.js, features.js) in the Node extension host with a
// V8 code cache kept in the extension's global storage. Most of a cold first analysis is V8 compiling Babel's
// functions as it meets them; with the cache of an earlier start those arrive compiled (measured: 92 → ~35 ms
// for the first analysis of a provider file). Node-only; the browser build bundles everything in instead.
// `require` would cache by path; this keeps one copy per bundle path for the whole host, across our bundles.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

interface Loaded {
  exports: unknown;
  script: vm.Script;
  cacheFile: string | undefined;
  key: string;
  /** Whether the cache on disk matched when the bundle was read. */
  fromCache: boolean;
  /** Whether nothing is left to write: the cache matched, or this process wrote it. */
  settled: boolean;
}

interface LoaderState {
  cacheDir: string | undefined;
  loaded: Map<string, Loaded>;
  pendingWrite: ReturnType<typeof setTimeout> | undefined;
}

/** Long enough for the first analysis / first command to have compiled what it needs; the cache then holds it. */
const WRITE_DELAY_MS = 5000;

function state(): LoaderState {
  const registry = globalThis as unknown as Record<symbol, LoaderState | undefined>;
  return (registry[Symbol.for('clerkConvex.bundleLoader')] ??= { cacheDir: undefined, loaded: new Map(), pendingWrite: undefined });
}

/** Where code caches go (the extension's global storage); without one, bundles load like plain require(). */
export function setCodeCacheDir(dir: string | undefined): void {
  state().cacheDir = dir;
}

/**
 * V8 checks a cache against the source's length and its own version/flags, not the content: the key adds the
 * bundle's size and mtime so a rebuilt or updated bundle of the same length never runs a stale cache.
 */
function cacheKey(file: string, stat: fs.Stats): string {
  return `${path.basename(file)}|${stat.size}|${Math.round(stat.mtimeMs)}|${process.versions.v8}|${process.arch}`;
}

function readCache(cacheFile: string, key: string): Buffer | undefined {
  try {
    const bytes = fs.readFileSync(cacheFile);
    const newline = bytes.indexOf(10);
    if (newline < 0 || bytes.toString('utf8', 0, newline) !== key) return undefined;
    return bytes.subarray(newline + 1);
  } catch {
    return undefined;
  }
}

/** The bundle's exports; evaluated once per host however many of our bundles ask for it. */
export function requireBundle(file: string): unknown {
  const { loaded, cacheDir } = state();
  const known = loaded.get(file);
  if (known) return known.exports;
  const source = fs.readFileSync(file, 'utf8');
  const key = cacheKey(file, fs.statSync(file));
  const cacheFile = cacheDir ? path.join(cacheDir, `${path.basename(file)}.v8cache`) : undefined;
  const cachedData = cacheFile ? readCache(cacheFile, key) : undefined;
  // The same wrapper Node puts around a CommonJS file, so the bundle sees the globals it expects.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as unknown };
  // createRequire gives the bundle a parent inside our extension folder: the host hands `require("vscode")` the
  // API object of the extension that owns that path.
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  loaded.set(file, { exports: module.exports, script, cacheFile, key, fromCache, settled: fromCache });
  if (cacheFile && !fromCache) scheduleCacheWrite();
  return module.exports;
}

function scheduleCacheWrite(): void {
  const s = state();
  if (s.pendingWrite) return;
  s.pendingWrite = setTimeout(() => {
    s.pendingWrite = undefined;
    void writeCodeCaches();
  }, WRITE_DELAY_MS);
  // A pending cache write never keeps a process alive (tests, the bench's one-shot processes).
  s.pendingWrite.unref?.();
}

/**
 * Writes the cache of every bundle loaded without a usable one. A failed write only costs the next start its
 * speed-up, so errors are swallowed. Written to a temporary name first: a half-written cache is never read.
 */
export async function writeCodeCaches(): Promise<number> {
  const s = state();
  if (s.pendingWrite) clearTimeout(s.pendingWrite);
  s.pendingWrite = undefined;
  let written = 0;
  for (const entry of s.loaded.values()) {
    if (!entry.cacheFile || entry.settled) continue;
    try {
      const data = entry.script.createCachedData();
      await fs.promises.mkdir(path.dirname(entry.cacheFile), { recursive: true });
      const temp = `${entry.cacheFile}.${process.pid}.tmp`;
      await fs.promises.writeFile(temp, Buffer.concat([Buffer.from(`${entry.key}\n`, 'utf8'), data]));
      await fs.promises.rename(temp, entry.cacheFile);
      entry.settled = true;
      written++;
    } catch {
      // Next start compiles from source, as without a cache.
    }
  }
  return written;
}

/** For tests: where caches go in this host (undefined: no code cache). */
export function codeCacheDir(): string | undefined {
  return state().cacheDir;
}

/** For tests: whether the bundle at `file` was evaluated from a matching code cache. */
export function loadedFromCache(file: string): boolean | undefined {
  return state().loaded.get(file)?.fromCache;
}
