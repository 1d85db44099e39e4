// Feeds the DiagnosticCollection: per-document debounce scaled by size, the cheap pre-filter and size cap
// before the worker is asked, results dropped when the document moved on, everything cleared on close. Each
// document version is analysed once; the same analysis feeds the workspace index.
import * as vscode from 'vscode';
import type { FileAnalysis } from '../../analysis/types';
import { hasJoinedSites } from '../../analysis/componentContext';
import { dependsOnOtherFiles, isAnalysable, shouldAnalyse } from '../../analysis/prefilter';
import { LatestRun } from '../../workspace/latest';
import { inBackground, type Log } from '../log';
import type { AnalysisService } from '../services/analysisService';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { effectiveSeverity, readSettings, type DiagnosticsSettings } from './settings';
import type { WorkspaceIndex } from '../services/workspaceIndex';
import { heldDocument, withinSizeCap, workspacePath } from '../services/workspaceUris';

/** The code of the one information diagnostic a file gets when its analysis ran out of time. */
export const TOO_COSTLY_CODE = 'clerk-convex/too-costly';

export interface CachedAnalysis {
  version: number;
  analysis: FileAnalysis;
  settings: DiagnosticsSettings;
}

const IGNORED_SCHEMES = new Set(['git', 'output', 'vscode-scm', 'gitlens', 'pr', 'review']);

