// Quick fixes and "Fix all", built from the analysis cached for the document's current version (no re-parse).
import * as vscode from 'vscode';
import { mergeFixEdits } from '../../analysis/mergeFixes';
import { RULES } from '../../analysis/ruleCatalog';
import type { FileRename, Finding, Fix, TextEdit } from '../../analysis/types';
import type { DiagnosticsController } from './controller';
import { DIAGNOSTIC_SOURCE, diagnosticCode, rangeOf } from './convert';
import { effectiveSeverity } from './settings';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('clerkConvex');

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, rangeOf(document, e.start, e.end), e.newText);
  return edit;
}

/**
 * The missing auth.config is another file: the create command makes it in the project's Convex folder, opens it to
 * show what it wrote, and never overwrites one (it shows a diff instead).
 */
function createAuthConfigAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Create convex/auth.config.ts'), vscode.CodeActionKind.QuickFix);
  action.command = {
    command: 'clerkConvex.createAuthConfig',
    title: vscode.l10n.t('Create convex/auth.config.ts'),
    arguments: [document.uri],
  };
  action.diagnostics = [diagnostic];
  return action;
}

/**
 * A file move (a provider list Convex never reads, moved to the functions folder's auth.config): the workbench's
 * refactor preview shows it before it applies, and it never replaces a file that appeared at the target meanwhile.
 */
function renameAction(document: vscode.TextDocument, fix: Fix, rename: FileRename): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.renameFile(
    document.uri,
    vscode.Uri.joinPath(document.uri, '..', rename.to),
    { overwrite: false, ignoreIfExists: false },
    { label: vscode.l10n.t('Move to {0}', rename.path), needsConfirmation: true },
  );
  return action;
}

export class ClerkConvexCodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly controller: DiagnosticsController) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    let cached = this.controller.cached(document);
    let diagnostics = context.diagnostics;
    // Asked for on purpose (Ctrl+., a lesson button) before this version was analysed: wait for it, then take the
    // diagnostics it published. The lightbulb's automatic asks never wait: they would defeat the typing debounce.
    if (!cached && context.triggerKind === vscode.CodeActionTriggerKind.Invoke) {
      cached = await this.controller.analysisOf(document);
      diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.intersection(range));
    }
    if (!cached) return [];
    const active = cached.analysis.findings.filter(
      (f) => effectiveSeverity(cached.settings, f.code, f.severity) !== undefined,
    );
    const mechanical = active.flatMap((f) => f.fixes.filter((x) => x.mechanical));
    const only = context.only;
    if (only && !only.contains(vscode.CodeActionKind.QuickFix)) {
      if (!FIX_ALL_KIND.intersects(only) || mechanical.length === 0) return [];
      return [this.fixAll(document, mechanical, FIX_ALL_KIND)];
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.findingFor(document, active, diagnostic);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        if (fix.rename) {
          const action = renameAction(document, fix, fix.rename);
          action.diagnostics = [diagnostic];
          actions.push(action);
          continue;
        }
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.mechanical;
        actions.push(action);
      }
      // With a provider list Convex never reads (named in `related`), the fix is moving that file, offered on it.
      if (finding.code === RULES.authConfigMissing.code && !finding.related?.length)
        actions.push(createAuthConfigAction(document, diagnostic));
    }
    if (actions.length && mechanical.length > 1 && range) {
      actions.push(this.fixAll(document, mechanical, vscode.CodeActionKind.QuickFix));
    }
    return actions;
  }

  private findingFor(
    document: vscode.TextDocument,
    findings: readonly Finding[],
    d: vscode.Diagnostic,
  ): Finding | undefined {
    const code = diagnosticCode(d);
    const start = document.offsetAt(d.range.start);
    const end = document.offsetAt(d.range.end);
    return findings.find((f) => f.code === code && f.start === start && f.end === end);
  }

  private fixAll(document: vscode.TextDocument, fixes: readonly Fix[], kind: vscode.CodeActionKind): vscode.CodeAction {
    const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable Clerk ↔ Convex problems'), kind);
    action.edit = toWorkspaceEdit(document, mergeFixEdits(fixes.map((f) => f.edits)));
    return action;
  }
}
