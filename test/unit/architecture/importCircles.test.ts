import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

// Every relative specifier: static imports and re-exports (type-only ones included: a circle of types is still a
// circle a reader has to untangle), dynamic import() and `typeof import()`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const deps = [...text.matchAll(SPECIFIER)]
      .map((m) => resolve(file, m[1]))
      .filter((d): d is string => d !== undefined);
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): each one is a circle. */
export function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: the source tree is deep enough that recursion is not worth the risk.
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      if (i === 0) {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const deps = graph.get(node) ?? [];
      if (i < deps.length) {
        frame[1]++;
        const dep = deps[i];
        if (!index.has(dep)) work.push([dep, 0]);
        else if (onStack.has(dep)) low.set(node, Math.min(low.get(node)!, index.get(dep)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || deps.includes(node)) found.push(component.map((f) => path.relative(SRC, f)).sort());
      }
    }
  }
  return found;
}

describe('import graph of src/', () => {
  it('has no circle between source files', () => {
    const graph = importGraph(sourceFiles(SRC));
    assert.ok(graph.size > 50, `only ${graph.size} files read`);
    assert.deepEqual(circles(graph), []);
  });

  it('the check finds a circle when there is one (a → b → c → a, and d importing itself)', () => {
    const graph = new Map([
      [`${SRC}/a.ts`, [`${SRC}/b.ts`]],
      [`${SRC}/b.ts`, [`${SRC}/c.ts`]],
      [`${SRC}/c.ts`, [`${SRC}/a.ts`, `${SRC}/e.ts`]],
      [`${SRC}/d.ts`, [`${SRC}/d.ts`]],
      [`${SRC}/e.ts`, []],
    ]);
    assert.deepEqual(circles(graph), [['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  });
});
