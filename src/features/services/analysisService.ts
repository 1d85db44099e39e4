// Where analysis runs: in a worker (worker_threads in the Node host, a Web Worker in the browser), so that a file
// the analyzer finds too costly stops only the worker, never the extension host. Each file gets a budget of the
// worker's CPU time (see src/worker/analysisClient.ts): a busy machine delays an analysis, it does not fail it.
import * as vscode from 'vscode';
import { crossFileOf } from '../../analysis/crossFileOf';
import { shouldAnalyse } from '../../analysis/prefilter';
import type { AnalysisContext, FileAnalysis } from '../../analysis/types';
import { loadAnalysis } from '../../lazy';
import type { AuthConfigInfo } from '../../project/types';
import { isNodeHost } from '../../project/host';
import { AnalysisClient, type Priority, type WorkerOutcome } from '../../worker/analysisClient';
import { spawnNodeWorker } from '../../worker/nodeWorker';
import {
  textFingerprint,
  type AnalyseParams,
  type AnalyseResult,
  type DiskFile,
  type Listed,
  type TestDelay,
  type WorkerHeap,
  type WorkerPort,
} from '../../worker/protocol';
import { spawnWebWorker } from '../../worker/webWorker';
import type { DiskAnalysis } from '../../workspace/types';
import { logFailure, type Log } from '../log';
import { readText } from '../project/workspaceFiles';

/** CPU time a file's analysis may use; past it the file gets one information diagnostic and the worker restarts. */
export const ANALYSIS_BUDGET_MS = 3000;

/** An analysis of the editor's text. */
export type AnalysisResult =
  | { kind: 'analysed'; analysis: FileAnalysis; fingerprint: string; crossFile: boolean }
  | { kind: 'tooCostly'; budgetMs: number }
  /** Could not tell (the worker failed, or the machine was too busy to give it its budget): logged. */
  | { kind: 'unknown'; reason: string };

function unreadable(file: { path: string; uri: string }, problem: string): AuthConfigInfo {
  return { path: file.path, uri: file.uri, providers: [], problem };
}

/** Why an outcome that is not a result could not tell, in the log's words. */
function whyNot(outcome: Exclude<WorkerOutcome<unknown>, { kind: 'done' }>): string {
  switch (outcome.kind) {
    case 'tooCostly':
      return `still running after ${outcome.budgetMs} ms of CPU time`;
    case 'timedOut':
      return `the machine was too busy: no result after ${outcome.waitedMs} ms`;
    case 'failed':
    case 'unavailable':
      return outcome.reason;
  }
}

export class AnalysisService implements vscode.Disposable {
  private client: AnalysisClient | undefined;
  /** Set when no worker can start here (a remotely served web extension): analysis runs in this thread. */
  private inThread = false;
  /** Set when a pre-filter or a listing ran out of time (a slow or hung disk): later reads happen in this thread. */
  private diskTooSlow = false;
  /** Test hook: the rule the next analyses make throw (to see only its findings drop and the log line). */
  failRule: string | undefined;
  /** Test hook: how long the worker waits before each analysis, asleep (a machine that starves it) or busy. */
  testDelay: TestDelay | undefined;
  /** Analyses asked for, by path: one number per file, read by the tests through the test hooks. */
  private readonly requested = new Map<string, number>();
  /** Of those, the ones that ran in this thread, by path (tests: a costly file must never be one). */
  private readonly ranHere = new Map<string, number>();

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /** How many times the analyzer ran on this workspace-relative path so far (tests). */
  analysesOf(path: string): number {
    return this.requested.get(path) ?? 0;
  }

  /** How many analyses of this workspace-relative path ran in the extension host's own thread (tests). */
  analysesInThreadOf(path: string): number {
    return this.ranHere.get(path) ?? 0;
  }

  /** The CPU time the current worker's thread has used (ms), where the host can read it (tests). */
  workerCpuMs(): Promise<number | undefined> {
    return this.client?.cpuTimeMs() ?? Promise.resolve(undefined);
  }

  /** The current worker's V8 heap (bytes), where the host can read it (bench, tests). */
  workerHeap(): Promise<WorkerHeap | undefined> {
    return this.client?.heapBytes() ?? Promise.resolve(undefined);
  }

  /** How many workers were started so far (bench, tests). */
  get workersStarted(): number {
    return this.client?.spawned ?? 0;
  }

