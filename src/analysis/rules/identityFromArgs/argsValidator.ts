// The fields of a function's `args` when the validator is held elsewhere in the file: `args: team` where
// `const team = v.object({…})`, or a table's validator (`teamsTables.teams.validator` of a `defineTable({…})`,
// `schema.tables.teams.validator`). Real projects reuse the table's validator for a create mutation. Only the file's
// own top-level `const`s are followed; a validator imported from another file, a spread or a call of anything else
// gives nothing ("could not tell"), never a guess.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';
import type { Scan } from '../../scanRecords';

/** How many steps (a const, a property, `.validator`) are followed; real chains are two or three. */
const MAX_STEPS = 8;
/** Methods of a table definition that return the same table (`defineTable({…}).index("by_x", ["x"])`). */
const TABLE_METHODS: ReadonlySet<string> = new Set(['index', 'searchIndex', 'vectorIndex', 'staged']);

function topLevelConsts(scan: Scan): Map<string, t.Expression> {
  const out = new Map<string, t.Expression>();
  for (const s of scan.program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type !== 'VariableDeclaration' || d.kind !== 'const') continue;
    for (const v of d.declarations) if (v.id.type === 'Identifier' && v.init) out.set(v.id.name, v.init);
  }
  return out;
}

function memberName(n: t.MemberExpression): string | undefined {
  if (!n.computed && n.property.type === 'Identifier') return n.property.name;
  return n.property.type === 'StringLiteral' ? n.property.value : undefined;
}

/** Whether `call` calls `name` from convex/server (or `v.object` from convex/values when name is "v.object"). */
function calls(scan: Scan, call: t.CallExpression, name: 'defineTable' | 'defineSchema' | 'v.object'): boolean {
  const callee = unwrapTs(call.callee);
  if (name === 'v.object')
    return (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      scan.imports.get(callee.object.name)?.source === 'convex/values' &&
      memberName(callee) === 'object'
    );
  if (callee.type !== 'Identifier') return false;
  const binding = scan.imports.get(callee.name);
  return binding?.source === 'convex/server' && binding.imported === name;
}

/** Resolves a value written in the file to the expression it stands for (following consts and properties). */
function valueOf(
  scan: Scan,
  consts: ReadonlyMap<string, t.Expression>,
  node: t.Node,
  steps: number,
): t.Node | undefined {
  if (steps > MAX_STEPS) return undefined;
  const n = unwrapTs(node);
  if (n.type === 'Identifier') {
    const init = consts.get(n.name);
    return init ? valueOf(scan, consts, init, steps + 1) : undefined;
  }
  if (n.type === 'CallExpression') {
    const callee = unwrapTs(n.callee);
    // `defineTable({…}).index(…)` is still the table.
    if (callee.type === 'MemberExpression' && TABLE_METHODS.has(memberName(callee) ?? '')) {
      const table = valueOf(scan, consts, callee.object, steps + 1);
      return table?.type === 'CallExpression' && calls(scan, table, 'defineTable') ? table : undefined;
    }
    return n;
  }
  if (n.type !== 'MemberExpression') return n;
  const prop = memberName(n);
  const owner = prop ? valueOf(scan, consts, n.object, steps + 1) : undefined;
  if (!owner || !prop) return undefined;
  if (owner.type === 'CallExpression') {
    const arg = owner.arguments[0];
    if (!arg || arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') return undefined;
    if (prop === 'validator' && calls(scan, owner, 'defineTable')) return valueOf(scan, consts, arg, steps + 1);
    if (prop === 'tables' && calls(scan, owner, 'defineSchema')) return valueOf(scan, consts, arg, steps + 1);
    return undefined;
  }
  if (owner.type !== 'ObjectExpression') return undefined;
  const found = owner.properties.find(
    (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && !p.computed && keyName(p) === prop,
  );
  return found ? valueOf(scan, consts, found.value, steps + 1) : undefined;
}

/**
 * The object of fields a function's `args` value declares: the literal itself, `v.object({…})`, or one of those
 * reached through the file's consts and tables. Undefined when it cannot be told from this file.
 */
export function argsFields(scan: Scan, value: t.Node): t.ObjectExpression | undefined {
  const literal = unwrapTs(value);
  if (literal.type === 'ObjectExpression') return literal;
  // `args: v.object({ … })` written in place.
  const inline = literal.type === 'CallExpression' && literal.arguments[0] ? unwrapTs(literal.arguments[0]) : undefined;
  if (inline?.type === 'ObjectExpression') return inline;
  const consts = topLevelConsts(scan);
  const resolved = valueOf(scan, consts, literal, 0);
  if (resolved?.type === 'ObjectExpression') return resolved;
  if (resolved?.type !== 'CallExpression' || !calls(scan, resolved, 'v.object')) return undefined;
  const first = resolved.arguments[0];
  if (!first || first.type === 'SpreadElement' || first.type === 'ArgumentPlaceholder') return undefined;
  const fields = valueOf(scan, consts, first, 0);
  return fields?.type === 'ObjectExpression' ? fields : undefined;
}
