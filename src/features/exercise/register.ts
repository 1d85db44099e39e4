import * as vscode from 'vscode';
import type { ScenarioId } from '../../handoff/types';
import type { RunView } from '../../protocol/panel';
import type { ExtensionApi, FeatureContext } from '../api';
import { currentPanel, tokenFlowPanel } from '../tokenPanel/host';

/** Test hooks: the running issuer's addresses, and a way to run scenarios as the panel's buttons do. */
export interface ExerciseApi {
  /** The `iss` of the exercise's tokens, once the exercise has started in the open panel. */
  issuerUrl(): Promise<string | undefined>;
  /** The loopback address serving discovery and JWKS (http transport only). */
  serverUrl(): Promise<string | undefined>;
  run(scenarios: ScenarioId[]): Promise<RunView[]>;
}

export function registerExercise(ctx: FeatureContext): Partial<ExtensionApi> {
  ctx.extension.subscriptions.push(
    // "Run it", as the lesson says: an anonymous request, then one carrying a valid token.
    vscode.commands.registerCommand('clerkConvex.runExercise', async () => {
      const panel = (await tokenFlowPanel()).createOrShow(ctx, 'exercise');
      await panel.runScenarios(['anonymous', 'valid']);
      await panel.runOwnIfReady();
    }),
  );
  const exercise: ExerciseApi = {
    issuerUrl: async () => (await currentPanel()?.exerciseUrls())?.issuerUrl,
    serverUrl: async () => (await currentPanel()?.exerciseUrls())?.serverUrl,
    run: async (scenarios) => (await tokenFlowPanel()).createOrShow(ctx, 'exercise').runScenarios(scenarios),
  };
  return { exercise };
}
