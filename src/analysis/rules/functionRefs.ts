// How a client file names one of the project's Convex functions (`api.messages.list`) and which of the
// functions the workspace index knows (context.identityFunctions) that reference is. Shared by the rules that
// ask "does the function this call runs need a signed-in user?".
import type * as t from '@babel/types';
import { unwrapTs } from '../ast';
import { specifierModules } from '../modulePaths';
import type { Scan } from '../scanRecords';
import { dirName } from '../../project/paths';
import type { AnalysisContext, IdentityFunction } from '../types';

export interface ApiPath {
  /** The function's module under the functions folder: "messages", "folder/file". */
  module: string;
  name: string;
  /** As written, for messages: "api.messages.list". */
  text: string;
}

/**
 * `api.messages.list` / `api.folder.file.fn` → ["messages", "list"] / ["folder/file", "fn"]; a type cast around it
 * (`api.todos.get as any`, the ninth fresh check's C30) names the same function.
 */
export function apiPath(n: t.Node | undefined): ApiPath | undefined {
  const parts: string[] = [];
  let cur = n && unwrapTs(n);
  // `api.x?.y` (optional chaining, seen in real code) names the same function as `api.x.y`.
  while (
    (cur?.type === 'MemberExpression' || cur?.type === 'OptionalMemberExpression') &&
    !cur.computed &&
    cur.property.type === 'Identifier' &&
    parts.length < 12
  ) {
    parts.unshift(cur.property.name);
    cur = cur.object;
  }
  if (cur?.type !== 'Identifier' || cur.name !== 'api' || parts.length < 2) return undefined;
  const name = parts.pop() as string;
  return { module: parts.join('/'), name, text: `api.${parts.join('.')}.${name}` };
}

function moduleOf(path: string): string {
  return path.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, '');
}

/**
 * The functions folders the file's `api` import names (`@/convex/_generated/api` → ["convex"]), resolved like any
 * import; undefined when it cannot be resolved without a guess (then the module is matched by suffix).
 */
export function functionsDirs(scan: Scan, context: AnalysisContext): string[] | undefined {
  const source = scan.imports.get('api')?.source;
  const generated = source?.endsWith('_generated/api')
    ? specifierModules(scan.fileName, source, context.moduleAliases)
    : undefined;
  return generated?.map((m) => dirName(dirName(m)));
}

type Indexed = IdentityFunction & { path: string };

/** Whether a function file's module (path without extension) is the one `path` names under the functions folders. */
function names(fileModule: string, dirs: string[] | undefined, path: ApiPath): boolean {
  // Both sides are normalised already (dirs come from resolved paths, api modules are identifiers joined by "/").
  return dirs
    ? dirs.some((d) => fileModule === (d === '' ? path.module : `${d}/${path.module}`))
    : fileModule === path.module || fileModule.endsWith(`/${path.module}`);
}

/** The indexed function `path` names, if it needs a signed-in user and is of that kind. */
export function identityFunctionFor(
  context: AnalysisContext,
  dirs: string[] | undefined,
  path: ApiPath,
  kind: IdentityFunction['kind'],
): Indexed | undefined {
  return context.identityFunctions?.find(
    (f) =>
      f.exportName === path.name &&
      f.kind === kind &&
      !f.path.includes('node_modules') &&
      names(moduleOf(f.path), dirs, path),
  );
}

/**
 * The same question asked for many references: the functions grouped by name once (a module path is worked out
 * only for a function some reference names), each answer then a lookup.
 */
export function identityFunctionLookup(
  functions: readonly Indexed[],
): (dirs: string[] | undefined, path: ApiPath, kind: IdentityFunction['kind']) => Indexed | undefined {
  const byName = new Map<string, { fn: Indexed; module?: string }[]>();
  for (const fn of functions) {
    const list = byName.get(fn.exportName);
    if (list) list.push({ fn });
    else byName.set(fn.exportName, [{ fn }]);
  }
  return (dirs, path, kind) =>
    byName
      .get(path.name)
      ?.find(
        (c) =>
          c.fn.kind === kind &&
          !c.fn.path.includes('node_modules') &&
          names((c.module ??= moduleOf(c.fn.path)), dirs, path),
      )?.fn;
}
