// The program's top-level statements as the scan reads them: imports, exports, metadata, the file's own hooks.
import type * as t from '@babel/types';
import { unwrapTs } from './ast';
import type { Scan } from './scanRecords';

function addExport(map: Map<string, string[]>, local: string, exported: string): void {
  const list = map.get(local);
  if (list) list.push(exported);
  else map.set(local, [exported]);
}

function collectExport(node: t.Node, scan: Scan): void {
  if (node.type === 'ExportDefaultDeclaration') {
    const d = node.declaration;
    if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id)
      addExport(scan.exportsByLocal, d.id.name, 'default');
    else if (d.type === 'Identifier') addExport(scan.exportsByLocal, d.name, 'default');
    if (d.type === 'FunctionDeclaration' || d.type === 'ArrowFunctionExpression' || d.type === 'FunctionExpression')
      scan.defaultExportedFunction = d;
  } else if (node.type === 'ExportNamedDeclaration') {
    const d = node.declaration;
    if (d?.type === 'FunctionDeclaration' && d.id) addExport(scan.exportsByLocal, d.id.name, d.id.name);
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations)
        if (v.id.type === 'Identifier') addExport(scan.exportsByLocal, v.id.name, v.id.name);
    }
    if (!node.source) {
      for (const s of node.specifiers) {
        if (s.type === 'ExportSpecifier' && s.local.type === 'Identifier') {
          addExport(
            scan.exportsByLocal,
            s.local.name,
            s.exported.type === 'Identifier' ? s.exported.name : s.exported.value,
          );
        }
      }
    }
  }
}

function exportsMetadata(node: t.Node): boolean {
  if (node.type !== 'ExportNamedDeclaration' || !node.declaration) return false;
  const d = node.declaration;
  if (d.type === 'FunctionDeclaration') return d.id?.name === 'generateMetadata';
  if (d.type === 'VariableDeclaration')
    return d.declarations.some(
      (v) => v.id.type === 'Identifier' && (v.id.name === 'metadata' || v.id.name === 'generateMetadata'),
    );
  return false;
}

/** Names of the file's own top-level hooks (`function useX`, `const useX = …`): their calls are recorded too. */
export function localHooks(program: t.Program): string[] {
  const names: string[] = [];
  for (const stmt of program.body) {
    const d =
      stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (d?.type === 'FunctionDeclaration' && d.id && /^use[A-Z0-9]/.test(d.id.name)) names.push(d.id.name);
    else if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations)
        if (v.id.type === 'Identifier' && /^use[A-Z0-9]/.test(v.id.name) && v.init) names.push(v.id.name);
  }
  return names;
}

function isFunction(n: t.Node): n is t.Function {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/**
 * The top-level function exported as default apart from its declaration (`function Page(){…} export default Page;`,
 * `const Page = () => …; export default Page;`, `export { Page as default }`): pages and screens are often written so,
 * and the framework renders them just the same.
 */
function defaultExportedByName(program: t.Program, scan: Scan): t.Function | undefined {
  let local: string | undefined;
  for (const [name, names] of scan.exportsByLocal) if (names.includes('default')) local ??= name;
  if (!local) return undefined;
  for (const stmt of program.body) {
    const d = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (d?.type === 'FunctionDeclaration' && d.id?.name === local) return d;
    if (d?.type !== 'VariableDeclaration') continue;
    for (const v of d.declarations) {
      const init = v.init && unwrapTs(v.init);
      if (v.id.type === 'Identifier' && v.id.name === local && init && isFunction(init)) return init;
    }
  }
  return undefined;
}

/** Fills the scan's imports, import declarations and exports from the program's top-level statements. */
export function readTopLevel(program: t.Program, scan: Scan): void {
  for (const stmt of program.body) {
    collectExport(stmt, scan);
    if (exportsMetadata(stmt)) scan.exportsMetadata = true;
    if (stmt.type !== 'ImportDeclaration') continue;
    scan.importDecls.push(stmt);
    for (const spec of stmt.specifiers) {
      const imported =
        spec.type === 'ImportDefaultSpecifier'
          ? 'default'
          : spec.type === 'ImportNamespaceSpecifier'
            ? '*'
            : spec.imported.type === 'Identifier'
              ? spec.imported.name
              : spec.imported.value;
      scan.imports.set(spec.local.name, {
        local: spec.local.name,
        imported,
        source: stmt.source.value,
        decl: stmt,
        spec,
      });
    }
  }
  scan.defaultExportedFunction ??= defaultExportedByName(program, scan);
}
