import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../../src');
// The project's standard: a file a reader can hold whole. A longer one is split by concern, not trimmed.
const MAX_LINES = 350;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Lines as an editor numbers them: a final newline does not start another line. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split(/\r?\n/).length - (/\n$/.test(text) ? 1 : 0);
}

describe('length of source files in src/', () => {
  it(`has no .ts/.tsx file over ${MAX_LINES} lines`, () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 50, `only ${files.length} files read`);
    const over = files
      .map((f) => ({ file: path.relative(SRC, f), lines: lineCount(fs.readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `src/${f.file.split(path.sep).join('/')} (${f.lines} lines)`);
    assert.deepEqual(over, [], `over ${MAX_LINES} lines: ${over.join(', ')}`);
  });

  it('counts lines as an editor numbers them', () => {
    assert.equal(lineCount(''), 0);
    assert.equal(lineCount('a'), 1);
    assert.equal(lineCount('a\n'), 1);
    assert.equal(lineCount('a\nb'), 2);
    assert.equal(lineCount('a\r\nb\r\n'), 2);
    assert.equal(lineCount('\n'), 1);
  });
});
