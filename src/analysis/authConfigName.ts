// The one rule for which files are Convex auth configs: `auth.config.ts` and its siblings. The rules, the project
// snapshot and the pre-filter all ask it, so a `.mts` config is never read by one and skipped by another.
// Import-free: the pre-filter (loaded with the adapters) uses it.

const AUTH_CONFIG_NAME = /(^|[\\/])auth\.config\.(ts|mts|cts|js|mjs|cjs)$/;

/** `convex/auth.config.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs` (in any folder: a rule reports a wrong one). */
export function isAuthConfigName(path: string): boolean {
  return AUTH_CONFIG_NAME.test(path);
}
