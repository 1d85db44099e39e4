import * as vscode from 'vscode';
// Only the small parts load with the panel; the client, the gate and the reading of answers come with the first
// click, from dist/deployment.js.
import type { DeploymentCandidate } from '../../deployment/candidates';
import { loadDeployment, panelCore } from '../../lazy';
import type { ProjectSnapshot } from '../../project/types';
import type { DeploymentAnswerView, DeploymentRowView, DeploymentView } from '../../protocol/deployment';
import type { WebviewMessage } from '../../protocol/panel';
import type { DeploymentGateReason } from '../../token/addressGate';
import type { ResolvedProvider, TokenCheck, TokenReport } from '../../token/types';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';
import { exchangeView, tokenFacts } from './deploymentExchangeView';
import { labels, noteText, predictionText, sourceText, verdictText } from './deploymentText';
import { readFolder } from './readConvexFolder';
import { confirmDeploymentSend, verifyTimeoutMs } from './verify';

type DeploymentMessage = Extract<WebviewMessage, { type: 'askDeployment' | 'runOnDeployment' }>;
export type ConfirmSend = (
  url: string,
  host: string,
  source: string,
  reasons: readonly DeploymentGateReason[],
) => Promise<boolean>;

/** What the panel knows about the decoded token, for the prediction beside each answer. Memory only. */
export interface DecodedToken {
  token: string;
  report: TokenReport;
  providers: ResolvedProvider[] | undefined;
  staleSession: boolean;
}

type RunResult = Omit<NonNullable<DeploymentRowView['run']>, 'path' | 'running'>;

/**
 * "Ask my deployment" inside the token tab: lists the deployments the project's env files name, and on an explicit
 * click sends the decoded token to one of them (only in a trusted workspace, only through the address gate, asking
 * first for a host that is not Convex Cloud's). Its state is sent whole to the page on every change.
 */
export class DeploymentPart implements vscode.Disposable {
  private candidates: DeploymentCandidate[] = [];
  /** Rows, answers and what is under way, whatever order events come in (src/deployment/sectionModel.ts). */
  private readonly model = new (panelCore().DeploymentSectionModel)<DeploymentAnswerView, RunResult>();
  private queries: string[] = [];
  private decoded: DecodedToken | undefined;
  private verified: TokenCheck[] | undefined;
  /** Base URLs the learner agreed to send to, for as long as the panel lives. */
  private readonly approved = new Set<string>();
  private disposed = false;
  private readonly drawWaiters: ((rows: number) => void)[] = [];

  constructor(
    private readonly ctx: FeatureContext,
    private readonly post: (view: DeploymentView) => void,
    private readonly snapshot: () => Promise<ProjectSnapshot>,
    private readonly confirm: ConfirmSend = confirmDeploymentSend,
  ) {}

  dispose(): void {
    this.disposed = true;
    this.decoded = undefined;
  }

  /** A newly decoded token (or none): answers about the previous one no longer apply. */
  setToken(decoded: DecodedToken | undefined): void {
    this.decoded = decoded;
    this.verified = undefined;
    this.model.setToken(decoded !== undefined);
    this.publish();
  }

  setVerified(checks: TokenCheck[]): void {
    this.verified = checks;
    this.publish();
  }

  /** Re-reads the deployments (env files changed, trust granted) and the learner's public queries. */
  async refresh(): Promise<void> {
    const snapshot = await this.snapshot();
    this.candidates = panelCore().deploymentCandidates(snapshot);
    this.model.setDeployments(this.candidates);
    this.queries = await this.publicQueries(snapshot).catch((err: unknown) => {
      logFailure(this.ctx.log, 'ask my deployment: list your queries', err);
      return [];
    });
    this.publish();
  }

  handle(message: DeploymentMessage): void {
    const work =
      message.type === 'askDeployment' ? this.ask(message.id) : this.runQuery(message.id, message.path, message.args);
    work.catch((err: unknown) => {
      logFailure(this.ctx.log, 'ask my deployment', err);
      this.publish();
    });
  }

  current(): DeploymentView {
    const trusted = vscode.workspace.isTrusted;
    const base: DeploymentView = {
      state: 'ready',
      deployments: [],
      queries: [...this.queries],
      labels: labels(),
    };
    if (!trusted)
      return {
        ...base,
        state: 'untrusted',
        message: vscode.l10n.t(
          'Asking your deployment sends your token to a URL taken from this workspace’s files, so it needs a trusted workspace. Nothing is offered or contacted in Restricted Mode.',
        ),
      };
    if ((process.platform as string) === 'web')
      return {
        ...base,
        state: 'unavailable',
        message: vscode.l10n.t('Asking your deployment needs the desktop app or a remote extension host.'),
      };
    if (this.candidates.length === 0)
      return {
        ...base,
        state: 'none',
        message: vscode.l10n.t(
          'No deployment URL in your env files (NEXT_PUBLIC_CONVEX_URL, VITE_CONVEX_URL, EXPO_PUBLIC_CONVEX_URL, CONVEX_URL or CONVEX_DEPLOYMENT). npx convex dev writes them to .env.local.',
        ),
      };
    const decoded = this.decoded;
    const prediction = decoded
      ? predictionText(panelCore().predictionOf(decoded.report.checks, decoded.report.convexError, this.verified))
      : undefined;
    return {
      ...base,
      ...(prediction ? { prediction } : {}),
      deployments: this.candidates.map((c) => this.rowView(c)),
    };
  }

  publish(): void {
    if (this.disposed) return;
    this.post(this.current());
  }

  /** The page drew the section (tests wait on it). */
  acknowledged(rows: number): void {
    for (const w of this.drawWaiters.splice(0)) w(rows);
  }

