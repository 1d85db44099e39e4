import * as vscode from 'vscode';
import type { ConvexFolderInfo } from '../../analysis/convexFunctions';
import { attackTemplates } from '../../handoff/run/attackArgs';
import { defaultFunction, isFunctionModule } from '../../handoff/run/listFunctions';
import type { OwnCall, OwnRunResult } from '../../handoff/run/ownFunctionRun';
import { canStart, initialOwnState, reduceOwn, type OwnEvent, type OwnState } from '../../handoff/run/ownRunState';
import type { HandoffModel } from '../../handoff/types';
import type { ProjectSnapshot } from '../../project/types';
import { toDisplayValue } from '../../protocol/displayValue';
import type { HostMessage, OwnCallView, OwnFunctionView, WebviewMessage } from '../../protocol/panel';
import { loadAnalysis, loadOwnFunction } from '../../lazy';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';

/** Per call: long enough for a cold child to build a project, short enough that a loop is caught quickly. */
export const DEFAULT_LIMITS = { timeoutMs: 10_000, maxMemoryMb: 256 };
const MAX_FILES = 300;
const MAX_FILE_BYTES = 512 * 1024;

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

type ResultView = NonNullable<OwnFunctionView['result']>;
type OwnMessage = Extract<
  WebviewMessage,
  { type: 'runOwnFunction' | 'cancelOwnFunction' | 'trustWorkspace' | 'ownFunctionCommand' }
>;

function labels(): OwnFunctionView['labels'] {
  return {
    title: vscode.l10n.t('Your own function, on your own code'),
    intro: vscode.l10n.t(
      'Calls one of your Convex functions as an attacker would: anonymously and as user B, with user A’s data in the arguments (A’s user id, A’s row ids), then as A. Rows are first written as A and as B with your own mutations. Each call goes through the real ConvexHttpClient to the stand-in, which checks the token with Convex’s rules and runs your function in memory with the identity Convex would pass.',
    ),
    pick: vscode.l10n.t('Function'),
    run: vscode.l10n.t('Run my function'),
    cancel: vscode.l10n.t('Cancel'),
    trust: vscode.l10n.t('Trust this folder…'),
    copy: vscode.l10n.t('Copy'),
    terminal: vscode.l10n.t('Type it into a new terminal'),
    args: vscode.l10n.t('Arguments (JSON)'),
    argsHint: vscode.l10n.t(
      'Prefilled from the function’s validator. $A.subject, $A.tokenIdentifier and $A.email are user A’s; $A.row:notes is the id of a notes row written as A; $A.field:userId is the userId stored in A’s rows. Edit them to try your own attack; clear the box to go back to the prefilled ones.',
    ),
    argsReset: vscode.l10n.t('Use the prefilled arguments'),
    argSet: vscode.l10n.t('Arguments {0}: {1}'),
    unknown: vscode.l10n.t('could not tell'),
    request: vscode.l10n.t('Request (as ConvexHttpClient sent it)'),
    response: vscode.l10n.t('Response (as the stand-in answered)'),
    clientGot: vscode.l10n.t('The client returned'),
    clientThrew: vscode.l10n.t('The client threw'),
    commandsTitle: vscode.l10n.t('The same call on your own deployment'),
    commandsHint: vscode.l10n.t(
      'Runs against the deployment your Convex CLI is set up for, with the identity filled in from the decoded token. The extension never contacts your deployment: run it yourself in a terminal.',
    ),
  };
}

/**
 * The exercise's second half inside the token-flow panel: lists the workspace's Convex functions (from source,
 * also in Restricted Mode) and runs the chosen one in the runner's child process, only in a trusted workspace.
 * `run` is the one entry every way of running goes through (the button, "Run it", the command, tests); it always
 * ends in a final state, whatever throws (ownRunState.ts).
 */
