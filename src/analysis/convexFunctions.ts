// The Convex functions a project's convex/ folder exports, read from source without running anything (the
// exercise lists them before the learner chooses one, and in Restricted Mode). Every exported query, mutation and
// action counts: `export const x = query(…)`, `export default mutation(…)`, `export { x as y }`, and functions
// made by wrappers: convex-helpers' customQuery/customMutation/customAction (and the zod ones) over a builder,
// local aliases, and wrappers exported by another file of the folder. Also read: the args validator when it is
// written out literally (Convex's exportArgs JSON, for prefilling the arguments), the environment variables the
// code reads (at import or later), the tables it names, and the lesson's identity mistakes inside each function.
import type * as t from '@babel/types';
import { analyseParsed } from './analyse';
import { endOf, startOf, unwrapTs } from './ast';
import { parseSource } from './parse';
import { readUses } from './convexReads';
import { argsOf, type ValidatorJson } from './convexValidators';

export type ConvexFunctionKind = 'query' | 'mutation' | 'action' | 'httpAction';

export interface ConvexFunctionInfo {
  /** Convex's path: "messages:list", "folder/file:name", "file:default". */
  path: string;
  kind: ConvexFunctionKind;
  visibility: 'public' | 'internal';
  /** The wrapper it was made with, when not one of Convex's own builders (e.g. "authedQuery"). */
  via?: string;
  /** Its text calls getUserIdentity(), or it was made by a wrapper (which usually does). */
  readsIdentity: boolean;
  /** The args validator, when it is written out with `v.*` (absent: none declared or not readable from source). */
  args?: ValidatorJson;
  /** The lesson's identity mistakes found inside it (the analyzer's own findings' messages). */
  hints?: string[];
  /** Where it is: the file under the functions folder and the offsets of its definition. */
  file: string;
  start: number;
  end: number;
}

export interface ConvexFolderInfo {
  functions: ConvexFunctionInfo[];
  /** Environment variables the code reads by name; `atImport` when read outside any function (module load). */
  env: { name: string; file: string; atImport: boolean }[];
  /** Table names written as literals in ctx.db calls (query, insert, get, patch, replace, delete). */
  tables: string[];
}

interface Builder {
  kind: ConvexFunctionKind;
  visibility: 'public' | 'internal';
  via?: string;
}

const GENERATED: Record<string, Builder> = {
  query: { kind: 'query', visibility: 'public' },
  mutation: { kind: 'mutation', visibility: 'public' },
  action: { kind: 'action', visibility: 'public' },
  internalQuery: { kind: 'query', visibility: 'internal' },
  internalMutation: { kind: 'mutation', visibility: 'internal' },
  internalAction: { kind: 'action', visibility: 'internal' },
  httpAction: { kind: 'httpAction', visibility: 'public' },
};
const GENERIC: Record<string, Builder> = {
  queryGeneric: GENERATED.query,
  mutationGeneric: GENERATED.mutation,
  actionGeneric: GENERATED.action,
  internalQueryGeneric: GENERATED.internalQuery,
  internalMutationGeneric: GENERATED.internalMutation,
  internalActionGeneric: GENERATED.internalAction,
  httpActionGeneric: GENERATED.httpAction,
};
/** convex-helpers' wrappers: the first argument is the builder they wrap, and its kind must match. */
const WRAPPERS: Record<string, ConvexFunctionKind> = {
  customQuery: 'query',
  customMutation: 'mutation',
  customAction: 'action',
  zCustomQuery: 'query',
  zCustomMutation: 'mutation',
  zCustomAction: 'action',
};

interface ParsedModule {
  rel: string;
  text: string;
  program: t.Program;
  file: t.File;
  /** local name → builder, filled in passes. */
  builders: Map<string, Builder>;
  /** exported name → local name. */
  exportsByName: Map<string, string>;
  /** local name → { source, imported } for relative imports. */
  relativeImports: Map<string, { target: string | undefined; imported: string }>;
}

/** The module path Convex uses: the file's path under the functions folder without its extension. */
function modulePath(rel: string): string {
  return rel.replace(/\.[^./]+$/, '');
}

