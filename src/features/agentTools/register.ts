import * as vscode from 'vscode';
import { findingAnswers, lessonChecksText, positionInText, type StepAnswer } from '../../agent/lessonChecksAnswer';
import { loadCrypto } from '../../lazy';
import { usesClerkOrConvex, type LessonCheck } from '../../lessonState';
import { resolveProviders } from '../../project/resolveProviders';
import type { FeatureContext } from '../api';
import { analyseInProject } from '../tokenPanel/analyseInProject';
import { checkTitle, missingText, unknownText } from '../walkthrough/checkText';
import type { LessonController } from '../walkthrough/controller';

export const LESSON_CHECKS_TOOL = 'clerkConvex_lessonChecks';
export const CHECK_TOKEN_TOOL = 'clerkConvex_checkToken';

/** Pasted text above this is refused unread, as the panel refuses it (the decoder's own limit is lower). */
const MAX_TOKEN_INPUT = 4 * 1024 * 1024;

function text(value: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
}

/**
 * The lesson's checks for coding agents (Copilot's agent mode and others): the Lesson Checks view's content with
 * every finding's file, line, message and fix titles; and the token panel's offline checks of a token against the
 * project's auth.config. Both only read: nothing is written, run or sent, so VS Code asks no confirmation.
 */
export function registerAgentTools(ctx: FeatureContext, controller: LessonController): void {
  // `vscode.lm` arrived with VS Code 1.95 (engines.vscode); a host without it simply gets no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return;
  ctx.extension.subscriptions.push(
    vscode.lm.registerTool<{ step?: string }>(LESSON_CHECKS_TOOL, {
      prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading the Clerk ↔ Convex lesson checks') }),
      invoke: async (options, token) => text(await lessonChecks(ctx, controller, options.input.step, token)),
    }),
    vscode.lm.registerTool<{ token?: unknown }>(CHECK_TOKEN_TOOL, {
      prepareInvocation: () => ({
        invocationMessage: vscode.l10n.t('Checking a token offline against the project’s auth.config'),
      }),
      invoke: async (options) => text(await checkToken(ctx, options.input.token)),
    }),
  );
}

async function lessonChecks(
  ctx: FeatureContext,
  controller: LessonController,
  step: string | undefined,
  cancel: vscode.CancellationToken,
): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return vscode.l10n.t('No folder is open, so there is no project to check.');
  await controller.update();
  const state = controller.state;
  if (!state) return vscode.l10n.t('The lesson checks could not be measured; see the Clerk ↔ Convex log.');
  const snapshot = await ctx.project.getSnapshot(folder.uri);
  const files = usesClerkOrConvex(snapshot) ? await ctx.index.files() : [];
  if (cancel.isCancellationRequested) return '';
  // A read-only tool opens no document (opening one would start its analysis as an editor document): the text is
  // the open document's when there is one, as the index analysed it, and the file's on disk otherwise.
  const texts = new Map<string, Promise<string>>();
  const textOf = (uri: string): Promise<string> => {
    let text = texts.get(uri);
    if (!text) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      text = open
        ? Promise.resolve(open.getText())
        : Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri))).then((b) => new TextDecoder().decode(b));
      texts.set(uri, text);
    }
    return text;
  };
  const positionOf = async (uri: string, offset: number): Promise<{ line: number; character: number }> =>
    positionInText(await textOf(uri), offset);
  const checks = state.checks.filter((c) => step === undefined || c.id === step);
  const steps = await Promise.all(checks.map((c) => stepAnswer(c, positionOf)));
  const { findings, more } = await findingAnswers(
    step === undefined
      ? files
      : files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.lessonStep === step) })),
    positionOf,
  );
  const passing = steps.filter((s) => s.status === 'pass').length;
  return lessonChecksText({
    summary: vscode.l10n.t(
      '{0} of {1} lesson steps pass; {2} findings in the workspace.',
      String(passing),
      String(steps.length),
      String(findings.length + more),
    ),
    steps,
    findings,
    ...(more > 0 ? { moreFindings: more } : {}),
    tokenSource: state.variants.jwtTemplate ? 'template' : 'integration',
  });
}

async function stepAnswer(
  check: LessonCheck,
  positionOf: (uri: string, offset: number) => Promise<{ line: number; character: number }>,
): Promise<StepAnswer> {
  const base = { step: check.id, title: checkTitle(check.id) };
  if (check.status === 'pass') return { ...base, status: 'pass' };
  if (check.status === 'unknown')
    return {
      ...base,
      status: check.unmeasured?.length ? 'could not tell' : 'not checked yet',
      detail: unknownText(check),
    };
  const fix = check.fix;
  return {
    ...base,
    status: 'missing',
    detail: missingText(check.reason),
    ...(fix?.kind === 'location'
      ? { fix: { file: fix.path, line: (await positionOf(fix.uri, fix.start)).line + 1 } }
      : fix?.kind === 'command'
        ? { fix: { command: fix.command } }
        : {}),
  };
}

async function checkToken(ctx: FeatureContext, input: unknown): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '')
    return vscode.l10n.t('Give the token as the "token" string (a JWT, with or without "Bearer ").');
  if (input.length > MAX_TOKEN_INPUT) return vscode.l10n.t('That text is far larger than any token; it was not read.');
  const folder = vscode.workspace.workspaceFolders?.[0];
  const snapshot = await ctx.project.getSnapshot(folder?.uri);
  const [{ report }, { tokenCheckAnswer, withoutToken }] = await Promise.all([
    analyseInProject(ctx, input, snapshot),
    loadCrypto(),
  ]);
  const configs = snapshot.authConfigs.map((c) => ({ path: c.path, providers: resolveProviders(snapshot, c) }));
  const answer = JSON.stringify(tokenCheckAnswer(report, configs), null, 1);
  return withoutToken(answer, [input.trim(), report.input.token]);
}
