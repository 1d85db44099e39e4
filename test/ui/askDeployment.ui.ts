// "Ask my deployment" in the real workbench: the sample's .env.local also names a deployment on this machine
// (the exercise's Convex stand-in, speaking Convex's HTTP API). Asking it brings up a modal naming the host first;
// Cancel sends nothing; "Send Token" shows the deployment's own verdict beside the panel's prediction (they
// disagree: the sample's local auth.config is broken, the deployment's is not), then runs one of the sample's
// queries as the token's user.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startDeploymentStandIn } from './deploymentStandIn';
import type { UiHarness } from './harness';
import { decode, openTokenPanel } from './tokenPanel.ui';

export default async function askDeployment(h: UiHarness): Promise<void> {
  const { page } = h;
  const d = await startDeploymentStandIn();
  const envFile = path.join(h.workspace, '.env.local');
  const original = fs.readFileSync(envFile, 'utf8');
  const host = new URL(d.standIn.url).host;
  try {
    fs.writeFileSync(envFile, `${original}\nCONVEX_URL=${d.standIn.url}\n`);
    const frame = await openTokenPanel(h);
    const token = await d.valid();
    await decode(frame, token);
    const row = frame.locator('.deployment-row', { hasText: d.standIn.url });
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    // The sample's own deployment is listed too, with its environment and Clerk instance, and never asked here.
    const sampleRow = frame.locator('.deployment-row', { hasText: 'https://happy-otter-123.convex.cloud' });
    assert.match((await sampleRow.textContent()) ?? '', /NEXT_PUBLIC_CONVEX_URL in \.env\.local/);
    assert.match((await sampleRow.textContent()) ?? '', /exotic-crab-75\.clerk\.accounts\.dev/);

    const ask = row.locator('button[data-action="ask"]');
    const dialog = page.locator('.monaco-dialog-box');
    await ask.click();
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal((await dialog.locator('.dialog-message-text').textContent())?.trim(), `Send your token to ${host}?`);
    assert.match(
      (await dialog.locator('.dialog-message-detail').textContent()) ?? '',
      /it is not https, so the token would cross the network unencrypted and it points at this machine or a private network and it is not a Convex Cloud address/,
    );
    await h.screenshot('ask-deployment-asks');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('.notifications-toasts', { hasText: `Nothing was sent to ${d.standIn.url}.` })
      .waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(d.standIn.exchanges().length, 0, 'Cancel sends nothing');

    await ask.click();
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await dialog.locator('.monaco-button', { hasText: /^Send Token$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const verdicts = row.locator('.deployment-verdicts');
    await verdicts.waitFor({ state: 'visible', timeout: 20_000 });
    // Beside each other: the prediction from the local files and the deployment's answer.
    assert.equal(
      (await verdicts.locator('.verdict.predicted .verdict-line').textContent())?.trim(),
      'Refused: NoAuthProvider',
    );
    assert.match((await verdicts.locator('.verdict.answered .verdict-line').textContent()) ?? '', /^Accepted/);
    // The deployment's words, verbatim: the function lookup that only a passed token reaches.
    assert.match(
      (await verdicts.locator('.verdict.answered .convex-error').textContent()) ?? '',
      /Could not find public function for 'clerkConvexLessonProbe:thisFunctionDoesNotExist'/,
    );
    assert.equal(await verdicts.getAttribute('data-agreement'), 'disagree');
    assert.match(
      (await verdicts.locator('.deployment-lines').textContent()) ?? '',
      /the config on the deployment is not the one in your files/,
    );
    const predicted = await verdicts.locator('.verdict.predicted').boundingBox();
    const answered = await verdicts.locator('.verdict.answered').boundingBox();
    assert.ok(predicted && answered && Math.abs(predicted.y - answered.y) < 4, 'the two verdicts sit side by side');
    const sent = d.standIn.exchanges();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].request.headers.Authorization, `Bearer ${token}`);
    assert.ok(!((await row.textContent()) ?? '').includes(token), 'the row never shows the token');
    await verdicts.scrollIntoViewIfNeeded();
    await h.screenshot('ask-deployment-verdict');

    // The second click: one of the sample's queries, run as the token's user (no second question for this host).
    await row.locator('input[list="deployment-queries"]').fill('messages:list');
    await row.locator('button[data-action="run"]').click();
    const outcome = row.locator('.deployment-run-outcome[data-outcome="value"]');
    await outcome.waitFor({ state: 'visible', timeout: 20_000 });
    // The query's value, as the client returned it: the sample user's own messages.
    assert.match((await outcome.textContent()) ?? '', /Remember to push auth\.config with npx convex dev\./);
    assert.equal(await dialog.count(), 0);
    assert.equal(d.standIn.exchanges().length, 2);
    await outcome.scrollIntoViewIfNeeded();
    await h.screenshot('ask-deployment-run');
  } finally {
    fs.writeFileSync(envFile, original);
    await d.close();
  }
}
