import * as vscode from 'vscode';
import { usesClerkOrConvex, type MeasuredWorkspace } from '../../lessonState';
import type { FeatureContext } from '../api';
import { logFailure } from '../log';

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
  const { project, index } = ctx;
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
      if (!usesClerkOrConvex(snapshot)) return { hasFolder: true, project: snapshot, files: [] };
      try {
        const files = await index.files();
        const unmeasured = index.unmeasured().map(({ path, reason }) => ({ path, reason }));
        return { hasFolder: true, project: snapshot, files, unmeasured };
      } catch (err) {
        // The file-based checks stay "not checked yet" rather than fail.
        logFailure(ctx.log, 'measure the workspace for the lesson', err);
        return { hasFolder: true, project: snapshot };
      }
    },
    dispose() {
      for (const s of subscriptions) s.dispose();
    },
  };
}
