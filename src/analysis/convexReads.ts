// What a Convex module's code reads (environment variables, tables, identity calls), found in one walk.
import type * as t from '@babel/types';
import { startOf } from './ast';
import { walk } from './traverse';

const DB_METHODS = new Set(['query', 'insert', 'get', 'patch', 'replace', 'delete']);
interface Reads {
  env: { name: string; atImport: boolean }[];
  tables: Set<string>;
  identityCalls: number[];
}

export function readUses(program: t.Program): Reads {
  const out: Reads = { env: [], tables: new Set(), identityCalls: [] };
  walk(program, {
    enter(node, ancestors) {
      if (node.type === 'MemberExpression') {
        const obj = node.object;
        if (
          obj.type === 'MemberExpression' &&
          !obj.computed &&
          obj.object.type === 'Identifier' &&
          obj.object.name === 'process' &&
          obj.property.type === 'Identifier' &&
          obj.property.name === 'env'
        ) {
          const name =
            !node.computed && node.property.type === 'Identifier'
              ? node.property.name
              : node.computed && node.property.type === 'StringLiteral'
                ? node.property.value
                : undefined;
          if (name) {
            const atImport = !ancestors.some(
              (a) =>
                a.type === 'FunctionDeclaration' ||
                a.type === 'FunctionExpression' ||
                a.type === 'ArrowFunctionExpression' ||
                a.type === 'ObjectMethod' ||
                a.type === 'ClassMethod',
            );
            out.env.push({ name, atImport });
          }
        }
        return;
      }
      if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return;
      const prop = node.callee.property;
      if (prop.type !== 'Identifier') return;
      if (prop.name === 'getUserIdentity') {
        out.identityCalls.push(startOf(node));
        return;
      }
      const target = node.callee.object;
      const onDb =
        target.type === 'MemberExpression' &&
        !target.computed &&
        target.property.type === 'Identifier' &&
        target.property.name === 'db';
      const first = node.arguments[0];
      if (onDb && DB_METHODS.has(prop.name) && first?.type === 'StringLiteral') out.tables.add(first.value);
    },
  });
  return out;
}