/** Like the TypeScript extension: short waits for small files, up to 800 ms for big ones. */
export function debounceDelay(lineCount: number): number {
  return Math.min(800, 250 + Math.floor(lineCount / 10));
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** A run publishes only if no newer one began for its document (same version, newer inputs from other files). */
  private readonly latest = new LatestRun();
  private readonly analysed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were published (tests and the index listen). */
  readonly onDidAnalyse = this.analysed.event;
  /** Runs under way (their timers have fired), and who waits for none to be left (settled()). */
  private runs = 0;
  private readonly running = new Set<string>();
  private waiting: (() => void)[] = [];

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly index: WorkspaceIndex,
    private readonly analysis: AnalysisService,
    private readonly log: Log,
  ) {}

  /** The analysis behind the diagnostics currently shown, if it is for this exact version. */
  cached(document: vscode.TextDocument): CachedAnalysis | undefined {
    const entry = this.cache.get(document.uri.toString());
    return entry && entry.version === document.version ? entry : undefined;
  }

  schedule(document: vscode.TextDocument, delay = debounceDelay(document.lineCount)): void {
    if (IGNORED_SCHEMES.has(document.uri.scheme) || !isAnalysable(document.uri.path)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    if (
      delay > 0 &&
      this.analysis.workersStarted === 0 &&
      shouldAnalyse(workspacePath(document.uri), document.getText())
    )
      this.analysis.prestart();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.runs++;
        this.running.add(key);
        inBackground(this.log, `diagnostics [${key}]`, () =>
          this.run(document).finally(() => {
            this.runs--;
            this.running.delete(key);
            this.wakeIfSettled();
          }),
        );
      }, delay),
    );
  }

  /**
   * The analysis of this exact version, waited for when the document was just opened or changed (Ctrl+. or a
   * lesson button before the debounce ended: "no fixes" then would be a wrong answer). Undefined when there is
   * none to have: analysis is off or skipped for the document, it changed meanwhile, or the worker could not tell.
   */
  async analysisOf(document: vscode.TextDocument): Promise<CachedAnalysis | undefined> {
    const hit = this.cached(document);
    if (hit || document.isClosed) return hit;
    if (!this.running.has(document.uri.toString())) this.schedule(document, 0);
    await this.settled();
    return this.cached(document);
  }

  /**
   * Resolves once no document waits for its debounce or its analysis: what the editor shows then is what the
   * extension has to say (tests assert an absence only after this).
   */
  settled(): Promise<void> {
    if (this.timers.size === 0 && this.runs === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private wakeIfSettled(): void {
    if (this.timers.size === 0 && this.runs === 0) for (const w of this.waiting.splice(0)) w();
  }

  /** Re-checks every open document (settings or configs changed). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Re-checks the open documents whose analysis takes something from other files (the index's inputs changed). */
  refreshDependents(): void {
    for (const document of vscode.workspace.textDocuments)
      if (dependsOnOtherFiles(document.getText())) this.schedule(document, 0);
  }

  /**
   * A tab showing the document opened or closed: its diagnostics are shown or hidden (show()), and the index takes
   * the editor's analysis of a document it now holds (one it did not hold was read from disk).
   */
  tabChanged(document: vscode.TextDocument): void {
    // Hidden at once: the analysis that follows may end "could not tell", which keeps what was shown.
    if (!heldDocument(document.uri.toString())) this.collection.delete(document.uri);
    this.schedule(document, 0);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.cache.delete(key);
    this.latest.forget(key);
    this.collection.delete(document.uri);
    this.index.documentClosed(document);
    this.wakeIfSettled();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.cache.clear();
    this.analysed.dispose();
    for (const w of this.waiting.splice(0)) w();
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    const run = this.latest.begin(document.uri.toString());
    const current = (): boolean =>
      !document.isClosed && document.version === version && this.latest.isLatest(document.uri.toString(), run);
    const version = document.version;
    const settings = readSettings(document.uri);
    const text = document.getText();
    const path = workspacePath(document.uri);
    if (!settings.enable || !withinSizeCap(text, document.uri) || !shouldAnalyse(path, text)) {
      this.cache.delete(document.uri.toString());
      this.collection.delete(document.uri);
      this.index.accept(document, undefined);
      return;
    }
    inBackground(this.log, 'index the workspace', () => this.index.ensureBuilt());
    const project = await this.index.projectFor(document.uri);
    const aliases = await this.index.aliasesFor(document.uri);
    if (!current()) return; // a newer run is scheduled
    const result = await this.analysis.analyse(path, text, this.index.contextFor(project, aliases), 'interactive');
    if (!current()) return;
    if (result.kind === 'unknown') return; // logged by the service; the editor keeps what it showed
    if (result.kind === 'tooCostly') {
      this.cache.delete(document.uri.toString());
      this.show(document, [tooCostly(result.budgetMs)]);
      this.index.accept(document, undefined);
      this.analysed.fire(document.uri);
      return;
    }
    // The index's identity functions are joined here, once (the worker never sees them).
    const analysis = this.index.rejoin(result.analysis);
    this.cache.set(document.uri.toString(), { version, analysis, settings });
    this.publish(document, analysis, settings);
    this.index.accept(document, result);
  }

  /**
   * The index's identity functions changed (a Convex file, on disk or in the editor): each open document's query
   * sites are joined with them again and its diagnostics republished, without analysing the document anew.
   */
  rejoinIdentity(): void {
    for (const document of vscode.workspace.textDocuments) {
      const cached = this.cached(document);
      if (!cached || !hasJoinedSites(cached.analysis)) continue; // no sites, or a run is pending and will join at publish time
      const analysis = this.index.rejoin(cached.analysis);
      if (analysis === cached.analysis) continue;
      this.cache.set(document.uri.toString(), { ...cached, analysis });
      this.publish(document, analysis, cached.settings);
    }
  }

  private publish(document: vscode.TextDocument, analysis: FileAnalysis, settings: DiagnosticsSettings): void {
    const diagnostics: vscode.Diagnostic[] = [];
    for (const finding of analysis.findings) {
      const severity = effectiveSeverity(settings, finding.code, finding.severity);
      if (severity) diagnostics.push(toDiagnostic(document, finding, severity));
    }
    this.show(document, diagnostics);
    this.analysed.fire(document.uri);
  }

  /**
   * Only documents the editor holds (a tab shows them, or their text is unsaved) have diagnostics, as closed files
   * have none: VS Code keeps a document for minutes after its tab closes, and its file may be gone by then.
   */
  private show(document: vscode.TextDocument, diagnostics: vscode.Diagnostic[]): void {
    if (heldDocument(document.uri.toString())) this.collection.set(document.uri, diagnostics);
    else this.collection.delete(document.uri);
  }
}

function tooCostly(budgetMs: number): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    vscode.l10n.t(
      'This file was too costly to analyse: its Clerk ↔ Convex checks were stopped after {0} s. The rest of the editor was not affected.',
      String(budgetMs / 1000),
    ),
    vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = TOO_COSTLY_CODE;
  return d;
}
