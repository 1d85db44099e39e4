// Convex functions that need a signed-in user through a helper: `const me = await mustBeSignedIn(ctx)` where the
// file's own `mustBeSignedIn` (or `requireAuth`, `requireCurrentUserId`, …) reads getUserIdentity() and throws
// without one. Real code reads the identity this way more often than inline; query-before-auth joins these too.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../ast';
import type { FnInfo, Scan } from '../scanRecords';
import type { IdentityFunction } from '../types';

/** A top-level function of the file that throws when nobody is signed in, with where it reads the identity. */
export type IdentityHelper = Omit<IdentityFunction, 'exportName' | 'kind' | 'via'>;

const KINDS: ReadonlySet<string> = new Set(['query', 'mutation', 'action']);

/** The helper's name when `fn` is a named top-level function (not a handler, not nested) that throws without one. */
export function helperName(fn: FnInfo | undefined, without: IdentityFunction['without']): string | undefined {
  return fn && !fn.parent && without === 'throws' && fn.name ? fn.name : undefined;
}

/** The handler of an exported `query({ handler })` / `query(handler)` declaration, with its name and kind. */
function exportedHandlers(scan: Scan): { exportName: string; kind: IdentityFunction['kind']; handler: t.Function }[] {
  const out: { exportName: string; kind: IdentityFunction['kind']; handler: t.Function }[] = [];
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
      if (
        handler?.type === 'ArrowFunctionExpression' ||
        handler?.type === 'FunctionExpression' ||
        handler?.type === 'ObjectMethod'
      )
        out.push({ exportName: d.id.name, kind: kind as IdentityFunction['kind'], handler });
    }
  }
  return out;
}

/** The helper an awaited call at the top of a statement calls (`await h(ctx)`, `const me = await h(ctx)`). */
function awaitedHelper(s: t.Statement, helpers: ReadonlyMap<string, IdentityHelper>): string | undefined {
  let value: t.Node | null | undefined;
  if (s.type === 'ExpressionStatement') value = s.expression;
  else if (s.type === 'VariableDeclaration' && s.declarations.length === 1) value = s.declarations[0]?.init;
  else if (s.type === 'ReturnStatement') value = s.argument;
  const awaited = value && unwrapTs(value);
  if (awaited?.type !== 'AwaitExpression') return undefined;
  const call = unwrapTs(awaited.argument);
  return call.type === 'CallExpression' && call.callee.type === 'Identifier' && helpers.has(call.callee.name)
    ? call.callee.name
    : undefined;
}

/**
 * Adds to `functions` the exported Convex functions whose handler, in its own body (not under a condition),
 * awaits one of `helpers`: every run of it stops without an identity, as the helper does.
 */
export function functionsThroughHelpers(
  scan: Scan,
  helpers: ReadonlyMap<string, IdentityHelper>,
  functions: IdentityFunction[],
): void {
  if (helpers.size === 0) return;
  const known = new Set(functions.map((f) => f.exportName));
  for (const { exportName, kind, handler } of exportedHandlers(scan)) {
    if (known.has(exportName) || handler.body.type !== 'BlockStatement') continue;
    for (const s of handler.body.body) {
      const name = awaitedHelper(s, helpers);
      const helper = name && helpers.get(name);
      if (!helper) continue;
      functions.push({ ...helper, exportName, kind, via: name });
      break;
    }
  }
}
