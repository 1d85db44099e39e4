// How a client file names one of the project's Convex functions (`api.messages.list`) and which of the
// functions the workspace index knows (context.identityFunctions) that reference is. Shared by the rules that
// ask "does the function this call runs need a signed-in user?".
import type * as t from '@babel/types';
import { specifierModules } from '../modulePaths';
import type { Scan } from '../scan';
import { dirName, joinPath } from '../../project/paths';
import type { AnalysisContext, IdentityFunction } from '../types';

export interface ApiPath {
  /** The function's module under the functions folder: "messages", "folder/file". */
  module: string;
  name: string;
  /** As written, for messages: "api.messages.list". */
  text: string;
}

/** `api.messages.list` / `api.folder.file.fn` → ["messages", "list"] / ["folder/file", "fn"]. */
export function apiPath(n: t.Node | undefined): ApiPath | undefined {
  const parts: string[] = [];
  let cur = n;
  while (cur?.type === 'MemberExpression' && !cur.computed && cur.property.type === 'Identifier' && parts.length < 12) {
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
  const generated = source?.endsWith('_generated/api') ? specifierModules(scan.fileName, source, context.moduleAliases) : undefined;
  return generated?.map((m) => dirName(dirName(m)));
}

/** The indexed function `path` names, if it needs a signed-in user and is of that kind. */
export function identityFunctionFor(
  context: AnalysisContext, dirs: string[] | undefined, path: ApiPath, kind: IdentityFunction['kind'],
): (IdentityFunction & { path: string }) | undefined {
  const named = (file: string): boolean => (dirs
    ? dirs.some((d) => moduleOf(file) === joinPath(d, path.module))
    : moduleOf(file) === path.module || moduleOf(file).endsWith(`/${path.module}`));
  return context.identityFunctions?.find((f) => f.exportName === path.name && f.kind === kind && named(f.path) && !f.path.includes('node_modules'));
}
