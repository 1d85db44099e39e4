// "Verify Signature" on a token whose issuer is this machine: the workbench asks first (a modal dialog), Cancel
// contacts nothing, and "Fetch Keys" does reach the address and fails cleanly there (it speaks no TLS) instead
// of hanging until the deadline.
import * as assert from 'node:assert/strict';
import type { UiHarness } from './harness';
import { startCountingServer, signedToken } from './localIssuer';
import { decode, openTokenPanel } from './tokenPanel.ui';

const CANCELLED = 'Verification cancelled: nothing was fetched.';

export default async function verifyLocalIssuer(h: UiHarness): Promise<void> {
  const { page } = h;
  const issuer = await startCountingServer();
  try {
    const frame = await openTokenPanel(h);
    await decode(frame, await signedToken(issuer.issuer));
    // The flow's animation ends by announcing where it stopped in the status line; on a slow machine it could end
    // after the cancel below and overwrite the line this test reads.
    await frame.waitForSelector('.diagram[data-state="done"]', { timeout: 30_000 });
    const verifyButton = frame.locator('button:has-text("Verify Signature")');
    const dialog = page.locator('.monaco-dialog-box');
    const askAndWait = async (): Promise<void> => {
      await verifyButton.click();
      await dialog.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(
        (await dialog.locator('.dialog-message-text').textContent())?.trim(),
        `Fetch discovery and keys from ${issuer.issuer}?`,
      );
      assert.match(
        (await dialog.locator('.dialog-message-detail').textContent()) ?? '',
        /it points at this machine or a private network\. Convex itself only accepts https issuers\./,
      );
    };

    // Cancel: the panel says nothing was fetched, and nothing connected.
    await askAndWait();
    await h.screenshot('verify-local-issuer-asks');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await frame.waitForFunction((text) => document.querySelector('#panel-status')?.textContent === text, CANCELLED);
    await page.locator('.notifications-toasts', { hasText: CANCELLED }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(
      await frame.locator('.check[data-id="network"], .check[data-id="discovery"], .check[data-id="timeout"]').count(),
      0,
      'no verification result after Cancel',
    );
    assert.equal(issuer.connections(), 0, 'Cancel must not contact the issuer');
    await h.screenshot('verify-local-issuer-cancelled');

    // Fetch Keys: the request goes to 127.0.0.1, meets no TLS, and the panel says the issuer could not be reached.
    await askAndWait();
    await dialog.locator('.monaco-button', { hasText: /^Fetch Keys$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const failure = frame.locator('.check[data-id="network"][data-status="fail"]');
    await failure.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal((await failure.locator('.check-title').textContent())?.trim(), 'The issuer could not be reached');
    assert.match(
      (await failure.locator('.check-detail').textContent()) ?? '',
      /^The request failed \(the server there does not speak https \(TLS\): ERR_SSL_WRONG_VERSION_NUMBER\)\./,
    );
    assert.equal(await frame.locator('.check[data-id="timeout"]').count(), 0, 'it failed at once, not at the deadline');
    assert.ok(issuer.connections() >= 1, 'Fetch Keys did contact the issuer');
    assert.equal(await verifyButton.isEnabled(), true, 'Verify Signature can be pressed again');
    await failure.scrollIntoViewIfNeeded();
    await h.screenshot('verify-local-issuer-failed');

    // An iss that is not an http(s) URL is refused without a request, so there is nothing to ask about.
    await decode(frame, await signedToken('javascript:alert(1)'));
    await verifyButton.click();
    await frame
      .locator('.check[data-id="verify-input"][data-status="fail"]', { hasText: 'No issuer URL to ask for keys' })
      .waitFor({ timeout: 10_000 });
    assert.equal(await dialog.count(), 0, 'no question for an issuer that is never fetched');
  } finally {
    await issuer.close();
  }
}
