import * as vscode from 'vscode';
import { shouldOpenOnStart } from '../../lessonState';
import type { ExtensionApi, FeatureContext } from '../api';
import type { LessonEvent } from '../lessonEvents';
import { CHOOSE_MODE_COMMAND, FOLLOW_CHECK_COMMAND, LessonChecksView } from './checksView';
import { LessonController } from './controller';
import { LessonCommands } from './lessonCommands';
import { ProgressStore } from './progressStore';
import { openSampleProject, sampleOptions } from './sampleProject';
import { workspaceSources } from './sources';

/** Measuring waits until the window has settled; nothing here runs inside activate() itself. */
const FIRST_MEASURE_DELAY_MS = 500;
const USE_MODE_COMMAND = 'clerkConvex.lesson.useClerkMode';

export function registerWalkthrough(ctx: FeatureContext): Partial<ExtensionApi> {
  const { extension } = ctx;
  const store = new ProgressStore(extension);
  const sources = workspaceSources(ctx);
  const controller = new LessonController(store, sources);
  const view = new LessonChecksView(controller);
  const commands = new LessonCommands(extension, store, controller);

  extension.subscriptions.push(
    sources,
    controller,
    view,
    vscode.window.createTreeView('clerkConvex.lessonChecks', { treeDataProvider: view, showCollapseAll: false }),
    controller.onDidChange(() => view.refresh()),
    sources.onDidChange(() => controller.schedule()),
    ctx.events.onEvent((e) => {
      if (e.kind !== 'analysisChanged') void controller.record(e);
    }),
    vscode.commands.registerCommand('clerkConvex.openLesson', (step?: unknown) => commands.openLesson(step)),
    vscode.commands.registerCommand('clerkConvex.resetProgress', (options?: unknown) => commands.resetProgress(options)),
    vscode.commands.registerCommand('clerkConvex.refreshLessonChecks', () => controller.update()),
    vscode.commands.registerCommand('clerkConvex.openSampleProject', (arg?: unknown) => openSampleProject(extension, sampleOptions(arg))),
    vscode.commands.registerCommand(FOLLOW_CHECK_COMMAND, (id: unknown) => commands.followCheck(id)),
    vscode.commands.registerCommand(CHOOSE_MODE_COMMAND, () => commands.chooseClerkMode()),
    // Used by the walkthrough's "show the other variant" links, which pass the mode as their argument.
    vscode.commands.registerCommand(USE_MODE_COMMAND, (mode: unknown) => commands.useClerkMode(mode)),
  );

  const start = setTimeout(() => {
    controller.schedule(0);
    void openOnFirstStart(extension, store, commands);
  }, FIRST_MEASURE_DELAY_MS);
  extension.subscriptions.push({ dispose: () => clearTimeout(start) });

  return {
    lessonContext: () => controller.contextKeys(),
    /** Test hook: what the panel and the exercise report, fired on the shared bus. */
    fireLessonEvent: (e: LessonEvent) => ctx.events.fire(e),
  };
}

async function openOnFirstStart(extension: vscode.ExtensionContext, store: ProgressStore, commands: LessonCommands): Promise<void> {
  const underTest = extension.extensionMode === vscode.ExtensionMode.Test || underTestHarness();
  const open = shouldOpenOnStart({
    enabled: vscode.workspace.getConfiguration('clerkConvex.lesson').get<boolean>('openOnFirstInstall', true),
    alreadyOpened: store.openedOnce,
    underTest,
  });
  // The first start is used up whether or not the setting let the lesson open: turning it on later never
  // makes the lesson appear by itself.
  if (!underTest) await store.markOpened();
  if (open) await commands.openLesson();
}

/** The integration harness runs the extension in production mode; it announces itself through this variable. */
function underTestHarness(): boolean {
  return typeof process !== 'undefined' && typeof process.env === 'object' && !!process.env.CLERK_CONVEX_TEST_RESULTS;
}
