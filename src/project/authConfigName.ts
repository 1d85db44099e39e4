// The one rule for which files are Convex auth configs: `auth.config.ts` and its siblings. The rules, the project
// snapshot and the pre-filter all ask it, so a `.mts` config is never read by one and skipped by another.
// Import-free: the pre-filter (loaded with the adapters) uses it.

const AUTH_CONFIG_NAME = /(^|[\\/])auth\.config\.(ts|mts|cts|js|mjs|cjs)$/;

/** `convex/auth.config.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs` (in any folder: a rule reports a wrong one). */
export function isAuthConfigName(path: string): boolean {
  return AUTH_CONFIG_NAME.test(path);
}

// Outside the functions directory an auth.config is only Convex's when it reads like it; NextAuth, for one, also
// has an auth.config.ts with `providers`.
const CONVEX_AUTH_CONFIG_HINT =
  /applicationI[Dd]|convex\/server|_generated\/server|CLERK_JWT_ISSUER_DOMAIN|CLERK_FRONTEND_API_URL|\.clerk\.accounts\.dev/;

/** Whether an auth.config's text reads like Convex's (for one found outside the functions directory). */
export function readsLikeConvexAuthConfig(text: string): boolean {
  return CONVEX_AUTH_CONFIG_HINT.test(text);
}
