// A stand-in for the panel's extension host, for the static webview check: the real strings, the real token
// analysis, the real protocol validation and the exercise's in-memory model, with no VS Code around them.
import { panelStrings } from '../../../src/features/tokenPanel/strings';
import { createHandoffModel } from '../../../src/exercise';
import type { HandoffModel, ScenarioId } from '../../../src/exercise/types';
import { SCENARIOS } from '../../../src/exercise/types';
import { toReportView, toRunView } from '../../../src/protocol/hostViews';
import type { HostMessage, ProjectCheckView } from '../../../src/protocol/panel';
import { parseWebviewMessage } from '../../../src/protocol/parseMessage';
import { analyseToken } from '../../../src/token';

export interface StaticHost {
  /** Handles one raw message from the webview; returns the replies. Unknown messages are counted, not acted on. */
  receive(raw: unknown): Promise<HostMessage[]>;
  dropped: number;
  close(): Promise<void>;
}

const PROJECT: ProjectCheckView[] = [
  {
    id: 'auth-config',
    status: 'pass',
    title: 'Auth config: convex/auth.config.ts',
    detail: 'Convex reads it when you push.',
  },
  {
    id: 'provider-1-env',
    status: 'info',
    title: 'Provider 1: domain comes from CLERK_JWT_ISSUER_DOMAIN, set locally in .env.local',
    detail: 'Also set it on the deployment:',
    command: 'npx convex env set CLERK_JWT_ISSUER_DOMAIN https://exotic-crab-75.clerk.accounts.dev',
  },
  {
    id: 'provider-1-app-id-missing',
    status: 'fail',
    title: 'Provider 1: “applicationId” should be spelled applicationID',
    detail: 'Use applicationID: "convex".',
  },
];

export function createStaticHost(opts: { animate: boolean; trusted: boolean; nowMs?: number }): StaticHost {
  let model: Promise<HandoffModel> | undefined;
  const host: StaticHost = {
    dropped: 0,
    async receive(raw) {
      const m = parseWebviewMessage(raw);
      if (!m) {
        host.dropped++;
        return [];
      }
      switch (m.type) {
        case 'ready':
          return [
            {
              type: 'init',
              strings: panelStrings(),
              view: 'token',
              animate: opts.animate,
              trusted: opts.trusted,
              scenarios: [...SCENARIOS],
            },
            { type: 'project', checks: PROJECT },
          ];
        case 'decode':
          return [
            {
              type: 'report',
              report: toReportView(
                analyseToken(m.text, {
                  nowMs: opts.nowMs ?? Date.now(),
                  providers: [{ domain: 'https://exotic-crab-75.clerk.accounts.dev', applicationID: 'convex' }],
                  publishableKeyHost: 'exotic-crab-75.clerk.accounts.dev',
                }),
              ),
            },
          ];
        case 'clear':
          return [{ type: 'cleared' }];
        case 'runScenario':
        case 'runExercise': {
          const ids: ScenarioId[] = m.type === 'runExercise' ? ['anonymous', 'valid'] : [m.scenario];
          model ??= createHandoffModel({ transport: 'memory' });
          const mm = await model;
          const runs = [];
          for (const id of ids) runs.push(toRunView(await mm.runScenario(id)));
          return [{ type: 'exerciseRuns', runs }];
        }
        default:
          return [];
      }
    },
    async close() {
      if (model) await (await model).close();
    },
  };
  return host;
}
