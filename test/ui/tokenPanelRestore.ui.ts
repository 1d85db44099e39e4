// After a window reload the token panel comes back (its serializer restores it) but the token does not: it was
// never persisted, so the restored panel starts empty.
import * as assert from 'node:assert/strict';
import { FIRST_START_MS, type UiHarness } from './harness';
import { decode } from './tokenPanel.ui';
import { validToken } from './tokenInputs';

export default async function tokenPanelRestore(h: UiHarness): Promise<void> {
  const tab = h.page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first();
  // Activate first (on a fresh profile the lesson opens once on activation and would cover the panel), then start clean.
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  await h.page.locator('.getting-started-step').first().waitFor({ state: 'visible', timeout: FIRST_START_MS });
  await h.reset();
  await h.runCommand('Clerk ↔ Convex: Open Token Flow Panel');
  await tab.click();
  let frame = await h.webviewFrame('Token Flow');
  await frame.waitForSelector('#token-input');
  const token = validToken();
  await decode(frame, token);
  assert.ok((await frame.locator('table[data-table="claims"]').count()) > 0, 'the token decoded before the reload');

  // "Developer: Reload Window" shuts the workbench down in order (saving its layout), as a learner's reload does.
  await h.runCommand('Developer: Reload Window');
  await h.page.waitForLoadState('load');
  await h.page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 60_000 });
  await tab.click({ timeout: 60_000 });
  frame = await h.webviewFrame('Token Flow', 60_000);
  await frame.waitForSelector('#token-input');
  assert.equal(await frame.inputValue('#token-input'), '', 'the restored panel has no token in its paste box');
  assert.equal(await frame.locator('table[data-table="claims"]').count(), 0, 'no claims are shown after the reload');
  const signature = token.split('.')[2];
  const text = await frame.evaluate(() => document.body.innerText);
  assert.ok(!text.includes(signature), 'no part of the token is shown after the reload');
  await h.screenshot('token-panel-restored');
}
