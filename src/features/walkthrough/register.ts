import * as vscode from 'vscode';
import type { FeatureContext } from '../api';
import type { LessonEvent } from '../lessonEvents';
import { inBackground } from '../log';
import type { LessonCheck } from '../../lessonState';
import {
  CHOOSE_MODE_COMMAND,
  FOLLOW_CHECK_COMMAND,
  GATE_ON_CONVEX_AUTH_COMMAND,
  ISSUER_COMMAND,
  NEST_PROVIDERS_COMMAND,
  RECAP_COMMAND,
  USE_MODE_COMMAND,
} from './commandIds';
import { offerIssuerCommand } from './issuerVariable';
import { runRecap } from './recapPick';
import { StepActions } from './stepActions';
import type { EditorAnalyses } from '../diagnostics/editorAnalyses';
import type { LessonController } from './controller';
import { openOnFirstStart, startLesson } from './lesson';
import { installSamplePackages, offerSamplePackages, openSampleProject, sampleOptions } from './sampleProject';

/**
 * Opening the lesson waits until the window has settled. Measuring starts as soon as activate() has returned (never
 * inside it): it waits mostly on reads, searches and the worker, and a fixed wait was half a second of
 * every start-up's "not checked yet" (500 of the 2,569 ms of the bench's 5,000-file monorepo row on main).
 */
const FIRST_OPEN_DELAY_MS = 500;

/** What the integration tests observe of the lesson (see ../testHooks.ts). */
export interface WalkthroughTestApi {
  /** The context keys the lesson set (empty until the lesson's first measurement). */
  lessonContext(): Record<string, boolean>;
  /** What the panel and the exercise report, fired on the shared bus. */
  fireLessonEvent(e: LessonEvent): void;
  /** The Lesson Checks as last measured. */
  lessonChecks(): LessonCheck[] | undefined;
}

/**
 * The walkthrough's state, the Lesson Checks view and the lesson's commands. Activation builds the objects and
 * registers them; the first measurement runs on a timer (or when the view is first shown).
 */
export function registerWalkthrough(
  ctx: FeatureContext,
  editors: EditorAnalyses,
): {
  controller: LessonController;
  testApi: WalkthroughTestApi;
} {
  const { extension, log } = ctx;
  const lesson = startLesson(ctx);
  const { controller, commands } = lesson;
  const actions = new StepActions(controller, editors, log);

  extension.subscriptions.push(
    vscode.window.createTreeView('clerkConvex.lessonChecks', { treeDataProvider: lesson.view, showCollapseAll: false }),
    ctx.events.onEvent((e) => {
      if (e.kind !== 'analysisChanged') inBackground(log, `record lesson event ${e.kind}`, () => controller.record(e));
    }),
    vscode.commands.registerCommand('clerkConvex.openLesson', (step?: unknown) => commands.openLesson(step)),
    vscode.commands.registerCommand('clerkConvex.resetProgress', (options?: unknown) =>
      commands.resetProgress(options),
    ),
    vscode.commands.registerCommand('clerkConvex.refreshLessonChecks', () => controller.update()),
    vscode.commands.registerCommand('clerkConvex.openSampleProject', (arg?: unknown) =>
      openSampleProject(extension, sampleOptions(arg)),
    ),
    vscode.commands.registerCommand('clerkConvex.installSamplePackages', () => installSamplePackages()),
    vscode.commands.registerCommand(FOLLOW_CHECK_COMMAND, (id: unknown) => commands.followCheck(id)),
    vscode.commands.registerCommand(CHOOSE_MODE_COMMAND, () => commands.chooseClerkMode()),
    vscode.commands.registerCommand(USE_MODE_COMMAND, (mode: unknown) => commands.useClerkMode(mode)),
    vscode.commands.registerCommand(NEST_PROVIDERS_COMMAND, () => actions.nestProviders()),
    vscode.commands.registerCommand(GATE_ON_CONVEX_AUTH_COMMAND, () => actions.gateOnConvexAuth()),
    vscode.commands.registerCommand(ISSUER_COMMAND, () => offerIssuerCommand(ctx.project)),
    vscode.commands.registerCommand(RECAP_COMMAND, () => runRecap()),
  );

  const measure = setTimeout(() => {
    lesson.store.enableSync();
    controller.schedule(0);
  }, 0);
  const open = setTimeout(() => {
    inBackground(log, 'open the lesson on first start', async () => {
      await openOnFirstStart(extension, lesson);
      await offerSamplePackages(extension);
    });
  }, FIRST_OPEN_DELAY_MS);
  extension.subscriptions.push({
    dispose: () => {
      clearTimeout(measure);
      clearTimeout(open);
    },
  });

  const testApi: WalkthroughTestApi = {
    lessonContext: () => controller.contextKeys(),
    fireLessonEvent: (e) => ctx.events.fire(e),
    lessonChecks: () => controller.state?.checks,
  };
  return { controller, testApi };
}
