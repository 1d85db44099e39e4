import * as vscode from 'vscode';
import type { ScenarioId } from '../../handoff/types';
import { SCENARIOS } from '../../handoff/types';
import { EMPTY_PROJECT, type ProjectSnapshot } from '../../project/types';
import { toReportView, toRunView } from '../../protocol/hostViews';
import { parseWebviewMessage } from '../../protocol/parseMessage';
import {
  type HostMessage,
  type PanelSnapshot,
  type PanelView,
  type ProjectCheckView,
  type RenderedSummary,
  type ReportView,
  type RunView,
} from '../../protocol/panel';
import type { FlowStage, TokenCheck } from '../../token/types';
import { FLOW_STAGES } from '../../token/types';
import { loadCrypto } from '../../lazy';
import type { FeatureContext } from '../api';
import { ExerciseSession, setupNotes } from './exerciseSession';
import { logFailure } from '../log';
import { panelHtml, webviewRoot } from './html';
import { projectChecks } from './projectChecks';
import { panelStrings } from './strings';
import { confirmGateFetch, confirmIssuerFetch, sameOrigin, verifyTimeoutMs } from './verify';
import { OwnFunctionPart } from './ownFunction';
import { DeploymentPart } from './deployment';
import { analyseInProject } from './analyseInProject';
import { DEPLOYMENT_SECTION, type DeploymentView } from '../../protocol/deployment';
import { applyHostMessage, initialSnapshot } from '../../protocol/panelState';

import { VIEW_TYPE } from './viewType';

export { VIEW_TYPE };

/** What the panel last showed, for tests. Lives in memory only; the token itself is left out. */
export interface PanelRender {
  view: PanelView;
  report?: Omit<ReportView, 'token'> & { tokenLength: number };
  project?: ProjectCheckView[];
  verified?: TokenCheck[];
  runs?: RunView[];
  /** The "Ask my deployment" section as last sent (no token in it). */
  deployment?: DeploymentView;
  notices: string[];
  /** What the webview reported having drawn (its own acknowledgement). */
  rendered?: RenderedSummary;
}

/**
 * The token-flow panel: one at a time, restored after a reload without its token. The host keeps the decoded
 * token in memory only while the panel lives, for "Verify Signature"; it never goes to state or logs.
 */
export class TokenFlowPanel implements vscode.Disposable {
  static current: TokenFlowPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  /** Everything the page shows, kept by the host and sent whole when the page (re)loads. */
  private snapshotState: PanelSnapshot;
  private token: string | undefined;
  private issuer: string | undefined;
  private report: ReportView | undefined;
  private exercise: ExerciseSession;
  /** The exercise's second half: the learner's own function (src/features/tokenPanel/ownFunction.ts). */
  readonly own: OwnFunctionPart;
  /** "Ask my deployment" (src/features/tokenPanel/deployment.ts). */
  readonly deployment: DeploymentPart;
  private render: PanelRender;
  private readonly renderWaiters: ((r: RenderedSummary) => void)[] = [];

