// The browser build, as vscode.dev runs it: our extension only in the web-worker extension host, where nothing can
// listen on a port. The exercise runs the same model in memory (the real ConvexHttpClient with an in-memory fetch):
// anonymous → []; valid → refused as Convex would refuse it, since the sample's auth.config as shipped would not
// push; the wiring diagnostics come from the browser build's analyzer.
import * as assert from 'node:assert/strict';
import { extensionHostLog } from '../../scripts/lib/session.mjs';
import type { UiHarness } from './harness';

export default async function exerciseInWebWorker(h: UiHarness): Promise<void> {
  await h.runCommand('Clerk ↔ Convex: Run the Token Handoff Exercise');
  await h.page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first().click();
  const frame = await h.webviewFrame('Token Flow', 30_000);
  await frame.waitForSelector('.run[data-scenario="valid"]', { timeout: 60_000 });
  assert.equal(await frame.getAttribute('.run[data-scenario="anonymous"]', 'data-outcome'), 'ok');
  assert.match((await frame.textContent('.run[data-scenario="anonymous"]')) ?? '', /"value": \[\]/);
  assert.match((await frame.textContent('.run[data-scenario="valid"]')) ?? '', /no providers configured/);
  const body = (await frame.textContent('body')) ?? '';
  assert.match(body, /Answered in memory: this editor cannot open a port/);
  assert.doesNotMatch(body, /served from http:\/\/127\.0\.0\.1/);
  // It really ran in the browser: the Node extension host never activated our extension.
  assert.doesNotMatch(extensionHostLog(h.userDataDir), /_doActivateExtension auth-access-course\.clerk-convex-wiring/);
  await h.screenshot('exercise-web-worker');

  // The diagnostics come from the browser build of the analyzer (its Web Worker, dist/web/analysisWorker.js, where the
  // host can start one), as on vscode.dev.
  const { page } = h;
  await h.openFile('app/layout.tsx');
  await h.runCommand('Focus Problems (Errors, Warnings, Infos)');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'is rendered outside <ClerkProvider>' });
  await problem.first().waitFor({ state: 'visible', timeout: 60_000 });
  assert.match((await problem.first().textContent()) ?? '', /clerk-convex\/provider-order/);
  await h.screenshot('diagnostics-web-worker');
}
