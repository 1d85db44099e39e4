// Cheap checks the editor adapter runs before it loads the parser. Kept free of imports on purpose (but for the
// import-free auth.config name rule): the diagnostics feature imports this file statically, so it must stay tiny
// and must never pull Babel in.

// One pass of one case-sensitive alternation (measured faster than an indexOf per word, or a case-insensitive
// regex, on a 1 MB file). Lower-case tails are enough: every rule needs an import from "convex/…" or
// "@clerk/…", a component named Convex…/Clerk…, or an identity read.
const NAMES = /onvex|lerk|getUserIdentity/;

/** True when the text may concern Clerk or Convex (it names either, or reads a Convex identity). */
export function mentionsClerkOrConvex(text: string): boolean {
  return NAMES.test(text);
}

import { isAuthConfigName } from './authConfigName';

/** `convex/auth.config.*` (or an auth.config in the wrong folder, which a rule reports): the one name rule. */
export const isAuthConfigFile = isAuthConfigName;

const ANALYSED = /\.(tsx?|jsx?|mjs|cjs|mts|cts)$/;

/** Whether the analyzer reads this file at all: script files, always including auth.config. */
export function isAnalysable(fileName: string): boolean {
  return ANALYSED.test(fileName) && !fileName.endsWith('.d.ts');
}

/** Worth analysing: an auth.config file, or a script file that mentions Clerk or Convex. */
export function shouldAnalyse(fileName: string, text: string): boolean {
  return isAnalysable(fileName) && (isAuthConfigFile(fileName) || mentionsClerkOrConvex(text));
}
