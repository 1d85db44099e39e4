import type { OwnFunctionView } from '../../protocol/panel';
import type { FeatureContext } from '../api';
import { TokenFlowPanel } from './panel';
import type { OwnRunRequest } from './ownFunction';

/** Test hooks: run the learner's own function as the panel's "Run my function" does, and read what it shows. */
export interface OwnFunctionApi {
  run(request?: OwnRunRequest): Promise<OwnFunctionView>;
  /** What the panel's own-function section shows now (undefined when no panel is open). */
  view(): OwnFunctionView | undefined;
  /** How many calls the webview last reported drawing in the section. */
  drawn(): number | undefined;
}

export function registerOwnFunction(ctx: FeatureContext): void {
  const ownFunction: OwnFunctionApi = {
    run: (request) => TokenFlowPanel.createOrShow(ctx, 'exercise').own.run(request),
    view: () => TokenFlowPanel.current?.own.current(),
    drawn: () => TokenFlowPanel.current?.own.drawnRows,
  };
  ctx.testHooks.ownFunction = ownFunction;
}
