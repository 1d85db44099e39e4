import * as vscode from 'vscode';
import { panelCore } from '../../lazy';
import type { FeatureContext } from '../api';
import { registerDecodeExerciseToken } from './exerciseToken';
import { TokenFlowPanel } from './panel';
import { tokenPanelTestApi, type TokenPanelTestApi } from './testApi';
import { VIEW_TYPE } from './viewType';

/** The token panel and the exercise it hosts (its second tab): commands, the panel serializer, test hooks. */
export function registerTokenPanel(ctx: FeatureContext): TokenPanelTestApi {
  const currentPanel = (): TokenFlowPanel | undefined => TokenFlowPanel.current;
  const decodeText = async (text: string | undefined, emptyMessage: string): Promise<void> => {
    if (!text || text.trim() === '') {
      void vscode.window.showInformationMessage(emptyMessage);
      TokenFlowPanel.createOrShow(ctx, 'token');
      return;
    }
    await TokenFlowPanel.createOrShow(ctx, 'token').decode(text);
  };
  ctx.extension.subscriptions.push(
    // The walkthrough's exercise step opens the panel on its Exercise tab (`["exercise"]`), without running it.
    vscode.commands.registerCommand('clerkConvex.openTokenPanel', (view?: unknown) => {
      TokenFlowPanel.createOrShow(ctx, view === 'exercise' || view === 'token' ? view : undefined);
    }),
    registerDecodeExerciseToken(ctx),
    vscode.commands.registerCommand('clerkConvex.decodeClipboard', async () => {
      await decodeText(
        await vscode.env.clipboard.readText(),
        vscode.l10n.t(
          'The clipboard is empty. Copy a token (from your browser’s network tab or `await getToken()`), then run this again.',
        ),
      );
    }),
    vscode.commands.registerCommand('clerkConvex.decodeSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const selection = editor?.selections.find((s) => !s.isEmpty);
      await decodeText(
        selection ? editor?.document.getText(selection) : undefined,
        vscode.l10n.t('Select a token in the editor first.'),
      );
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => {
        TokenFlowPanel.revive(ctx, panel, panelCore().parsePanelState(state).view);
        return Promise.resolve();
      },
    }),
    // "Run it", as the lesson says: an anonymous request, then one carrying a valid token.
    vscode.commands.registerCommand('clerkConvex.runExercise', async () => {
      await TokenFlowPanel.createOrShow(ctx, 'exercise').exercise.runExercise();
    }),
    { dispose: () => currentPanel()?.dispose() },
  );
  return tokenPanelTestApi(ctx);
}
