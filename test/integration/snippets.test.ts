import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyEdits } from '../../src/analysis/edits';
import type { TestHooks } from '../../src/features/testHooks';
import { parseSource } from '../../src/analysis/parse';
import { planIdentityGuard } from '../../src/snippets/identityGuard';
import { planSandwich } from '../../src/snippets/sandwich';
import { expandSnippet } from '../support/snippetBody';
import { activateExtension, closeAllEditors, EXTENSION_ID, sampleUri, waitFor } from './helpers';

interface SnippetContribution {
  language: string;
  path: string;
}

interface SnippetDefinition {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

async function readJson<T>(uri: vscode.Uri): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as T;
}

async function closeAll(): Promise<void> {
  // Reverting first means no "save changes?" question for the untitled and edited documents the tests leave.
  for (let i = 0; i < 50 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await closeAllEditors(); // what the loop could not reach (a dirty document whose tab was not the active one)
}

/**
 * An untitled editor holding exactly `content`. The text is written after opening because VS Code may hand back
 * a just-closed untitled model under a reused name (Untitled-N), reverted to its own initial content.
 */
async function openUntitled(language: string, content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language });
  const editor = await vscode.window.showTextDocument(doc);
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  assert.ok(await editor.edit((b) => b.replace(whole, content)));
  assert.equal(doc.getText(), content);
  return editor;
}

async function writeSampleFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = sampleUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function removeSampleFile(relative: string): Promise<void> {
  try {
    await vscode.workspace.fs.delete(sampleUri(relative), { recursive: true });
  } catch {
    // already gone
  }
}

