// "Decode the Exercise's Token": the decode step in one click, without a running app. The exercise's issuer
// mints a token on this machine and the panel decodes it; the learner compares it with their own later.
import * as vscode from 'vscode';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';
import { TokenFlowPanel } from './panel';

export function registerDecodeExerciseToken(ctx: FeatureContext): vscode.Disposable {
  return vscode.commands.registerCommand('clerkConvex.decodeExerciseToken', async () => {
    const panel = TokenFlowPanel.createOrShow(ctx, 'token');
    try {
      await panel.decode(await panel.exerciseToken());
    } catch (err) {
      logFailure(ctx.log, "decode the exercise's token", err);
      void vscode.window.showErrorMessage(
        vscode.l10n.t("The exercise's token could not be made: {0}", err instanceof Error ? err.message : String(err)),
      );
      return;
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "This is the exercise's token, signed on your machine for a sample user. When your app runs, paste your own here and compare: the same claims, your issuer and user.",
      ),
    );
  });
}
