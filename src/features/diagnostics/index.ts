import type * as vscode from 'vscode';
import type { FeatureContext } from '../api';
import { getProjectService } from '../project';
import { sharedWeakMap } from '../sharedState';
import { WorkspaceIndex, type AnalysisIndexApi, type ProjectLookup } from './workspaceIndex';

export type { AnalysedFile, AnalysisIndexApi, MergedFacts } from './workspaceIndex';

const indexes = sharedWeakMap<vscode.ExtensionContext, WorkspaceIndex>('analysisIndexes');

/** The project snapshot for a file, or undefined when it cannot be read (rules then skip project checks). */
export function projectLookup(ctx: FeatureContext): ProjectLookup {
  const service = getProjectService(ctx);
  return async (uri) => {
    try {
      return await service.getSnapshot(uri);
    } catch {
      return undefined;
    }
  };
}

/** The one workspace index of this extension context (created on first call, disposed with the extension). */
export function workspaceIndex(ctx: FeatureContext): WorkspaceIndex {
  let index = indexes.get(ctx.extension);
  if (!index) {
    index = new WorkspaceIndex(projectLookup(ctx));
    indexes.set(ctx.extension, index);
    ctx.extension.subscriptions.push(index);
  }
  return index;
}

/**
 * For other features (the walkthrough): every analysed file's facts and findings, their merge, and an event
 * when they change. Nothing is read until the first call to files() or mergedFacts().
 */
export function getAnalysisIndex(ctx: FeatureContext): AnalysisIndexApi {
  return workspaceIndex(ctx);
}
