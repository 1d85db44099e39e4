import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MarkCursor, markOffsets } from '../../../src/analysis/marks';
import { parseSource } from '../../../src/analysis/parse';
import { scanFile } from '../../../src/analysis/scan';
import type { FnInfo, Scan } from '../../../src/analysis/scanRecords';
import { MUTATION_RUNS, mutatedSource, sources } from './mutations';

const fnShape = (fn: FnInfo | undefined) =>
  fn && {
    node: fn.node,
    name: fn.name,
    hookCallback: fn.hookCallback,
    topStatement: fn.topStatement,
    parent: fn.parent?.node,
  };

/** What the rules read from a scan, with functions and elements by node. */
function records(scan: Scan) {
  return {
    elements: scan.elements.map((e) => ({
      node: e.node,
      name: e.name,
      canonical: e.canonical,
      binding: e.binding,
      parent: e.parent?.node,
      fn: fnShape(e.fn),
    })),
    hookCalls: scan.hookCalls.map((c) => ({
      node: c.node,
      canonical: c.canonical,
      binding: c.binding,
      parent: c.parent,
      fn: fnShape(c.fn),
    })),
    identityCalls: scan.identityCalls.map((c) => ({ node: c.node, ancestors: c.ancestors, fn: fnShape(c.fn) })),
    newClients: scan.newClients.map((c) => ({ node: c.node, ancestors: c.ancestors, fn: fnShape(c.fn) })),
    serverCalls: scan.serverCalls.map((c) => ({
      node: c.node,
      canonical: c.canonical,
      binding: c.binding,
      fn: fnShape(c.fn),
    })),
  };
}

/** The scan skips subtrees without a mark; with a mark at every offset it walks everything. */
function assertPruningLosesNothing(fileName: string, text: string): Scan | undefined {
  const file = parseSource(fileName, text);
  if (!file) return undefined;
  const pruned = scanFile(fileName, text, file);
  const everything = scanFile(
    fileName,
    text,
    file,
    Array.from({ length: text.length + 1 }, (_, i) => i),
  );
  assert.deepEqual(records(pruned), records(everything), fileName);
  return pruned;
}

describe('analysis: the scan', () => {
  it('finds marks only where a record can start: component tags, read hooks and their aliases, clients, identity reads, escapes', () => {
    const text = 'a < b; <div/><></></div><Foo/>< Bar/> useState() useQuery() renew \\u0075 getUserIdentity useCA';
    assert.deepEqual(
      markOffsets(text).map((m) => text[m]),
      ['<', '<', '<', 'y', 'w', '\\', 'y'],
    );
    assert.deepEqual(
      markOffsets(text, ['useCA']),
      [...markOffsets(text), text.length - 1],
      'an alias of a read hook is marked too',
    );
  });

  it('with many aliases (a file of many local hooks), marks every whole use of each, as the per-alias search does', () => {
    const word = fc.constantFrom('useA', 'useA1', 'useB', 'ns', 'x', 'useQuery', 'é', 'useAé');
    const sep = fc.constantFrom(' ', '.', '(', ')', '<', '1', '\n', '$');
    const aliases = ['useA', 'useB', 'useC', 'useD', 'ns.', 'useAé'];
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { maxLength: 40 }), (parts) => {
        const text = parts.map(([w, s]) => w + s).join('');
        const many = markOffsets(text, aliases);
        const few = new Set(aliases.flatMap((a) => markOffsets(text, [a])));
        for (const m of many) assert.ok(few.has(m), `${m} is a mark the per-alias search finds too`);
        // Whole identifiers (and `ns` followed by a dot) are what a record's callee can be: each is marked.
        const identifier = /[\p{ID_Start}$_][\p{ID_Continue}$]*/gu;
        for (const m of text.matchAll(identifier)) {
          const end = m.index + m[0].length;
          if (aliases.includes(m[0])) assert.ok(many.includes(end - 1), `${m[0]} at ${m.index}`);
          if (m[0] === 'ns' && text[end] === '.') assert.ok(many.includes(end), `ns. at ${m.index}`);
        }
        assert.deepEqual(
          many,
          [...many].sort((a, b) => a - b),
          'ascending',
        );
      }),
      { numRuns: 1_000, seed: 20261207 },
    );
  });

  it('answers range queries in any order like a search would', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(200)), fc.array(fc.tuple(fc.nat(210), fc.nat(30))), (offsets, queries) => {
        const marks = [...offsets].sort((a, b) => a - b);
        const cursor = new MarkCursor(marks);
        for (const [start, length] of queries) {
          assert.equal(
            cursor.within(start, start + length),
            marks.some((m) => m >= start && m < start + length),
            `[${start}, ${start + length})`,
          );
        }
      }),
      { numRuns: 2_000, seed: 20261126 },
    );
  });

  it('records the same elements, hooks, identity reads and clients as a full walk, on the fixtures', () => {
    let recorded = 0;
    for (const s of sources) {
      const scan = assertPruningLosesNothing(s.name, s.text);
      recorded +=
        (scan?.elements.length ?? 0) +
        (scan?.hookCalls.length ?? 0) +
        (scan?.identityCalls.length ?? 0) +
        (scan?.newClients.length ?? 0);
    }
    assert.ok(recorded > 20, 'the fixtures exercise the scan');
  });

  it('sees records written in unusual ways: spaces and comments in tags, aliases, escapes, nesting in props', () => {
    const text = [
      'import { ConvexReactClient as Client, useConvexAuth as useCA } from "convex/react";',
      'import { ClerkProvider } from "@clerk/nextjs";',
      'const c = new Client(url);',
      'export function App({ children }) {',
      '  const { isAuthenticated } = \\u0075seCA();',
      '  const client = useMemo(() => new Client(url), []);',
      '  return <div><ClerkProvider>< Outer render={<Inner />}>{items.map((i) => < /* tag */ Item key={i} />)}</ Outer></ClerkProvider></div>;',
      '}',
      'export const q = query({ handler: async (ctx) => (await ctx.auth.getUserIdentity())?.subject });',
    ].join('\n');
    const scan = assertPruningLosesNothing('app.tsx', text);
    assert.ok(scan);
    assert.deepEqual(
      scan.elements.map((e) => [e.name, e.parent?.name]),
      [
        ['ClerkProvider', undefined],
        ['Outer', 'ClerkProvider'],
        ['Inner', 'Outer'],
        ['Item', 'Outer'],
      ],
    );
    assert.deepEqual(
      scan.hookCalls.map((c) => c.canonical),
      ['useConvexAuth'],
    );
    assert.equal(scan.newClients.length, 2);
    assert.equal(scan.newClients[1]?.fn?.hookCallback, true);
    assert.equal(scan.identityCalls.length, 1);
  });

  it(`records the same as a full walk on ${MUTATION_RUNS} random mutations of the fixtures`, () => {
    fc.assert(
      fc.property(mutatedSource(), ({ name, text }) => {
        assertPruningLosesNothing(name, text);
      }),
      { numRuns: MUTATION_RUNS, seed: 20261126 },
    );
  });
});
