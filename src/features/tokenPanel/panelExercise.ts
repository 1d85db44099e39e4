import * as vscode from 'vscode';
import type { HandoffModel, ScenarioId } from '../../exercise/types';
import { panelCore } from '../../lazy';
import type { ProjectSnapshot } from '../../project/types';
import type { HostMessage, PanelView, RunView } from '../../protocol/panel';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';
import { ExerciseSession, setupNotes } from './exerciseSession';
import type { OwnFunctionPart } from './ownFunction';

/** What the exercise tab needs of the panel hosting it. */
export interface ExerciseHost {
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', text: string): void;
  showView(view: PanelView): void;
  snapshot(): Promise<ProjectSnapshot>;
  /** Records the runs last shown (the panel's test record). */
  ran(runs: RunView[]): void;
  /** The learner's own function (the exercise's second half), run after the model requests. */
  own(): Pick<OwnFunctionPart, 'refresh' | 'current' | 'run'>;
}

/** The panel's Exercise tab: the model's issuer and requests, started on first use and stopped with the panel. */
export class PanelExercise {
  private readonly session: ExerciseSession;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly host: ExerciseHost,
  ) {
    this.session = new ExerciseSession(ctx, () => host.snapshot());
  }

  /** The model the learner's own function is run against (started when needed). */
  async model(): Promise<HandoffModel> {
    return (await this.session.ensure()).model;
  }

  /** The exercise issuer's `iss` and loopback address, when the exercise has started. */
  async urls(): Promise<{ issuerUrl: string; serverUrl?: string } | undefined> {
    const model = this.session.current();
    if (!model) return undefined;
    try {
      const m = await model;
      return { issuerUrl: m.issuerUrl, ...(m.serverUrl ? { serverUrl: m.serverUrl } : {}) };
    } catch (err) {
      logFailure(this.ctx.log, 'exercise: read the issuer addresses', err);
      return undefined;
    }
  }

  /**
   * A valid token for the exercise's first sample user, minted by the exercise's own issuer on this machine: what
   * the decode step shows a learner whose app does not run yet.
   */
  async token(): Promise<string> {
    const model = await this.model();
    return model.mintValid(model.users[0].id);
  }

  async runScenarios(scenarios: readonly ScenarioId[]): Promise<RunView[]> {
    this.host.showView('exercise');
    const first = scenarios[0];
    if (first) this.host.post({ type: 'exerciseRunning', scenario: first });
    try {
      const { model, created } = await this.session.ensure();
      if (created) this.host.post({ type: 'exerciseSetup', notes: setupNotes(model, await this.host.snapshot()) });
      const runs = (await this.session.run(scenarios)).map(panelCore().toRunView);
      this.host.ran(runs);
      this.host.post({ type: 'exerciseRuns', runs });
      return runs;
    } catch (err) {
      logFailure(this.ctx.log, `exercise: run ${scenarios.join(', ')}`, err);
      this.host.post({ type: 'exerciseRuns', runs: [] });
      this.host.notice(
        'error',
        vscode.l10n.t('The exercise could not run: {0}', err instanceof Error ? err.message : String(err)),
      );
      throw err;
    }
  }

  /**
   * "Run it" (the button and the command): the two model requests, then the learner's own function when it can
   * run (trusted, convex/ functions on disk). The own function's part always ends in a final state (its `run`).
   */
  async runExercise(): Promise<void> {
    try {
      await this.runScenarios(['anonymous', 'valid']);
    } finally {
      // The model requests failing (reported already) does not keep the learner's own function from running.
      await this.runOwnIfReady();
    }
  }

  /** The learner's own function, when it can run. */
  private async runOwnIfReady(): Promise<void> {
    const own = this.host.own();
    await own.refresh();
    const state = own.current().state;
    if (state === 'ready' || state === 'ran' || state === 'not-run') await own.run();
  }

  /** Stops the exercise's issuer. */
  close(): Promise<void> {
    return this.session.close();
  }
}
