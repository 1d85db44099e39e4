import * as vscode from 'vscode';
import { loadFeatures } from '../../lazy';
import type { ExtensionApi, FeatureContext } from '../api';
import type { LessonEvent } from '../lessonEvents';
import { ChecksViewShell } from './checksViewShell';
import { CHOOSE_MODE_COMMAND, FOLLOW_CHECK_COMMAND, USE_MODE_COMMAND } from './commandIds';
import type { Lesson } from './lesson';

/** Measuring waits until the window has settled; nothing here runs inside activate() itself. */
const FIRST_MEASURE_DELAY_MS = 500;

/**
 * Two-stage: activation registers the view, the commands and the event hook; the lesson's state, measurements
 * and commands (in the lazily loaded features bundle) arrive with the first measurement, the first command or
 * the first look at the Lesson Checks view, whichever comes first.
 */
export function registerWalkthrough(ctx: FeatureContext): Partial<ExtensionApi> {
  const { extension } = ctx;
  let started: Lesson | undefined;
  let starting: Promise<Lesson> | undefined;
  const shell = new ChecksViewShell(() => void lesson());
  const lesson = (): Promise<Lesson> => (starting ??= loadFeatures().then((f) => {
    started = f.startLesson(ctx);
    shell.attach(started.view);
    return started;
  }));

  extension.subscriptions.push(
    shell,
    vscode.window.createTreeView('clerkConvex.lessonChecks', { treeDataProvider: shell, showCollapseAll: false }),
    ctx.events.onEvent((e) => {
      if (e.kind !== 'analysisChanged') void lesson().then((l) => l.controller.record(e));
    }),
    vscode.commands.registerCommand('clerkConvex.openLesson', async (step?: unknown) => (await lesson()).commands.openLesson(step)),
    vscode.commands.registerCommand('clerkConvex.resetProgress', async (options?: unknown) => (await lesson()).commands.resetProgress(options)),
    vscode.commands.registerCommand('clerkConvex.refreshLessonChecks', async () => (await lesson()).controller.update()),
    vscode.commands.registerCommand('clerkConvex.openSampleProject', async (arg?: unknown) => {
      const { openSampleProject, sampleOptions } = await loadFeatures();
      return openSampleProject(extension, sampleOptions(arg));
    }),
    vscode.commands.registerCommand('clerkConvex.installSamplePackages', async () => (await loadFeatures()).installSamplePackages()),
    vscode.commands.registerCommand(FOLLOW_CHECK_COMMAND, async (id: unknown) => (await lesson()).commands.followCheck(id)),
    vscode.commands.registerCommand(CHOOSE_MODE_COMMAND, async () => (await lesson()).commands.chooseClerkMode()),
    vscode.commands.registerCommand(USE_MODE_COMMAND, async (mode: unknown) => (await lesson()).commands.useClerkMode(mode)),
  );

  const start = setTimeout(() => {
    void lesson().then(async (l) => {
      l.controller.schedule(0);
      const { offerSamplePackages, openOnFirstStart } = await loadFeatures();
      await openOnFirstStart(extension, l);
      await offerSamplePackages(extension);
    });
  }, FIRST_MEASURE_DELAY_MS);
  extension.subscriptions.push({ dispose: () => clearTimeout(start) });

  return {
    /** Test hook: the context keys the lesson set (empty until the lesson's first measurement). */
    lessonContext: () => started?.controller.contextKeys() ?? {},
    /** Test hook: what the panel and the exercise report, fired on the shared bus. */
    fireLessonEvent: (e: LessonEvent) => ctx.events.fire(e),
  };
}
