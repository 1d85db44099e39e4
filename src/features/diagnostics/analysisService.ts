// Where analysis runs: in a worker (worker_threads in the Node host, a Web Worker in the browser), so that a file
// the analyzer finds too costly stops only the worker, never the extension host. Each file gets a time budget.
import * as vscode from 'vscode';
import type { AnalysisContext, FileAnalysis } from '../../analysis/types';
import { loadAnalysis } from '../../lazy';
import type { AuthConfigInfo } from '../../project/types';
import { AnalysisClient, type AnalysisOutcome, type Priority, type WorkerOutcome } from '../../worker/analysisClient';
import { spawnNodeWorker } from '../../worker/nodeWorker';
import type { PrefilterResult, ScanFile, WorkerPort } from '../../worker/protocol';
import { spawnWebWorker } from '../../worker/webWorker';
import { logFailure, type Log } from '../log';

/** A file still being analysed after this long is dropped with one information diagnostic; the worker restarts. */
export const ANALYSIS_BUDGET_MS = 3000;

export type AnalysisResult =
  { kind: 'analysed'; analysis: FileAnalysis } | { kind: 'tooCostly'; budgetMs: number } | { kind: 'failed' };

/** A cheap fingerprint of a text (FNV-1a over its UTF-16 units, with its length). */
function fingerprint(path: string, text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${path}|${text.length}|${(h >>> 0).toString(16)}`;
}

const REMEMBERED_TOO_COSTLY = 50;

/** A Node extension host (its worker is a worker_threads thread, which can read the disk). */
function nodeHost(): boolean {
  return (
    typeof process !== 'undefined' &&
    typeof process.versions?.node === 'string' &&
    process.platform !== ('web' as NodeJS.Platform)
  );
}

function unreadable(file: { path: string; uri: string }, problem: string): AuthConfigInfo {
  return { path: file.path, uri: file.uri, providers: [], problem };
}

export class AnalysisService implements vscode.Disposable {
  private client: AnalysisClient | undefined;
  /** Texts that ran out of time once: asked again (a re-check of every open document), they are not re-run. */
  private readonly tooCostly = new Set<string>();
  /** Set when no worker can start here (a remotely served web extension): analysis runs in this thread. */
  private inThread = false;
  /** Set when a pre-filter ran out of time (a slow or hung disk): the scan's later batches are read in this thread. */
  private diskTooSlow = false;
  /** Test hook: the rule the next analyses make throw (to see only its findings drop and the log line). */
  failRule: string | undefined;
  /** Analyses asked for, by path: one number per file, read by the tests through the test hooks. */
  private readonly requested = new Map<string, number>();

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /** How many analyses of this workspace-relative path were asked for so far (tests). */
  analysesOf(path: string): number {
    return this.requested.get(path) ?? 0;
  }

  /** How many workers were started so far (bench, tests). */
  get workersStarted(): number {
    return this.client?.spawned ?? 0;
  }

  async analyse(
    path: string,
    text: string,
    context: AnalysisContext,
    priority: Priority = 'interactive',
  ): Promise<AnalysisResult> {
    this.requested.set(path, (this.requested.get(path) ?? 0) + 1);
    const ctx: AnalysisContext = this.failRule ? { ...context, failRule: this.failRule } : context;
    const print = fingerprint(path, text);
    if (this.tooCostly.has(print)) return { kind: 'tooCostly', budgetMs: ANALYSIS_BUDGET_MS };
    const outcome = this.inThread
      ? await this.analyseInThread(path, text, ctx)
      : await this.worker().analyse(path, text, ctx, priority);
    if (this.noWorker(outcome)) return this.analyse(path, text, context, priority);
    switch (outcome.kind) {
      case 'analysed':
        for (const e of outcome.analysis.ruleErrors ?? []) logFailure(this.log, `rule ${e.rule}`, e.message, path);
        return { kind: 'analysed', analysis: outcome.analysis };
      case 'tooCostly':
        this.tooCostly.add(print);
        if (this.tooCostly.size > REMEMBERED_TOO_COSTLY)
          this.tooCostly.delete(this.tooCostly.values().next().value as string);
        this.log.warn(
          `analysis [${path}]: still running after ${outcome.budgetMs} ms; stopped (the file gets an information diagnostic)`,
        );
        return outcome;
      case 'failed':
        logFailure(this.log, 'analysis', outcome.reason, path);
        return { kind: 'failed' };
    }
  }

  /** Whether `prefilter` can read this file in the worker: a Node worker, and the file on a local disk. */
  prefiltersOnDisk(uri: vscode.Uri): boolean {
    return !this.inThread && !this.diskTooSlow && uri.scheme === 'file' && nodeHost();
  }

  /**
   * Reads files of a local disk in the worker and keeps those worth analysing, so that the host's thread neither
   * reads nor holds the thousands a workspace scan drops. Undefined when the worker could not (it failed, or ran
   * out of time on a slow disk): the caller reads those files itself.
   */
  async prefilter(files: ScanFile[], maxBytes: number): Promise<PrefilterResult | undefined> {
    if (this.inThread || this.diskTooSlow) return undefined;
    const outcome = await this.worker().prefilter(files, maxBytes);
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'tooCostly') this.diskTooSlow = true;
    if (!this.noWorker(outcome))
      logFailure(
        this.log,
        `pre-filter ${files.length} files`,
        outcome.kind === 'failed' ? outcome.reason : `still running after ${outcome.budgetMs} ms`,
      );
    return undefined;
  }

  /**
   * The index's source files in a local folder (folder-relative paths), listed by the worker's walk instead of the
   * file search. Undefined when the worker cannot (a Web Worker, a folder off this disk, a failure): the caller
   * searches with workspace.findFiles.
   */
  async listSources(folder: vscode.Uri, limit: number): Promise<string[] | undefined> {
    if (!this.prefiltersOnDisk(folder)) return undefined;
    const outcome = await this.worker().listSources(folder.fsPath, limit);
    if (outcome.kind === 'done') return outcome.value.paths;
    if (outcome.kind === 'tooCostly') this.diskTooSlow = true;
    if (!this.noWorker(outcome))
      logFailure(
        this.log,
        'list source files',
        outcome.kind === 'failed' ? outcome.reason : `still running after ${outcome.budgetMs} ms`,
        folder.toString(),
      );
    return undefined;
  }

  /**
   * The providers of auth.config files, read in the worker (which has Babel loaded anyway), so the host does not
   * load the parser to build a project snapshot. In this thread when no worker can start. Never rejects.
   */
  async readAuthConfigs(files: { text: string; path: string; uri: string }[]): Promise<AuthConfigInfo[]> {
    if (!this.inThread) {
      const outcome = await this.worker().readAuthConfigs(files);
      if (outcome.kind === 'done') return outcome.value;
      if (!this.noWorker(outcome)) {
        const why =
          outcome.kind === 'failed'
            ? outcome.reason
            : vscode.l10n.t('reading it took longer than {0} s', String(outcome.budgetMs / 1000));
        logFailure(this.log, 'read auth.config providers', why, files.map((f) => f.path).join(', '));
        return files.map((f) => unreadable(f, why));
      }
    }
    try {
      const { readAuthConfig } = await loadAnalysis();
      return files.map((f) => readAuthConfig(f.text, f.path, f.uri));
    } catch (err) {
      logFailure(this.log, 'load the auth config reader', err);
      const reason = err instanceof Error ? err.message : String(err);
      return files.map((f) =>
        unreadable(f, vscode.l10n.t('The auth config reader could not be loaded ({0}).', reason)),
      );
    }
  }

  /** True (and from now on analysis runs in this thread) when the outcome says no worker can start here. */
  private noWorker(outcome: WorkerOutcome<unknown> | AnalysisOutcome): boolean {
    if (this.inThread || outcome.kind !== 'failed' || !outcome.reason.startsWith('the analysis worker could not start'))
      return false;
    this.log.warn(`${outcome.reason}; analysing in the extension host's thread from now on (no time budget).`);
    this.inThread = true;
    return true;
  }

  /**
   * Starts the worker (and its parser load) ahead of the first request: called when a document is scheduled,
   * so the worker's own start-up overlaps the debounce instead of adding to it.
   */
  prestart(): void {
    if (!this.inThread) this.worker().prestart();
  }

  dispose(): void {
    this.client?.dispose();
  }

  private worker(): AnalysisClient {
    return (this.client ??= new AnalysisClient({ spawn: () => this.spawn(), budgetMs: ANALYSIS_BUDGET_MS }));
  }

  /** Where the worker keeps Node's compile cache (the extension's global storage; none off a local disk). */
  compileCacheDir(): string | undefined {
    const storage = this.extension.globalStorageUri;
    return storage.scheme === 'file' ? vscode.Uri.joinPath(storage, 'compile-cache').fsPath : undefined;
  }

  private spawn(): WorkerPort {
    const dist = vscode.Uri.joinPath(this.extension.extensionUri, 'dist');
    if (nodeHost()) {
      const compileCacheDir = this.compileCacheDir();
      return spawnNodeWorker(
        vscode.Uri.joinPath(dist, 'analysisWorker.js').fsPath,
        compileCacheDir ? { compileCacheDir } : {},
      );
    }
    return spawnWebWorker(vscode.Uri.joinPath(dist, 'web', 'analysisWorker.js').toString(true));
  }

  private async analyseInThread(path: string, text: string, context: AnalysisContext): Promise<AnalysisOutcome> {
    try {
      const { analyze } = await loadAnalysis();
      return { kind: 'analysed', analysis: analyze(path, text, context) };
    } catch (err) {
      return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
    }
  }
}
