// Convex functions that need a signed-in user through a helper: `const me = await mustBeSignedIn(ctx)` where
// `mustBeSignedIn` (or `requireUser`, `getCurrentUserOrThrow`, …) reads getUserIdentity() and throws without one.
// Real code reads the identity this way more often than inline, often from a helper in another file
// (`convex/lib/auth.ts`) and often in two steps (`getCurrentUserOrThrow` throws when `getCurrentUser`, which returns
// null without an identity, returned null). The helpers are followed through the file and through imports (the
// workspace index hands over other files' exported helpers); query-before-auth joins the functions found.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../ast';
import { importRefersTo } from '../modulePaths';
import type { FnInfo, Scan } from '../scanRecords';
import type { AnalysisContext, ExportedIdentityHelper, IdentityFunction, OpenFunction } from '../types';
import { exitKind, exits, negativeNames } from './identity/nullTests';
import { isGeneratedServer } from './identityFromArgs/publicFunctions';

/** A function that stops without an identity, with where the identity is read (`readIn`: another file). */
export type IdentityHelper = Omit<IdentityFunction, 'exportName' | 'kind' | 'via' | 'viaBuilder'>;

const KINDS: ReadonlySet<string> = new Set(['query', 'mutation', 'action']);
/** A cheap look before the file's top level is read for custom builders. */
const BUILDERS_SOURCE = /\bcustom(Query|Mutation|Action)\b/;
/** How many helpers deep a chain is followed in one file (real chains are one or two deep). */
const CHAIN_ROUNDS = 6;

/** The helper's name when `fn` is a named top-level function (not a handler, not nested). */
export function helperName(fn: FnInfo | undefined): string | undefined {
  return fn && !fn.parent && fn.name ? fn.name : undefined;
}

const isFunction = (n: t.Node | null | undefined): n is t.Function =>
  n?.type === 'ArrowFunctionExpression' ||
  n?.type === 'FunctionExpression' ||
  n?.type === 'FunctionDeclaration' ||
  n?.type === 'ObjectMethod';

/** The file's top-level named functions (`function h() {}`, `const h = async () => {}`, exported or not). */
function topLevelFunctions(scan: Scan): Map<string, t.Function> {
  const out = new Map<string, t.Function>();
  for (const s of scan.program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type === 'FunctionDeclaration' && d.id) out.set(d.id.name, d);
    else if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations) {
        const init = v.init ? unwrapTs(v.init) : undefined;
        if (v.id.type === 'Identifier' && isFunction(init)) out.set(v.id.name, init);
      }
  }
  return out;
}

