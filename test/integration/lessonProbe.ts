// What the lesson saw when a wait for it ran out: the sandwich check, the index's files that hold a finding of
// that step or a sandwich fact, and the extension's log. A timed-out wait then says why, not only that.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/api';
import type { MeasuredFile } from '../../src/lessonState';
import { logText } from './helpers';

interface IndexLike {
  files(): Promise<readonly MeasuredFile[]>;
}

export async function lessonProbe(api: TestHooks): Promise<string> {
  const checks = (api.lessonChecks as (() => { id: string }[] | undefined) | undefined)?.() ?? [];
  const sandwich = checks.find((c) => c.id === 'sandwich');
  const index = api.analysisIndex as IndexLike | undefined;
  const files = index ? await index.files() : [];
  const relevant = files
    .filter((f) => f.facts.sandwichCorrect || f.findings.some((x) => x.lessonStep === 'sandwich'))
    .map((f) => `${f.path}: sandwichCorrect=${f.facts.sandwichCorrect} ${f.findings.map((x) => x.code).join(',')}`);
  const hooks = api.diagnostics as { logUri?: () => string } | undefined;
  const logDir = hooks?.logUri ? vscode.Uri.parse(hooks.logUri()).fsPath : undefined;
  const log = logDir && fs.existsSync(logDir) ? logText(logDir).slice(-3000) : '';
  return [
    `sandwich check: ${JSON.stringify(sandwich)}`,
    `keys: ${JSON.stringify(api.lessonContext?.() ?? {})}`,
    `indexed (${files.length}): ${relevant.join(' | ')}`,
    `log: ${log}`,
  ].join('\n');
}

/** Runs `wait`; when it throws, the error carries the probe. */
export async function explained<T>(api: TestHooks, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${await lessonProbe(api)}`);
  }
}
