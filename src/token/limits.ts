// Limits jose does not set: a paste larger than any real session token is refused before decoding, and nested
// values are cut at a depth the webview can render without recursion trouble.
export const MAX_TOKEN_BYTES = 64 * 1024;
export const MAX_DEPTH = 32;
/** Stands in for a value nested deeper than MAX_DEPTH. */
export const DEPTH_ELLIPSIS = '… (nested deeper than 32 levels)';
/** Claims decoded for display; the panel draws this many rows and counts the rest, so they are not prepared. */
export const MAX_SHOWN_CLAIMS = 200;
