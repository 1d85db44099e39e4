// Adds the imports a piece of inserted code needs, merging into the file's existing import declarations and
// never binding a name twice. Works on the Babel AST the caller already parsed.
import type * as t from '@babel/types';
import type { TextEdit } from '../analysis/types';

export interface ImportName {
  name: string;
  /** Emitted as `type Name` (or in an `import type` declaration): safe under verbatimModuleSyntax. */
  typeOnly?: boolean;
}

export interface NeededImport {
  source: string;
  names: ImportName[];
}

/** A name the inserted code needs that the file already binds to something else. */
export interface ImportConflict {
  name: string;
  wanted: string;
  /** The other module it is imported from, or undefined when the file declares it itself. */
  existing?: string;
}

export interface ImportPlan {
  /** Edits inside existing import declarations. */
  edits: TextEdit[];
  /** Whole new declarations, one per line, for the caller to place (see `importInsertionPoint`). */
  newLines: string[];
  conflicts: ImportConflict[];
}

interface Binding {
  source?: string;
  imported?: string;
}

export function planImports(text: string, program: t.Program, needed: readonly NeededImport[]): ImportPlan {
  const imports = program.body.filter((s): s is t.ImportDeclaration => s.type === 'ImportDeclaration');
  const bindings = topLevelBindings(program);
  const quote = imports[0] && text[imports[0].source.start ?? 0] === "'" ? "'" : '"';
  const semi =
    imports.length === 0 ||
    text
      .slice(0, imports[0].end ?? 0)
      .trimEnd()
      .endsWith(';')
      ? ';'
      : '';

  const plan: ImportPlan = { edits: [], newLines: [], conflicts: [] };
  for (const need of needed) {
    const missing: ImportName[] = [];
    for (const wanted of need.names) {
      const bound = bindings.get(wanted.name);
      if (!bound) missing.push(wanted);
      else if (bound.source !== need.source || bound.imported !== wanted.name) {
        plan.conflicts.push({
          name: wanted.name,
          wanted: need.source,
          ...(bound.source !== undefined ? { existing: bound.source } : {}),
        });
      }
    }
    if (missing.length === 0) continue;
    for (const m of missing) bindings.set(m.name, { source: need.source, imported: m.name });

    const target = mergeTarget(imports, need.source, missing);
    if (target) {
      plan.edits.push(mergeEdit(text, target, missing));
    } else {
      const allTypes = missing.every((m) => m.typeOnly);
      const list = missing.map((m) => (m.typeOnly && !allTypes ? `type ${m.name}` : m.name)).join(', ');
      plan.newLines.push(`import ${allTypes ? 'type ' : ''}{ ${list} } from ${quote}${need.source}${quote}${semi}`);
    }
  }
  return plan;
}

/** Where new import lines go: after the last import, else after the directives, else the top of the file. */
export function importInsertionPoint(program: t.Program): { offset: number; after: 'import' | 'directive' | 'start' } {
  const imports = program.body.filter((s) => s.type === 'ImportDeclaration');
  const lastImport = imports[imports.length - 1];
  if (lastImport) return { offset: lastImport.end ?? 0, after: 'import' };
  const lastDirective = program.directives[program.directives.length - 1];
  if (lastDirective) return { offset: lastDirective.end ?? 0, after: 'directive' };
  return { offset: 0, after: 'start' };
}

/** Every name bound at the top level: imports (with their source) and the file's own declarations. */
export function topLevelBindings(program: t.Program): Map<string, Binding> {
  const out = new Map<string, Binding>();
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      for (const s of stmt.specifiers) {
        const imported =
          s.type === 'ImportSpecifier'
            ? s.imported.type === 'Identifier'
              ? s.imported.name
              : s.imported.value
            : s.type === 'ImportDefaultSpecifier'
              ? 'default'
              : '*';
        out.set(s.local.name, { source: stmt.source.value, imported });
      }
      continue;
    }
    const decl =
      stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
    if (!decl) continue;
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) for (const name of patternNames(d.id)) out.set(name, {});
    } else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) {
      out.set(decl.id.name, {});
    }
  }
  return out;
}

export function patternNames(node: t.Node): string[] {
  switch (node.type) {
    case 'Identifier':
      return [node.name];
    case 'ObjectPattern':
      return node.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return node.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'AssignmentPattern':
      return patternNames(node.left);
    case 'RestElement':
      return patternNames(node.argument);
    default:
      return [];
  }
}

/** An import of `source` that new names can join: not a namespace import, and type-only only for types. */
function mergeTarget(
  imports: t.ImportDeclaration[],
  source: string,
  missing: ImportName[],
): t.ImportDeclaration | undefined {
  const allTypes = missing.every((m) => m.typeOnly);
  return imports.find(
    (d) =>
      d.source.value === source &&
      d.specifiers.length > 0 &&
      !d.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier') &&
      (d.importKind !== 'type' || allTypes),
  );
}

function mergeEdit(text: string, decl: t.ImportDeclaration, missing: ImportName[]): TextEdit {
  const typeDecl = decl.importKind === 'type';
  const names = missing.map((m) => (m.typeOnly && !typeDecl ? `type ${m.name}` : m.name));
  const named = decl.specifiers.filter((s) => s.type === 'ImportSpecifier');
  const lastNamed = named[named.length - 1];
  if (lastNamed) {
    const at = lastNamed.end ?? 0;
    return { start: at, end: at, newText: `, ${names.join(', ')}` };
  }
  // Only a default import (`import React from "react"`), or empty braces: add a named list after it.
  const def = decl.specifiers[0];
  const braces = /^\s*,\s*\{\s*\}/.exec(text.slice(def.end ?? 0, decl.source.start ?? 0));
  const at = def.end ?? 0;
  return { start: at, end: at + (braces ? braces[0].length : 0), newText: `, { ${names.join(', ')} }` };
}
