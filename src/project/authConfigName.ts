// The one rule for which files are Convex auth configs. The rules, the project snapshot and the pre-filter all ask
// it, so a config is never read by one and skipped by another. Convex's CLI bundles `auth.config.ts`, else
// `auth.config.js`, and no other extension (convex 1.51, src/bundler/index.ts L333-344): an `auth.config.mjs` is
// never read, so it is not a config here either, only a name a rule reports (rules/misplacedAuthConfig.ts).
// Import-free: the pre-filter (loaded with the adapters) uses it.

const AUTH_CONFIG_NAME = /(^|[\\/])auth\.config\.(ts|js)$/;
const UNREAD_AUTH_CONFIG_NAME = /(^|[\\/])auth\.config\.(mts|cts|mjs|cjs|tsx|jsx)$/;

/** `auth.config.ts` or `auth.config.js`, the names Convex reads (in any folder: a rule reports a wrong one). */
export function isAuthConfigName(path: string): boolean {
  return AUTH_CONFIG_NAME.test(path);
}

/** `auth.config.mjs`, `.mts`, `.cjs`, `.cts`, `.tsx`, `.jsx`: named like a config, never read by Convex. */
export function isUnreadAuthConfigName(path: string): boolean {
  return UNREAD_AUTH_CONFIG_NAME.test(path);
}

// Outside the functions directory an auth.config is only Convex's when it reads like it; NextAuth, for one, also
// has an auth.config.ts with `providers`.
const CONVEX_AUTH_CONFIG_HINT =
  /applicationI[Dd]|convex\/server|_generated\/server|CLERK_JWT_ISSUER_DOMAIN|CLERK_FRONTEND_API_URL|\.clerk\.accounts\.dev/;

/** Whether an auth.config's text reads like Convex's (for one found outside the functions directory). */
export function readsLikeConvexAuthConfig(text: string): boolean {
  return CONVEX_AUTH_CONFIG_HINT.test(text);
}
