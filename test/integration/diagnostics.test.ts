import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { activateExtension, codeActions, sampleUri, waitFor } from './helpers';

const ORDER = 'clerk-convex/provider-order';

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function ours(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

describe('diagnostics in a real VS Code', () => {
  let api: TestHooks;
  before(async () => {
    api = await activateExtension();
  });
  // A test mocha timed out keeps running without reaching its finally: no stall may outlive it.
  afterEach(() => api.diagnostics.stallAnalyses(undefined));

  it('shows the wrong provider nesting of app/layout.tsx, and the quick fix clears it', async () => {
    const uri = sampleUri('app/layout.tsx');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      const [diagnostic] = await waitFor(
        'the provider-order diagnostic',
        () => {
          const found = ours(uri, ORDER);
          return found.length ? found : undefined;
        },
        30_000,
      );
      assert.ok(diagnostic);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(document.getText(diagnostic.range), 'ConvexClientProvider');
      assert.equal(typeof diagnostic.code === 'object' && diagnostic.code.target.scheme, 'command');
      assert.ok(
        diagnostic.relatedInformation?.some((r) => document.getText(r.location.range).startsWith('<ClerkProvider')),
      );

      const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      // The command returns title, kind, edit and isPreferred (not the diagnostics the action fixes).
      const swap = actions.find((a) => a.isPreferred && a.title.includes('ClerkProvider'));
      assert.ok(swap?.edit, `no preferred fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(await vscode.workspace.applyEdit(swap.edit), true);
      assert.match(document.getText(), /<ClerkProvider>\s*<ConvexClientProvider>/);
      await waitFor('the diagnostic to clear', () => (ours(uri, ORDER).length === 0 ? true : undefined), 30_000);
    } finally {
      await revertAndClose(document);
    }
  });

  // Ctrl+. (or a lesson button) before a file's analysis ran: the answer used to be "no fixes", which is wrong; it
  // now waits for this version's analysis. A change first, so no analysis of this version is cached, and a worker
  // slowed as on a busy machine, so the answer cannot come from an analysis that happened to finish first.
  it('offers the fix when asked the moment the file opens or changes, before its analysis ran', async () => {
    const uri = sampleUri('app/layout.tsx');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      // Once first, so the TypeScript server has started: while it starts it cancels every code-action call.
      await codeActions(uri, new vscode.Range(0, 0, 1, 0), vscode.CodeActionKind.QuickFix.value);
      api.diagnostics.stallAnalyses(6000, 'app/layout.tsx');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), '// asked at once\n');
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      // One answer, the first the workbench gives (codeActions() asks again only when the call was cancelled).
      const actions = await codeActions(uri, whole, vscode.CodeActionKind.QuickFix.value);
      assert.ok(
        actions.some((a) => a.isPreferred && a.title.includes('ClerkProvider') && a.edit),
        `no swap among: ${actions.map((a) => a.title).join(', ') || 'nothing'}`,
      );
    } finally {
      api.diagnostics.stallAnalyses(undefined);
      await revertAndClose(document);
    }
  });

  it('resolves the provider import through tsconfig.json and re-reads it when it changes on disk', async () => {
    const uri = sampleUri('app/layout.tsx');
    const tsconfig = sampleUri('tsconfig.json');
    const original = await vscode.workspace.fs.readFile(tsconfig);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      await waitFor('the provider-order diagnostic', () => (ours(uri, ORDER).length ? true : undefined), 30_000);
      // `@/*` now means src/*: `@/components/ConvexClientProvider` no longer names the project's provider.
      const moved = new TextDecoder().decode(original).replace('"@/*": ["./*"]', '"@/*": ["./src/*"]');
      assert.notEqual(moved, new TextDecoder().decode(original), 'the sample tsconfig has the `@/*` alias');
      await vscode.workspace.fs.writeFile(tsconfig, new TextEncoder().encode(moved));
      await waitFor(
        'the cross-file diagnostic to clear',
        () => (ours(uri, ORDER).length === 0 ? true : undefined),
        30_000,
      );
      await vscode.workspace.fs.writeFile(tsconfig, original);
      await waitFor('the diagnostic to come back', () => (ours(uri, ORDER).length ? true : undefined), 30_000);
    } finally {
      await vscode.workspace.fs.writeFile(tsconfig, original);
      await revertAndClose(document);
    }
  });

  it('reports the sample\'s other mistakes and offers "Fix all" for the mechanical fixes', async () => {
    const uri = sampleUri('convex/messages.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      await waitFor(
        'identity diagnostics',
        () => (ours(uri, 'clerk-convex/identity-not-awaited').length ? true : undefined),
        30_000,
      );
      const fixAll = await codeActions(uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
      const action = fixAll.find((a) => a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind));
      assert.ok(action?.edit);
      assert.equal(await vscode.workspace.applyEdit(action.edit), true);
      assert.match(document.getText(), /const identity = await ctx\.auth\.getUserIdentity\(\);/);
      await waitFor(
        'the not-awaited diagnostic to clear',
        () => (ours(uri, 'clerk-convex/identity-not-awaited').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await revertAndClose(document);
    }
  });

  it('turns a rule off from settings', async () => {
    const uri = sampleUri('app/page.tsx');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const config = vscode.workspace.getConfiguration('clerkConvex.diagnostics');
    try {
      await waitFor(
        'the clerk-gate warning',
        () => (ours(uri, 'clerk-convex/clerk-gate').length ? true : undefined),
        30_000,
      );
      await config.update('rules', { 'clerk-convex/clerk-gate': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the warning to go',
        () => (ours(uri, 'clerk-convex/clerk-gate').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('exposes the workspace index the walkthrough reads', async () => {
    const api = await activateExtension();
    const files = await api.analysisIndex.files();
    const provider = files.find((f) => f.path === 'components/ConvexClientProvider.tsx');
    assert.deepEqual(provider?.facts.exportsConvexProviderComponents, ['default']);
    assert.ok(files.find((f) => f.path === 'app/layout.tsx')?.findings.some((f) => f.code === ORDER));
    assert.equal(
      files.some((f) => f.facts.rendersConvexProviderWithClerk),
      true,
    );
    assert.equal(
      files.some((f) => f.facts.sandwichCorrect),
      false,
    );
  });

  it('warns on package.json when convex is pinned to 1.33.0, and the quick fix moves it to 1.42.2', async () => {
    const uri = sampleUri('package.json');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const pinned = original.replace(/"convex": "[^"]*"/, '"convex": "1.33.0"');
    assert.notEqual(pinned, original);
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pinned));
      const [diagnostic] = await waitFor(
        'the convex-version warning',
        () => {
          const found = ours(uri, 'clerk-convex/convex-version');
          return found.length ? found : undefined;
        },
        30_000,
      );
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(diagnostic.range), '1.33.0');
      assert.match(diagnostic.message, /JWT template/);
      const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title.includes('1.42.2'));
      assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      assert.match(document.getText(), /"convex": "1\.42\.2"/);
      await document.save();
      await waitFor(
        'the warning to go',
        () => (ours(uri, 'clerk-convex/convex-version').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
    }
  });
});

describe('the Expo SDK note in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });

  it('notes on package.json an expo outside the range the installed @clerk/expo declares, and goes when inside', async () => {
    const uri = sampleUri('package.json');
    const modules = sampleUri('node_modules');
    const write = (path: string, json: unknown) =>
      vscode.workspace.fs.writeFile(sampleUri(path), new TextEncoder().encode(JSON.stringify(json, null, 2)));
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const manifest = JSON.parse(original) as { dependencies: Record<string, string> };
    const withExpo = (expo: string) =>
      JSON.stringify(
        { ...manifest, dependencies: { ...manifest.dependencies, expo, '@clerk/expo': '^4.6.6' } },
        null,
        2,
      );
    try {
      // What npm leaves for @clerk/expo 4.6.6 (its own peer range) and Expo SDK 58.
      await write('node_modules/@clerk/expo/package.json', {
        name: '@clerk/expo',
        version: '4.6.6',
        peerDependencies: { expo: '>=54 <58' },
      });
      await write('node_modules/expo/package.json', { name: 'expo', version: '58.0.2' });
      await write('node_modules/.package-lock.json', { name: 'sample', lockfileVersion: 3, packages: {} });
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(withExpo('~58.0.2')));
      const [note] = await waitFor(
        'the expo-sdk note',
        () => {
          const found = ours(uri, 'clerk-convex/expo-sdk');
          return found.length ? found : undefined;
        },
        30_000,
      );
      assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
      assert.match(
        note.message,
        /@clerk\/expo 4\.6\.6 declares support for expo >=54 <58, and this project has expo 58\.0\.2/,
      );
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(note.range), '~58.0.2');
      await write('node_modules/expo/package.json', { name: 'expo', version: '57.0.9' });
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(withExpo('~57.0.9')));
      await waitFor(
        'the note to go',
        () => (ours(uri, 'clerk-convex/expo-sdk').length === 0 ? true : undefined),
        30_000,
      );
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(original));
      await vscode.workspace.fs.delete(modules, { recursive: true, useTrash: false });
    }
  });
});
