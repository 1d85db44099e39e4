// Whether a file's analysis may change when other files of the workspace change: the `crossFile` flag the workspace
// index keeps with each file from disk (a file without it is checked again only when a config changes). It must
// not depend on what the index holds when the file is analysed: a page analysed before the hook it imports under a
// tsconfig alias (`@hooks/useMessages`) was judged by the names indexed so far, none yet, and was never checked
// again when the hook's file came (its query-before-auth finding then depended on the order of the scan).
import { crossFileNames } from './componentContext';
import { dependsOnOtherFiles } from './prefilter';
import { mappedByPaths } from '../project/tsconfigPaths';
import type { AnalysisContext } from './types';

export function crossFileOf(text: string, context: AnalysisContext): boolean {
  return dependsOnOtherFiles(text, crossFileNames(context)) || importsFromProject(text, context);
}

// `import … from "…"` (not `import "…"`); the bindings as text, the specifier.
const IMPORT = /\bimport\s+(?!["'])([^;]*?)\s*from\s*["']([^"']+)["']/g;
const HOOK = /\buse[A-Z0-9]/;
// Packages a file under a `baseUrl` names bare without meaning a folder of its own (over-counting costs a re-check).
const PACKAGE = /^(?:react|react-dom|react-native|next|convex|expo[\w-]*|@clerk|@tanstack|@convex-dev)(?:\/|$)/;

/**
 * A hook imported from a module the file's config may map to the project (a `paths` alias, `#` imports, a bare
 * specifier under `baseUrl`), or anything so imported into a Convex function file (an identity helper): the text
 * pre-filter knows only `./`, `@/`, `~/` and `#/`, and the names of the project's hooks only once they are indexed.
 */
function importsFromProject(text: string, context: AnalysisContext): boolean {
  const aliases = context.moduleAliases;
  const convexFile = text.includes('_generated/server');
  for (const [, bindings, source] of text.matchAll(IMPORT)) {
    const project =
      source.startsWith('#') ||
      (aliases !== undefined &&
        (mappedByPaths(aliases, source) ||
          (aliases.baseUrl !== undefined && !/^\.{0,2}\//.test(source) && !PACKAGE.test(source))));
    if (project && (convexFile || HOOK.test(bindings))) return true;
  }
  return false;
}
