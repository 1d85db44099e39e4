import * as vscode from 'vscode';
import { usesClerkOrConvex, type MeasuredFile, type MeasuredWorkspace } from '../../lessonState';
import type { FeatureContext } from '../api';
import type { AnalysisIndexApi } from '../diagnostics/workspaceIndex';
import { getProjectService } from '../project';

export interface Measurement extends MeasuredWorkspace {
  hasFolder: boolean;
}

/** Where the lesson's measurements come from, and when they may have changed. */
export interface LessonSources extends vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
  measure(): Promise<Measurement>;
}

/**
 * The project service (auth.config, env, package.json) and the diagnostics feature's per-file facts and
 * findings. Nothing is read until the first measure(), which the controller defers past activation.
 */
export function workspaceSources(ctx: FeatureContext): LessonSources {
  const changed = new vscode.EventEmitter<void>();
  const project = getProjectService(ctx);
  const subscriptions = [
    changed,
    project.onDidChange(() => changed.fire()),
    ctx.events.onEvent((e) => {
      if (e.kind === 'analysisChanged') changed.fire();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
  ];
  return {
    onDidChange: changed.event,
    async measure() {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return { hasFolder: false };
      const snapshot = await project.getSnapshot(folder.uri);
      // Reading every source file is the diagnostics index's job in a Clerk/Convex project; elsewhere there is
      // nothing for the lesson to find, so the scan is skipped.
      const files = usesClerkOrConvex(snapshot) ? await analysedFiles(ctx) : [];
      return files ? { hasFolder: true, project: snapshot, files } : { hasFolder: true, project: snapshot };
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}

/**
 * The diagnostics feature's workspace index, published as `analysisIndex` on our own extension API. It is
 * read at measure time, after activate() has returned, so the order features register in does not matter.
 */
async function analysedFiles(ctx: FeatureContext): Promise<readonly MeasuredFile[] | undefined> {
  const exports = ctx.extension.extension.exports as { analysisIndex?: AnalysisIndexApi } | undefined;
  const index = exports?.analysisIndex;
  if (!index) return undefined;
  try {
    return await index.files();
  } catch {
    // The analysis bundle could not load: the file-based checks stay "not checked yet" rather than fail.
    return undefined;
  }
}
