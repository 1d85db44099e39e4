import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { TEST_RUNNER_ID } from '../../src/features/testHooks';

export const EXTENSION_ID = 'auth-access-course.clerk-convex-wiring';

/**
 * Activates the extension and returns its test hooks. The release build exports nothing: the hooks arrive through
 * the test runner's own channel (test/runner-extension), or, on a desktop test run, as activate()'s return value.
 */
export async function activateExtension(): Promise<TestHooks> {
  const ext = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  const returned = await ext.activate();
  if (returned) return returned;
  const runner = vscode.extensions.getExtension<{ hooks(): TestHooks | undefined }>(TEST_RUNNER_ID);
  if (!runner) throw new Error(`the test runner ${TEST_RUNNER_ID} is not installed`);
  const channel = await runner.activate();
  return waitFor('the test hooks on the runner channel', () => channel.hooks());
}

/** The sample project's file, in the fresh copy the harness opened. */
export function sampleUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Polls until `check` returns a value other than undefined, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `vscode.executeCodeActionProvider`, asked again when the workbench cancels it: every provider of the range is
 * asked, and one of them (the TypeScript server, busy on a loaded machine) being cancelled cancels the whole call.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
        kind,
      );
    } catch (err) {
      if (attempt >= 5 || !(err instanceof Error) || !/Canceled/.test(err.message)) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Everything the extension has written to its log files under `dir` (its logUri) so far. */
export function logText(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.log'))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/**
 * Closes every editor without the "save changes?" question, which nobody answers in a test and which would hang
 * the next hook until its timeout: dirty documents (untitled or edited, from this test or an earlier file) are
 * reverted and closed first.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isClosed) continue;
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
