import assert from 'node:assert/strict';
import fc from 'fast-check';
import type * as t from '@babel/types';
import { parseSource } from '../../../src/analysis/parse';
import { isLeaf, visitChildren, walk } from '../../../src/analysis/traverse';
import { VISITOR_KEYS } from '../../../src/analysis/visitorKeys';
import { MUTATION_RUNS, mutatedSource, sources } from './mutations';

// Nodes the tuned walk may leave unread: names and literals in slots the grammar reserves for them, and the
// opening tag, whose attributes it visits directly.
const NAME_ONLY = new Set([
  'Identifier',
  'PrivateName',
  'StringLiteral',
  'NumericLiteral',
  'BigIntLiteral',
  'TemplateElement',
  'Directive',
  'DirectiveLiteral',
  'JSXIdentifier',
  'JSXMemberExpression',
  'JSXNamespacedName',
  'JSXOpeningElement',
  'JSXClosingElement',
  'JSXOpeningFragment',
  'JSXClosingFragment',
  'ImportSpecifier',
  'ImportDefaultSpecifier',
  'ImportNamespaceSpecifier',
  'ImportAttribute',
  'ExportSpecifier',
  'ExportNamespaceSpecifier',
  'ExportDefaultSpecifier',
]);

/** Every runtime node in pre-order, through the full table of visitor keys. */
function fullWalk(root: t.Node): t.Node[] {
  const out: t.Node[] = [];
  const visit = (node: t.Node | null | undefined): void => {
    if (!node) return;
    out.push(node);
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) visit(child as t.Node | null | undefined);
    }
  };
  visit(root);
  return out;
}

function tunedWalk(root: t.Node): t.Node[] {
  const out: t.Node[] = [];
  const visit = (node: t.Node | null | undefined): void => {
    if (!node) return;
    out.push(node);
    visitChildren(node, visit);
  };
  visit(root);
  return out;
}

/** Returns whether the text parsed at all. */
function assertSameRuntimeNodes(fileName: string, text: string): boolean {
  const file = parseSource(fileName, text);
  if (!file) return false;
  const full = fullWalk(file.program);
  const tuned = tunedWalk(file.program);
  const reached = new Set(tuned);
  const expected = full.filter((n) => reached.has(n) || !NAME_ONLY.has(n.type));
  assert.deepEqual(
    tuned.map((n) => n.type),
    expected.map((n) => n.type),
    `${fileName}: the tuned walk skipped a runtime node or changed the order`,
  );
  assert.ok(tuned.every((n, i) => n === expected[i]));

  const entered: t.Node[] = [];
  walk(file.program, { enter: (node) => entered.push(node) });
  assert.deepEqual(
    entered,
    tuned.filter((n) => !isLeaf(n)),
    `${fileName}: walk() enters every node with runtime children`,
  );
  return true;
}

describe('analysis: the tuned traversal', () => {
  it('reaches every runtime node but bare names, in source order, on the fixtures', () => {
    for (const s of sources) assert.ok(assertSameRuntimeNodes(s.name, s.text), s.name);
  });

  it('reaches every runtime node on every syntax form it names, computed keys included', () => {
    const text = [
      'import d, * as ns from "m"; import { a as b } from "m" with { type: "json" };',
      'export * from "m"; export { b as c }; export default class K extends (f(), Base) { [k()] = 1; #p = g(); static { h(); } m() { label: for (;;) { break label; } } #q() { return new.target; } }',
      'const o = { [k()]: 1, a, b: c?.[d()], m() {}, get [e()]() { return 1; }, ...f() };',
      'const { x = use1(), ...rest } = o; const [y = use2()] = arr;',
      'async function* gen(p = 1, ...q) { yield await p; try { throw x; } catch ({ m = use3() }) {} finally { q++; } }',
      'const el = <A.B c={d} {...e}><ns:x /><>{f}</>{`t${g()}`}</A.B>;',
      'x = y ? tag`a${b}` : (z, w), !v, typeof u, a ||= b;',
      'switch (s) { case 1: do { continue; } while (c); }',
      'enum E { A = f() } namespace N { export const v = g(); } const cast = <T,>(x: T) => x as unknown satisfies T;',
    ].join('\n');
    assert.ok(assertSameRuntimeNodes('forms.tsx', text));
  });

  it(`reaches every runtime node on ${MUTATION_RUNS} random mutations of the fixtures`, () => {
    fc.assert(
      fc.property(mutatedSource(), ({ name, text }) => {
        assertSameRuntimeNodes(name, text);
      }),
      { numRuns: MUTATION_RUNS, seed: 20261126 },
    );
  });
});
