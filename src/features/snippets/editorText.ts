// Small adapters between the pure planners (offsets, strings) and the editor.
import * as vscode from 'vscode';
import type { TextEdit } from '../../analysis/types';

/** One level of indentation as this editor is set up. */
export function indentUnit(editor: vscode.TextEditor): string {
  const size = typeof editor.options.tabSize === 'number' ? editor.options.tabSize : 2;
  return editor.options.insertSpaces === false ? '\t' : ' '.repeat(size);
}

/**
 * Applies offset-based edits planned on `text` as one undoable step. False when the document changed after
 * `text` was read (the planned offsets no longer fit) or the editor refused the edit.
 */
export async function applyPlannedEdits(
  editor: vscode.TextEditor,
  text: string,
  edits: readonly TextEdit[],
): Promise<boolean> {
  const doc = editor.document;
  if (doc.getText() !== text) return false;
  return editor.edit((builder) => {
    for (const e of edits) builder.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  });
}

/** A name the parser can read the document's syntax from (untitled documents have no extension). */
export function parserFileName(doc: vscode.TextDocument): string {
  if (/\.(m|c)?(t|j)sx?$/.test(doc.fileName)) return doc.fileName;
  const ext =
    { typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx' }[doc.languageId] ?? 'ts';
  return `untitled.${ext}`;
}

/** The one text reader (src/features/project/workspaceFiles.ts), with its size rule. */
export { pathExists, readText } from '../project/workspaceFiles';

/**
 * Creates a file with the given text, failing (false) rather than replacing one that appeared meanwhile.
 */
export async function createFileOnce(uri: vscode.Uri, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  return vscode.workspace.applyEdit(edit);
}

/** The workspace folder a command should work in: the argument's, the active editor's, the only one, or asked. */
export async function chooseFolder(arg: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (arg instanceof vscode.Uri) {
    const own = vscode.workspace.getWorkspaceFolder(arg);
    if (own) return own;
  }
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Which folder is the Convex project in?'),
  });
}