  nextDraw(): Promise<number> {
    return new Promise((resolve) => this.drawWaiters.push(resolve));
  }

  private rowView(c: DeploymentCandidate): DeploymentRowView {
    const row = this.model.rowsNow().find((r) => r.id === c.id);
    return {
      id: c.id,
      url: c.url,
      source: sourceText(c),
      environment: c.environment,
      ...(c.clerk
        ? {
            clerk: vscode.l10n.t(
              'Clerk instance: {0} ({1} key {2} in {3})',
              c.clerk.host,
              c.clerk.instance === 'live' ? vscode.l10n.t('production') : vscode.l10n.t('development'),
              c.clerk.keyName,
              c.clerk.file,
            ),
          }
        : {}),
      notes: c.notes.map(noteText),
      asking: row?.asking ?? false,
      ...(row?.answer ? { answer: row.answer } : {}),
      ...(row?.run ? { run: { path: row.run.path, running: row.run.running, ...row.run.value } } : {}),
    };
  }

  /** The gate, then the question for a host that is not Convex Cloud's. Undefined: nothing may be sent. */
  private async admitted(c: DeploymentCandidate): Promise<{ base: string; approved: boolean } | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const gate = (await loadDeployment()).deploymentUrlCheck(c.url);
    if (!gate.ok) return undefined;
    if (gate.reasons.length === 0) return { base: gate.base, approved: false };
    if (!this.approved.has(gate.base)) {
      if (!(await this.confirm(gate.base, gate.host, sourceText(c), gate.reasons))) return undefined;
      this.approved.add(gate.base);
    }
    return { base: gate.base, approved: true };
  }

  private async ask(id: string): Promise<void> {
    const decoded = this.decoded;
    const c = this.candidates.find((x) => x.id === id);
    if (!decoded || !c || !vscode.workspace.isTrusted) return;
    const admitted = await this.admitted(c);
    if (!admitted) {
      this.notSent(c);
      return;
    }
    const ticket = this.model.beginAsk(id);
    if (!ticket) return;
    this.publish();
    let answered: DeploymentAnswerView | undefined;
    try {
      answered = await this.askOnce(c, decoded, admitted);
    } finally {
      // Applied only if it is still about the current token and this deployment's URL.
      this.model.finishAsk(ticket, answered);
      this.publish();
    }
  }

  private async askOnce(
    c: DeploymentCandidate,
    decoded: DecodedToken,
    admitted: { base: string; approved: boolean },
  ): Promise<DeploymentAnswerView> {
    const { callDeployment, PROBE_PATH, interpretExchange, compare, tokenVerdict } = await loadDeployment();
    const askedAtMs = Date.now();
    const exchange = await callDeployment(
      admitted.base,
      decoded.token,
      PROBE_PATH,
      {},
      {
        timeoutMs: verifyTimeoutMs(),
        approved: admitted.approved,
      },
    );
    const answer = interpretExchange(exchange);
    const comparison = compare({
      prediction: panelCore().predictionOf(decoded.report.checks, decoded.report.convexError, this.verified),
      answer,
      token: tokenFacts(decoded.report, decoded.staleSession),
      providers: decoded.providers,
      candidate: c,
      askedAtMs,
    });
    const exchangeShown = exchangeView(exchange, decoded.token);
    return {
      agreement: comparison.agreement,
      ...verdictText(answer, tokenVerdict(answer)),
      lines: comparison.lines,
      ...(exchangeShown ? { exchange: exchangeShown } : {}),
      askedAt: new Date(askedAtMs).toISOString(),
    };
  }

  private async runQuery(id: string, path: string, argsText: string): Promise<void> {
    const decoded = this.decoded;
    const c = this.candidates.find((x) => x.id === id);
    if (!decoded || !c || !vscode.workspace.isTrusted) return;
    const args = parseArgs(argsText);
    const admitted = args ? await this.admitted(c) : undefined;
    if (args && !admitted) {
      this.notSent(c);
      return;
    }
    const ticket = this.model.beginRun(id, path);
    if (!ticket) return;
    this.publish();
    let result: RunResult | undefined;
    try {
      result =
        args && admitted
          ? await this.runOnce(c, decoded, admitted, path, args)
          : {
              outcome: 'no-verdict',
              line: vscode.l10n.t(
                'The arguments must be a JSON object, for example {"channel": "general"}; nothing was sent.',
              ),
            };
    } finally {
      this.model.finishRun(ticket, path, result);
      this.publish();
    }
  }

  private async runOnce(
    c: DeploymentCandidate,
    decoded: DecodedToken,
    admitted: { base: string; approved: boolean },
    path: string,
    args: Record<string, unknown>,
  ): Promise<RunResult> {
    const { callDeployment, interpretExchange, runOutcome } = await loadDeployment();
    const exchange = await callDeployment(admitted.base, decoded.token, path, args, {
      timeoutMs: verifyTimeoutMs(),
      approved: admitted.approved,
    });
    const { outcome, line } = runOutcome(interpretExchange(exchange), path, c);
    const shown = exchangeView(exchange, decoded.token);
    return { outcome, line, ...(shown ? { exchange: shown } : {}) };
  }

  private notSent(c: DeploymentCandidate): void {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing was sent to {0}.', c.url));
    this.publish();
  }

  private async publicQueries(snapshot: ProjectSnapshot): Promise<string[]> {
    const layout = snapshot.convexLayout;
    if (!layout || !snapshot.folderUri) return [];
    const dir = vscode.Uri.joinPath(
      vscode.Uri.parse(snapshot.folderUri),
      ...layout.functionsDir.split('/').filter(Boolean),
    );
    const folder = await readFolder(dir);
    return folder.functions.filter((f) => f.visibility === 'public' && f.kind === 'query').map((f) => f.path);
  }
}

function parseArgs(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
