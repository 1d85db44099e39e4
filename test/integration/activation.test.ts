import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from './helpers';

describe('extension in a real VS Code', () => {
  it('is installed, activates and returns its API', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const api = await activateExtension();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api, 'object');
  });

  it('registers every command the manifest declares, under one category', async () => {
    await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const declared = (ext.packageJSON.contributes.commands as { command: string; category: string }[]);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
    assert.equal(new Set(declared.map((c) => c.category)).size, 1);
  });

  it('opens the sample project as the workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    assert.ok(folder.uri.fsPath.length > 0);
  });
});
