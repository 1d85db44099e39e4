import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/features/testHooks';
import { hostileInputs, validToken } from '../ui/tokenInputs';
import { activateExtension, closeAllEditors, logText, waitFor } from './helpers';

const VIEW_TYPE = 'clerkConvex.tokenFlow';

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

let fileCount = 0;

/**
 * Puts text in a saved file outside the workspace (an untitled editor would be dirty, and closing it would stall
 * the suite on a save prompt), selects all of it and runs "Decode Selected Token".
 */
async function decodeViaSelection(text: string): Promise<void> {
  const file = vscode.Uri.file(path.join(os.tmpdir(), `clerk-convex-token-${process.pid}-${fileCount++}.txt`));
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(file);
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
  await vscode.commands.executeCommand('clerkConvex.decodeSelection');
}

describe('token-flow panel in a real VS Code (sample project)', () => {
  let api: TestHooks;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(async () => {
    api.tokenPanel.close();
    await closeAllEditors();
  });

  it('opens one panel, whose webview loads, says hello and gets the project checks', async () => {
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    await waitFor('the panel tab', () => (panelTabs().length > 0 ? true : undefined));
    assert.equal(panelTabs().length, 1, 'a second open reveals the same panel');
    // The project checks are sent in reply to the webview's `ready`, so their arrival proves the page's script ran.
    const project = await waitFor('project checks', () => api.tokenPanel.lastRender()?.project);
    const ids = project.map((c) => c.id);
    assert.ok(ids.includes('auth-config'), ids.join(','));
    // The sample writes the JWKS URL as the domain and misspells applicationID.
    assert.ok(ids.includes('provider-1-domain-wellknown'), ids.join(','));
    assert.ok(ids.includes('provider-1-app-id-missing'), ids.join(','));
    assert.ok(ids.includes('publishable-key'), ids.join(','));
  });

  it('decodes a selected token: claims sub/iss/aud first, the flow stops where Convex would, and the webview draws it', async () => {
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    await waitFor('webview ready', () => api.tokenPanel.lastRender()?.project);
    const drawn = api.tokenPanel.nextRender();
    await decodeViaSelection(validToken());
    const report = await waitFor('report', () => api.tokenPanel.lastRender()?.report);
    assert.deepEqual(
      report.claims?.slice(0, 3).map((c) => c.name),
      ['sub', 'iss', 'aud'],
    );
    assert.equal(report.clerkMode, 'integration');
    // The sample's auth.config names no usable provider, so Convex would find none for this issuer.
    assert.equal(report.failedStage, 'match');
    const summary = (await drawn) as { what: string; stoppedAt?: string; rows: number };
    assert.equal(summary.what, 'report');
    assert.equal(summary.stoppedAt, 'match');
    assert.equal(summary.rows, report.claims?.length);
    await waitFor('the walkthrough to tick the decode step', () =>
      api.lessonContext()['clerkConvex.lesson.done.decodeToken'] ? true : undefined,
    );
  });

  it('normalises "Bearer", quotes and line breaks and says what it removed', async () => {
    const split = hostileInputs().find((h) => h.name === 'bearer-quoted-split');
    assert.ok(split);
    await decodeViaSelection(split.text);
    const report = await waitFor('report', () => api.tokenPanel.lastRender()?.report);
    assert.ok(report.removed.length >= 2, report.removed.join(', '));
    assert.ok(report.claims?.some((c) => c.name === 'sub'));
  });

  it('decodes the clipboard', async function () {
    const token = validToken();
    // A headless browser may never answer clipboard calls (no permission, no focus): skip rather than hang.
    const roundTrip = (async () => {
      await vscode.env.clipboard.writeText(token);
      return vscode.env.clipboard.readText();
    })();
    const read = await Promise.race([roundTrip, new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000))]);
    if (read !== token) this.skip();
    await vscode.commands.executeCommand('clerkConvex.decodeClipboard');
    const report = await waitFor('report', () => api.tokenPanel.lastRender()?.report);
    assert.equal(report.claims?.[0]?.name, 'sub');
  });

  it('refuses a 2 MB paste before decoding and shows HTML in claims as text', async () => {
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    const inputs = new Map(hostileInputs().map((h) => [h.name, h.text]));
    await decodeViaSelection(inputs.get('two-megabytes') ?? '');
    const big = await waitFor('size report', () => api.tokenPanel.lastRender()?.report);
    assert.equal(big.claims, undefined);
    assert.ok(
      big.checks.some((c) => c.status === 'fail' && c.stage === 'attach'),
      JSON.stringify(big.checks),
    );
    await decodeViaSelection(inputs.get('html-in-claims') ?? '');
    const html = await waitFor('html report', () => {
      const r = api.tokenPanel.lastRender()?.report;
      return r?.claims ? r : undefined;
    });
    const name = html.claims?.find((c) => c.name === 'name');
    assert.deepEqual(name?.value, { k: 'str', v: '<img src=x onerror=alert(1)>' });
  });

  it('verifies on request in the host, and reports an issuer that cannot be reached instead of hanging', async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // verification is refused in Restricted Mode by design
    // `.invalid` never resolves, so the fetch fails at once without touching any real issuer.
    const token = validToken().split('.');
    const payload = JSON.parse(Buffer.from(token[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    payload.iss = 'https://clerk.example.invalid';
    await decodeViaSelection(`${token[0]}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token[2]}`);
    await waitFor('report', () => api.tokenPanel.lastRender()?.report);
    await api.tokenPanel.verify();
    const verified = await waitFor('verification', () => api.tokenPanel.lastRender()?.verified);
    const failed = verified.filter((c) => c.status === 'fail');
    assert.ok(failed.length > 0, JSON.stringify(verified));
    assert.equal(failed[0]?.stage, 'discover', JSON.stringify(failed));
  });

  it('work that finishes after the panel was closed (its function list, the project checks) is dropped, not an error in the log', async () => {
    const logDir = vscode.Uri.parse(api.diagnostics.logUri()).fsPath;
    const before = logText(logDir).split('Webview is disposed').length;
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    // `ready` starts the project checks and the listing of the learner's functions; the tab closes at once.
    await waitFor('webview ready', () => api.tokenPanel.lastRender()?.project);
    api.project.refresh();
    await closeAllEditors();
    await waitFor('panel closed', () => (api.tokenPanel.isOpen() ? undefined : true));
    // The project re-read, then every re-read the panel had started (the listing starts the exercise's issuer first).
    await api.project.settled();
    await api.tokenPanel.settled();
    assert.equal(
      logText(logDir).split('Webview is disposed').length,
      before,
      'nothing was posted to the closed webview',
    );
  });

  it('closing the panel clears the test record', async () => {
    await vscode.commands.executeCommand('clerkConvex.openTokenPanel');
    assert.equal(api.tokenPanel.isOpen(), true);
    await closeAllEditors();
    await waitFor('panel closed', () => (api.tokenPanel.isOpen() ? undefined : true));
    assert.equal(api.tokenPanel.lastRender(), undefined);
  });
});
