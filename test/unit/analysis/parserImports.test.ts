import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// parse.ts says it is the only place that touches @babel/parser, and src/analysis the only Babel reader: this keeps
// both true (outside src/analysis, Babel's node types may be named, never loaded).
const SRC = path.resolve(__dirname, '../../../src');

const sourceFiles = (): string[] =>
  fs
    .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((rel) => /\.tsx?$/.test(rel) && !rel.endsWith('.d.ts'))
    .map((rel) => path.join(SRC, rel));

/** Every @babel/* module a file names, with whether it names it for its types only. */
function babelSpecifiers(text: string): { module: string; typeOnly: boolean }[] {
  const found: { module: string; typeOnly: boolean }[] = [];
  const pattern =
    /\bimport\s+(type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"](@babel\/[^'"]+)['"]|\b(?:require|import)\s*\(\s*['"](@babel\/[^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) found.push({ module: m[2] ?? m[3], typeOnly: m[1] !== undefined });
  return found;
}

describe('@babel/parser has one reader', () => {
  const files = sourceFiles().map((f) => ({
    rel: path.relative(SRC, f).split(path.sep).join('/'),
    uses: babelSpecifiers(fs.readFileSync(f, 'utf8')),
  }));

  it('only src/analysis/parse.ts imports @babel/parser', () => {
    const readers = files.filter((f) => f.uses.some((u) => u.module === '@babel/parser')).map((f) => f.rel);
    assert.deepEqual(readers, ['analysis/parse.ts']);
  });

  it('outside src/analysis, Babel is named for its types only', () => {
    const loaders = files
      .filter((f) => !f.rel.startsWith('analysis/') && f.uses.some((u) => !u.typeOnly))
      .map((f) => f.rel);
    assert.deepEqual(loaders, []);
  });

  it('reads the forms an import can take', () => {
    assert.deepEqual(babelSpecifiers("import { parse } from '@babel/parser';"), [
      { module: '@babel/parser', typeOnly: false },
    ]);
    assert.deepEqual(babelSpecifiers('import type * as t from "@babel/types";'), [
      { module: '@babel/types', typeOnly: true },
    ]);
    assert.deepEqual(babelSpecifiers("const p = require('@babel/parser'); await import('@babel/parser')"), [
      { module: '@babel/parser', typeOnly: false },
      { module: '@babel/parser', typeOnly: false },
    ]);
  });
});