/** The handler of an exported `query({ handler })` / `query(handler)` declaration, with its name and kind. */
function exportedHandlers(
  scan: Scan,
): { exportName: string; kind: IdentityFunction['kind']; handler: t.Function; callee: string }[] {
  const out: { exportName: string; kind: IdentityFunction['kind']; handler: t.Function; callee: string }[] = [];
  for (const s of scan.program.body) {
    if (s.type !== 'ExportNamedDeclaration' || s.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of s.declaration.declarations) {
      const init = d.init ? unwrapTs(d.init) : undefined;
      if (d.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') continue;
      const kind = scan.imports.get(init.callee.name)?.imported ?? init.callee.name;
      if (!KINDS.has(kind)) continue;
      const arg = init.arguments[0] && unwrapTs(init.arguments[0]);
      let handler: t.Node | undefined = arg;
      if (arg?.type === 'ObjectExpression') {
        const p = arg.properties.find(
          (q): q is t.ObjectProperty | t.ObjectMethod =>
            (q.type === 'ObjectProperty' || q.type === 'ObjectMethod') && keyName(q) === 'handler',
        );
        handler = p?.type === 'ObjectProperty' ? unwrapTs(p.value) : p;
      }
      if (isFunction(handler))
        out.push({ exportName: d.id.name, kind: kind as IdentityFunction['kind'], handler, callee: init.callee.name });
    }
  }
  return out;
}

/** The helper an awaited call at the top of a statement calls (`await h(ctx)`, `const me = await h(ctx)`). */
function awaitedCall(s: t.Statement): { callee: string; bound?: string; returned?: true } | undefined {
  let value: t.Node | null | undefined;
  let bound: string | undefined;
  if (s.type === 'ExpressionStatement') value = s.expression;
  else if (s.type === 'VariableDeclaration' && s.declarations.length === 1) {
    const d = s.declarations[0];
    value = d?.init;
    if (d?.id.type === 'Identifier') bound = d.id.name;
  } else if (s.type === 'ReturnStatement') value = s.argument;
  const awaited = value && unwrapTs(value);
  if (awaited?.type !== 'AwaitExpression') return undefined;
  const call = unwrapTs(awaited.argument);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return undefined;
  if (s.type === 'ReturnStatement') return { callee: call.callee.name, returned: true };
  return bound ? { callee: call.callee.name, bound } : { callee: call.callee.name };
}

/**
 * Whether a body, in its own top-level statements (not under a condition), stops without an identity through one
 * of `helpers`: it awaits a helper that throws, or binds a helper's nothing and leaves at once (`if (!u) throw …`).
 */
function stopsThrough(
  body: t.Node,
  helpers: ReadonlyMap<string, IdentityHelper>,
): { name: string; helper: IdentityHelper; without: IdentityFunction['without'] } | undefined {
  if (body.type !== 'BlockStatement') return undefined;
  const statements = body.body;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const call = awaitedCall(s);
    const helper = call && helpers.get(call.callee);
    if (!call || !helper) continue;
    if (helper.without === 'throws') return { name: call.callee, helper, without: 'throws' };
    // `return await getCurrentUser(ctx)`: the helper's nothing is the answer (the ninth fresh check's C43).
    if (call.returned) return { name: call.callee, helper, without: helper.without };
    const next = statements[i + 1];
    if (!call.bound || next?.type !== 'IfStatement' || !exits(next.consequent)) continue;
    if (!negativeNames(next.test, []).includes(call.bound)) continue;
    const without = exitKind(next.consequent);
    if (without) return { name: call.callee, helper, without };
  }
  return undefined;
}

/** convex-helpers' builders of custom functions (convex-helpers/server/customFunctions), by the kind they make. */
const BUILDERS: ReadonlyMap<string, IdentityFunction['kind']> = new Map([
  ['customQuery', 'query'],
  ['customMutation', 'mutation'],
  ['customAction', 'action'],
]);

/** A custom builder's ctx function: written in place, or named (`customCtx(requireUser)`). */
interface CustomBuilder {
  kind: IdentityFunction['kind'];
  fn?: t.Function;
  ref?: string;
}

/**
 * The file's top-level custom builders and the function that makes their ctx: `const authed =
 * customMutation(mutation, customCtx(async (ctx) => …))`, `customQuery(query, customCtx(requireUser))`, or
 * `customQuery(query, { args: {}, input: async (ctx) => … })`.
 */
function customBuilders(scan: Scan): Map<string, CustomBuilder> {
  const out = new Map<string, CustomBuilder>();
  const canonical = (n: t.Node): string | undefined =>
    n.type === 'Identifier' ? (scan.imports.get(n.name)?.imported ?? n.name) : undefined;
  for (const s of scan.program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type !== 'VariableDeclaration') continue;
    for (const v of d.declarations) {
      const init = v.init ? unwrapTs(v.init) : undefined;
      const kind = init?.type === 'CallExpression' ? BUILDERS.get(canonical(init.callee) ?? '') : undefined;
      if (v.id.type !== 'Identifier' || init?.type !== 'CallExpression' || !kind) continue;
      const mod = init.arguments[1] ? unwrapTs(init.arguments[1]) : undefined;
      let fn: t.Node | undefined;
      if (mod?.type === 'CallExpression' && canonical(mod.callee) === 'customCtx' && mod.arguments[0])
        fn = unwrapTs(mod.arguments[0]);
      else if (mod?.type === 'ObjectExpression') {
        const input = mod.properties.find(
          (p): p is t.ObjectProperty | t.ObjectMethod =>
            (p.type === 'ObjectProperty' || p.type === 'ObjectMethod') && keyName(p) === 'input',
        );
        fn = input?.type === 'ObjectProperty' ? unwrapTs(input.value) : input;
      }
      if (isFunction(fn)) out.set(v.id.name, { kind, fn });
      else if (fn?.type === 'Identifier') out.set(v.id.name, { kind, ref: fn.name });
    }
  }
  return out;
}