export class OwnFunctionPart implements vscode.Disposable {
  private state: OwnState<ResultView> = initialOwnState();
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
      if (doc.uri.scheme === 'file' && isFunctionModule(doc.uri.path.split('/').pop() ?? ''))
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
    this.state = reduceOwn(this.state, e);
    this.publish();
  }

  async refresh(): Promise<void> {
    const located = await this.locate();
    const folder = located ? await readFolder(located.functionsDir) : undefined;
    this.setFolder(folder);
    const availability = this.availability(
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
      this.selected = defaultFunction(listed)?.path;
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
    const template = fromRun ?? (fn?.args ? attackTemplates(fn.args)[0]?.args : undefined);
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
    const availability = this.availability(
      located,
      this.functions.length,
      request.project ? 'not checked' : snapshot.packages.convexInstalled,
    );
    this.apply({ type: 'availability', ...(availability ? { blocked: availability } : {}) });
    if (availability || !located || !canStart(this.state)) return;
    const pick = request.pick ?? this.selected ?? defaultFunction(folder?.functions ?? [])?.path;
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

  private availability(
    located: Located | undefined,
    count: number,
    convexInstalled: string | undefined,
  ): { phase: 'untrusted' | 'unavailable'; message: string } | undefined {
    if (!vscode.workspace.isTrusted) {
      return {
        phase: 'untrusted',
        message: vscode.l10n.t(
          'Running your function means running your project’s code (and its convex package), so it needs a trusted workspace. In Restricted Mode the list below is read from source only; nothing runs.',
        ),
      };
    }
    if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
      return {
        phase: 'unavailable',
        message: vscode.l10n.t(
          'Running your own functions needs the desktop app or a remote extension host: this editor cannot start a process.',
        ),
      };
    }
    if (!located)
      return { phase: 'unavailable', message: vscode.l10n.t('This workspace has no Convex functions folder on disk.') };
    if (count === 0)
      return {
        phase: 'unavailable',
        message: vscode.l10n.t(
          'No public query, mutation or action found in {0}.',
          vscode.workspace.asRelativePath(located.functionsDir),
        ),
      };
    if (convexInstalled === undefined) {
      return {
        phase: 'unavailable',
        message: vscode.l10n.t(
          'convex is not installed in this project (no node_modules/convex): run npm install, then npx convex dev once so convex/_generated exists. The exercise runs your functions with your own convex package.',
        ),
      };
    }
    return undefined;
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

/**
 * The variables of the project's local env files that its convex/ code reads, by name (values are passed to the
 * runner's process, never shown or logged), and the names read at import that no env file sets.
 */
function envForCode(
  folder: ConvexFolderInfo | undefined,
  snapshot: ProjectSnapshot,
): { env: Record<string, string>; missing: string[] } {
  const env: Record<string, string> = {};
  const missing = new Set<string>();
  for (const read of folder?.env ?? []) {
    const entry = snapshot.env.find((e) => e.name === read.name);
    if (entry) env[read.name] = entry.value;
    else if (read.atImport) missing.add(read.name);
  }
  return { env, missing: [...missing].sort() };
}

async function readFolder(functionsDir: vscode.Uri): Promise<ConvexFolderInfo> {
  const files: { rel: string; text: string }[] = [];
  const walk = async (dir: vscode.Uri, rel: string, depth: number): Promise<void> => {
    if (depth > 6 || files.length >= MAX_FILES) return;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return;
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      const childRel = rel ? `${rel}/${name}` : name;
      if (name.startsWith('.') || name === 'node_modules' || name === '_generated') continue;
      const uri = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) await walk(uri, childRel, depth + 1);
      else if (isFunctionModule(childRel)) {
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (bytes.byteLength <= MAX_FILE_BYTES) files.push({ rel: childRel, text: new TextDecoder().decode(bytes) });
        } catch {
          // unreadable: not listed
        }
      }
    }
  };
  await walk(functionsDir, '', 0);
  return (await loadAnalysis()).convexFolder(files);
}

function callerTitle(c: OwnCall, sets: number): string {
  const who =
    c.caller === 'anonymous'
      ? vscode.l10n.t('Anonymous (no token)')
      : c.caller === 'B'
        ? vscode.l10n.t('As user B, the attacker: {0}', c.user?.name ?? '')
        : vscode.l10n.t('As user A, the owner: {0}', c.user?.name ?? '');
  return sets > 1 ? vscode.l10n.t('{0} · arguments {1}', who, String(c.set + 1)) : who;
}

function toCallView(c: OwnCall, sets: number): OwnCallView {
  const e = c.exchange;
  return {
    caller: c.caller,
    set: c.set,
    title: callerTitle(c, sets),
    verdict: c.verdict,
    message: c.message,
    args: toDisplayValue(c.args),
    ...(e
      ? {
          request: {
            method: e.request.method,
            url: e.request.url,
            headers: Object.entries(e.request.headers),
            body: toDisplayValue(e.request.body),
          },
          response: { status: e.response.status, body: toDisplayValue(e.response.body) },
        }
      : {}),
    client: c.client.ok ? { ok: true, value: toDisplayValue(c.client.value) } : { ok: false, error: c.client.error },
  };
}

function toResultView(r: Extract<OwnRunResult, { status: 'ran' }>): ResultView {
  const failed = r.calls.filter((c) => c.verdict === 'fail').length;
  const unknown = r.calls.filter((c) => c.verdict === 'unknown').length;
  const summary =
    r.verdict === 'pass'
      ? r.hints.length > 0
        ? vscode.l10n.t(
            '{0}: no leak found in {1} calls, but the lesson’s mistakes are in its code (below); fix them to finish the step.',
            r.fn.path,
            String(r.calls.length),
          )
        : vscode.l10n.t(
            '{0} passed: nothing of A’s for the anonymous caller or for B, whatever A’s data they passed, and nothing of B’s for A.',
            r.fn.path,
          )
      : r.verdict === 'fail'
        ? vscode.l10n.t(
            '{0} leaks: {1} of {2} calls got or changed someone else’s data.',
            r.fn.path,
            String(failed),
            String(r.calls.length),
          )
        : vscode.l10n.t(
            'Could not tell whether {0} leaks: {1} of {2} calls gave no answer that shows it (each says why). This is not a pass.',
            r.fn.path,
            String(unknown),
            String(r.calls.length),
          );
  return {
    verdict: r.verdict,
    passed: r.passed,
    summary,
    seeded: r.seeded.note,
    argSets: r.argSets.map((s) => ({
      label: s.label,
      text: JSON.stringify(s.template),
      ...(s.missing ? { missing: s.missing } : {}),
    })),
    hints: r.hints,
    calls: r.calls.map((c) => toCallView(c, r.argSets.length)),
    commands: r.commands.map((c) => ({
      caller: c.caller,
      label: vscode.l10n.t('As {0} ({1})', c.caller, r.users[c.caller].name),
      command: c.command,
    })),
  };
}
