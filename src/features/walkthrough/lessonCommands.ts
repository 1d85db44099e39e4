import * as vscode from 'vscode';
import { isLessonStep, lessonVariants, visibleStepId, WALKTHROUGH_ID } from '../../lessonState';
import { logFailure, type Log } from '../log';
import type { LessonController } from './controller';
import type { ProgressStore } from './progressStore';

/** VS Code's own command that clears every walkthrough's ticks (ours included); extensions cannot clear just theirs. */
const RESET_ALL_WALKTHROUGHS = 'resetGettingStartedProgress';

export class LessonCommands {
  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly store: ProgressStore,
    private readonly controller: LessonController,
    private readonly log: Log,
  ) {}

  /** Opens the walkthrough, on a given step when asked (the step the workspace's variant shows). */
  async openLesson(step?: unknown): Promise<void> {
    await this.store.markOpened();
    const category = `${this.extension.extension.id}#${WALKTHROUGH_ID}`;
    if (!isLessonStep(step)) {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', category, false);
      return;
    }
    const variants = this.controller.state?.variants ?? lessonVariants(undefined, this.store.clerkMode);
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      { category, step: `${category}#${visibleStepId(step, variants)}` },
      false,
    );
  }

  /** Clears our progress. `{ confirm: false }` skips the question (tests, scripted use). */
  async resetProgress(options?: unknown): Promise<void> {
    const ask = !(
      typeof options === 'object' &&
      options !== null &&
      (options as { confirm?: unknown }).confirm === false
    );
    if (ask) {
      const reset = vscode.l10n.t('Reset Progress');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Reset your lesson progress?'),
        {
          modal: true,
          detail: vscode.l10n.t(
            'This forgets the exercise runs, the decoded token and the steps you reached, on every device you sync. Your code is not touched.',
          ),
        },
        reset,
      );
      if (answer !== reset) return;
    }
    await this.store.resetProgress();
    await this.controller.update();
    const resetTicks = vscode.l10n.t('Reset All Walkthrough Ticks');
    // Not awaited: the reset is done; this only explains the part VS Code keeps.
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t(
          'Lesson progress reset. Steps that were ticked stay ticked in the walkthrough until VS Code\'s own "Reset Welcome Page Walkthrough Progress" clears them, for every walkthrough at once. Lesson Checks shows where you stand now.',
        ),
        resetTicks,
      )
      .then((choice) => (choice === resetTicks ? vscode.commands.executeCommand(RESET_ALL_WALKTHROUGHS) : undefined))
      .then(undefined, (err: unknown) => logFailure(this.log, 'reset the walkthrough ticks', err));
  }

  /** From a Lesson Checks item: the offending code, the command that helps, or the lesson's step. */
  async followCheck(id: unknown): Promise<void> {
    const check = this.controller.state?.checks.find((c) => c.id === id);
    if (!check) return;
    if (check.status === 'missing' && check.fix?.kind === 'location') {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(check.fix.uri));
      const start = document.positionAt(check.fix.start);
      const end = document.positionAt(check.fix.end);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(start, end) });
      return;
    }
    if (check.status === 'missing' && check.fix?.kind === 'command') {
      await vscode.commands.executeCommand(check.fix.command);
      return;
    }
    await this.openLesson(check.id);
  }

  async chooseClerkMode(): Promise<void> {
    type Pick = vscode.QuickPickItem & { mode: 'integration' | 'template' };
    const current = this.store.clerkMode ?? 'integration';
    const items: Pick[] = [
      {
        mode: 'integration',
        label: vscode.l10n.t("Clerk's Convex integration"),
        detail: vscode.l10n.t('Activated in the Clerk dashboard; the session token itself carries aud "convex".'),
      },
      {
        mode: 'template',
        label: vscode.l10n.t('JWT template named "convex"'),
        detail: vscode.l10n.t('The older way: a separate token from a template that must keep the name "convex".'),
      },
    ];
    for (const item of items) if (item.mode === current) item.description = vscode.l10n.t('current');
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('How does Clerk hand Convex its token in this project?'),
    });
    if (!picked) return;
    await this.useClerkMode(picked.mode);
  }

  async useClerkMode(mode: unknown): Promise<void> {
    if (mode !== 'integration' && mode !== 'template') return;
    await this.store.setClerkMode(mode);
    await this.controller.update();
  }
}
