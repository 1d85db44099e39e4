import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as vscode from 'vscode';
import { isLocalAbsence, isLocalFile, onLocalDisk, readLocalFile } from '../../../src/features/project/localDisk';

// The text reader's local-disk path (no vscode needed: it only reads a URI's scheme and fsPath).
const fileUri = (fsPath: string): vscode.Uri => ({ scheme: 'file', fsPath }) as vscode.Uri;

describe('local disk reads (the text reader on a local folder)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-disk-'));
    fs.writeFileSync(path.join(dir, 'small.ts'), 'export const é = "ü";\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('goes to the disk for file: URIs only', () => {
    assert.equal(onLocalDisk(fileUri(dir)), true);
    assert.equal(onLocalDisk({ scheme: 'vscode-vfs', fsPath: dir } as vscode.Uri), false);
  });

  it('reads the bytes of a file within the cap, and measures the cap in bytes', async () => {
    const bytes = Buffer.byteLength('export const é = "ü";\n');
    const read = await readLocalFile(fileUri(path.join(dir, 'small.ts')), bytes);
    assert.ok(read instanceof Uint8Array);
    assert.equal(Buffer.from(read).toString('utf8'), 'export const é = "ü";\n');
    // One byte under the file's size (its character count is smaller still): too large.
    assert.equal(await readLocalFile(fileUri(path.join(dir, 'small.ts')), bytes - 1), undefined);
  });

  it('reads nothing from a folder, however large the cap', async () => {
    assert.equal(await readLocalFile(fileUri(dir), 1024 * 1024), undefined);
  });

  it('reports a missing file as an absence, which the reader does not log', async () => {
    for (const target of [path.join(dir, 'missing.ts'), path.join(dir, 'small.ts', 'below')]) {
      const err: unknown = await readLocalFile(fileUri(target), 1024).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err, `reading ${target} should fail`);
      assert.equal(isLocalAbsence(err), true, err instanceof Error ? err.message : JSON.stringify(err));
    }
    assert.equal(isLocalAbsence(Object.assign(new Error('denied'), { code: 'EACCES' })), false);
  });

  it('tells a file from a folder', async () => {
    assert.equal(await isLocalFile(fileUri(path.join(dir, 'small.ts'))), true);
    assert.equal(await isLocalFile(fileUri(dir)), false);
  });
});
