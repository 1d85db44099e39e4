import { strict as assert } from 'node:assert';
import { planImports, importInsertionPoint } from '../../../src/snippets/imports';
import { applyEdits } from '../../../src/analysis/edits';
import { parseSource } from '../../../src/analysis/parse';

function plan(text: string, needed: Parameters<typeof planImports>[2]) {
  const ast = parseSource('x.tsx', text);
  assert.ok(ast);
  return planImports(text, ast.program, needed);
}

describe('planImports', () => {
  it('adds nothing for names already imported from the same module', () => {
    const p = plan('import { useAuth, ClerkProvider } from "@clerk/nextjs";', [
      { source: '@clerk/nextjs', names: [{ name: 'useAuth' }, { name: 'ClerkProvider' }] },
    ]);
    assert.deepEqual(p, { edits: [], newLines: [], conflicts: [] });
  });

  it('joins a default-only import with a named list', () => {
    const text = 'import React from "react";\n';
    const p = plan(text, [{ source: 'react', names: [{ name: 'ReactNode', typeOnly: true }] }]);
    assert.equal(applyEdits(text, p.edits), 'import React, { type ReactNode } from "react";\n');
  });

  it('adds a type to an `import type` list without a second `type`, and never a value to it', () => {
    const text = 'import type { FC } from "react";\n';
    const types = plan(text, [{ source: 'react', names: [{ name: 'ReactNode', typeOnly: true }] }]);
    assert.equal(applyEdits(text, types.edits), 'import type { FC, ReactNode } from "react";\n');
    const values = plan(text, [{ source: 'react', names: [{ name: 'useState' }] }]);
    assert.deepEqual(values.newLines, ['import { useState } from "react";']);
  });

  it('does not merge into a namespace import', () => {
    const p = plan('import * as Clerk from "@clerk/nextjs";', [
      { source: '@clerk/nextjs', names: [{ name: 'useAuth' }] },
    ]);
    assert.deepEqual(p.newLines, ['import { useAuth } from "@clerk/nextjs";']);
  });

  it('reports a local declaration with the same name as a conflict', () => {
    const p = plan('const convex = 1;\nfunction useAuth() {}', [
      { source: '@clerk/nextjs', names: [{ name: 'useAuth' }] },
    ]);
    assert.deepEqual(p.conflicts, [{ name: 'useAuth', wanted: '@clerk/nextjs' }]);
    assert.deepEqual(p.newLines, []);
  });

  it("follows the file's quotes and semicolons", () => {
    const p = plan("import a from 'a'\n", [{ source: 'b', names: [{ name: 'B' }] }]);
    assert.deepEqual(p.newLines, ["import { B } from 'b'"]);
  });

  it('places new lines after the last import, else after directives, else at the top', () => {
    const point = (text: string) => importInsertionPoint(parseSource('x.tsx', text)!.program);
    assert.deepEqual(point('"use client";\nimport a from "a";\nconst x = 1;'), { offset: 32, after: 'import' });
    assert.deepEqual(point('"use client";\nconst x = 1;'), { offset: 13, after: 'directive' });
    assert.deepEqual(point('const x = 1;'), { offset: 0, after: 'start' });
  });
});
