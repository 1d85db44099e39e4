// Feeds the DiagnosticCollection: per-document debounce scaled by size, the cheap pre-filter and size cap
// before the parser is loaded, results dropped when the document moved on, everything cleared on close.
import * as vscode from 'vscode';
import type { FileAnalysis } from '../../analysis/types';
import { isAnalysable, shouldAnalyse } from '../../analysis/prefilter';
import { loadAnalysis } from '../../lazy';
import { toDiagnostic } from './convert';
import { effectiveSeverity, readSettings, type DiagnosticsSettings } from './settings';
import { workspacePath, type ProjectLookup, type WorkspaceIndex } from './workspaceIndex';

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
  private readonly analysed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were published (tests and the index listen). */
  readonly onDidAnalyse = this.analysed.event;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly index: WorkspaceIndex,
    private readonly project: ProjectLookup,
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
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.run(document);
    }, delay));
  }

  /** Re-checks every open document (settings or cross-file knowledge changed). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.cache.delete(key);
    this.collection.delete(document.uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.cache.clear();
    this.analysed.dispose();
  }

  private async run(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const settings = readSettings(document.uri);
    const text = document.getText();
    const path = workspacePath(document.uri);
    if (!settings.enable || text.length > settings.maxBytes || !shouldAnalyse(path, text)) {
      this.cache.delete(document.uri.toString());
      this.collection.delete(document.uri);
      return;
    }
    try {
      const { analyze } = await loadAnalysis();
      void this.index.ensureBuilt();
      const project = await this.project(document.uri);
      if (document.isClosed || document.version !== version) return; // a newer run is scheduled
      const analysis = analyze(path, text, this.index.contextFor(project));
      this.cache.set(document.uri.toString(), { version, analysis, settings });
      const diagnostics: vscode.Diagnostic[] = [];
      for (const finding of analysis.findings) {
        const severity = effectiveSeverity(settings, finding.code, finding.severity);
        if (severity) diagnostics.push(toDiagnostic(document, finding, severity));
      }
      this.collection.set(document.uri, diagnostics);
      this.analysed.fire(document.uri);
    } catch {
      // The analysis bundle failed to load: leave the editor as it is rather than show a broken state.
    }
  }
}