function parses(fileName: string, text: string): boolean {
  const ast = parseSource(fileName, text) as { errors?: unknown[] } | undefined;
  return ast !== undefined && !ast.errors?.length;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('snippets and insert commands in a real VS Code (sample project)', function () {
  this.timeout(120_000);

  let hooks: TestHooks;
  const project = (): TestHooks['project'] => hooks.project;

  before(async () => {
    hooks = await activateExtension();
  });

  afterEach(closeAll);

  describe('contributed snippets', () => {
    it('offers every snippet for each of its languages by prefix, and accepting it inserts the expanded body', async function () {
      this.timeout(300_000); // about thirty completion requests, the first per language loading its snippet files
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext);
      const contributions = (ext.packageJSON as { contributes: { snippets: SnippetContribution[] } }).contributes
        .snippets;
      assert.ok(contributions.length >= 4, 'snippets are contributed');
      let checked = 0;
      for (const { language, path } of contributions) {
        const snippets: Record<string, SnippetDefinition> = await readJson(vscode.Uri.joinPath(ext.extensionUri, path));
        for (const [name, snippet] of Object.entries(snippets)) {
          const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
          for (const prefix of prefixes) {
            const editor: vscode.TextEditor = await openUntitled(language, prefix);
            const end: vscode.Position = editor.document.lineAt(0).range.end;
            // A language's snippet files load on its first completion request: ask again until they are in.
            let offered: string[] = [];
            const item: vscode.CompletionItem | undefined = await waitFor(
              `"${prefix}" in ${language}`,
              async () => {
                const list: vscode.CompletionList = await vscode.commands.executeCommand(
                  'vscode.executeCompletionItemProvider',
                  editor.document.uri,
                  end,
                );
                const snippetsOffered = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
                offered = snippetsOffered.map(labelOf);
                return snippetsOffered.find((i) => labelOf(i) === prefix);
              },
              10_000,
            ).catch(() => undefined);
            assert.ok(
              item,
              `${language}: typing "${prefix}" offers "${name}" (snippets offered: ${offered.join(', ') || 'none'})`,
            );
            assert.ok(item.insertText instanceof vscode.SnippetString, `${prefix} inserts a snippet`);
            const range =
              item.range instanceof vscode.Range
                ? item.range
                : (item.range?.replacing ?? new vscode.Range(new vscode.Position(0, 0), end));
            assert.ok(await editor.insertSnippet(item.insertText, range));
            assert.equal(
              editor.document.getText(),
              expandSnippet(snippet.body),
              `${language}: accepting "${prefix}" inserts "${name}" with its defaults`,
            );
            await closeAll();
            checked++;
          }
        }
      }
      assert.ok(checked >= 20, `checked ${checked} prefix/language pairs`);
    });

    it('inserts a snippet by name through editor.action.insertSnippet, the way a keybinding would', async () => {
      const editor = await openUntitled('typescript', '');
      await vscode.commands.executeCommand('editor.action.insertSnippet', {
        langId: 'typescript',
        name: 'Convex auth.config.ts for Clerk',
      });
      const text = editor.document.getText();
      assert.match(text, /^import type \{ AuthConfig \} from "convex\/server";/);
      assert.match(text, /domain: process\.env\.CLERK_JWT_ISSUER_DOMAIN!,/);
      assert.match(text, /applicationID: "convex",/);
      assert.match(text, /\} satisfies AuthConfig;/);
    });
  });

  describe('Insert Provider Sandwich', () => {
    const created: string[] = [];
    after(async () => {
      for (const f of created) await removeSampleFile(f);
    });

    it('writes the whole "use client" provider file into an empty file (Next.js, from package.json)', async () => {
      created.push('components/EmptyProviders.tsx');
      const uri = await writeSampleFile('components/EmptyProviders.tsx', '');
      const editor = await vscode.window.showTextDocument(uri);
      editor.options = { tabSize: 2, insertSpaces: true }; // the command indents the way the editor is set up
      const result = await vscode.commands.executeCommand<{ status: string; mode?: string }>(
        'clerkConvex.insertProviderSandwich',
      );
      assert.deepEqual(result, { status: 'inserted', mode: 'component', conflicts: [] });
      const text = editor.document.getText();
      const plan = planSandwich({
        text: '',
        fileName: uri.fsPath,
        language: 'ts',
        flavour: { kind: 'next' },
        selectionStart: 0,
        selectionEnd: 0,
        indentUnit: '  ',
      });
      assert.ok(plan.ok);
      assert.equal(text, applyEdits('', plan.edits));
      assert.match(text, /^"use client";\n/);
      assert.match(text, /import \{ ClerkProvider, useAuth \} from "@clerk\/nextjs";/);
      assert.match(text, /const convex = new ConvexReactClient\(process\.env\.NEXT_PUBLIC_CONVEX_URL!\);/);
      assert.ok(
        text.indexOf('<ClerkProvider>') < text.indexOf('<ConvexProviderWithClerk'),
        'ClerkProvider wraps the Convex provider',
      );
      assert.ok(parses('p.tsx', text));
    });

    it('wraps the selection in a file with imports, adding only the missing ones', async () => {
      created.push('components/WithImports.tsx');
      const original = [
        '"use client";',
        'import type { ReactNode } from "react";',
        'import { useAuth } from "@clerk/nextjs";',
        '',
        'export function Providers({ children }: { children: ReactNode }) {',
        '  return (',
        '    <main>{children}</main>',
        '  );',
        '}',
        '',
      ].join('\n');
      const uri = await writeSampleFile('components/WithImports.tsx', original);
      const editor = await vscode.window.showTextDocument(uri);
      const start = editor.document.positionAt(original.indexOf('<main>'));
      const end = editor.document.positionAt(original.indexOf('</main>') + '</main>'.length);
      editor.selection = new vscode.Selection(start, end);
      const result = await vscode.commands.executeCommand<{ status: string; mode?: string }>(
        'clerkConvex.insertProviderSandwich',
      );
      assert.equal(result.status, 'inserted');
      assert.equal(result.mode, 'jsx');
      const text = editor.document.getText();
      assert.equal(text.split('from "@clerk/nextjs"').length - 1, 1, 'one import from @clerk/nextjs');
      assert.match(text, /import \{ useAuth, ClerkProvider \} from "@clerk\/nextjs";/);
      assert.equal(text.split('"use client"').length - 1, 1);
      assert.ok(
        text.includes(
          [
            '    <ClerkProvider>',
            '      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>',
            '        <main>{children}</main>',
            '      </ConvexProviderWithClerk>',
            '    </ClerkProvider>',
          ].join('\n'),
        ),
        text,
      );
      assert.ok(parses('p.tsx', text));
    });

    it('uses the SDK a caller names, with VITE_ names, in an untitled JSX file', async () => {
      const editor = await openUntitled('javascriptreact', '');
      const result = await vscode.commands.executeCommand<{ status: string }>(
        'clerkConvex.insertProviderSandwich',
        '@clerk/clerk-react',
      );
      assert.equal(result.status, 'inserted');
      const text = editor.document.getText();
      assert.match(text, /import \{ ClerkProvider, useAuth \} from "@clerk\/clerk-react";/);
      assert.match(text, /new ConvexReactClient\(import\.meta\.env\.VITE_CONVEX_URL\);/);
      assert.ok(!text.includes('use client'));
      assert.ok(parses('p.jsx', text));
    });

    it('leaves a Next.js server layout untouched and offers the provider file instead', async () => {
      const uri = sampleUri('app/layout.tsx');
      const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const editor = await vscode.window.showTextDocument(uri);
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.insertProviderSandwich');
      assert.equal(result.status, 'offered');
      assert.equal(editor.document.getText(), before);
      assert.equal(editor.document.isDirty, false);
    });

    it('offers to create the provider file when no editor is open, without writing anything by itself', async () => {
      await closeAll();
      const listing = async () =>
        (await vscode.workspace.fs.readDirectory(sampleUri('components'))).map(([name]) => name).sort();
      const before = await listing();
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.insertProviderSandwich');
      assert.equal(result.status, 'offered');
      assert.deepEqual(await listing(), before);
    });
  });

  describe('Create convex/auth.config.ts', () => {
    const configPath = 'convex/auth.config.ts';
    const backup = 'auth.config.backup.txt';

    it('never overwrites an existing config: shows a diff against what it would write', async () => {
      const uri = sampleUri(configPath);
      const before = await vscode.workspace.fs.readFile(uri);
      const result = await vscode.commands.executeCommand<{ status: string; uri: string }>(
        'clerkConvex.createAuthConfig',
      );
      assert.deepEqual(result, { status: 'diff-shown', uri: uri.toString() });
      assert.deepEqual(await vscode.workspace.fs.readFile(uri), before, 'the file on disk is unchanged');
      const input = await waitFor('the diff editor', () => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
        return tab instanceof vscode.TabInputTextDiff ? tab : undefined;
      });
      assert.equal(input.original.toString(), uri.toString());
      assert.equal(input.modified.scheme, 'clerk-convex-proposed');
      const proposed = (await vscode.workspace.openTextDocument(input.modified)).getText();
      assert.match(proposed, /applicationID: "convex"/);
      assert.match(proposed, /satisfies AuthConfig/);
      const mine = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(!mine?.isDirty, 'nothing applied without confirmation');
    });

    it('creates the file in convex/ when there is none, then leaves it alone on a second run', async () => {
      const uri = sampleUri(configPath);
      await vscode.workspace.fs.rename(uri, sampleUri(backup));
      try {
        const result = await vscode.commands.executeCommand<{ status: string; uri: string }>(
          'clerkConvex.createAuthConfig',
        );
        assert.deepEqual(result, { status: 'created', uri: uri.toString() });
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        assert.match(text, /^import type \{ AuthConfig \} from "convex\/server";/);
        assert.match(text, /domain: process\.env\.CLERK_JWT_ISSUER_DOMAIN!,/);
        const again = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.createAuthConfig');
        assert.equal(again.status, 'up-to-date');
        assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), text);
      } finally {
        await closeAll();
        await vscode.workspace.fs.delete(uri);
        await vscode.workspace.fs.rename(sampleUri(backup), uri);
      }
    });

    it('follows convex.json in a monorepo package to its functions folder', async () => {
      await writeSampleFile(
        'packages/backend/package.json',
        JSON.stringify({ name: 'backend', dependencies: { convex: '^1.48.0' } }),
      );
      await writeSampleFile('packages/backend/convex.json', JSON.stringify({ functions: 'src/convex/' }));
      const anchor = await writeSampleFile('packages/backend/src/convex/messages.ts', 'export {};\n');
      try {
        await vscode.window.showTextDocument(anchor);
        const target = sampleUri('packages/backend/src/convex/auth.config.js');
        // As soon as the project knows the package at all (its package.json), the command must place the file by
        // its convex.json too, even if that file's own event is missing or still on its way.
        await waitFor(
          'the new package to be seen',
          async () =>
            (await project().getConvexLayout(anchor))?.projectRoot === 'packages/backend' ? true : undefined,
          45_000,
        );
        const result = await vscode.commands.executeCommand<{ status: string; uri?: string }>(
          'clerkConvex.createAuthConfig',
        );
        assert.equal(result.status, 'created');
        assert.equal(result.uri, target.toString());
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
        assert.ok(!text.includes('satisfies'), 'a package without tsconfig.json gets auth.config.js');
      } finally {
        await closeAll();
        await removeSampleFile('packages');
      }
    });
  });

  describe('Add Identity Check', () => {
    it("adds the null guard after the existing awaited call in the sample's send mutation, then says it is there", async () => {
      const uri = sampleUri('convex/messages.ts');
      const editor = await vscode.window.showTextDocument(uri);
      const original = editor.document.getText();
      const at = editor.document.positionAt(original.indexOf('await ctx.db.insert'));
      editor.selection = new vscode.Selection(at, at);
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.addIdentityCheck');
      assert.equal(result.status, 'changed');
      const text = editor.document.getText();
      const plan = planIdentityGuard(original, uri.fsPath, original.indexOf('await ctx.db.insert'), '  ');
      assert.ok(plan.status === 'changed');
      assert.equal(text, applyEdits(original, plan.edits));
      assert.match(
        text,
        /const identity = await ctx\.auth\.getUserIdentity\(\);\n {4}if \(!identity\) \{\n {6}throw new Error\("Not authenticated"\);\n {4}\}\n {4}await ctx\.db\.insert/,
      );
      const again = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.addIdentityCheck');
      assert.equal(again.status, 'present');
      assert.equal(editor.document.getText(), text);
    });

    it("adds the missing await in the sample's list query", async () => {
      const editor = await vscode.window.showTextDocument(sampleUri('convex/messages.ts'));
      const original = editor.document.getText();
      const at = editor.document.positionAt(original.indexOf('if (!identity) return []'));
      editor.selection = new vscode.Selection(at, at);
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.addIdentityCheck');
      assert.equal(result.status, 'changed');
      assert.match(
        editor.document.getText(),
        /const identity = await ctx\.auth\.getUserIdentity\(\);\n {4}if \(!identity\) return \[\];/,
      );
    });

    it('inserts the whole guard in a file with imports', async () => {
      const content =
        'import { mutation } from "./_generated/server";\nimport { v } from "convex/values";\n\nexport const add = mutation({\n  args: { n: v.number() },\n  handler: async (ctx, { n }) => {\n    return n + 1;\n  },\n});\n';
      const editor = await openUntitled('typescript', content);
      const at = editor.document.positionAt(content.indexOf('return n'));
      editor.selection = new vscode.Selection(at, at);
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.addIdentityCheck');
      assert.equal(result.status, 'changed');
      assert.ok(
        editor.document
          .getText()
          .includes(
            '  handler: async (ctx, { n }) => {\n    const identity = await ctx.auth.getUserIdentity();\n    if (!identity) {',
          ),
      );
      assert.ok(parses('m.ts', editor.document.getText()));
    });

    it('changes nothing in an empty file and says why', async () => {
      const editor = await openUntitled('typescript', '');
      const result = await vscode.commands.executeCommand<{ status: string }>('clerkConvex.addIdentityCheck');
      assert.equal(result.status, 'not-in-function');
      assert.equal(editor.document.getText(), '');
    });
  });
});
