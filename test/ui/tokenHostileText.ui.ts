// Untrusted text in the real webview (issues 15 and 16): bidi and invisible characters are marked wherever they
// reach the page (check titles and everything else drawn), never present raw; a long array is cut
// with a count and a "Copy whole value" button; a paste over the message limit gets a clear message.
import * as assert from 'node:assert/strict';
import type { UiHarness } from './harness';
import { decode, openTokenPanel } from './tokenPanel.ui';
import { clerkClaims } from './tokenInputs';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const SIG = Buffer.from('not-a-real-signature').toString('base64url');

export default async function tokenHostileText(h: UiHarness): Promise<void> {
  const frame = await openTokenPanel(h);
  const now = Math.floor(Date.now() / 1000);

  // aud with a right-to-left override: its check's title carries it, marked; nothing on the page holds it raw.
  await decode(
    frame,
    `${b64({ alg: 'RS256', kid: 'k', typ: 'JWT' })}.${b64(clerkClaims(now, { aud: '\u202eexevnoc', name: 'a\u200bb' }))}.${SIG}`,
  );
  const raw = await frame.evaluate(() => {
    const text = document.body.textContent ?? '';
    return [...text].filter((c) => /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(c)).length;
  });
  assert.equal(raw, 0, 'no raw bidi or invisible character anywhere on the page');
  assert.ok(
    (await frame.locator('.check[data-id="audience"] .check-title .hidden-char').count()) > 0,
    'marked in the check title',
  );
  await h.screenshot('token-panel-bidi-marked');

  // 10,000 one-character strings: 100 are drawn, the rest counted, the whole value copyable.
  await decode(
    frame,
    `${b64({ alg: 'RS256', kid: 'k', typ: 'JWT' })}.${b64(clerkClaims(now, { list: Array.from({ length: 10_000 }, () => 'a') }))}.${SIG}`,
  );
  const row = frame.locator('table[data-table="claims"] tr', { has: frame.locator('th', { hasText: /^list$/ }) });
  assert.match((await row.locator('.v-more').textContent()) ?? '', /9,900 more not shown/);
  assert.equal(await row.locator('button.copy-value').count(), 1);
  assert.ok(
    (await frame.locator('.results').evaluate((e) => e.textContent?.length ?? 0)) < 20_000,
    'the page holds what is shown, not the whole array',
  );

  // Over the 4 MiB message limit: said on the page, nothing sent.
  await frame.fill('#token-input', 'e'.repeat(5 * 1024 * 1024));
  await frame.click('button.primary:has-text("Decode")');
  const notice = frame.locator('[data-id="paste-too-large"]');
  await notice.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match((await notice.textContent()) ?? '', /5\.0 MiB, more than the 4\.0 MiB this panel accepts/);
  await h.screenshot('token-panel-paste-too-large');
}
