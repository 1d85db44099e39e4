// The "Ask my deployment" section of the token tab: its state, owned by the host and sent whole whenever it
// changes (and on every `ready`), and the two requests the page may make. The page names a deployment by the id
// the host gave it and never sends a URL: what is contacted is decided by the host from the project's env files.
import type { DisplayValue } from './displayValue';

export type Agreement = 'agree' | 'disagree' | 'no-verdict' | 'no-prediction';

export interface ExchangeView {
  /** As ConvexHttpClient sent it; the Authorization header's token is replaced by its length. */
  request: { method: string; url: string; headers: [string, string][]; body: DisplayValue };
  /** The deployment's answer, verbatim (bounded). */
  response?: { status: number; body: DisplayValue };
  /** What the learner's app would get from the client: the value, or the message it throws. */
  client: { ok: true; value: DisplayValue } | { ok: false; error: string };
}

export interface DeploymentAnswerView {
  agreement: Agreement;
  /** One line: "Accepted (the token passed; the probe function does not exist)", "Refused: NoAuthProvider". */
  verdict: string;
  /** Convex's own text, when it refused the token. */
  convexMessage?: string;
  /** What a disagreement means and what to run. */
  lines: string[];
  exchange?: ExchangeView;
  /** When it was asked, as an ISO date (answers go stale: session tokens live 60 s). */
  askedAt: string;
}

export interface DeploymentRunView {
  path: string;
  running: boolean;
  outcome?: 'value' | 'function-not-found' | 'function-error' | 'rejected' | 'no-verdict';
  line?: string;
  exchange?: ExchangeView;
}

export interface DeploymentRowView {
  id: string;
  url: string;
  /** Where it is named: "NEXT_PUBLIC_CONVEX_URL in .env.local". */
  source: string;
  environment: 'development' | 'production';
  /** The Clerk instance this environment's publishable key points at, in words. */
  clerk?: string;
  notes: { level: 'warn' | 'info'; text: string }[];
  asking: boolean;
  answer?: DeploymentAnswerView;
  run?: DeploymentRunView;
}

export interface DeploymentView {
  /**
   * untrusted: Restricted Mode (nothing is offered, nothing is contacted); unavailable: this host cannot send
   * (the browser build); none: no deployment URL in the env files; ready: deployments listed.
   */
  state: 'untrusted' | 'unavailable' | 'none' | 'ready';
  message?: string;
  /** The panel's own prediction for the decoded token (shown beside each answer); absent without a token. */
  prediction?: { verdict: string; convexMessage?: string };
  deployments: DeploymentRowView[];
  /** The learner's public queries (from source), for the second click. */
  queries: string[];
  labels: {
    title: string;
    intro: string;
    ask: string;
    asking: string;
    needToken: string;
    predicted: string;
    answered: string;
    agreement: Record<Agreement, string>;
    environment: Record<'development' | 'production', string>;
    request: string;
    response: string;
    clientGot: string;
    clientThrew: string;
    runTitle: string;
    runHint: string;
    query: string;
    args: string;
    run: string;
    running: string;
    trust: string;
  };
}

/** A deployment id as the host makes them (`d0`…). */
export const DEPLOYMENT_ID = /^d\d{1,2}$/;
/** The key of this section's slice in the panel's state (src/protocol/panelState.ts). */
export const DEPLOYMENT_SECTION = 'deployment';
