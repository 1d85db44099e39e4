import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import nodeModule from 'node:module';
import * as vscode from 'vscode';
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
    const declared = (ext.packageJSON as { contributes: { commands: unknown } }).contributes.commands as {
      command: string;
      category: string;
    }[];
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `declared but not registered: ${missing.join(', ')}`);
    assert.equal(new Set(declared.map((c) => c.category)).size, 1);
  });

  it('exports nothing another extension could use to read a decoded token or start the exercise (packaged VSIX)', async () => {
    const hooks = await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // The hooks reach this suite through the test runner's channel only; the installed release build exports nothing.
    assert.equal(ext.exports, undefined, `exports: ${Object.keys((ext.exports ?? {}) as object).join(', ')}`);
    assert.equal(typeof hooks.tokenPanel, 'object', 'the runner channel carries the hooks');
  });

  it("analyses in a worker thread that keeps Node's compile cache in the extension's own storage", async () => {
    const hooks = await activateExtension();
    const diagnostics = hooks.diagnostics;
    const document = await vscode.workspace.openTextDocument(sampleUri('app/layout.tsx'));
    await vscode.window.showTextDocument(document);
    await waitFor(
      'a diagnostic (the worker analysed the file)',
      () => vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'Clerk ↔ Convex') || undefined,
      30_000,
    );
    assert.ok(diagnostics.workersStarted() >= 1, 'no analysis worker was started');
    const dir = diagnostics.compileCacheDir();
    assert.ok(dir && dir.includes(EXTENSION_ID), `the cache must live in the extension's own storage, not ${dir}`);
    if ((nodeModule as { enableCompileCache?: unknown }).enableCompileCache) {
      await waitFor(
        'the compile cache written by the worker',
        () => (fs.existsSync(dir) && fs.readdirSync(dir, { recursive: true }).length > 0) || undefined,
      );
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens the sample project as the workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    assert.ok(folder.uri.fsPath.length > 0);
  });
});
