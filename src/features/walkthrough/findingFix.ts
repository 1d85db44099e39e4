// A step's button that "does the step" where a finding stands in the way: opens the finding's file, and applies
// the quick fix the lightbulb offers for it (the same code action, built from the analysis of the document as it
// is now), or opens the quick-fix menu there when no fix is mechanical. The edit lands in the open editor,
// unsaved and undoable, so the learner sees what changed before keeping it.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, diagnosticCode } from '../diagnostics/convert';

export type FindingFixResult =
  | { status: 'applied'; title: string; uri: string; code: string }
  | { status: 'menu'; uri: string; code: string }
  | { status: 'opened'; uri: string };

/** How long to wait for the file's diagnostics and their quick fixes after opening it (the analysis runs then). */
const WAIT_MS = 10_000;
const POLL_MS = 100;

interface Target {
  uri: string;
  start: number;
  end: number;
}

/**
 * `apply`: the rule codes whose preferred (mechanical) fix is applied, in order of preference. `menu`: codes for
 * which the quick-fix menu is opened instead (a fix that needs a choice, or none applies).
 */
export async function fixFinding(
  target: Target,
  apply: readonly string[],
  menu: readonly string[],
): Promise<FindingFixResult> {
  const uri = vscode.Uri.parse(target.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, {
    selection: new vscode.Range(document.positionAt(target.start), document.positionAt(target.end)),
  });
  const codes = [...apply, ...menu];
  const diagnostics = await waitFor(() => {
    const found = ours(uri, codes);
    return found.length ? found : undefined;
  });
  if (!diagnostics) return { status: 'opened', uri: target.uri };
  for (const code of apply) {
    for (const d of diagnostics.filter((x) => diagnosticCode(x) === code)) {
      const action = await waitFor(() => preferredFix(uri, d, code));
      if (!action?.edit) continue;
      if (!(await vscode.workspace.applyEdit(action.edit))) continue;
      reveal(editor, action.edit, uri);
      return { status: 'applied', title: action.title, uri: target.uri, code };
    }
  }
  const first = codes.map((c) => diagnostics.find((d) => diagnosticCode(d) === c)).find((d) => d !== undefined)!;
  editor.selection = new vscode.Selection(first.range.start, first.range.end);
  editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.quickFix');
  return { status: 'menu', uri: target.uri, code: diagnosticCode(first) ?? '' };
}

function ours(uri: vscode.Uri, codes: readonly string[]): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && codes.includes(diagnosticCode(d) ?? ''));
}

async function preferredFix(
  uri: vscode.Uri,
  d: vscode.Diagnostic,
  code: string,
): Promise<vscode.CodeAction | undefined> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[] | undefined>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  return actions.find(
    (a): a is vscode.CodeAction =>
      'edit' in a &&
      a.isPreferred === true &&
      (a.diagnostics ?? []).some((x) => diagnosticCode(x) === code && x.range.isEqual(d.range)),
  );
}

/** Puts the cursor on the first changed line, so the learner sees the change the button made. */
function reveal(editor: vscode.TextEditor, edit: vscode.WorkspaceEdit, uri: vscode.Uri): void {
  const ranges = edit
    .get(uri)
    .map((e) => e.range)
    .sort((a, b) => a.start.compareTo(b.start));
  const first = ranges[0];
  if (!first) return;
  editor.selection = new vscode.Selection(first.start, first.start);
  editor.revealRange(first, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Polls `probe` until it gives a value or WAIT_MS passes: the analysis of a just-opened file takes a moment. */
async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
