import * as vscode from 'vscode';
import { defaultFunction, isFunctionModule, listFunctions, type ListedFunction } from '../../handoff/run/listFunctions';
import type { OwnCall, OwnRunResult } from '../../handoff/run/ownFunctionRun';
import type { HandoffModel } from '../../handoff/types';
import type { ProjectSnapshot } from '../../project/types';
import { toDisplayValue } from '../../protocol/displayValue';
import type { HostMessage, OwnCallView, OwnFunctionView, WebviewMessage } from '../../protocol/panel';
import { loadOwnFunction } from '../../lazy';
import type { FeatureContext } from '../api';

/** Per call: long enough for a cold child to build a project, short enough that a loop is caught quickly. */
export const DEFAULT_LIMITS = { timeoutMs: 10_000, maxHeapMb: 256 };
const MAX_FILES = 300;
const MAX_FILE_BYTES = 512 * 1024;

export interface OwnRunRequest {
  pick?: string;
  /** Another project on disk than the workspace's (tests). */
  project?: { dir: string; functionsDir: string };
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

interface Located {
  dir: vscode.Uri;
  functionsDir: vscode.Uri;
}

type OwnMessage = Extract<WebviewMessage, { type: 'runOwnFunction' | 'trustWorkspace' | 'ownFunctionCommand' }>;

function labels(): OwnFunctionView['labels'] {
  return {
    title: vscode.l10n.t('Your own function, on your own code'),
    intro: vscode.l10n.t(
      'Runs one of your Convex functions three times, anonymously, as user A and as user B, through the real ConvexHttpClient to the stand-in, which checks each token with Convex’s rules and then runs your function, in memory, with the identity Convex would pass. Rows are first written as A and as B with your own mutations.',
    ),
    pick: vscode.l10n.t('Function'),
    run: vscode.l10n.t('Run my function'),
    trust: vscode.l10n.t('Trust this folder…'),
    copy: vscode.l10n.t('Copy'),
    terminal: vscode.l10n.t('Type it into a new terminal'),
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
 */
export class OwnFunctionPart implements vscode.Disposable {
  private view: OwnFunctionView = { state: 'unavailable', functions: [], labels: labels() };
  private last: OwnRunResult | undefined;
  private running: Promise<OwnFunctionView> | undefined;
  private readonly saved: vscode.Disposable;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly post: (m: HostMessage) => void,
    private readonly model: () => Promise<HandoffModel>,
    private readonly snapshot: () => Promise<ProjectSnapshot>,
  ) {
    // The list follows the learner's edits: a saved source file may add, rename or remove a function (cheap: one
    // folder read, and only while the panel is open).
    this.saved = vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.scheme === 'file' && isFunctionModule(doc.uri.path.split('/').pop() ?? '')) void this.refresh();
    });
  }

  dispose(): void {
    this.saved.dispose();
  }

  current(): OwnFunctionView {
    return structuredClone(this.view);
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

  async refresh(): Promise<void> {
    if (this.view.state === 'running') return;
    const located = await this.locate();
    const listed = located ? await readListed(located.functionsDir) : [];
    const functions = listed
      .filter((f) => f.visibility === 'public' && f.kind !== 'httpAction')
      .map((f) => ({ path: f.path, label: `${f.path} (${f.kind})` }));
    const selected =
      this.view.selected && functions.some((f) => f.path === this.view.selected)
        ? this.view.selected
        : defaultFunction(listed)?.path;
    const availability = this.availability(located, functions.length, (await this.snapshot()).packages.convexInstalled);
    this.view = {
      ...this.view,
      functions,
      ...(selected ? { selected } : {}),
      ...(availability ??
        (this.view.state === 'ran' || this.view.state === 'not-run'
          ? { state: this.view.state }
          : { state: 'ready', message: undefined })),
    };
    if (availability) delete this.view.result;
    this.publish();
  }

  handle(message: OwnMessage): void {
    switch (message.type) {
      case 'runOwnFunction':
        void this.run({ pick: message.path }).catch((err: unknown) => this.failed(err));
        return;
      case 'trustWorkspace':
        void vscode.commands.executeCommand('workbench.trust.manage');
        return;
      case 'ownFunctionCommand': {
        const command =
          this.last?.status === 'ran'
            ? this.last.commands.find((c) => c.caller === message.caller)?.command
            : undefined;
        if (!command) return;
        if (message.action === 'copy') {
          void vscode.env.clipboard.writeText(command);
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

  private cwd: vscode.Uri | undefined;

  /** Runs one function three times; resolves with what the panel shows. One run at a time. */
  async run(request: OwnRunRequest = {}): Promise<OwnFunctionView> {
    if (this.running) return this.running;
    this.running = this.runOnce(request).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(request: OwnRunRequest): Promise<OwnFunctionView> {
    const located = request.project
      ? { dir: vscode.Uri.file(request.project.dir), functionsDir: vscode.Uri.file(request.project.functionsDir) }
      : await this.locate();
    const listed = located ? await readListed(located.functionsDir) : [];
    const availability = this.availability(
      located,
      listed.length,
      request.project ? 'not checked' : (await this.snapshot()).packages.convexInstalled,
    );
    if (availability || !located) {
      this.view = { ...this.view, ...(availability ?? { state: 'unavailable' }) };
      delete this.view.result;
      this.publish();
      return this.current();
    }
    const pick = request.pick ?? this.view.selected ?? defaultFunction(listed)?.path;
    this.view = {
      ...this.view,
      state: 'running',
      message: vscode.l10n.t('Running {0} as anonymous, A and B…', pick ?? ''),
      ...(pick ? { selected: pick } : {}),
    };
    delete this.view.result;
    this.publish();
    const [own, model] = await Promise.all([loadOwnFunction(), this.model()]);
    const limits = { ...DEFAULT_LIMITS, ...request.limits };
    const runner = new own.FunctionRunner({
      entry: vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'dist', 'ownFunctionRunner.js').fsPath,
      timeoutMs: limits.timeoutMs,
      maxHeapMb: limits.maxHeapMb,
    });
    let result: OwnRunResult;
    try {
      result = await own.runOwnFunction({
        model,
        runner,
        client: own.convexHttpClient,
        listed,
        projectDir: located.dir.fsPath,
        functionsDir: located.functionsDir.fsPath,
        ...(pick ? { pick } : {}),
      });
    } finally {
      runner.close();
    }
    this.last = result;
    this.cwd = located.dir;
    this.view = toView(this.view, result);
    this.publish();
    this.ctx.events.fire({ kind: 'ownFunctionRun', passed: result.status === 'ran' && result.passed });
    return this.current();
  }

  private failed(err: unknown): void {
    this.view = {
      ...this.view,
      state: 'not-run',
      message: vscode.l10n.t('Your function could not be run: {0}', err instanceof Error ? err.message : String(err)),
    };
    this.publish();
  }

  private availability(
    located: Located | undefined,
    count: number,
    convexInstalled: string | undefined,
  ): Pick<OwnFunctionView, 'state' | 'message'> | undefined {
    if (!vscode.workspace.isTrusted) {
      return {
        state: 'untrusted',
        message: vscode.l10n.t(
          'Running your function means running your project’s code (and its convex package), so it needs a trusted workspace. In Restricted Mode the list below is read from source only; nothing runs.',
        ),
      };
    }
    if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
      return {
        state: 'unavailable',
        message: vscode.l10n.t(
          'Running your own functions needs the desktop app or a remote extension host: this editor cannot start a process.',
        ),
      };
    }
    if (!located)
      return { state: 'unavailable', message: vscode.l10n.t('This workspace has no Convex functions folder on disk.') };
    if (count === 0)
      return {
        state: 'unavailable',
        message: vscode.l10n.t(
          'No public query or mutation found in {0}.',
          vscode.workspace.asRelativePath(located.functionsDir),
        ),
      };
    if (convexInstalled === undefined) {
      return {
        state: 'unavailable',
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
    this.post({ type: 'ownFunction', view: this.current() });
  }
}

export async function readListed(functionsDir: vscode.Uri): Promise<ListedFunction[]> {
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
  return listFunctions(files);
}

function callerTitle(c: OwnCall): string {
  return c.caller === 'anonymous'
    ? vscode.l10n.t('Anonymous (no token)')
    : vscode.l10n.t('As user {0}: {1}', c.caller, c.user?.name ?? '');
}

function toCallView(c: OwnCall): OwnCallView {
  const e = c.exchange;
  return {
    caller: c.caller,
    title: callerTitle(c),
    verdict: c.verdict,
    message: c.message,
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

function toView(base: OwnFunctionView, r: OwnRunResult): OwnFunctionView {
  if (r.status === 'not-run') {
    const view: OwnFunctionView = { ...base, state: 'not-run', message: r.message };
    delete view.result;
    return view;
  }
  const failed = r.calls.filter((c) => c.verdict === 'fail').length;
  return {
    ...base,
    state: 'ran',
    message: undefined,
    selected: r.fn.path,
    result: {
      passed: r.passed,
      summary: r.passed
        ? vscode.l10n.t(
            '{0} passed: nothing for the anonymous caller, only A’s rows for A and only B’s for B.',
            r.fn.path,
          )
        : vscode.l10n.t('{0} did not pass: {1} of 3 calls went wrong.', r.fn.path, String(failed)),
      seeded: r.seeded.note,
      hints: r.hints,
      calls: r.calls.map(toCallView),
      commands: r.commands.map((c) => ({
        caller: c.caller,
        label: vscode.l10n.t('As {0} ({1})', c.caller, r.users[c.caller].name),
        command: c.command,
      })),
    },
  };
}
