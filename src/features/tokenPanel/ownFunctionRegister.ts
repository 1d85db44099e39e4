import type { OwnFunctionView } from '../../protocol/panel';
import type { ExtensionApi, FeatureContext } from '../api';
import { currentPanel, tokenFlowPanel } from './host';
import type { OwnRunRequest } from './ownFunction';

/** Test hooks: run the learner's own function as the panel's "Run my function" does, and read what it shows. */
export interface OwnFunctionApi {
  run(request?: OwnRunRequest): Promise<OwnFunctionView>;
  /** What the panel's own-function section shows now (undefined when no panel is open). */
  view(): OwnFunctionView | undefined;
  /** How many calls the webview last reported drawing in the section. */
  drawn(): number | undefined;
}

export function registerOwnFunction(ctx: FeatureContext): Partial<ExtensionApi> {
  const ownFunction: OwnFunctionApi = {
    run: async (request) => (await tokenFlowPanel()).createOrShow(ctx, 'exercise').own.run(request),
    view: () => currentPanel()?.own.current(),
    drawn: () => currentPanel()?.own.drawnRows,
  };
  return { ownFunction };
}
