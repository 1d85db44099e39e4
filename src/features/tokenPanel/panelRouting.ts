import type { ScenarioId } from '../../exercise/types';
import { panelCore } from '../../lazy';
import type { RenderedSummary } from '../../protocol/panel';
import type { Log } from '../log';
import { logFailure } from '../log';
import type { DeploymentPart } from './deployment';
import type { OwnFunctionPart } from './ownFunction';

/** Where each of the page's messages goes. */
export interface PanelRoutes {
  readonly log: Log;
  readonly own: Pick<OwnFunctionPart, 'handle' | 'acknowledged'>;
  readonly deployment: Pick<DeploymentPart, 'handle' | 'acknowledged'>;
  ready(): void;
  decode(text: string): Promise<void>;
  clear(): void;
  verify(): Promise<void>;
  runScenarios(scenarios: readonly ScenarioId[]): Promise<unknown>;
  runExercise(): Promise<void>;
  /** The webview drew one of the panel's main parts. */
  rendered(summary: RenderedSummary): void;
  /** An unexpected failure of a request the page made: logged, and shown in the panel. */
  fail(err: unknown): void;
}

export function routeWebviewMessage(raw: unknown, to: PanelRoutes): void {
  const message = panelCore().parseWebviewMessage(raw);
  if (!message) return; // unknown or malformed: dropped without acting on any of it
  switch (message.type) {
    case 'ready':
      to.ready();
      return;
    case 'decode':
      void to.decode(message.text).catch((err: unknown) => to.fail(err));
      return;
    case 'clear':
      to.clear();
      return;
    case 'verify':
      void to.verify().catch((err: unknown) => to.fail(err));
      return;
    case 'runScenario':
      // runScenarios reports its own failure in the panel and the log; the rejection is only for callers.
      to.runScenarios([message.scenario]).catch(() => undefined);
      return;
    case 'runExercise':
      to.runExercise().catch((err: unknown) => logFailure(to.log, 'exercise: Run it', err));
      return;
    case 'runOwnFunction':
    case 'cancelOwnFunction':
    case 'trustWorkspace':
    case 'ownFunctionCommand':
      to.own.handle(message);
      return;
    case 'askDeployment':
    case 'runOnDeployment':
      to.deployment.handle(message);
      return;
    case 'rendered':
      // The own-function section acknowledges on its own; the waiters are for the panel's main draws.
      if (message.summary.what === 'ownFunction') {
        to.own.acknowledged(message.summary.rows);
        return;
      }
      if (message.summary.what === 'deployment') {
        to.deployment.acknowledged(message.summary.rows);
        return;
      }
      to.rendered(message.summary);
      return;
  }
}