function resolveRelative(fromRel: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const parts = fromRel.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  const base = modulePath(parts.join('/'));
  for (const candidate of [base, `${base}/index`]) if (known.has(candidate)) return candidate;
  return undefined;
}

function readImports(m: ParsedModule, known: ReadonlySet<string>): void {
  for (const stmt of m.program.body) {
    if (stmt.type !== 'ImportDeclaration' || stmt.importKind === 'type') continue;
    const source = stmt.source.value;
    for (const spec of stmt.specifiers) {
      if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
      const local = spec.local.name;
      if (/(^|\/)_generated\/server(\.[cm]?js)?$/.test(source) && GENERATED[imported])
        m.builders.set(local, GENERATED[imported]);
      else if (source === 'convex/server' && GENERIC[imported]) m.builders.set(local, GENERIC[imported]);
      else if (source.startsWith('.'))
        m.relativeImports.set(local, { target: resolveRelative(m.rel, source, known), imported });
    }
  }
}

function calleeName(node: t.Node): string | undefined {
  const n = unwrapTs(node);
  return n.type === 'Identifier' ? n.name : undefined;
}

/** The builder a declaration's initialiser makes, when it makes one (`customQuery(query, …)`, an alias). */
function builderOf(init: t.Node, builders: ReadonlyMap<string, Builder>, name: string): Builder | undefined {
  const n = unwrapTs(init);
  if (n.type === 'Identifier') return builders.get(n.name);
  if (n.type !== 'CallExpression') return undefined;
  const wrapper = calleeName(n.callee);
  const wraps = wrapper ? WRAPPERS[wrapper] : undefined;
  const first = n.arguments[0];
  if (!wraps || !first || first.type === 'SpreadElement' || first.type === 'ArgumentPlaceholder') return undefined;
  const base = calleeName(first) ? builders.get(calleeName(first) as string) : undefined;
  if (!base || base.kind !== wraps) return undefined;
  return { kind: base.kind, visibility: base.visibility, via: name };
}

function readExports(m: ParsedModule): void {
  for (const stmt of m.program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      if (stmt.declaration?.type === 'VariableDeclaration') {
        for (const d of stmt.declaration.declarations)
          if (d.id.type === 'Identifier') m.exportsByName.set(d.id.name, d.id.name);
      } else if (stmt.declaration?.type === 'FunctionDeclaration' && stmt.declaration.id) {
        m.exportsByName.set(stmt.declaration.id.name, stmt.declaration.id.name);
      } else if (!stmt.source) {
        for (const spec of stmt.specifiers) {
          if (spec.type !== 'ExportSpecifier' || spec.exportKind === 'type') continue;
          const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
          m.exportsByName.set(exported, spec.local.name);
        }
      }
    } else if (stmt.type === 'ExportDefaultDeclaration' && stmt.declaration.type === 'Identifier') {
      m.exportsByName.set('default', stmt.declaration.name);
    }
  }
}

/** Top-level `const x = init` declarations, exported or not. */
function* declarations(program: t.Program): Generator<{ name: string; init: t.Expression; decl: t.Node }> {
  for (const stmt of program.body) {
    const decl =
      stmt.type === 'VariableDeclaration'
        ? stmt
        : stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'VariableDeclaration'
          ? stmt.declaration
          : undefined;
    if (!decl) continue;
    for (const d of decl.declarations)
      if (d.id.type === 'Identifier' && d.init) yield { name: d.id.name, init: d.init, decl: d };
  }
}

/** One pass of builder discovery over a module; true when it learned something. */
function learnBuilders(m: ParsedModule, modules: ReadonlyMap<string, ParsedModule>): boolean {
  let learned = false;
  for (const [local, imp] of m.relativeImports) {
    if (m.builders.has(local) || !imp.target) continue;
    const from = modules.get(imp.target);
    const fromLocal = from?.exportsByName.get(imp.imported);
    const builder = fromLocal ? from?.builders.get(fromLocal) : undefined;
    if (builder) {
      m.builders.set(local, builder);
      learned = true;
    }
  }
  for (const { name, init } of declarations(m.program)) {
    if (m.builders.has(name)) continue;
    const builder = builderOf(init, m.builders, name);
    if (builder) {
      m.builders.set(name, builder);
      learned = true;
    }
  }
  return learned;
}

