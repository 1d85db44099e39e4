// Helpers named for requiring sign-in and nothing more: they stop a caller who is not signed in, and check no
// access to anything. Used where a helper's body cannot be seen (another file, another package).

/** `requireUser`, `requireAuth`, `getCurrentUserOrThrow`, `mustGetCurrentUser`, `ensureAuthenticated`, `getAuthUserId`. */
export const SIGN_IN_NAME =
  /^(get|require|ensure|assert|must|check|verify)(_?get)?_?(current|auth|authenticated|signed_?in|logged_?in)?_?(user|identity|viewer|session|auth|me|caller|login|signed_?in|authenticated|logged_?in)(_?id)?(_?or_?(throw|fail))?$/i;
