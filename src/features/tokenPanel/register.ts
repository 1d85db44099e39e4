import * as vscode from 'vscode';
import { parsePanelState } from '../../protocol/panel';
import type { ExtensionApi, FeatureContext } from '../api';
import { TokenFlowPanel, VIEW_TYPE, type PanelRender } from './panel';

/** Test hooks on the extension's exports: what the panel last showed, kept in memory only. */
export interface TokenPanelApi {
  lastRender(): PanelRender | undefined;
  /** Resolves when the webview next reports having drawn something (undefined when no panel is open). */
  nextRender(): Promise<unknown> | undefined;
  isOpen(): boolean;
  close(): void;
  /** Presses "Verify Signature" (the same path as the button); resolves when the result was posted. */
  verify(): Promise<void> | undefined;
}

export function registerTokenPanel(ctx: FeatureContext): Partial<ExtensionApi> {
  const decodeText = async (text: string | undefined, emptyMessage: string): Promise<void> => {
    if (!text || text.trim() === '') {
      void vscode.window.showInformationMessage(emptyMessage);
      TokenFlowPanel.createOrShow(ctx, 'token');
      return;
    }
    await TokenFlowPanel.createOrShow(ctx, 'token').decode(text);
  };
  ctx.extension.subscriptions.push(
    vscode.commands.registerCommand('clerkConvex.openTokenPanel', () => {
      TokenFlowPanel.createOrShow(ctx);
    }),
    vscode.commands.registerCommand('clerkConvex.decodeClipboard', async () => {
      await decodeText(await vscode.env.clipboard.readText(), vscode.l10n.t('The clipboard is empty. Copy a token (from your browser’s network tab or `await getToken()`), then run this again.'));
    }),
    vscode.commands.registerCommand('clerkConvex.decodeSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const selection = editor?.selections.find((s) => !s.isEmpty);
      await decodeText(selection ? editor?.document.getText(selection) : undefined, vscode.l10n.t('Select a token in the editor first.'));
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        TokenFlowPanel.revive(ctx, panel, parsePanelState(state).view);
      },
    }),
    { dispose: () => TokenFlowPanel.current?.dispose() },
  );
  const tokenPanel: TokenPanelApi = {
    lastRender: () => TokenFlowPanel.current?.lastRender(),
    nextRender: () => TokenFlowPanel.current?.nextRender(),
    isOpen: () => TokenFlowPanel.current !== undefined,
    close: () => TokenFlowPanel.current?.dispose(),
    verify: () => TokenFlowPanel.current?.verify(),
  };
  return { tokenPanel };
}
