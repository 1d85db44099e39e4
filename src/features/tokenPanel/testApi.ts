import type { ScenarioId } from '../../exercise/types';
import type { OwnFunctionView, RunView } from '../../protocol/panel';
import type { FeatureContext } from '../api';
import type { OwnRunRequest } from './ownFunction';
import { TokenFlowPanel } from './panel';
import type { PanelRender } from './panelRender';

/** What the panel last showed, kept in memory only, and its buttons pressed as the learner presses them. */
export interface TokenPanelApi {
  lastRender(): PanelRender | undefined;
  /** Resolves when the webview next reports having drawn something (undefined when no panel is open). */
  nextRender(): Promise<unknown> | undefined;
  isOpen(): boolean;
  close(): void;
  /** Resolves once no panel's background re-read (project checks, function list, deployment) is under way. */
  settled(): Promise<void>;
  /** Presses "Verify Signature" (the same path as the button); resolves when the result was posted. */
  verify(): Promise<void> | undefined;
}

/** The running issuer's addresses, and a way to run scenarios as the panel's buttons do. */
export interface ExerciseApi {
  /** The `iss` of the exercise's tokens, once the exercise has started in the open panel. */
  issuerUrl(): Promise<string | undefined>;
  /** The loopback address serving discovery and JWKS (http transport only). */
  serverUrl(): Promise<string | undefined>;
  run(scenarios: ScenarioId[]): Promise<RunView[]>;
}

/** Runs the learner's own function as the panel's "Run my function" does, and reads what it shows. */
export interface OwnFunctionApi {
  run(request?: OwnRunRequest): Promise<OwnFunctionView>;
  /** What the panel's own-function section shows now (undefined when no panel is open). */
  view(): OwnFunctionView | undefined;
  /** How many calls the webview last reported drawing in the section. */
  drawn(): number | undefined;
}

/** The token panel's part of the test hooks (see ../testHooks.ts). */
export interface TokenPanelTestApi {
  readonly tokenPanel: TokenPanelApi;
  readonly exercise: ExerciseApi;
  readonly ownFunction: OwnFunctionApi;
}

export function tokenPanelTestApi(ctx: FeatureContext): TokenPanelTestApi {
  const current = (): TokenFlowPanel | undefined => TokenFlowPanel.current;
  return {
    tokenPanel: {
      lastRender: () => current()?.lastRender(),
      nextRender: () => current()?.nextRender(),
      isOpen: () => current() !== undefined,
      close: () => current()?.dispose(),
      verify: () => current()?.verify(),
      settled: () => TokenFlowPanel.settled(),
    },
    exercise: {
      issuerUrl: async () => (await current()?.exercise.urls())?.issuerUrl,
      serverUrl: async () => (await current()?.exercise.urls())?.serverUrl,
      run: async (scenarios) => TokenFlowPanel.createOrShow(ctx, 'exercise').exercise.runScenarios(scenarios),
    },
    ownFunction: {
      run: (request) => TokenFlowPanel.createOrShow(ctx, 'exercise').own.run(request),
      view: () => current()?.own.current(),
      drawn: () => current()?.own.drawnRows,
    },
  };
}
