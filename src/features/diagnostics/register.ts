import * as vscode from 'vscode';
import type { ExtensionApi, FeatureContext } from '../api';
import { getProjectService } from '../project';
import { ClerkConvexCodeActions } from './codeActions';
import { DiagnosticsController } from './controller';
import { ConvexVersionDiagnostics } from './convexVersion';
import { projectLookup, workspaceIndex } from './index';
import type { AnalysisIndexApi } from './workspaceIndex';

/** The package.json check waits until the window has settled, like the walkthrough's first measurement. */
const VERSION_CHECK_DELAY_MS = 1000;

const SELECTOR: vscode.DocumentSelector = [
  { language: 'typescript' }, { language: 'typescriptreact' }, { language: 'javascript' }, { language: 'javascriptreact' },
];

/**
 * Diagnostics and quick fixes for Clerk ↔ Convex wiring mistakes. Activation only registers listeners; the
 * parser loads with the first document that passes the pre-filter.
 *
 * API: `analysisIndex` (AnalysisIndexApi): `files()` → every analysed workspace file with facts and findings,
 * `mergedFacts()` → the OR of all files' facts, `onDidChangeFacts` → fires when either changes. Inside the
 * extension, other features reach the same index with getAnalysisIndex(ctx) from './index'.
 */
export function registerDiagnostics(ctx: FeatureContext): Partial<ExtensionApi> & { analysisIndex: AnalysisIndexApi } {
  const subscriptions = ctx.extension.subscriptions;
  const projectService = getProjectService(ctx);
  const collection = vscode.languages.createDiagnosticCollection('clerkConvex');
  const index = workspaceIndex(ctx);
  const controller = new DiagnosticsController(collection, index, projectLookup(ctx));
  subscriptions.push(
    collection, controller,
    vscode.workspace.onDidOpenTextDocument((d) => controller.schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) controller.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => controller.forget(d)),
    vscode.workspace.onDidSaveTextDocument((d) => void index.updateFromDocument(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('clerkConvex.diagnostics')) controller.refreshAll();
    }),
    index.onDidChangeProviders(() => controller.refreshAll()),
    index.onDidChangeFacts(() => ctx.events.fire({ kind: 'analysisChanged' })),
    projectService.onDidChange(() => controller.refreshAll()),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new ClerkConvexCodeActions(controller), {
      providedCodeActionKinds: ClerkConvexCodeActions.providedCodeActionKinds,
    }),
  );
  const versions = new ConvexVersionDiagnostics(projectService);
  const refreshVersions = (): void => void versions.refresh();
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
  return { analysisIndex: index };
}
