// "Add Identity Check": the awaited getUserIdentity() and its null guard, in the Convex function at the cursor.
import * as vscode from 'vscode';
import { loadAnalysis } from '../../lazy';
import type { GuardPlan } from '../../snippets/identityGuard';
import { applyPlannedEdits, indentUnit, parserFileName } from './editorText';

export type AddIdentityCheckResult = { status: GuardPlan['status'] | 'no-editor' | 'changed-meanwhile' };

const SCRIPT_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

export async function addIdentityCheck(): Promise<AddIdentityCheckResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !SCRIPT_LANGUAGES.has(editor.document.languageId)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Open a Convex function file (for example convex/messages.ts) and put the cursor inside a query, mutation or action.',
      ),
    );
    return { status: 'no-editor' };
  }
  const { planIdentityGuard } = await loadAnalysis();
  const doc = editor.document;
  const text = doc.getText();
  const plan = planIdentityGuard(text, parserFileName(doc), doc.offsetAt(editor.selection.active), indentUnit(editor));
  const name = 'name' in plan && plan.name ? plan.name : vscode.l10n.t('this function');
  switch (plan.status) {
    case 'changed':
      if (!(await applyPlannedEdits(editor, text, plan.edits))) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'The file changed while the check was being prepared. Nothing was inserted; run the command again.',
          ),
        );
        return { status: 'changed-meanwhile' };
      }
      vscode.window.setStatusBarMessage(
        plan.added.includes('guard')
          ? vscode.l10n.t('Added the identity check to {0}.', name)
          : vscode.l10n.t('Completed the identity check in {0}: {1}.', name, plan.added.map(describeChange).join(', ')),
        5000,
      );
      break;
    case 'present':
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} already awaits ctx.auth.getUserIdentity() and checks it for null. Nothing to add.', name),
      );
      break;
    case 'not-in-function':
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Put the cursor inside a Convex function (a query, mutation or action, or a helper taking ctx), then run Add Identity Check.',
        ),
      );
      break;
    case 'no-handler':
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This {0} has no handler function written inline to add the check to.', plan.kind),
      );
      break;
    case 'unparsable':
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This file has a syntax error, so the check cannot be placed safely. Fix it and run Add Identity Check again.',
        ),
      );
      break;
  }
  return { status: plan.status };
}

function describeChange(change: 'guard' | 'await' | 'null-check'): string {
  switch (change) {
    case 'await':
      return vscode.l10n.t('the missing await (without it, identity is a Promise and always truthy)');
    case 'null-check':
      return vscode.l10n.t('the null check');
    case 'guard':
      return vscode.l10n.t('the identity check');
  }
}
