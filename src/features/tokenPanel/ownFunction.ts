import * as vscode from 'vscode';
import type { ConvexFolderInfo } from '../../analysis/convexFunctions';
import { isLoadedModule } from '../../project/sourceFiles';
import type { OwnRunResult } from '../../exercise/run/ownFunctionRun';
import type { OwnEvent, OwnState } from '../../exercise/run/ownRunState';
import type { HandoffModel } from '../../exercise/types';
import type { ProjectSnapshot } from '../../project/types';
import type { HostMessage, OwnFunctionView, WebviewMessage } from '../../protocol/panel';
import { loadOwnFunction, panelCore } from '../../lazy';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';
import { runAvailability } from './ownFunctionAvailability';
import { labels } from './ownFunctionLabels';
import { envForCode, toResultView, type ResultView } from './ownFunctionView';
import { readFolder } from './readConvexFolder';

/** Per call: long enough for a cold child to build a project, short enough that a loop is caught quickly. */
export const DEFAULT_LIMITS = { timeoutMs: 10_000, maxMemoryMb: 256 };

export interface OwnRunRequest {
  pick?: string;
  /** The learner's own arguments (JSON text, placeholders allowed). */
  args?: string;
  /** Another project on disk than the workspace's (tests). */
  project?: { dir: string; functionsDir: string };
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

interface Located {
  dir: vscode.Uri;
  functionsDir: vscode.Uri;
}

type OwnMessage = Extract<
  WebviewMessage,
  { type: 'runOwnFunction' | 'cancelOwnFunction' | 'trustWorkspace' | 'ownFunctionCommand' }
>;

/**
 * The exercise's second half inside the token-flow panel: lists the workspace's Convex functions (from source,
 * also in Restricted Mode) and runs the chosen one in the runner's child process, only in a trusted workspace.
 * `run` is the one entry every way of running goes through (the button, "Run it", the command, tests); it always
 * ends in a final state, whatever throws (ownRunState.ts).
 */
export class OwnFunctionPart implements vscode.Disposable {
  private state: OwnState<ResultView> = panelCore().initialOwnState();
  private functions: OwnFunctionView['functions'] = [];
  private selected: string | undefined;
  private args: OwnFunctionView['args'];
  private folder: ConvexFolderInfo | undefined;
  private last: OwnRunResult | undefined;
  private nextRunId = 1;
  private running: { id: number; done: Promise<OwnFunctionView>; cancel(): void } | undefined;
  private readonly saved: vscode.Disposable;
  private cwd: vscode.Uri | undefined;
  private disposed = false;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly post: (m: HostMessage) => void,
    private readonly model: () => Promise<HandoffModel>,
    private readonly snapshot: () => Promise<ProjectSnapshot>,
  ) {
    // The list follows the learner's edits: a saved source file may add, rename or remove a function (cheap: one
    // folder read, and only while the panel is open).
    this.saved = vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.scheme === 'file' && isLoadedModule(doc.uri.path.split('/').pop() ?? ''))
        this.refresh().catch((err: unknown) => logFailure(this.ctx.log, 'exercise: list your own functions', err));
    });
  }

  dispose(): void {
    this.disposed = true;
    this.running?.cancel();
    this.saved.dispose();
  }

  current(): OwnFunctionView {
    const s = this.state;
    return structuredClone({
      state: s.phase,
      ...(s.message !== undefined ? { message: s.message } : {}),
      functions: this.functions,
      ...(this.selected ? { selected: this.selected } : {}),
      ...(this.args ? { args: this.args } : {}),
      ...(s.phase === 'ran' && s.result ? { result: s.result } : {}),
      labels: labels(),
    });
  }

  /** The webview drew the section with this many calls (tests wait on it). */
  acknowledged(rows: number): void {
    this.drawnRows = rows;
    for (const w of this.drawWaiters.splice(0)) w(rows);
  }

  /** Resolves when the webview next draws the section. */
  nextDraw(): Promise<number> {
    return new Promise((resolve) => this.drawWaiters.push(resolve));
  }

  drawnRows: number | undefined;
  private readonly drawWaiters: ((rows: number) => void)[] = [];

  private apply(e: OwnEvent<ResultView>): void {
    this.state = panelCore().reduceOwn(this.state, e);
    this.publish();
  }

  async refresh(): Promise<void> {
    const located = await this.locate();
    const folder = located ? await readFolder(located.functionsDir) : undefined;
    this.setFolder(folder);
    const availability = runAvailability(
      located,
      this.functions.length,
      (await this.snapshot()).packages.convexInstalled,
    );
    this.apply({ type: 'availability', ...(availability ? { blocked: availability } : {}) });
  }

  private setFolder(folder: ConvexFolderInfo | undefined): void {
    this.folder = folder;
    const listed = folder?.functions ?? [];
    this.functions = listed
      .filter((f) => f.visibility === 'public' && f.kind !== 'httpAction')
      .map((f) => ({ path: f.path, label: `${f.path} (${f.kind}${f.via ? `, ${f.via}` : ''})` }));
    if (!this.selected || !this.functions.some((f) => f.path === this.selected))
      this.selected = panelCore().defaultFunction(listed)?.path;
    this.prefillArgs();
  }

  /** The attacker's first argument set for the selected function, from its validator as the source writes it. */
  private prefillArgs(): void {
    const path = this.selected;
    if (!path) {
      this.args = undefined;
      return;
    }
    if (this.args?.path === path && this.args.edited) return;
    const fromRun =
      this.last?.status === 'ran' && this.last.fn.path === path ? this.last.argSets[0]?.template : undefined;
    const fn = this.folder?.functions.find((f) => f.path === path);
    const template = fromRun ?? (fn?.args ? panelCore().attackTemplates(fn.args)[0]?.args : undefined);
    this.args = { path, text: template ? JSON.stringify(template, null, 2) : '{}', edited: false };
  }

  handle(message: OwnMessage): void {
    switch (message.type) {
      case 'runOwnFunction':
        this.inBackground(
          this.run({ pick: message.path, ...(message.args !== undefined ? { args: message.args } : {}) }),
        );
        return;
      case 'cancelOwnFunction':
        this.running?.cancel();
        return;
      case 'trustWorkspace':
        this.inBackground(vscode.commands.executeCommand('workbench.trust.manage'));
        return;
      case 'ownFunctionCommand': {
        const command =
          this.last?.status === 'ran'
            ? this.last.commands.find((c) => c.caller === message.caller)?.command
            : undefined;
        if (!command) return;
        if (message.action === 'copy') {
          this.inBackground(vscode.env.clipboard.writeText(command));
          return;
        }
        // Typed, not run: the learner presses Enter against their own deployment.
        const terminal = vscode.window.createTerminal({
          name: vscode.l10n.t('Convex: run as {0}', message.caller),
          ...(this.cwd ? { cwd: this.cwd } : {}),
        });
        terminal.show();
        terminal.sendText(command, false);
        return;
      }
    }
  }

  private inBackground(work: PromiseLike<unknown>): void {
    Promise.resolve(work).catch((err: unknown) => logFailure(this.ctx.log, 'exercise: your own function', err));
  }

  /** Runs the function as the attacker and the owner; resolves with what the panel shows. One run at a time. */
  run(request: OwnRunRequest = {}): Promise<OwnFunctionView> {
    if (this.running) return this.running.done;
    const id = this.nextRunId++;
    let cancelled = false;
    let cancelRunner: (() => void) | undefined;
    const cancel = () => {
      cancelled = true;
      cancelRunner?.();
      this.apply({ type: 'cancel', runId: id, message: vscode.l10n.t('Cancelled: the runner was stopped.') });
    };
    const done = (async (): Promise<OwnFunctionView> => {
      try {
        await this.runOnce(id, request, (stop) => {
          cancelRunner = stop;
          if (cancelled) stop();
        });
      } catch (err) {
        logFailure(this.ctx.log, 'exercise: run your own function', err);
        this.apply({
          type: 'fail',
          runId: id,
          message: vscode.l10n.t(
            'Your function could not be run: {0}',
            err instanceof Error ? err.message : String(err),
          ),
        });
      } finally {
        // Whatever happened above, this run is over: it cannot stay "running".
        this.apply({ type: 'fail', runId: id, message: vscode.l10n.t('The run ended without a result.') });
        if (this.running?.id === id) this.running = undefined;
      }
      return this.current();
    })();
    this.running = { id, done, cancel };
    return done;
  }

  private async runOnce(id: number, request: OwnRunRequest, onRunner: (stop: () => void) => void): Promise<void> {
    const located = request.project
      ? { dir: vscode.Uri.file(request.project.dir), functionsDir: vscode.Uri.file(request.project.functionsDir) }
      : await this.locate();
    const folder = located ? await readFolder(located.functionsDir) : undefined;
    this.setFolder(folder);
    const snapshot = await this.snapshot();
    const availability = runAvailability(
      located,
      this.functions.length,
      request.project ? 'not checked' : snapshot.packages.convexInstalled,
    );
    this.apply({ type: 'availability', ...(availability ? { blocked: availability } : {}) });
    if (availability || !located || !panelCore().canStart(this.state)) return;
    const pick = request.pick ?? this.selected ?? panelCore().defaultFunction(folder?.functions ?? [])?.path;
    if (pick) this.selected = pick;
    if (request.args !== undefined && pick) this.args = { path: pick, text: request.args, edited: true };
    else this.prefillArgs();
    this.apply({
      type: 'start',
      runId: id,
      message: vscode.l10n.t('Running {0} as anonymous, B and A…', pick ?? ''),
    });
    const [own, model] = await Promise.all([loadOwnFunction(), this.model()]);
    const limits = { ...DEFAULT_LIMITS, ...request.limits };
    const { env, missing } = envForCode(folder, snapshot);
    const runner = new own.FunctionRunner({
      entry: vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'dist', 'ownFunctionRunner.js').fsPath,
      timeoutMs: limits.timeoutMs,
      maxMemoryMb: limits.maxMemoryMb,
      env,
    });
    onRunner(() => runner.close());
    let result: OwnRunResult;
    try {
      result = await own.runOwnFunction({
        model,
        runner,
        client: own.convexHttpClient,
        listed: folder?.functions ?? [],
        tables: folder?.tables ?? [],
        projectDir: located.dir.fsPath,
        functionsDir: located.functionsDir.fsPath,
        missingEnv: missing,
        ...(pick ? { pick } : {}),
        ...(this.args?.edited && this.args.path === pick ? { args: this.args.text } : {}),
      });
    } finally {
      runner.close();
    }
    if (this.disposed || this.state.runId !== id || this.state.phase !== 'running') return; // cancelled meanwhile
    this.last = result;
    this.cwd = located.dir;
    if (result.status === 'not-run') {
      this.apply({ type: 'notRun', runId: id, message: result.message });
    } else {
      this.selected = result.fn.path;
      this.apply({ type: 'finish', runId: id, result: toResultView(result) });
    }
    this.ctx.events.fire({ kind: 'ownFunctionRun', passed: result.status === 'ran' && result.passed });
  }

  private async locate(): Promise<Located | undefined> {
    const snapshot = await this.snapshot();
    const layout = snapshot.convexLayout;
    if (!layout || !snapshot.folderUri) return undefined;
    const folder = vscode.Uri.parse(snapshot.folderUri);
    if (folder.scheme !== 'file') return undefined;
    const functionsDir = vscode.Uri.joinPath(folder, ...layout.functionsDir.split('/').filter(Boolean));
    try {
      await vscode.workspace.fs.stat(functionsDir);
    } catch {
      return undefined;
    }
    return { dir: vscode.Uri.joinPath(folder, ...layout.projectRoot.split('/').filter(Boolean)), functionsDir };
  }

  private publish(): void {
    if (this.disposed) return;
    this.post({ type: 'ownFunction', view: this.current() });
  }
}