  /** Analyses a text (the editor's). */
  async analyse(
    path: string,
    text: string,
    context: AnalysisContext,
    priority: Priority = 'interactive',
  ): Promise<AnalysisResult> {
    const result = await this.run(path, { text }, context, priority);
    switch (result.kind) {
      case 'analysed':
      case 'unknown':
        return result;
      default:
        // A text is always analysed; the worker said otherwise.
        return { kind: 'unknown', reason: `the worker answered "${result.kind}" for a text` };
    }
  }

  /** Whether `analyseOnDisk` can read this file in the worker: a Node worker, and the file on a local disk. */
  readsDisk(uri: vscode.Uri): boolean {
    return !this.inThread && !this.diskTooSlow && uri.scheme === 'file' && isNodeHost();
  }

  /**
   * A file on this disk, read, pre-filtered and analysed in the worker: its text never comes to the host (the
   * scan's pre-filter left it there). Only where readsDisk(); `crossFile` comes from the worker's own look.
   */
  async analyseOnDisk(
    file: DiskFile,
    maxBytes: number,
    context: AnalysisContext,
    unless?: string,
    scanned = false,
  ): Promise<DiskAnalysis> {
    const source = {
      fsPath: file.fsPath,
      maxBytes,
      ...(unless === undefined ? {} : { unless }),
      ...(scanned ? { scanned } : {}),
    };
    const result = await this.run(file.path, source, context, 'background');
    switch (result.kind) {
      case 'analysed':
      case 'unchanged':
        return result;
      case 'tooCostly':
        return { kind: 'unknown', reason: whyNot(result) };
      case 'unreadable':
        logFailure(this.log, 'read file', result.message, file.fsPath);
        return { kind: 'unknown', reason: result.message };
      case 'skipped':
        return { kind: 'skipped' };
      case 'absent':
      case 'unknown':
        return result;
    }
  }

  private async run(
    path: string,
    source: AnalyseParams['source'],
    context: AnalysisContext,
    priority: Priority,
  ): Promise<AnalyseResult | { kind: 'tooCostly'; budgetMs: number } | { kind: 'unknown'; reason: string }> {
    const result = await this.runOnce(path, source, context, priority);
    // Counted when the analyzer ran: a file found unchanged was read, not analysed.
    if (result.kind === 'analysed' || result.kind === 'tooCostly')
      this.requested.set(path, (this.requested.get(path) ?? 0) + 1);
    return result;
  }

  private async runOnce(
    path: string,
    source: AnalyseParams['source'],
    context: AnalysisContext,
    priority: Priority,
  ): Promise<AnalyseResult | { kind: 'tooCostly'; budgetMs: number } | { kind: 'unknown'; reason: string }> {
    const ctx: AnalysisContext = this.failRule ? { ...context, failRule: this.failRule } : context;
    if (this.inThread) return this.analyseInThread(path, source, ctx);
    const params: AnalyseParams = { path, source, context: ctx };
    if (this.testDelay && (this.testDelay.path ?? path) === path) params.testDelay = this.testDelay;
    const outcome = await this.worker().request('analyse', params, priority);
    switch (outcome.kind) {
      case 'done':
        for (const e of outcome.value.kind === 'analysed' ? (outcome.value.analysis.ruleErrors ?? []) : [])
          logFailure(this.log, `rule ${e.rule}`, e.message, path);
        return outcome.value;
      case 'unavailable':
        this.noWorker(outcome.reason);
        return this.analyseInThread(path, source, ctx);
      case 'tooCostly':
        this.log.warn(
          `analysis [${path}]: still running after ${outcome.budgetMs} ms of CPU time; stopped (the file gets an information diagnostic)`,
        );
        return outcome;
      case 'timedOut':
      case 'failed': {
        const reason = whyNot(outcome);
        logFailure(this.log, 'analysis', reason, path);
        return { kind: 'unknown', reason };
      }
    }
  }

