import * as vscode from 'vscode';
import { EMPTY_PROJECT, type ProjectSnapshot } from '../../project/types';
import { type HostMessage, type PanelView, type RenderedSummary, type ReportView } from '../../protocol/panel';
import { loadCrypto, panelCore } from '../../lazy';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';
import { panelHtml, webviewRoot } from './html';
import { projectChecks } from './projectChecks';
import { confirmGateFetch, confirmIssuerFetch, sameOrigin, verifyTimeoutMs } from './verify';
import { OwnFunctionPart } from './ownFunction';
import { DeploymentPart } from './deployment';
import { analyseInProject } from './analyseInProject';
import { DEPLOYMENT_SECTION } from '../../protocol/deployment';
import { initMessage, PanelChannel, panelSettings } from './panelChannel';
import { PanelExercise } from './panelExercise';
import { RenderRecord, type PanelRender } from './panelRender';
import { routeWebviewMessage } from './panelRouting';
import { VIEW_TYPE } from './viewType';
import { WorkTracker } from '../../workspace/workTracker';

/**
 * The token-flow panel: one at a time, restored after a reload without its token. The host keeps the decoded
 * token in memory only while the panel lives, for "Verify Signature"; it never goes to state or logs.
 */
export class TokenFlowPanel implements vscode.Disposable {
  static current: TokenFlowPanel | undefined;
  /** Every panel's background re-reads, counted so tests can wait for them to end (even after a panel closed). */
  private static work: WorkTracker | undefined;

  /** Resolves once no panel's project checks, function listing or deployment refresh is under way. */
  static settled(): Promise<void> {
    return TokenFlowPanel.work?.idle() ?? Promise.resolve();
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly channel: PanelChannel;
  private token: string | undefined;
  private issuer: string | undefined;
  private report: ReportView | undefined;
  /** The Exercise tab: the model's issuer and requests (src/features/tokenPanel/panelExercise.ts). */
  readonly exercise: PanelExercise;
  /** The exercise's second half: the learner's own function (src/features/tokenPanel/ownFunction.ts). */
  readonly own: OwnFunctionPart;
  /** "Ask my deployment" (src/features/tokenPanel/deployment.ts). */
  readonly deployment: DeploymentPart;
  private readonly record: RenderRecord;

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
    this.record = new RenderRecord(view);
    this.channel = new PanelChannel(panel.webview, view);
    this.exercise = new PanelExercise(ctx, {
      post: (m) => this.post(m),
      notice: (level, text) => this.notice(level, text),
      showView: (v) => this.showView(v),
      snapshot: () => this.snapshot(),
      ran: (runs) => {
        this.record.value.runs = runs;
      },
      own: () => this.own,
    });
    this.own = new OwnFunctionPart(
      ctx,
      (m) => this.post(m),
      () => this.exercise.model(),
      () => this.snapshot(),
    );
    // Its slice of the panel state: kept in the whole state sent on `ready` like every other part.
    this.deployment = new DeploymentPart(
      ctx,
      (view) => {
        this.record.value.deployment = view;
        this.post({ type: 'section', key: DEPLOYMENT_SECTION, state: view });
      },
      () => this.snapshot(),
    );
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'icon-mono.svg');
    panel.webview.html = panelHtml(
      panel.webview,
      ctx.extension.extensionUri,
      vscode.l10n.t('Token Flow'),
      initMessage(this.view),
    );
    this.disposables.push(
      this.own,
      this.deployment,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) =>
        routeWebviewMessage(raw, {
          log: ctx.log,
          own: this.own,
          deployment: this.deployment,
          ready: () => this.onReady(),
          decode: (text) => this.decode(text),
          clear: () => this.clear(),
          verify: () => this.verify(),
          runScenarios: (scenarios) => this.exercise.runScenarios(scenarios),
          runExercise: () => this.exercise.runExercise(),
          rendered: (summary) => this.record.acknowledged(summary),
          fail: (err) => this.fail(err),
        }),
      ),
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
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.channel.hidden();
      }),
    );
  }

  lastRender(): PanelRender {
    return this.record.copy();
  }

  /** Resolves with the webview's next acknowledgement of something drawn. */
  nextRender(): Promise<RenderedSummary> {
    return this.record.next();
  }

  showView(view: PanelView): void {
    this.view = view;
    this.record.value.view = view;
    this.post({ type: 'showView', view });
  }

  async decode(text: string): Promise<void> {
    const { report, providers, staleSession } = await analyseInProject(this.ctx, text, await this.snapshot());
    const decoded = Boolean(report.header && report.claims);
    this.deployment.setToken(decoded ? { token: report.input.token, report, providers, staleSession } : undefined);
    this.token = decoded ? report.input.token : undefined;
    const iss = report.claims?.find((c) => c.name === 'iss')?.value;
    this.issuer = typeof iss === 'string' ? iss : undefined;
    this.report = panelCore().toReportView(report);
    const { token, ...shown } = this.report;
    this.record.value = {
      ...this.record.value,
      view: 'token',
      report: { ...shown, tokenLength: token.length },
      notices: [],
    };
    delete this.record.value.verified;
    this.view = 'token';
    this.post({ type: 'report', report: this.report });
    if (decoded) this.ctx.events.fire({ kind: 'tokenDecoded' });
  }

  /** The exercise's token for its first sample user (the "Decode the Exercise's Token" command). */
  exerciseToken(): Promise<string> {
    return this.exercise.token();
  }

  clear(): void {
    this.token = undefined;
    this.issuer = undefined;
    this.report = undefined;
    delete this.record.value.report;
    delete this.record.value.verified;
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
    const failedStage = panelCore().firstFailure(checks)?.stage;
    this.record.value.verified = checks;
    this.post({ type: 'verified', checks, ...(failedStage ? { failedStage } : {}) });
    this.deployment.setVerified(checks);
  }

  dispose(): void {
    this.channel.close();
    if (TokenFlowPanel.current === this) TokenFlowPanel.current = undefined;
    this.token = undefined;
    this.exercise.close().catch((err: unknown) => logFailure(this.ctx.log, 'exercise: stop the issuer', err));
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** The webview (re)loaded: the whole state, then the parts that re-read the project. */
  private onReady(): void {
    this.channel.replay(initMessage(this.view));
    this.postProjectInBackground();
    this.refreshOwnInBackground();
    this.refreshDeploymentInBackground();
  }

  private postProjectInBackground(): void {
    this.inBackground('token panel: project checks', () => this.postProject());
  }

  private refreshOwnInBackground(): void {
    this.inBackground('exercise: list your own functions', () => this.own.refresh());
  }

  private refreshDeploymentInBackground(): void {
    this.inBackground('ask my deployment: refresh', () => this.deployment.refresh());
  }

  private inBackground(step: string, work: () => Promise<unknown>): void {
    const log = this.ctx.log;
    TokenFlowPanel.work ??= new WorkTracker((what, err) => logFailure(log, what, err));
    void TokenFlowPanel.work.track(step, async () => {
      await work();
    });
  }

  private async postProject(): Promise<void> {
    const checks = projectChecks(await this.snapshot());
    this.record.value.project = checks;
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

  private postSettings(): void {
    this.post({ type: 'settings', ...panelSettings() });
  }

  private notice(level: 'info' | 'error', text: string): void {
    this.record.value.notices.push(text);
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

  private post(message: HostMessage): void {
    this.channel.post(message);
  }
}
