// Convex functions' args validators written out with `v.*`, read into Convex's JSON form without running them.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from './ast';

/** Convex's JSON form of a validator (what `exportArgs()` returns). */
export type ValidatorJson =
  | { type: 'string' | 'number' | 'float64' | 'int64' | 'bigint' | 'boolean' | 'null' | 'any' | 'bytes' }
  | { type: 'id'; tableName: string }
  | { type: 'literal'; value: string | number | boolean }
  | { type: 'array'; value: ValidatorJson }
  | { type: 'record'; keys: ValidatorJson; values: { fieldType: ValidatorJson; optional: boolean } }
  | { type: 'union'; value: ValidatorJson[] }
  | { type: 'object'; value: Record<string, { fieldType: ValidatorJson; optional: boolean }> };
const MAX_DEPTH = 24;

function validator(node: t.Node | undefined, depth = 0): ValidatorJson | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const n = unwrapTs(node);
  if (n.type === 'Identifier' && n.name === 'paginationOptsValidator') return PAGINATION;
  if (n.type === 'ObjectExpression') return objectValidator(n, depth);
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.computed) return undefined;
  if (n.callee.object.type !== 'Identifier' || n.callee.property.type !== 'Identifier') return undefined;
  const method = n.callee.property.name;
  const args = n.arguments.map((a) => (a.type === 'SpreadElement' || a.type === 'ArgumentPlaceholder' ? undefined : a));
  switch (method) {
    case 'string':
    case 'number':
    case 'float64':
    case 'int64':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'any':
    case 'bytes':
      return { type: method === 'bigint' ? 'int64' : method };
    case 'id': {
      const table = args[0];
      return table?.type === 'StringLiteral' ? { type: 'id', tableName: table.value } : undefined;
    }
    case 'literal': {
      const lit = args[0];
      if (lit?.type === 'StringLiteral' || lit?.type === 'NumericLiteral' || lit?.type === 'BooleanLiteral')
        return { type: 'literal', value: lit.value };
      return undefined;
    }
    case 'optional':
      return validator(args[0], depth + 1);
    case 'array': {
      const item = validator(args[0], depth + 1);
      return item ? { type: 'array', value: item } : undefined;
    }
    case 'object':
      return args[0]?.type === 'ObjectExpression' ? objectValidator(args[0], depth) : undefined;
    case 'union': {
      const members = args.map((a) => validator(a, depth + 1));
      return members.every((m): m is ValidatorJson => m !== undefined) ? { type: 'union', value: members } : undefined;
    }
    case 'record': {
      const keys = validator(args[0], depth + 1);
      const values = validator(args[1], depth + 1);
      return keys && values ? { type: 'record', keys, values: { fieldType: values, optional: false } } : undefined;
    }
    default:
      return undefined;
  }
}

function isOptional(node: t.Node): boolean {
  const n = unwrapTs(node);
  return (
    n.type === 'CallExpression' &&
    n.callee.type === 'MemberExpression' &&
    !n.callee.computed &&
    n.callee.property.type === 'Identifier' &&
    n.callee.property.name === 'optional'
  );
}

function objectValidator(o: t.ObjectExpression, depth: number): ValidatorJson | undefined {
  const value: Record<string, { fieldType: ValidatorJson; optional: boolean }> = Object.create(null) as Record<
    string,
    { fieldType: ValidatorJson; optional: boolean }
  >;
  for (const p of o.properties) {
    if (p.type !== 'ObjectProperty') return undefined;
    const name = keyName(p);
    const fieldType = name === undefined ? undefined : validator(p.value, depth + 1);
    if (name === undefined || !fieldType) return undefined;
    value[name] = { fieldType, optional: isOptional(p.value) };
  }
  return { type: 'object', value: { ...value } };
}

/** convex/server's paginationOptsValidator, as its exportArgs reads. */
const PAGINATION: ValidatorJson = {
  type: 'object',
  value: {
    numItems: { fieldType: { type: 'number' }, optional: false },
    cursor: { fieldType: { type: 'union', value: [{ type: 'string' }, { type: 'null' }] }, optional: false },
    endCursor: {
      fieldType: { type: 'union', value: [{ type: 'string' }, { type: 'null' }] },
      optional: true,
    },
    id: { fieldType: { type: 'number' }, optional: true },
    maximumRowsRead: { fieldType: { type: 'number' }, optional: true },
    maximumBytesRead: { fieldType: { type: 'number' }, optional: true },
  },
};

/** The `args` of a definition's object, or `{}` when the definition is a bare handler (Convex: no validation). */
export function argsOf(call: t.CallExpression): ValidatorJson | undefined {
  const first = call.arguments[0];
  if (!first || first.type !== 'ObjectExpression') return undefined;
  const prop = first.properties.find(
    (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p) === 'args',
  );
  return prop ? validator(prop.value) : undefined;
}
