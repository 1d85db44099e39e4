// "Insert Provider Sandwich": ClerkProvider around ConvexProviderWithClerk, into the active editor (wrapping the
// selection), or into a new provider file when no editor is open or the file is a Next.js server component.
import * as vscode from 'vscode';
import { loadAnalysis } from '../../lazy';
import type { Flavour } from '../../snippets/flavour';
import type { ScriptLanguage } from '../../snippets/sandwich';
import { applyPlannedEdits, chooseFolder, createFileOnce, pathExists, indentUnit } from './editorText';
import { detectFlavourNear, flavourFromArgument, pickFlavour } from './flavourChoice';

export type InsertSandwichResult =
  | { status: 'inserted'; mode: 'jsx' | 'component'; conflicts: string[] }
  | { status: 'created' | 'opened-existing'; uri: string }
  | { status: 'offered' | 'cancelled' | 'unsupported-language' | 'unparsable' | 'changed-meanwhile' };

const LANGUAGES: Record<string, ScriptLanguage> = { typescriptreact: 'ts', javascriptreact: 'js' };

export async function insertProviderSandwich(arg?: unknown): Promise<InsertSandwichResult> {
  const requested = flavourFromArgument(arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void offerProviderFile(requested, vscode.l10n.t('No editor is open.'));
    return { status: 'offered' };
  }
  const doc = editor.document;
  const language = LANGUAGES[doc.languageId];
  if (!language) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The provider sandwich is JSX: run this in a .tsx or .jsx file (with no editor open, it offers to create the provider file).',
      ),
    );
    return { status: 'unsupported-language' };
  }
  const flavour = requested ?? (await detectFlavourNear(doc.isUntitled ? undefined : doc.uri)) ?? (await pickFlavour());
  if (!flavour) return { status: 'cancelled' };

  const { planSandwich } = await loadAnalysis();
  const text = doc.getText();
  const plan = planSandwich({
    text,
    fileName: doc.fileName,
    language,
    flavour,
    indentUnit: indentUnit(editor),
    selectionStart: doc.offsetAt(editor.selection.start),
    selectionEnd: doc.offsetAt(editor.selection.end),
  });
  if (!plan.ok) {
    if (plan.reason === 'server-file') {
      void offerProviderFile(
        flavour,
        vscode.l10n.t(
          'This file is a Next.js Server Component, and the sandwich needs "use client" (it passes the useAuth hook). It belongs in its own client file, rendered from the layout.',
        ),
      );
      return { status: 'offered' };
    }
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'This file has a syntax error, so the imports cannot be placed safely. Fix it and run Insert Provider Sandwich again.',
      ),
    );
    return { status: 'unparsable' };
  }
  if (!(await applyPlannedEdits(editor, text, plan.edits))) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The file changed while the sandwich was being prepared. Nothing was inserted; run the command again.',
      ),
    );
    return { status: 'changed-meanwhile' };
  }
  for (const c of plan.conflicts) {
    void vscode.window.showWarningMessage(
      c.existing
        ? vscode.l10n.t(
            '{0} is already imported from {1}. ConvexProviderWithClerk needs it from {2}, the same SDK as ClerkProvider: change that import.',
            c.name,
            c.existing,
            c.wanted,
          )
        : vscode.l10n.t(
            'This file already declares {0}, so it was not imported from {1}. The sandwich uses the one from {1}: rename yours.',
            c.name,
            c.wanted,
          ),
    );
  }
  return { status: 'inserted', mode: plan.mode, conflicts: plan.conflicts.map((c) => c.name) };
}

/** Asks (without blocking the command) whether to create the provider file, then creates or opens it. */
async function offerProviderFile(requested: Flavour | undefined, why: string): Promise<void> {
  const create = vscode.l10n.t('Create Provider File');
  const answer = await vscode.window.showInformationMessage(
    `${why} ${vscode.l10n.t('Create a provider file with the Clerk ↔ Convex sandwich?')}`,
    create,
  );
  if (answer === create) await createProviderFile(requested);
}

export async function createProviderFile(requested: Flavour | undefined): Promise<InsertSandwichResult> {
  const folder = await chooseFolder(undefined);
  const flavour = requested ?? (await detectFlavourNear(folder?.uri)) ?? (await pickFlavour());
  if (!flavour) return { status: 'cancelled' };
  const language: ScriptLanguage =
    !folder || (await pathExists(vscode.Uri.joinPath(folder.uri, 'tsconfig.json'))) ? 'ts' : 'js';
  const text = (await loadAnalysis()).providerFileText(flavour, language);
  const languageId = language === 'ts' ? 'typescriptreact' : 'javascriptreact';
  if (!folder) {
    const doc = await vscode.workspace.openTextDocument({ language: languageId, content: text });
    await vscode.window.showTextDocument(doc);
    return { status: 'created', uri: doc.uri.toString() };
  }
  const uri = vscode.Uri.joinPath(folder.uri, await providerFilePath(folder.uri, flavour, language));
  if (await pathExists(uri)) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} already exists, so it was opened, not replaced. Select what its providers wrap and run Insert Provider Sandwich to wrap it.',
        vscode.workspace.asRelativePath(uri),
      ),
    );
    return { status: 'opened-existing', uri: uri.toString() };
  }
  if (!(await createFileOnce(uri, text))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not create {0}.', vscode.workspace.asRelativePath(uri)));
    return { status: 'changed-meanwhile' };
  }
  await vscode.window.showTextDocument(uri);
  return { status: 'created', uri: uri.toString() };
}

/** Next.js: components/ (under src/ when the app lives in src/app); Vite: src/. */
async function providerFilePath(folder: vscode.Uri, flavour: Flavour, language: ScriptLanguage): Promise<string> {
  const file = `ConvexClientProvider.${language === 'ts' ? 'tsx' : 'jsx'}`;
  if (flavour.kind === 'next') {
    return (await pathExists(vscode.Uri.joinPath(folder, 'src', 'app')))
      ? `src/components/${file}`
      : `components/${file}`;
  }
  return `src/${file}`;
}