  static createOrShow(ctx: FeatureContext, view?: PanelView): TokenFlowPanel {
    const existing = TokenFlowPanel.current;
    if (existing) {
      existing.panel.reveal(undefined, false);
      if (view) existing.showView(view);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Token Flow'), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(ctx.extension.extensionUri)],
    });
    return new TokenFlowPanel(ctx, panel, view ?? 'token');
  }

  /** The serializer's path: the panel comes back with its layout (the tab) and no token. */
  static revive(ctx: FeatureContext, panel: vscode.WebviewPanel, view: PanelView): TokenFlowPanel {
    TokenFlowPanel.current?.dispose();
    panel.webview.options = { enableScripts: true, localResourceRoots: [webviewRoot(ctx.extension.extensionUri)] };
    return new TokenFlowPanel(ctx, panel, view);
  }

  private constructor(
    private readonly ctx: FeatureContext,
    readonly panel: vscode.WebviewPanel,
    private view: PanelView,
  ) {
    TokenFlowPanel.current = this;
    this.render = { view, notices: [] };
    const { animate, trusted } = this.settings();
    this.snapshotState = initialSnapshot(view, animate, trusted);
    this.exercise = new ExerciseSession(ctx, () => this.snapshot());
    this.own = new OwnFunctionPart(
      ctx,
      (m) => this.post(m),
      async () => (await this.exercise.ensure()).model,
      () => this.snapshot(),
    );
    // Its slice of the panel state: kept in the whole state sent on `ready` like every other part.
    this.deployment = new DeploymentPart(
      ctx,
      (view) => {
        this.render.deployment = view;
        this.post({ type: 'section', key: DEPLOYMENT_SECTION, state: view });
      },
      () => this.snapshot(),
    );
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'icon-mono.svg');
    panel.webview.html = panelHtml(
      panel.webview,
      ctx.extension.extensionUri,
      vscode.l10n.t('Token Flow'),
      this.initMessage(),
    );
    this.disposables.push(
      this.own,
      this.deployment,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('clerkConvex.tokenPanel.animation')) this.postSettings();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.postSettings();
        this.refreshOwnInBackground();
        this.refreshDeploymentInBackground();
      }),
      ctx.project.onDidChange(() => {
        this.postProjectInBackground();
        this.refreshOwnInBackground();
        this.refreshDeploymentInBackground();
      }),
      // A hidden webview is gone (no retainContextWhenHidden): what is posted meanwhile waits for its next `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** The exercise issuer's `iss` and loopback address, when the exercise has started. */
  async exerciseUrls(): Promise<{ issuerUrl: string; serverUrl?: string } | undefined> {
    const model = this.exercise.current();
    if (!model) return undefined;
    try {
      const m = await model;
      return { issuerUrl: m.issuerUrl, ...(m.serverUrl ? { serverUrl: m.serverUrl } : {}) };
    } catch (err) {
      logFailure(this.ctx.log, 'exercise: read the issuer addresses', err);
      return undefined;
    }
  }

  lastRender(): PanelRender {
    return structuredClone(this.render);
  }

  /** Resolves with the webview's next acknowledgement of something drawn. */
  nextRender(): Promise<RenderedSummary> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  showView(view: PanelView): void {
    this.view = view;
    this.render.view = view;
    this.post({ type: 'showView', view });
  }

  async decode(text: string): Promise<void> {
    const { report, providers, staleSession } = await analyseInProject(this.ctx, text, await this.snapshot());
    const decoded = Boolean(report.header && report.claims);
    this.deployment.setToken(decoded ? { token: report.input.token, report, providers, staleSession } : undefined);
    this.token = decoded ? report.input.token : undefined;
    const iss = report.claims?.find((c) => c.name === 'iss')?.value;
    this.issuer = typeof iss === 'string' ? iss : undefined;
    this.report = toReportView(report);
    const { token, ...shown } = this.report;
    this.render = { ...this.render, view: 'token', report: { ...shown, tokenLength: token.length }, notices: [] };
    delete this.render.verified;
    this.view = 'token';
    this.post({ type: 'report', report: this.report });
    if (decoded) this.ctx.events.fire({ kind: 'tokenDecoded' });
  }

  /**
   * A valid token for the exercise's first sample user, minted by the exercise's own issuer on this machine: what
   * the decode step shows a learner whose app does not run yet.
   */
  async exerciseToken(): Promise<string> {
    const { model } = await this.exercise.ensure();
    return model.mintValid(model.users[0].id);
  }

  clear(): void {
    this.token = undefined;
    this.issuer = undefined;
    this.report = undefined;
    delete this.render.report;
    delete this.render.verified;
    this.deployment.setToken(undefined);
    this.post({ type: 'cleared' });
  }

  /** "Verify Signature": only on request, only in a trusted workspace, asking first for a non-https or local issuer. */
  async verify(): Promise<void> {
    const token = this.token;
    if (!token) return;
    if (!vscode.workspace.isTrusted) {
      this.notice(
        'info',
        vscode.l10n.t(
          'Signature verification needs a trusted workspace: it fetches the issuer’s keys from the network.',
        ),
      );
      return;
    }
    const { verifySignature, describeIssuerHost } = await loadCrypto();
    let issApproved = false;
    // No host for an iss that is not an http(s) URL: verifySignature reports it without fetching anything.
    const iss = this.issuer;
    const host = iss === undefined ? undefined : describeIssuerHost(iss);
    if (iss !== undefined && host && (!host.https || host.loopbackOrPrivate)) {
      if (!(await confirmIssuerFetch(iss, host))) {
        this.notice('info', vscode.l10n.t('Verification cancelled: nothing was fetched.'));
        return;
      }
      issApproved = true;
    }
    this.post({ type: 'verifying' });
    // Every later URL (jwks_uri, a name resolving to a private address) passes the same gate and asks here.
    const checks = await verifySignature(token, {
      timeoutMs: verifyTimeoutMs(),
      ask: (req) =>
        issApproved && req.address === undefined && sameOrigin(req.url, iss)
          ? Promise.resolve(true)
          : confirmGateFetch(req),
    });
    if (this.token !== token) return; // a newer token replaced this one while we waited
    const failedStage = firstFailedStage(checks);
    this.render.verified = checks;
    this.post({ type: 'verified', checks, ...(failedStage ? { failedStage } : {}) });
    this.deployment.setVerified(checks);
  }

  async runScenarios(scenarios: readonly ScenarioId[]): Promise<RunView[]> {
    this.showView('exercise');
    const first = scenarios[0];
    if (first) this.post({ type: 'exerciseRunning', scenario: first });
    try {
      const { model, created } = await this.exercise.ensure();
      if (created) this.post({ type: 'exerciseSetup', notes: setupNotes(model, await this.snapshot()) });
      const runs = (await this.exercise.run(scenarios)).map(toRunView);
      this.render.runs = runs;
      this.post({ type: 'exerciseRuns', runs });
      return runs;
    } catch (err) {
      logFailure(this.ctx.log, `exercise: run ${scenarios.join(', ')}`, err);
      this.post({ type: 'exerciseRuns', runs: [] });
      this.notice(
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
  async runOwnIfReady(): Promise<void> {
    await this.own.refresh();
    const state = this.own.current().state;
    if (state === 'ready' || state === 'ran' || state === 'not-run') await this.own.run();
  }

  dispose(): void {
    this.disposed = true;
    if (TokenFlowPanel.current === this) TokenFlowPanel.current = undefined;
    this.token = undefined;
    this.exercise.close().catch((err: unknown) => logFailure(this.ctx.log, 'exercise: stop the issuer', err));
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** Stops the exercise's issuer (tests and panel close). */
  closeExercise(): Promise<void> {
    return this.exercise.close();
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // unknown or malformed: dropped without acting on any of it
    switch (message.type) {
      case 'ready':
        this.onReady();
        return;
      case 'decode':
        void this.decode(message.text).catch((err: unknown) => this.fail(err));
        return;
      case 'clear':
        this.clear();
        return;
      case 'verify':
        void this.verify().catch((err: unknown) => this.fail(err));
        return;
      case 'runScenario':
        // runScenarios reports its own failure in the panel and the log; the rejection is only for callers.
        this.runScenarios([message.scenario]).catch(() => undefined);
        return;
      case 'runExercise':
        this.runExercise().catch((err: unknown) => logFailure(this.ctx.log, 'exercise: Run it', err));
        return;
      case 'runOwnFunction':
      case 'cancelOwnFunction':
      case 'trustWorkspace':
      case 'ownFunctionCommand':
        this.own.handle(message);
        return;
      case 'askDeployment':
      case 'runOnDeployment':
        this.deployment.handle(message);
        return;
      case 'rendered':
        // The own-function section acknowledges on its own; the waiters are for the panel's main draws.
        if (message.summary.what === 'ownFunction') {
          this.own.acknowledged(message.summary.rows);
          return;
        }
        if (message.summary.what === 'deployment') {
          this.deployment.acknowledged(message.summary.rows);
          return;
        }
        this.render.rendered = message.summary;
        for (const resolve of this.renderWaiters.splice(0)) resolve(message.summary);
        return;
    }
  }

  /** The webview (re)loaded: strings and settings, then the whole state (nothing is replayed message by message). */
  private onReady(): void {
    this.ready = true;
    // The page drew from the copy inlined in its HTML; this one brings it up to date (tab, settings changed since).
    this.postNow(this.initMessage());
    this.postNow({ type: 'state', state: structuredClone(this.snapshotState) });
    this.postProjectInBackground();
    this.refreshOwnInBackground();
    this.refreshDeploymentInBackground();
  }

  private postProjectInBackground(): void {
    this.postProject().catch((err: unknown) => logFailure(this.ctx.log, 'token panel: project checks', err));
  }

  private refreshOwnInBackground(): void {
    this.own.refresh().catch((err: unknown) => logFailure(this.ctx.log, 'exercise: list your own functions', err));
  }

  private refreshDeploymentInBackground(): void {
    this.deployment.refresh().catch((err: unknown) => logFailure(this.ctx.log, 'ask my deployment: refresh', err));
  }

  private async postProject(): Promise<void> {
    const checks = projectChecks(await this.snapshot());
    this.render.project = checks;
    this.post({ type: 'project', checks });
  }

  private async snapshot(): Promise<ProjectSnapshot> {
    try {
      return await this.ctx.project.getSnapshot();
    } catch (err) {
      logFailure(this.ctx.log, 'token panel: read the project', err);
      return EMPTY_PROJECT;
    }
  }

  private initMessage(): Extract<HostMessage, { type: 'init' }> {
    const { animate, trusted } = this.settings();
    return { type: 'init', strings: panelStrings(), view: this.view, animate, trusted, scenarios: [...SCENARIOS] };
  }

  private settings(): { animate: boolean; trusted: boolean } {
    const animation = vscode.workspace.getConfiguration('clerkConvex.tokenPanel').get<string>('animation', 'auto');
    return { animate: animation !== 'off', trusted: vscode.workspace.isTrusted };
  }

  private postSettings(): void {
    this.post({ type: 'settings', ...this.settings() });
  }

  private notice(level: 'info' | 'error', text: string): void {
    this.render.notices.push(text);
    this.post({ type: 'notice', level, text });
    if (level === 'error') void vscode.window.showErrorMessage(text);
    else void vscode.window.showInformationMessage(text);
  }

  private fail(err: unknown): void {
    logFailure(this.ctx.log, 'token panel', err);
    this.notice(
      'error',
      vscode.l10n.t('Something went wrong in the token panel: {0}', err instanceof Error ? err.message : String(err)),
    );
  }

  /** Every change goes into the host's state; the page gets it now if it is there, else whole on its next `ready`. */
  private post(message: HostMessage): void {
    if (this.disposed) return;
    this.snapshotState = applyHostMessage(this.snapshotState, message);
    if (this.ready) this.postNow(message);
  }

  private postNow(message: HostMessage): void {
    // Work that finishes after the tab was closed (a project re-read, the function list) has nowhere to go.
    if (this.disposed) return;
    void this.panel.webview.postMessage(message);
  }
}

function firstFailedStage(checks: readonly TokenCheck[]): FlowStage | undefined {
  return FLOW_STAGES.find((stage) => checks.some((c) => c.stage === stage && c.status === 'fail'));
}
