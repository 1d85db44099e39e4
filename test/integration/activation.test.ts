import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { codeCacheDir, loadedFromCache, writeCodeCaches } from '../../src/bundleLoader';
import { EXTENSION_ID, activateExtension, sampleUri, waitFor } from './helpers';

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

  it('loads the parser bundle through its code cache loader and keeps the cache in its global storage', async () => {
    await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const document = await vscode.workspace.openTextDocument(sampleUri('app/layout.tsx'));
    await vscode.window.showTextDocument(document);
    await waitFor('a diagnostic (the analysis bundle loaded)', () =>
      vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Clerk ↔ Convex') || undefined, 30_000);
    const analysisBundle = path.join(ext.extensionPath, 'dist', 'analysis.js');
    // Loaded by the loader (a plain require() would leave it unknown there); a fresh profile has no cache yet.
    assert.equal(loadedFromCache(analysisBundle), false);
    const dir = codeCacheDir();
    assert.ok(dir, 'no code cache dir was set at activation');
    assert.ok(dir.includes(EXTENSION_ID), `the cache must live in the extension's own storage, not ${dir}`);
    await writeCodeCaches();
    const cache = path.join(dir, 'analysis.js.v8cache');
    assert.ok(fs.existsSync(cache), `${cache} was not written`);
    assert.ok(fs.statSync(cache).size > 50_000, 'the cache holds the compiled parser');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens the sample project as the workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    assert.ok(folder.uri.fsPath.length > 0);
  });
});
