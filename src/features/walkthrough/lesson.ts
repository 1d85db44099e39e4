import * as vscode from 'vscode';
import { shouldOpenOnStart } from '../../lessonState';
import type { FeatureContext } from '../api';
import { LessonChecksView } from './checksView';
import { LessonController } from './controller';
import { LessonCommands } from './lessonCommands';
import { ProgressStore } from './progressStore';
import { workspaceSources } from './sources';

/** The lesson's moving parts, built once at activation (see register.ts); nothing is measured until later. */
export interface Lesson {
  controller: LessonController;
  commands: LessonCommands;
  view: LessonChecksView;
  store: ProgressStore;
}

/** Builds the lesson's state, view and commands; everything goes into the extension's subscriptions. */
export function startLesson(ctx: FeatureContext): Lesson {
  const { extension } = ctx;
  const store = new ProgressStore(extension);
  const sources = workspaceSources(ctx);
  const controller = new LessonController(store, sources, ctx.log);
  const view = new LessonChecksView(controller);
  const commands = new LessonCommands(extension, store, controller, ctx.log);
  extension.subscriptions.push(
    sources,
    controller,
    view,
    controller.onDidChange(() => view.refresh()),
    sources.onDidChange(() => controller.schedule()),
  );
  return { controller, commands, view, store };
}

export async function openOnFirstStart(extension: vscode.ExtensionContext, lesson: Lesson): Promise<void> {
  const underTest = extension.extensionMode === vscode.ExtensionMode.Test || underTestHarness();
  const open = shouldOpenOnStart({
    enabled: vscode.workspace.getConfiguration('clerkConvex.lesson').get<boolean>('openOnFirstInstall', true),
    alreadyOpened: lesson.store.openedOnce,
    underTest,
  });
  // The first start is used up whether or not the setting let the lesson open: turning it on later never
  // makes the lesson appear by itself.
  if (!underTest) await lesson.store.markOpened();
  if (open) await lesson.commands.openLesson();
}

/** The integration harness runs the extension in production mode; it announces itself through this variable. */
function underTestHarness(): boolean {
  return typeof process !== 'undefined' && typeof process.env === 'object' && !!process.env.CLERK_CONVEX_TEST_RESULTS;
}
