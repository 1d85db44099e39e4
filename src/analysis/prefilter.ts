// Cheap checks the editor adapter runs before it loads the parser. Kept nearly free of imports on purpose: the
// diagnostics feature imports this file statically, so it must stay tiny and must never pull Babel in (the file
// policy and the auth.config name rule it asks are import-free).
import { isSourceFileName } from '../project/sourceFiles';
import { isAuthConfigName, isUnreadAuthConfigName } from '../project/authConfigName';

// One pass of one case-sensitive alternation (measured faster than an indexOf per word, or a case-insensitive
// regex, on a 1 MB file). Lower-case tails are enough: every rule needs an import from "convex/…" or
// "@clerk/…", a component named Convex…/Clerk…, an identity read, or a Convex function file's own
// `_generated/server` import (a function that reads the identity only through a helper of another file), or a
// provider list's own keys (a misplaced auth config, rules/misplacedAuthConfig.ts).
const NAMES = /onvex|lerk|getUserIdentity|_generated\/server|applicationID|customJwt/;

/** True when the text may concern Clerk or Convex (it names either, or reads a Convex identity). */
export function mentionsClerkOrConvex(text: string): boolean {
  return NAMES.test(text);
}

/** `convex/auth.config.ts`/`.js` (or an auth.config in the wrong folder, which a rule reports): the one name rule. */
export const isAuthConfigFile = isAuthConfigName;

/** A config Convex reads, or one named like it that it never reads (a rule reports it): always analysed. */
const alwaysAnalysed = (fileName: string): boolean => isAuthConfigName(fileName) || isUnreadAuthConfigName(fileName);

/** Whether the analyzer reads this file at all: the workspace's source files, always including auth.config. */
export function isAnalysable(fileName: string): boolean {
  return isSourceFileName(fileName);
}

// A barrel that passes on another file's exports (`export { query } from "./public"`) names nothing of Convex, yet
// an identity helper or a custom builder reaches its users through it (convex/context/index.ts).
const RELATIVE_RE_EXPORT = /\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']\.{1,2}\//;

// React Router's route config (app/routes.ts) names neither Clerk nor Convex, yet it says which routes render under
// which layouts (reactRouterRoutes.ts).
const ROUTE_CONFIG_FILE = /(?:^|[\\/])routes\.[cm]?[jt]s$/;

/** Whether the file is a React Router route config (routes.ts importing @react-router/dev/routes), by its text. */
export function isRouteConfigFile(fileName: string, text: string): boolean {
  return ROUTE_CONFIG_FILE.test(fileName) && text.includes('@react-router/dev/routes');
}

/**
 * Worth analysing: an auth.config file, a script file that mentions Clerk or Convex, a barrel of the project, or a
 * React Router route config.
 */
export function shouldAnalyse(fileName: string, text: string): boolean {
  return (
    isAnalysable(fileName) &&
    (alwaysAnalysed(fileName) ||
      mentionsClerkOrConvex(text) ||
      RELATIVE_RE_EXPORT.test(text) ||
      isRouteConfigFile(fileName, text))
  );
}

// What a file's analysis takes from other files (crossFile.ts, componentContext): the project's provider components
// (the provider rules, the sandwich fact, the Convex gates beside a provider), its components that call Convex on
// mount and its Clerk wrapper hooks (clerk-gate across files), the files that render ConvexProviderWithClerk and
// whether any Convex function reads the identity (plain-convex-provider, the TanStack Start server-function rule).
// A file that names none of these, nor one of the project's Clerk wrapper hooks, reads nothing from other files.
const CROSS_FILE =
  /ClerkProvider|useConvexAuth|Authenticated|authenticated|AuthLoading|ConvexHttpClient|SignedIn|\bShow\b|isSignedIn|@clerk\/|ConvexProvider\b/;

// Also a file that takes a hook from a module of the project (`import { useTodos } from "@/hooks/useTodos"`: the
// queries that hook sends), and a Convex function file importing from one (an identity helper such as
// `requireUser`), whether or not the other file is indexed yet: its facts may come later.
const LOCAL_SOURCE = String.raw`["'](?:\.{1,2}\/(?!_generated\/)|[@~#]\/)`;
const LOCAL_HOOK = new RegExp(
  String.raw`import\s*(?:\{[^}]*\buse[A-Z0-9][^}]*\}|use[A-Z0-9]\w*)\s*from\s*${LOCAL_SOURCE}`,
);
const LOCAL_IMPORT = new RegExp(String.raw`from\s*${LOCAL_SOURCE}`);
// And a file that renders what it is given (`children`, or expo-router's navigators) inside a component it takes from
// a module of the project: a route layout waits for Convex's auth when that component wraps its children in
// <Authenticated> (authenticatedChildren.ts), a fact of the other file that may come later.
const LOCAL_COMPONENT = new RegExp(String.raw`import\s*(?:\{[^}]*\b[A-Z]\w*[^}]*\}|[A-Z]\w*)\s*from\s*${LOCAL_SOURCE}`);
const RENDERS_GIVEN = /\bchildren\b|expo-router/;

/**
 * Whether this text's analysis may change when other files change (the workspace index checks it again then);
 * `names`: the names of the project's hooks and helpers other files export (crossFile.ts, crossFileNames).
 */
export function dependsOnOtherFiles(text: string, names: readonly string[] = []): boolean {
  return (
    CROSS_FILE.test(text) ||
    names.some((name) => name !== 'default' && text.includes(name)) ||
    LOCAL_HOOK.test(text) ||
    (RENDERS_GIVEN.test(text) && LOCAL_COMPONENT.test(text)) ||
    (text.includes('_generated/server') && LOCAL_IMPORT.test(text))
  );
}
