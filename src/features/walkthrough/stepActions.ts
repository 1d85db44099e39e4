// The buttons of the sandwich and authHook steps: they follow the project's state, so the button always leads to
// the fix that applies now (the swap for a reversed nesting, the gate for a Clerk-gated page), never round a loop.
import * as vscode from 'vscode';
import { RULES } from '../../analysis/ruleCatalog';
import type { LessonCheck } from '../../lessonState';
import type { LessonController } from './controller';
import { unknownText } from './checkText';
import { fixFinding, type FindingFixResult } from './findingFix';
import { pathExists } from '../project/workspaceFiles';
import type { EditorAnalyses } from '../diagnostics/editorAnalyses';
import type { Log } from '../log';

export type StepActionResult =
  | FindingFixResult
  | { status: 'passing' }
  | { status: 'unknown' }
  /** Handed to a command that inserts (the provider sandwich, the Convex auth gates snippet). */
  | { status: 'inserting'; command: string }
  | { status: 'explained' };

/** Where each framework renders its providers: the file the sandwich goes into when there is none yet. */
const ENTRY_FILES = [
  'app/layout.tsx',
  'app/layout.jsx',
  'src/app/layout.tsx',
  'src/main.tsx',
  'src/main.jsx',
  'app/_layout.tsx',
  'src/routes/__root.tsx',
];
const AUTH_GATES_SNIPPET = 'Convex auth gates (Authenticated, Unauthenticated, AuthLoading)';

export class StepActions {
  constructor(
    private readonly controller: LessonController,
    private readonly editors: EditorAnalyses,
    private readonly log: Log,
  ) {}

  /** "Nest the Providers": swap a reversed nesting, open any other sandwich finding, insert when there is none. */
  nestProviders(): Promise<StepActionResult> {
    return this.follow(
      'sandwich',
      vscode.l10n.t('ClerkProvider already wraps the Convex provider, and nothing about the nesting is flagged.'),
      [RULES.providerOrder.code],
      async () => {
        const entry = await firstExisting(ENTRY_FILES);
        if (entry) await vscode.window.showTextDocument(entry);
        await vscode.commands.executeCommand('clerkConvex.insertProviderSandwich');
        return { status: 'inserting', command: 'clerkConvex.insertProviderSandwich' };
      },
    );
  }

  /** "Gate This Page": apply the gate fix (Clerk's gate → Convex's), else open the finding, else insert the gates. */
  gateOnConvexAuth(): Promise<StepActionResult> {
    return this.follow(
      'authHook',
      vscode.l10n.t("Your UI already waits for Convex's auth state, and nothing about it is flagged."),
      [RULES.clerkGate.code, RULES.queryBeforeAuth.code, RULES.mutationAfterSetActive.code],
      async () => {
        const editor = vscode.window.activeTextEditor;
        if (editor && /^(typescript|javascript)react$/.test(editor.document.languageId)) {
          await vscode.commands.executeCommand('editor.action.insertSnippet', {
            langId: editor.document.languageId,
            name: AUTH_GATES_SNIPPET,
          });
          return { status: 'inserting', command: 'editor.action.insertSnippet' };
        }
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            'Open the component that shows signed-in data, put the cursor where it renders, and press "Gate This Page" again: it inserts <AuthLoading>, <Unauthenticated> and <Authenticated> from convex/react there.',
          ),
        );
        return { status: 'explained' };
      },
    );
  }

  /**
   * The step's check as it is now: passing (said so), a finding (the mechanical fix of the first of `apply` in
   * its file applied, else its quick-fix menu opened), or nothing there yet (`none`).
   */
  private async follow(
    id: LessonCheck['id'],
    passing: string,
    apply: readonly string[],
    none: () => Promise<StepActionResult>,
  ): Promise<StepActionResult> {
    const check = await this.check(id);
    if (check.status === 'unknown') return this.stillReading(check);
    if (check.status === 'pass') {
      void vscode.window.showInformationMessage(passing);
      return { status: 'passing' };
    }
    if (check.fix?.kind !== 'location') return none();
    const result = await fixFinding({ ...check.fix, codes: apply }, this.editors, this.log);
    if (result.status === 'applied') this.saySaveToKeep(result);
    return result;
  }

  private async check(id: LessonCheck['id']): Promise<LessonCheck> {
    // Measure now: the button acts on the project as it is, open editors included (a file just edited or
    // reverted is analysed first), not as it was at the last update.
    await this.editors.settled();
    await this.controller.update();
    return this.controller.state?.checks.find((c) => c.id === id) ?? { id, status: 'unknown' };
  }

  private stillReading(check: Extract<LessonCheck, { status: 'unknown' }>): StepActionResult {
    void vscode.window.showInformationMessage(
      check.unmeasured?.length
        ? unknownText(check)
        : vscode.l10n.t('The project is still being read. Press the button again in a moment.'),
    );
    return { status: 'unknown' };
  }

  private saySaveToKeep(result: Extract<FindingFixResult, { status: 'applied' }>): void {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Applied “{0}” in {1}. Save the file to keep it; Undo takes it back.',
        result.title,
        vscode.workspace.asRelativePath(vscode.Uri.parse(result.uri)),
      ),
    );
  }
}

async function firstExisting(paths: readonly string[]): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  for (const p of paths) {
    const uri = vscode.Uri.joinPath(folder.uri, p);
    if (await pathExists(uri)) return uri;
  }
  return undefined;
}
