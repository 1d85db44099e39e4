// The one information finding of a file nested too deeply to analyse: Babel parses recursively, so `{` thousands
// deep (or object literals from about 2,500) exhaust the stack. Without it the file's findings would all be dropped
// without a word. Import-free, so the adapter can name the code without loading the parser.
import type { Finding } from './types';

export const TOO_DEEP_CODE = 'clerk-convex/too-deep';

/** The finding, on the file's first line; `partly` when only some rules (named) could not run. */
export function tooDeepFinding(text: string, partly?: string[]): Finding {
  const lineEnd = text.indexOf('\n');
  const end = Math.min(lineEnd === -1 ? text.length : lineEnd, 200);
  const message = partly
    ? `This file nests too deeply for some Clerk ↔ Convex checks (${partly.join(', ')}): they ran out of stack and reported nothing. The other checks ran.`
    : 'This file nests too deeply for the Clerk ↔ Convex checks to read it (the parser ran out of stack), so none of them ran on it. Nothing here was found right or wrong.';
  return { code: TOO_DEEP_CODE, severity: 'information', message, start: 0, end, fixes: [] };
}
