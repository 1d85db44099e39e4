import * as vscode from 'vscode';
import { CONVEX_VERSION_RULE as RULE } from '../../analysis/convexVersionRule';
import type { Severity } from '../../analysis/types';
import { convexVersionNotice, type ConvexVersionNotice } from '../../project/convexVersionNotice';
import { joinPath } from '../../project/paths';
import { logFailure, type Log } from '../log';
import type { ProjectService } from '../project/projectService';
import { readText } from '../project/workspaceFiles';
import { DIAGNOSTIC_SOURCE, SEVERITY, diagnosticCode, lessonStepUri } from './convert';
import { effectiveSeverity, readSettings } from './settings';

/**
 * Warns on package.json when the project depends on (or has installed) convex 1.33.0, the release whose
 * ConvexProviderWithClerk could not get a token from a Clerk JWT template named "convex" (fixed in 1.33.1).
 * Fed by the project service (which already reads package.json and node_modules/convex), not by the parser.
 */
export class ConvexVersionDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('clerkConvex.packages');
  private readonly notices = new Map<string, { notice: ConvexVersionNotice; text: string }>();
  private generation = 0;

  constructor(private readonly project: ProjectService, private readonly log: Log) {}

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const found = new Map<string, { uri: vscode.Uri; notice: ConvexVersionNotice; text: string }>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const snapshot = await this.project.getSnapshot(folder.uri);
        const uri = vscode.Uri.joinPath(folder.uri, joinPath(snapshot.convexLayout?.projectRoot ?? '', 'package.json'));
        const text = await currentText(uri, this.log);
        const notice = text === undefined ? undefined : convexVersionNotice(text, snapshot.packages.convexInstalled);
        if (notice && text !== undefined) found.set(uri.toString(), { uri, notice, text });
      } catch (err) {
        logFailure(this.log, 'convex version check', err, folder.uri.toString());
      }
    }
    if (generation !== this.generation) return; // a newer refresh is under way
    this.collection.clear();
    this.notices.clear();
    for (const [key, { uri, notice, text }] of found) {
      const severity = effectiveSeverity(readSettings(uri), RULE.code, RULE.severity);
      if (!severity) continue;
      this.notices.set(key, { notice, text });
      this.collection.set(uri, [diagnosticFor(notice, text, severity)]);
    }
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const cached = this.notices.get(document.uri.toString());
    const fixedRange = cached?.notice.fixedRange;
    // Built from the analysis of the text as it was read; a document edited since gets no stale edit.
    if (!cached || fixedRange === undefined || document.getText() !== cached.text) return [];
    const diagnostic = context.diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && diagnosticCode(d) === RULE.code);
    if (!diagnostic) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Change convex to {0} (then run npm install)', fixedRange), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, diagnostic.range, fixedRange);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return [action];
  }

  dispose(): void {
    this.generation++;
    this.collection.dispose();
  }
}

function diagnosticFor(notice: ConvexVersionNotice, text: string, severity: Severity): vscode.Diagnostic {
  const message = notice.installed !== undefined
    ? vscode.l10n.t('node_modules holds convex {0}: ConvexProviderWithClerk in that release cannot get a token from a Clerk JWT template named "convex", so isAuthenticated stays false in template-based apps. Reinstall to get 1.33.1 or later (npm install convex@latest).', notice.installed)
    : vscode.l10n.t('convex {0} is pinned: ConvexProviderWithClerk in 1.33.0 cannot get a token from a Clerk JWT template named "convex", so isAuthenticated stays false in template-based apps. 1.33.1 fixed it.', notice.range);
  const diagnostic = new vscode.Diagnostic(rangeOf(text, notice.start, notice.end), message, SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: RULE.code, target: lessonStepUri(RULE.lessonStep) };
  return diagnostic;
}

/** Line/character of two offsets, from the text as read (the file need not be open). */
function rangeOf(text: string, start: number, end: number): vscode.Range {
  const position = (offset: number): vscode.Position => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return new vscode.Position(line, offset - lineStart);
  };
  return new vscode.Range(position(start), position(end));
}

/** An open document's text (what the diagnostic's range must match), else the file on disk. */
async function currentText(uri: vscode.Uri, log: Log): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : readText(uri, undefined, log);
}
