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
}
