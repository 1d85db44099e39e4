// What the lesson saw when a wait for it ran out: the sandwich check, the index's files that hold a finding of
// that step or a sandwich fact, and the extension's log. A timed-out wait then says why, not only that.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { logText, sampleUri } from './helpers';

export async function lessonProbe(api: TestHooks): Promise<string> {
  const checks = api.lessonChecks() ?? [];
  const sandwich = checks.find((c) => c.id === 'sandwich');
  const files = await api.analysisIndex.files();
  const relevant = files
    .filter((f) => f.facts.sandwichCorrect || f.findings.some((x) => x.lessonStep === 'sandwich'))
    .map((f) => `${f.path}: sandwichCorrect=${f.facts.sandwichCorrect} ${f.findings.map((x) => x.code).join(',')}`);
  const logDir = vscode.Uri.parse(api.diagnostics.logUri()).fsPath;
  const log = fs.existsSync(logDir) ? logText(logDir).slice(-3000) : '';
  return [
    `sandwich check: ${JSON.stringify(sandwich)}`,
    ...files.filter((f) => f.findings.some((x) => x.lessonStep === 'sandwich')).map((f) => fileProbe(api, f.path)),
    `keys: ${JSON.stringify(api.lessonContext())}`,
    `indexed (${files.length}): ${relevant.join(' | ')}`,
    `log: ${log}`,
  ].join('\n');
}

/** The file as the editor, the disk and the diagnostics see it: which of them the index disagrees with. */
function fileProbe(api: TestHooks, relative: string): string {
  const uri = sampleUri(relative);
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const nesting = (text: string): string =>
    text.indexOf('<ClerkProvider>') < text.indexOf('<ConvexClientProvider>') ? 'Clerk outside' : 'Convex outside';
  const disk = fs.existsSync(uri.fsPath) ? nesting(fs.readFileSync(uri.fsPath, 'utf8')) : 'absent';
  const editor = document
    ? `open v${document.version}${document.isDirty ? ' dirty' : ''}, ${nesting(document.getText())}`
    : 'not open';
  const shown = vscode.languages
    .getDiagnostics(uri)
    .map((d) => (typeof d.code === 'object' ? d.code.value : d.code))
    .join(',');
  return `${relative}: disk ${disk}; editor ${editor}; diagnostics [${shown}]; analyses ${api.diagnostics.analysesOf(relative)}`;
}

/** Runs `wait`; when it throws, the error carries the probe. */
export async function explained<T>(api: TestHooks, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${await lessonProbe(api)}`);
  }
}
