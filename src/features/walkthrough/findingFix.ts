// A step's button that "does the step" where a finding stands in the way: opens the finding's file, and applies
// the quick fix the lightbulb offers for it (the same code action, built from the analysis of the document as it
// is now), or opens the quick-fix menu there when no fix is mechanical. The edit lands in the open editor,
// unsaved and undoable, so the learner sees what changed before keeping it.
import * as vscode from 'vscode';

export type FindingFixResult = { status: 'applied'; title: string; uri: string } | { status: 'menu'; uri: string };

/** How long to wait for the file's quick fixes after opening it (its analysis runs then). */
const WAIT_MS = 10_000;
const POLL_MS = 100;

export interface FindingTarget {
  uri: string;
  /** The finding's offsets, where the editor opens (and the quick-fix menu, when no fix applies). */
  start: number;
  end: number;
  /**
   * Titles of the mechanical fixes to apply, best first, as the last analysis gave them. The code actions VS Code
   * returns carry no diagnostics, so a fix is recognised by its title; it is applied from the current analysis.
   */
  fixTitles: readonly string[];
}

export async function fixFinding(target: FindingTarget): Promise<FindingFixResult> {
  const uri = vscode.Uri.parse(target.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
  const editor = await vscode.window.showTextDocument(document, { selection: range });
  if (target.fixTitles.length > 0) {
    const action = await waitFor(() => quickFix(document, target.fixTitles));
    if (action?.edit && (await vscode.workspace.applyEdit(action.edit))) {
      reveal(editor, action.edit, uri);
      return { status: 'applied', title: action.title, uri: target.uri };
    }
  }
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
  return { status: 'menu', uri: target.uri };
}

/** The document's quick fix with the best of `titles`, if its analysis offers one now. */
async function quickFix(
  document: vscode.TextDocument,
  titles: readonly string[],
): Promise<vscode.CodeAction | undefined> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
  for (const title of titles) {
    const found = fixes.find((a) => a.title === title);
    if (found) return found;
  }
  return undefined;
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

/** Polls `probe` until it gives a value or WAIT_MS passes: the analysis of a just-opened file takes a moment. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
