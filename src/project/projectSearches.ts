// The file searches the project layer runs for each workspace folder. In VS Code's Node host each search is a
// ripgrep process the extension host spawns and that walks the whole folder: on the bench's 5,000-file monorepo
// the four searches, one per kind, cost ~190 ms of the host's main thread in spawns alone, beside the index's
// first scan. One search for all kinds walks the folder once; only when its shared limit is reached (a monorepo
// with hundreds of package.json files could then crowd out its env files or auth config) is each kind searched
// again on its own limit.

export interface ProjectSearch {
  glob: string;
  limit: number;
  /** Whether a workspace-relative path is what this search finds. */
  finds(relativePath: string): boolean;
}

const name = (relativePath: string): string => relativePath.slice(relativePath.lastIndexOf('/') + 1);

export const PROJECT_SEARCHES: readonly ProjectSearch[] = [
  { glob: '**/auth.config.*', limit: 50, finds: (p) => name(p).startsWith('auth.config.') },
  { glob: '**/.env*', limit: 200, finds: (p) => name(p).startsWith('.env') },
  { glob: '**/convex.json', limit: 50, finds: (p) => name(p) === 'convex.json' },
  { glob: '**/package.json', limit: 500, finds: (p) => name(p) === 'package.json' },
];

/** One glob for every search, and the limit of all of them together. */
export const COMBINED_SEARCH = {
  glob: `{${PROJECT_SEARCHES.map((s) => s.glob).join(',')}}`,
  limit: PROJECT_SEARCHES.reduce((sum, s) => sum + s.limit, 0),
};

/**
 * What the per-kind searches would have found, from the combined search's result: each kind up to its own limit.
 * Undefined when the combined result was cut at its limit (some kind may be missing): search each kind then.
 */
export function splitCombined(paths: readonly string[]): string[] | undefined {
  if (paths.length >= COMBINED_SEARCH.limit) return undefined;
  const kept: string[] = [];
  const counts = PROJECT_SEARCHES.map(() => 0);
  for (const p of paths) {
    const kind = PROJECT_SEARCHES.findIndex((s) => s.finds(p));
    if (kind === -1 || counts[kind] >= PROJECT_SEARCHES[kind].limit) continue;
    counts[kind]++;
    kept.push(p);
  }
  return kept;
}
