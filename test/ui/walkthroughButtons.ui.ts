// The lesson's buttons in the real workbench, on the sample as the learner finds it: the sandwich step's button
// swaps the reversed nesting in app/layout.tsx; the exercise step asks for a prediction before the run and ends
// with the lesson's line; the decode step decodes the exercise's own token in one click; the last step's recap
// opens, asks its three questions, answers each and leaves the lesson's ticks as they were.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixSampleAuthConfig } from './sampleExercise';
import type { UiHarness, UiSessionOptions } from './harness';
import { clickStepButton, openStep, stepTicked, waitTicked } from './walkthroughSteps';

// Its own session: it edits the sample.
export const session: UiSessionOptions = {};

const STEPS = ['handoff', 'sandwich', 'authConfig', 'identity', 'authHook', 'exercise', 'decodeToken', 'next'];

async function ticks(h: UiHarness): Promise<string[]> {
  await openStep(h, 'handoff');
  const out: string[] = [];
  for (const id of STEPS) if (await stepTicked(h, id)) out.push(id);
  return out;
}

export default async function walkthroughButtons(h: UiHarness): Promise<void> {
  const { page } = h;
  const layout = path.join(h.workspace, 'app', 'layout.tsx');

  // The sandwich: the sample nests the providers the wrong way round; the step's button swaps them.
  const before = fs.readFileSync(layout, 'utf8');
  assert.ok(before.indexOf('<ConvexClientProvider>') < before.indexOf('<ClerkProvider>'), 'the sample starts reversed');
  await h.screenshot('buttons-sandwich-before');
  await clickStepButton(h, 'sandwich', 'Nest the Providers');
  await page.locator('.tabs-container .tab.active.dirty', { hasText: 'layout.tsx' }).waitFor({ timeout: 30_000 });
  await page
    .locator('.notifications-toasts', { hasText: 'so ClerkProvider is outside' })
    .waitFor({ state: 'visible', timeout: 10_000 });
  await h.screenshot('buttons-sandwich-swapped');
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  const after = fs.readFileSync(layout, 'utf8');
  assert.ok(after.indexOf('<ClerkProvider>') < after.indexOf('<ConvexClientProvider>'), `swapped:\n${after}`);
  assert.ok(after.indexOf('</ConvexClientProvider>') < after.indexOf('</ClerkProvider>'), `closed in order:\n${after}`);
  // …and the step ticks on it.
  await waitTicked(h, 'sandwich');

  // The issuer variable: the sample's auth.config names its domain itself (a JWKS URL): nothing to set on the
  // deployment, and the issuer it should name instead.
  await clickStepButton(h, 'authConfig', 'Set the Issuer Variable');
  await page
    .locator('.notifications-toasts', { hasText: 'it should read https://exotic-crab-75.clerk.accounts.dev' })
    .waitFor({ state: 'visible', timeout: 15_000 });

  // The exercise: predict first, then run; the verdict and the lesson's line follow. The lesson's line needs the
  // valid request's data: the sample's auth.config as shipped would not push (step 3 fixes it), so it is fixed here.
  fixSampleAuthConfig(h.workspace);
  await clickStepButton(h, 'exercise', 'Open the Exercise');
  await page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first().click();
  const frame = await h.webviewFrame('Token Flow', 30_000);
  await frame.waitForSelector('fieldset.prediction', { timeout: 20_000 });
  assert.match((await frame.textContent('fieldset.prediction')) ?? '', /local stand-ins/);
  assert.equal(await frame.locator('.run').count(), 0, 'opening the exercise runs nothing');
  await frame.check('#predict-error');
  await frame.click('button.primary:has-text("Run it")');
  await frame.waitForSelector('.run[data-scenario="valid"]', { timeout: 60_000 });
  const verdict = frame.locator('.prediction-verdict');
  await verdict.waitFor({ state: 'visible' });
  assert.match(
    (await verdict.textContent()) ?? '',
    /You predicted “An error: Convex refuses the request”; the anonymous request got nothing/,
  );
  assert.match((await frame.textContent('.closing-line')) ?? '', /That single check guards your whole backend\./);
  await h.screenshot('buttons-exercise-predicted');

  // Decode: the exercise's own token, in one click, without a running app.
  await h.reset();
  await clickStepButton(h, 'decodeToken', "Decode the Exercise's Token");
  await page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first().click();
  const panel = await h.webviewFrame('Token Flow', 30_000);
  await panel.waitForSelector('.diagram[data-state="done"]', { timeout: 30_000 });
  const claims = (await panel.textContent('body')) ?? '';
  assert.match(claims, /"convex"/, 'the decoded token carries aud "convex"');
  assert.match(claims, /user_/, 'and a Clerk-shaped sub');
  await h.screenshot('buttons-decoded-exercise-token');
  await h.reset();
  await waitTicked(h, 'decodeToken');

  // The recap: three questions in a quick pick, each answered; the lesson's ticks stay as they were.
  await openStep(h, 'next'); // ticks when seen, before the recap is taken
  const ticked = await ticks(h);
  await clickStepButton(h, 'next', 'Take the Recap');
  const title = page.locator('.quick-input-widget .quick-input-title');
  const row = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await title.filter({ hasText: 'Recap 1 of 3' }).waitFor({ timeout: 15_000 });
  await row('ClerkProvider, around ConvexProviderWithClerk').click();
  await title.filter({ hasText: 'Recap 1 of 3: right' }).waitFor();
  assert.match((await row('Next Question').textContent()) ?? '', /inside ClerkProvider/);
  await h.screenshot('buttons-recap-answered');
  await row('Next Question').click();
  await title.filter({ hasText: 'Recap 2 of 3' }).waitFor();
  await row("Clerk's JWKS URL").click();
  await title.filter({ hasText: 'not quite. The answer: The token' }).waitFor();
  await row('Next Question').click();
  await title.filter({ hasText: 'Recap 3 of 3' }).waitFor();
  await row('null').click();
  await row('See How It Went').click();
  await title.filter({ hasText: 'Recap done: 2 of 3 right' }).waitFor();
  await h.screenshot('buttons-recap-done');
  await row('Done').click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  assert.deepEqual(await ticks(h), ticked, 'the recap changes no tick');
}
