// A step's button that "does the step" where a finding stands in the way: opens the finding's file, and applies
// the quick fix the lightbulb offers for it (the same fix, from the analysis of the document as it is now), or
// opens the quick-fix menu there when no fix is mechanical. The edit lands in the open editor, unsaved and
// undoable, so the learner sees what changed before keeping it.
import * as vscode from 'vscode';
import type { EditorAnalyses } from '../diagnostics/editorAnalyses';
import type { Log } from '../log';

export type FindingFixResult = { status: 'applied'; title: string; uri: string } | { status: 'menu'; uri: string };

export interface FindingTarget {
  uri: string;
  /** The finding's offsets, where the editor opens (and the quick-fix menu, when no fix applies). */
  start: number;
  end: number;
  /** The rules whose mechanical fix the button applies, best first. */
  codes: readonly string[];
}

export async function fixFinding(target: FindingTarget, editors: EditorAnalyses, log: Log): Promise<FindingFixResult> {
  const uri = vscode.Uri.parse(target.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
  const editor = await vscode.window.showTextDocument(document, { selection: range });
  const fix = await editors.fixFor(document, target.codes, target);
  if (fix.kind === 'fix' && (await vscode.workspace.applyEdit(fix.edit))) {
    reveal(editor, fix.edit, uri);
    return { status: 'applied', title: fix.title, uri: target.uri };
  }
  log.info(
    `lesson button: opened the quick-fix menu in ${vscode.workspace.asRelativePath(uri)}: ${
      fix.kind === 'none' ? fix.reason : 'the editor refused the edit'
    }`,
  );
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
  return { status: 'menu', uri: target.uri };
}

/** Puts the cursor on the first changed line, so the learner sees the change the button made. */
function reveal(editor: vscode.TextEditor, edit: vscode.WorkspaceEdit, uri: vscode.Uri): void {
  const first = edit
    .get(uri)
    .map((e) => e.range)
    .sort((a, b) => a.start.compareTo(b.start))[0];
  if (!first) return;
  editor.selection = new vscode.Selection(first.start, first.start);
  editor.revealRange(first, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
