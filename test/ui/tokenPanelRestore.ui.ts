// After a window reload the token panel comes back (its serializer restores it) but the token does not: it was
// never persisted, so the restored panel starts empty.
import * as assert from 'node:assert/strict';
import type { UiHarness } from './harness';
import { decode } from './tokenPanel.ui';
import { validToken } from './tokenInputs';

export default async function tokenPanelRestore(h: UiHarness): Promise<void> {
  const tab = h.page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first();
  await h.runCommand('Clerk ↔ Convex: Open Token Flow Panel');
  await tab.click();
  let frame = await h.webviewFrame('Token Flow');
  await frame.waitForSelector('#token-input');
  const token = validToken();
  await decode(frame, token);
  assert.ok(await frame.locator('table[data-table="claims"]').count() > 0, 'the token decoded before the reload');

  await h.page.reload();
  await h.page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 60_000 });
  await tab.click({ timeout: 30_000 });
  frame = await h.webviewFrame('Token Flow', 30_000);
  await frame.waitForSelector('#token-input');
  assert.equal(await frame.inputValue('#token-input'), '', 'the restored panel has no token in its paste box');
  assert.equal(await frame.locator('table[data-table="claims"]').count(), 0, 'no claims are shown after the reload');
  const signature = token.split('.')[2];
  const text = await frame.evaluate(() => document.body.innerText);
  assert.ok(!text.includes(signature), 'no part of the token is shown after the reload');
  await h.screenshot('token-panel-restored');
}
