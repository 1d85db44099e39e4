import type * as vscode from 'vscode';
import type { AnalysisService } from './services/analysisService';
import type { WorkspaceIndex } from './services/workspaceIndex';
import type { LessonEvents } from './lessonEvents';
import type { Log } from './log';
import type { ProjectService } from './project/projectService';

/**
 * The services every feature is handed, created once in extension.ts (one project reader, one workspace index,
 * one analysis worker, one log). Features never build their own copies.
 */
export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  readonly events: LessonEvents;
  readonly log: Log;
  readonly project: ProjectService;
  readonly analysis: AnalysisService;
  readonly index: WorkspaceIndex;
  /** Where features put their test hooks; published only to the test runner (see testHooks.ts). */
  readonly testHooks: TestHooks;
}

/**
 * What the integration tests observe that VS Code does not expose (context keys, the panel's last render). Never
 * part of the extension's exports: it reaches only the test runner's own channel.
 */
export interface TestHooks {
  [feature: string]: unknown;
  lessonContext?: () => Record<string, boolean>;
}
