// The fields of Clerk's auth state (useAuth(), useUser(), useOrganization()) that say who is signed in, and which
// of them name the user. A query skipped on any of them waits for Clerk, not for Convex (clerk-gate).

/** Clerk hooks whose state people gate Convex calls on. */
export const CLERK_STATE_HOOKS: ReadonlySet<string> = new Set(['useAuth', 'useUser', 'useOrganization']);

/** The hooks whose `isSignedIn`/`isLoaded` Convex's own auth state can replace (clerk-gate's fix). */
export const CLERK_SESSION_HOOKS: ReadonlySet<string> = new Set(['useAuth', 'useUser']);

/** Keys of that state whose truthiness follows Clerk's sign-in (useAuth's fields, useUser's `user`). */
export const CLERK_STATE_KEYS: ReadonlySet<string> = new Set([
  'isSignedIn',
  'isLoaded',
  'userId',
  'sessionId',
  'user',
  'organization',
  'orgId',
  'orgRole',
  'orgSlug',
  'actor',
  'sessionClaims',
]);

/**
 * Keys that identify the user (and `user.id`): a call that passes one as an argument does not need Convex's auth
 * to work (the function takes the user from its arguments instead, which identity-from-args reports). An
 * organisation's id or role is not the user: a function given one still needs the caller's identity to check
 * membership, so passing it does not excuse a Clerk-only gate.
 */
export const CLERK_ID_KEYS: ReadonlySet<string> = new Set(['userId', 'sessionId']);

/** Keys that hold the active organisation (its id among them): a value that may be one is not the user's id. */
export const CLERK_ORG_KEYS: ReadonlySet<string> = new Set(['organization', 'orgId']);
