// auth-config-missing in the real workbench: the sample's convex/auth.config.ts deleted (and a function there that
// needs a signed-in user), the provider file shows the error with the "Create convex/auth.config.ts" quick fix; the
// fix's command writes the file, never over one, and the finding goes as soon as it exists.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeActions, sampleUri, waitFor } from './helpers';

const MISSING = 'clerk-convex/auth-config-missing';
const PICKS = `import { mutation } from "./_generated/server";
export const add = mutation({
  args: {},
  handler: async (ctx) => {
    const who = await ctx.auth.getUserIdentity();
    if (!who) throw new Error("Unauthorized");
    return await ctx.db.insert("messages", { body: "hi", userId: who.subject });
  },
});
`;

function missing(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)) === MISSING);
}

describe('a project with no auth.config in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });

  it('flags ConvexProviderWithClerk, offers to create convex/auth.config.ts, and clears once it exists', async () => {
    const config = sampleUri('convex/auth.config.ts');
    const picks = sampleUri('convex/picks.ts');
    const original = await vscode.workspace.fs.readFile(config);
    const uri = sampleUri('components/ConvexClientProvider.tsx');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    try {
      await vscode.workspace.fs.writeFile(picks, new TextEncoder().encode(PICKS));
      await vscode.workspace.fs.delete(config);
      const [diagnostic] = await waitFor(
        'the auth-config-missing diagnostic',
        () => {
          const found = missing(uri);
          return found.length ? found : undefined;
        },
        60_000,
      );
      assert.ok(diagnostic);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(document.getText(diagnostic.range), 'ConvexProviderWithClerk');
      assert.match(diagnostic.message, /convex\/auth\.config\.ts/);

      const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const create = actions.find((a) => a.command?.command === 'clerkConvex.createAuthConfig');
      assert.ok(create?.command, `no create action among: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(create.edit, undefined, 'the action edits nothing itself: the command writes the new file');
      const args: unknown[] = create.command.arguments ?? [];
      await vscode.commands.executeCommand(create.command.command, ...args);
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
      assert.match(written, /applicationID: "convex"/);
      await waitFor('the diagnostic to clear', () => (missing(uri).length === 0 ? true : undefined), 60_000);
    } finally {
      await vscode.workspace.fs.writeFile(config, original);
      await vscode.workspace.fs.delete(picks).then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