/**
 * The exported functions made by one of `builders` (`export const mine = authedQuery({ handler })`): the handlers
 * given to a builder whose ctx throws without an identity never run anonymous.
 */
function builtBy(scan: Scan, builders: ReadonlySet<string>): { exportName: string; builder: string }[] {
  const out: { exportName: string; builder: string }[] = [];
  if (builders.size === 0) return out;
  for (const s of scan.program.body) {
    if (s.type !== 'ExportNamedDeclaration' || s.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of s.declaration.declarations) {
      const init = d.init ? unwrapTs(d.init) : undefined;
      if (d.id.type !== 'Identifier' || init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') continue;
      if (builders.has(init.callee.name) && init.arguments.length > 0)
        out.push({ exportName: d.id.name, builder: init.callee.name });
    }
  }
  return out;
}

/** The helpers other files export that this file imports, by local name (resolved like any import). */
export function importedHelpers(
  scan: Scan,
  context: AnalysisContext,
): Map<string, IdentityHelper & Pick<ExportedIdentityHelper, 'builder' | 'builds'>> {
  const out = new Map<string, IdentityHelper & Pick<ExportedIdentityHelper, 'builder' | 'builds'>>();
  const indexed = context.identityHelpers;
  if (!indexed?.length) return out;
  const known = [...new Set(indexed.map((h) => h.path))];
  for (const [local, binding] of scan.imports) {
    if (binding.imported === '*') continue;
    const found = indexed.find(
      (h) =>
        h.exportName === binding.imported &&
        importRefersTo(scan.fileName, binding.source, h.path, context.moduleAliases, known),
    );
    if (!found) continue;
    const { path, exportName: _name, ...helper } = found;
    out.set(local, { ...helper, readIn: helper.readIn ?? path });
  }
  return out;
}

/**
 * The helpers and builders this file passes on from another file unchanged (`export { query } from "./public"`,
 * `export * from "./public"`): a barrel (`convex/context/index.ts`) stands between the builder and its users.
 */
function reExportedHelpers(scan: Scan, context: AnalysisContext): ExportedIdentityHelper[] {
  const indexed = context.identityHelpers;
  const out: ExportedIdentityHelper[] = [];
  if (!indexed?.length) return out;
  const known = [...new Set(indexed.map((h) => h.path))];
  const from = (source: string, name: string | undefined) =>
    indexed.filter(
      (h) =>
        (name === undefined || h.exportName === name) &&
        importRefersTo(scan.fileName, source, h.path, context.moduleAliases, known),
    );
  const pass = (found: (typeof indexed)[number], name: string): void => {
    const { path, exportName: _name, ...helper } = found;
    out.push({ ...helper, readIn: helper.readIn ?? path, name });
  };
  for (const s of scan.program.body) {
    if (s.type === 'ExportAllDeclaration' && s.exportKind !== 'type')
      for (const found of from(s.source.value, undefined)) pass(found, found.exportName);
    if (s.type !== 'ExportNamedDeclaration' || !s.source || s.exportKind === 'type') continue;
    for (const spec of s.specifiers) {
      if (spec.type !== 'ExportSpecifier' || spec.exportKind === 'type' || spec.local.type !== 'Identifier') continue;
      const name = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
      const found = from(s.source.value, spec.local.name)[0];
      if (found) pass(found, name);
    }
  }
  return out;
}

/**
 * Adds to `functions` the exported Convex functions that stop without an identity through a helper (the file's
 * own, one it imports, or a chain of them), and returns the helpers the file exports for other files to follow.
 * `direct`: the file's top-level functions that read the identity themselves and stop without one.
 */
export function functionsThroughHelpers(
  scan: Scan,
  context: AnalysisContext,
  direct: ReadonlyMap<string, IdentityHelper>,
  functions: IdentityFunction[],
  throwing: ReadonlyMap<t.Node, IdentityHelper> = new Map(),
): { exported: ExportedIdentityHelper[]; guardedBuilders: Set<string> } {
  const helpers = new Map<string, IdentityHelper>(direct);
  const guarded = new Map<string, IdentityHelper & { builds?: IdentityFunction['kind'] }>();
  for (const [local, helper] of importedHelpers(scan, context)) {
    const { builder, builds, ...rest } = helper;
    // A builder exported before its kind was recorded makes what its imported name says (`query`), or is skipped.
    const kind =
      builds ?? (KINDS.has(scan.imports.get(local)?.imported ?? '') ? scan.imports.get(local)?.imported : '');
    if (builder) guarded.set(local, kind ? { ...rest, builds: kind as IdentityFunction['kind'] } : rest);
    else if (!direct.has(local)) helpers.set(local, rest);
  }
  const builders = BUILDERS_SOURCE.test(scan.text) ? customBuilders(scan) : new Map<string, CustomBuilder>();
  const passedOn = reExportedHelpers(scan, context);
  if (helpers.size === 0 && guarded.size === 0 && builders.size === 0)
    return { exported: passedOn, guardedBuilders: new Set() };
  const candidates = topLevelFunctions(scan);
  for (let round = 0; round < CHAIN_ROUNDS; round++) {
    let grew = false;
    for (const [name, fn] of candidates) {
      if (helpers.has(name)) continue;
      const through = stopsThrough(fn.body, helpers);
      if (!through) continue;
      helpers.set(name, { ...through.helper, without: through.without });
      grew = true;
    }
    if (!grew) break;
  }
  const known = new Set(functions.map((f) => f.exportName));
  for (const { exportName, kind, handler } of exportedHandlers(scan)) {
    if (known.has(exportName)) continue;
    const through = stopsThrough(handler.body, helpers);
    if (through) functions.push({ ...through.helper, without: through.without, exportName, kind, via: through.name });
  }
  // A builder whose ctx function stops by throwing without an identity (itself, through a helper, or a named one).
  for (const [name, { kind, fn, ref }] of builders) {
    const named = ref !== undefined ? helpers.get(ref) : undefined;
    const through = fn ? (throwing.get(fn) ?? stopsThrough(fn.body, helpers)) : named;
    if (through?.without === 'throws')
      guarded.set(name, { ...('helper' in through ? through.helper : through), without: 'throws', builds: kind });
  }
  // The exported functions such a builder makes need a signed-in user as a plain function that throws does.
  for (const { exportName, builder } of builtBy(scan, new Set(guarded.keys()))) {
    const made = guarded.get(builder);
    if (!made?.builds || functions.some((f) => f.exportName === exportName)) continue;
    const { builds, ...helper } = made;
    functions.push({ ...helper, exportName, kind: builds, via: builder, viaBuilder: true });
  }
  const exported: ExportedIdentityHelper[] = passedOn;
  for (const [local, helper] of helpers)
    if (candidates.has(local))
      for (const name of scan.exportsByLocal.get(local) ?? []) exported.push({ ...helper, name });
  for (const [local, helper] of guarded)
    if (builders.has(local))
      for (const name of scan.exportsByLocal.get(local) ?? []) exported.push({ ...helper, name, builder: true });
  return { exported, guardedBuilders: new Set(guarded.keys()) };
}

/**
 * The exported public functions whose handler certainly reads no identity: it names nothing called `auth` and hands
 * `ctx` to no other function (a helper might read it there). Anything less certain is left out ("could not tell").
 */
export function openFunctions(scan: Scan): OpenFunction[] {
  const out: OpenFunction[] = [];
  const custom = BUILDERS_SOURCE.test(scan.text) ? customBuilders(scan) : undefined;
  for (const { exportName, kind, handler, callee } of exportedHandlers(scan)) {
    // A function made by a custom builder (`query` from `./lib/guarded`) gets a ctx the builder may have read it for.
    const binding = scan.imports.get(callee);
    if ((binding && !isGeneratedServer(binding.source)) || custom?.has(callee)) continue;
    const ctx = handler.params[0];
    const text = scan.text.slice(handler.body.start ?? 0, handler.body.end ?? 0);
    if (/auth|\.run(Query|Mutation|Action)\b/i.test(text)) continue;
    const name = ctx?.type === 'Identifier' ? ctx.name.replace(/\$/g, '\\$') : undefined;
    if (ctx && (!name || new RegExp(`[(,]\\s*${name}\\s*[,)]`).test(text))) continue;
    out.push({ exportName, kind });
  }
  return out;
}
