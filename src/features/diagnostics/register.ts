import * as vscode from 'vscode';
import type { FeatureContext } from '../api';
import { inBackground } from '../log';
import type { WorkspaceIndex } from '../services/workspaceIndex';
import type { WorkerHeap } from '../../worker/protocol';
import { openDocument, tabDocumentKeys } from '../services/workspaceUris';
import { ClerkConvexCodeActions } from './codeActions';
import { DiagnosticsController } from './controller';
import { ConvexVersionDiagnostics } from './convexVersion';
import { editorAnalyses, type EditorAnalyses } from './editorAnalyses';

/** The package.json check waits until the window has settled, like the walkthrough's first measurement. */
const VERSION_CHECK_DELAY_MS = 1000;

const SELECTOR: vscode.DocumentSelector = [
  { language: 'typescript' },
  { language: 'typescriptreact' },
  { language: 'javascript' },
  { language: 'javascriptreact' },
];

/** What the integration tests observe of the analysis, and the faults they inject into it (see ../testHooks.ts). */
export interface DiagnosticsTestApi {
  readonly analysisIndex: WorkspaceIndex;
  readonly diagnostics: {
    /** Makes the named rule throw in every analysis from now on (undefined: none); documents are re-checked. */
    injectRuleFailure(rule: string | undefined): void;
    /**
     * Makes the worker sleep (using no CPU) this long before each analysis, or each of `path` (workspace-relative):
     * a machine too busy to run it.
     */
    stallAnalyses(ms: number | undefined, path?: string): void;
    /** Makes the worker busy (using CPU) this long before each analysis, or each of `path`: a costly file. */
    spinAnalyses(ms: number | undefined, path?: string): void;
    /** The CPU time the analysis worker's thread has used so far (undefined where the host cannot tell). */
    workerCpuMs(): Promise<number | undefined>;
    /** The analysis worker's V8 heap (bytes; undefined where the host cannot tell): the bench's memory rows. */
    workerHeap(): Promise<WorkerHeap | undefined>;
    /** How many analyses of a workspace-relative path ran in the extension host's own thread, not the worker. */
    analysesInThreadOf(path: string): number;
    /** Resolves once no open document waits for its debounce or its analysis. */
    settled(): Promise<void>;
    logUri(): string;
    workersStarted(): number;
    /** How many times a workspace-relative path was sent to the analyzer (to tell a re-join from a re-analysis). */
    analysesOf(path: string): number;
    compileCacheDir(): string | undefined;
  };
}

/**
 * Diagnostics and quick fixes for Clerk ↔ Convex wiring mistakes. Activation only registers listeners; the
 * worker (and its parser) starts with the first document that passes the pre-filter. The workspace index they
 * feed is ctx.index, which the walkthrough reads.
 */
export function registerDiagnostics(ctx: FeatureContext): { editors: EditorAnalyses; testApi: DiagnosticsTestApi } {
  const subscriptions = ctx.extension.subscriptions;
  const { project: projectService, index, log } = ctx;
  const collection = vscode.languages.createDiagnosticCollection('clerkConvex');
  const controller = new DiagnosticsController(collection, index, ctx.analysis, log);
  const tabsChanged = (tabs: readonly vscode.Tab[]): void => {
    for (const key of tabDocumentKeys(tabs)) {
      const document = openDocument(key);
      if (document) controller.tabChanged(document);
    }
  };
  subscriptions.push(
    collection,
    controller,
    vscode.workspace.onDidOpenTextDocument((d) => controller.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) controller.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => controller.forget(d)),
    vscode.window.tabGroups.onDidChangeTabs((e) => tabsChanged([...e.opened, ...e.closed])),
    vscode.window.tabGroups.onDidChangeTabGroups((e) => tabsChanged(e.closed.flatMap((g) => g.tabs))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clerkConvex.diagnostics')) controller.refreshAll();
    }),
    index.onDidChangeInputs(({ all }) => (all ? controller.refreshAll() : controller.refreshDependents())),
    index.onDidChangeIdentityFunctions(() => controller.rejoinIdentity()),
    index.onDidChangeFacts(() => ctx.events.fire({ kind: 'analysisChanged' })),
    projectService.onDidChange(() => controller.refreshAll()),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ClerkConvexCodeActions(controller), {
      providedCodeActionKinds: ClerkConvexCodeActions.providedCodeActionKinds,
    }),
  );
  const versions = new ConvexVersionDiagnostics(projectService, log);
  const refreshVersions = (): void => inBackground(log, 'convex version check', () => versions.refresh());
  const firstVersionCheck = setTimeout(refreshVersions, VERSION_CHECK_DELAY_MS);
  subscriptions.push(
    versions,
    { dispose: () => clearTimeout(firstVersionCheck) },
    projectService.onDidChange(refreshVersions),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clerkConvex.diagnostics')) refreshVersions();
    }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/package.json' }, versions, {
      providedCodeActionKinds: ConvexVersionDiagnostics.providedCodeActionKinds,
    }),
  );
  // Documents already open when the extension started (timers only: no work during activation).
  for (const document of vscode.workspace.textDocuments) controller.schedule(document, 0);
  const testApi: DiagnosticsTestApi = {
    analysisIndex: index,
    diagnostics: {
      injectRuleFailure: (rule) => {
        ctx.analysis.failRule = rule;
        controller.refreshAll();
      },
      stallAnalyses: (ms, path) => {
        ctx.analysis.testDelay = ms ? { ms, cpu: false, path } : undefined;
      },
      spinAnalyses: (ms, path) => {
        ctx.analysis.testDelay = ms ? { ms, cpu: true, path } : undefined;
      },
      workerCpuMs: () => ctx.analysis.workerCpuMs(),
      workerHeap: () => ctx.analysis.workerHeap(),
      analysesInThreadOf: (path) => ctx.analysis.analysesInThreadOf(path),
      settled: () => controller.settled(),
      logUri: () => ctx.extension.logUri.toString(),
      workersStarted: () => ctx.analysis.workersStarted,
      analysesOf: (path) => ctx.analysis.analysesOf(path),
      compileCacheDir: () => ctx.analysis.compileCacheDir(),
    },
  };
  return { editors: editorAnalyses(controller), testApi };
}