/** `builder({…})` or `builder(handler)`: the builder and the call, when `init` is a function definition. */
function definition(
  init: t.Node,
  builders: ReadonlyMap<string, Builder>,
): { b: Builder; call: t.CallExpression } | undefined {
  const n = unwrapTs(init);
  if (n.type !== 'CallExpression') return undefined;
  const name = calleeName(n.callee);
  const b = name ? builders.get(name) : undefined;
  return b ? { b, call: n } : undefined;
}

function identityHintsIn(
  start: number,
  end: number,
  findings: { start: number; message: string; lessonStep?: string }[],
): string[] {
  return findings.filter((f) => f.lessonStep === 'identity' && f.start >= start && f.start < end).map((f) => f.message);
}

/** Everything above for the files of a functions folder (`rel` relative to it, e.g. "messages.ts"). */
export function convexFolder(files: readonly { rel: string; text: string }[]): ConvexFolderInfo {
  try {
    return readFolder(files);
  } catch {
    // The analyzer never throws on any text; a folder it cannot read lists nothing rather than something wrong.
    return { functions: [], env: [], tables: [] };
  }
}

function readFolder(files: readonly { rel: string; text: string }[]): ConvexFolderInfo {
  const modules = new Map<string, ParsedModule>();
  for (const { rel, text } of files) {
    let file: t.File | undefined;
    try {
      file = parseSource(rel, text);
    } catch {
      file = undefined;
    }
    if (!file) continue;
    modules.set(modulePath(rel), {
      rel,
      text,
      program: file.program,
      file,
      builders: new Map(),
      exportsByName: new Map(),
      relativeImports: new Map(),
    });
  }
  const known = new Set(modules.keys());
  for (const m of modules.values()) {
    readImports(m, known);
    readExports(m);
  }
  // Wrappers can be built on wrappers from other files: learn until nothing new (bounded by the number of files).
  for (let pass = 0; pass <= modules.size; pass++) {
    let learned = false;
    for (const m of modules.values()) learned = learnBuilders(m, modules) || learned;
    if (!learned) break;
  }
  const out: ConvexFolderInfo = { functions: [], env: [], tables: [] };
  const tables = new Set<string>();
  for (const [mod, m] of modules) {
    const reads = readUses(m.program);
    for (const e of reads.env) out.env.push({ ...e, file: m.rel });
    for (const table of reads.tables) tables.add(table);
    if (isSchemaOrConfig(m.rel)) continue;
    let findings: { start: number; message: string; lessonStep?: string }[] | undefined;
    const hintsFor = (start: number, end: number): string[] => {
      try {
        findings ??= analyseParsed(m.rel, m.text, m.file).findings;
      } catch {
        findings = [];
      }
      return identityHintsIn(start, end, findings);
    };
    const push = (exported: string, node: t.Node, def: { b: Builder; call: t.CallExpression }) => {
      const start = startOf(node);
      const end = endOf(node);
      const hints = hintsFor(start, end);
      const args = argsOf(def.call);
      out.functions.push({
        path: `${mod}:${exported}`,
        kind: def.b.kind,
        visibility: def.b.visibility,
        ...(def.b.via ? { via: def.b.via } : {}),
        readsIdentity: def.b.via !== undefined || reads.identityCalls.some((at) => at >= start && at < end),
        ...(args ? { args } : {}),
        ...(hints.length > 0 ? { hints } : {}),
        file: m.rel,
        start,
        end,
      });
    };
    const locals = new Map<string, { init: t.Expression; decl: t.Node }>();
    for (const d of declarations(m.program)) locals.set(d.name, d);
    for (const [exported, local] of m.exportsByName) {
      const d = locals.get(local);
      const def = d ? definition(d.init, m.builders) : undefined;
      if (d && def) push(exported, d.decl, def);
    }
    for (const stmt of m.program.body) {
      if (stmt.type !== 'ExportDefaultDeclaration') continue;
      const def = definition(stmt.declaration, m.builders);
      if (def) push('default', stmt, def);
    }
  }
  out.functions.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.tables = [...tables].sort();
  return out;
}

function isSchemaOrConfig(rel: string): boolean {
  return /(^|\/)(schema|auth\.config|convex\.config)\.[^./]+$/.test(rel);
}
