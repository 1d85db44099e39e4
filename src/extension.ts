import * as vscode from 'vscode';
import { registerAgentTools } from './features/agentTools/register';
import type { FeatureContext } from './features/api';
import { AnalysisService } from './features/services/analysisService';
import { registerDiagnostics } from './features/diagnostics/register';
import { WorkspaceIndex } from './features/services/workspaceIndex';
import { LessonEvents } from './features/lessonEvents';
import { createLog } from './features/log';
import { FolderEvents } from './features/project/folderEvents';
import { ProjectService } from './features/project/projectService';
import { registerSnippets } from './features/snippets/register';
import { publishTestHooks, type TestHooks } from './features/testHooks';
import { registerTokenPanel } from './features/tokenPanel/register';
import { registerWalkthrough } from './features/walkthrough/register';

// The one place services are created; each feature gets them in its FeatureContext and registers its own
// disposables. Heavy parts (the parser in its worker, jose) load on first use.
export function activate(extension: vscode.ExtensionContext): TestHooks | undefined {
  const log = createLog();
  const events = new LessonEvents();
  const analysis = new AnalysisService(extension, log);
  const folders = new FolderEvents(log);
  const project = new ProjectService(log, (files) => analysis.readAuthConfigs(files), folders);
  const index = new WorkspaceIndex(project, analysis, log, folders);
  extension.subscriptions.push(log, events, folders, project, analysis, index);
  const ctx: FeatureContext = { extension, events, log, project, analysis, index };
  const diagnostics = registerDiagnostics(ctx);
  const walkthrough = registerWalkthrough(ctx, diagnostics.editors);
  registerSnippets(ctx);
  const tokenPanel = registerTokenPanel(ctx);
  registerAgentTools(ctx, walkthrough.controller);
  // Each feature's test API, in one typed object; it leaves this function only in a test session (testHooks.ts).
  return publishTestHooks(extension, { project, ...walkthrough.testApi, ...diagnostics.testApi, ...tokenPanel });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