  /**
   * Reads files of a local disk in the worker and keeps those worth analysing there (their texts wait in the
   * worker for analyseOnDisk), so that the host's thread neither reads nor holds the thousands a workspace scan
   * drops. The indexes of the kept files; undefined when the worker could not (it failed, or ran out of time on a
   * slow disk): the caller then analyses those files one by one.
   */
  async prefilter(files: DiskFile[], maxBytes: number): Promise<number[] | undefined> {
    if (this.inThread || this.diskTooSlow) return undefined;
    const outcome = await this.worker().request('prefilter', { files, maxBytes });
    if (outcome.kind === 'done') {
      for (const e of outcome.value.errors) logFailure(this.log, 'read file', e.message, files[e.index]?.fsPath);
      return outcome.value.kept;
    }
    this.onDiskOutcome(outcome, `pre-filter ${files.length} files`);
    return undefined;
  }

  /**
   * The index's source files in a local folder (folder-relative paths), listed by the worker's walk instead of the
   * file search. Undefined when the worker cannot (a Web Worker, a folder off this disk, a failure): the caller
   * searches with workspace.findFiles.
   */
  async listSources(folder: vscode.Uri, limit: number): Promise<Listed | undefined> {
    if (!this.readsDisk(folder)) return undefined;
    const outcome = await this.worker().request('list', { root: folder.fsPath, limit });
    if (outcome.kind === 'done') return outcome.value;
    this.onDiskOutcome(outcome, 'list source files', folder.toString());
    return undefined;
  }

  private onDiskOutcome(outcome: Exclude<WorkerOutcome<unknown>, { kind: 'done' }>, step: string, file?: string): void {
    if (outcome.kind === 'unavailable') return this.noWorker(outcome.reason);
    if (outcome.kind === 'tooCostly' || outcome.kind === 'timedOut') this.diskTooSlow = true;
    logFailure(this.log, step, whyNot(outcome), file);
  }

  /**
   * The providers of auth.config files, read in the worker (which has Babel loaded anyway), so the host does not
   * load the parser to build a project snapshot. In this thread when no worker can start. Never rejects.
   */
  async readAuthConfigs(files: { text: string; path: string; uri: string }[]): Promise<AuthConfigInfo[]> {
    if (!this.inThread) {
      const outcome = await this.worker().request('authConfigs', { files }, 'interactive');
      if (outcome.kind === 'done') return outcome.value;
      if (outcome.kind !== 'unavailable') {
        const why =
          outcome.kind === 'tooCostly' || outcome.kind === 'timedOut'
            ? vscode.l10n.t('reading it took longer than {0} s', String(ANALYSIS_BUDGET_MS / 1000))
            : outcome.reason;
        logFailure(this.log, 'read auth.config providers', why, files.map((f) => f.path).join(', '));
        return files.map((f) => unreadable(f, why));
      }
      this.noWorker(outcome.reason);
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

  /** No worker can start here: analysis runs in this thread from now on (said once in the log). */
  private noWorker(reason: string): void {
    if (this.inThread) return;
    this.log.warn(`${reason}; analysing in the extension host's thread from now on (no time budget).`);
    this.inThread = true;
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
    if (isNodeHost()) {
      const compileCacheDir = this.compileCacheDir();
      return spawnNodeWorker(
        vscode.Uri.joinPath(dist, 'analysisWorker.js').fsPath,
        compileCacheDir ? { compileCacheDir } : {},
      );
    }
    return spawnWebWorker(vscode.Uri.joinPath(dist, 'web', 'analysisWorker.js').toString(true));
  }

  /** Without a worker (a web host that cannot start one): in this thread, reading a disk file here too. */
  private async analyseInThread(
    path: string,
    source: AnalyseParams['source'],
    context: AnalysisContext,
  ): Promise<AnalyseResult | { kind: 'unknown'; reason: string }> {
    this.ranHere.set(path, (this.ranHere.get(path) ?? 0) + 1);
    try {
      let text: string | undefined;
      if ('text' in source) text = source.text;
      else {
        text = await readText(vscode.Uri.file(source.fsPath), source.maxBytes, this.log);
        if (text === undefined) return { kind: 'absent' };
        if (source.unless === textFingerprint(text)) return { kind: 'unchanged' };
        if (!shouldAnalyse(path, text)) return { kind: 'skipped' };
      }
      const { analyse } = await loadAnalysis();
      return {
        kind: 'analysed',
        analysis: analyse(path, text, context),
        fingerprint: textFingerprint(text),
        crossFile: crossFileOf(text, context),
      };
    } catch (err) {
      return { kind: 'unknown', reason: err instanceof Error ? err.message : String(err) };
    }
  }
}
