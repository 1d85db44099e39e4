import * as vscode from 'vscode';
import type { ScenarioId } from '../../handoff/types';
import type { RunView } from '../../protocol/panel';
import { parsePanelState } from '../../protocol/parseMessage';
import type { FeatureContext } from '../api';
import { registerDecodeExerciseToken } from './exerciseToken';
import { TokenFlowPanel, type PanelRender } from './panel';
import { VIEW_TYPE } from './viewType';

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

/** Test hooks: the running issuer's addresses, and a way to run scenarios as the panel's buttons do. */
export interface ExerciseApi {
  /** The `iss` of the exercise's tokens, once the exercise has started in the open panel. */
  issuerUrl(): Promise<string | undefined>;
  /** The loopback address serving discovery and JWKS (http transport only). */
  serverUrl(): Promise<string | undefined>;
  run(scenarios: ScenarioId[]): Promise<RunView[]>;
}

/** The token panel and the exercise it hosts (its second tab): commands, the panel serializer, test hooks. */
export function registerTokenPanel(ctx: FeatureContext): void {
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
        TokenFlowPanel.revive(ctx, panel, parsePanelState(state).view);
        return Promise.resolve();
      },
    }),
    // "Run it", as the lesson says: an anonymous request, then one carrying a valid token.
    vscode.commands.registerCommand('clerkConvex.runExercise', async () => {
      await TokenFlowPanel.createOrShow(ctx, 'exercise').runExercise();
    }),
    { dispose: () => currentPanel()?.dispose() },
  );
  const tokenPanel: TokenPanelApi = {
    lastRender: () => currentPanel()?.lastRender(),
    nextRender: () => currentPanel()?.nextRender(),
    isOpen: () => currentPanel() !== undefined,
    close: () => currentPanel()?.dispose(),
    verify: () => currentPanel()?.verify(),
  };
  const exercise: ExerciseApi = {
    issuerUrl: async () => (await currentPanel()?.exerciseUrls())?.issuerUrl,
    serverUrl: async () => (await currentPanel()?.exerciseUrls())?.serverUrl,
    run: async (scenarios) => TokenFlowPanel.createOrShow(ctx, 'exercise').runScenarios(scenarios),
  };
  ctx.testHooks.tokenPanel = tokenPanel;
  ctx.testHooks.exercise = exercise;
}
