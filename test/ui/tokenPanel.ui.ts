// The token-flow panel in real Chromium through the real VS Code (code-server): a valid token decodes into
// claims and a finished animation; every hostile input from the facts file leaves no dialog, no CSP or Trusted
// Types violation and a usable page; the exercise shows anonymous → [] and valid → data. Screenshots in the
// dark and the light theme.
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { FIRST_START_MS, type UiHarness } from './harness';
import { fixSampleAuthConfig, runExerciseUntilValid } from './sampleExercise';
import { hostileInputs, validToken } from './tokenInputs';

const WATCH = `window.__violations = window.__violations || [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

async function violations(frame: Frame): Promise<string[]> {
  return frame.evaluate<string[]>('window.__violations || []');
}

/** Clears, pastes, decodes and waits for the diagram to finish (Clear resets it, so "done" is the new one). */
export async function decode(frame: Frame, text: string): Promise<void> {
  await frame.click('button:has-text("Clear")');
  await frame.waitForSelector('.diagram[data-state="idle"]');
  await frame.fill('#token-input', text);
  await frame.click('button.primary:has-text("Decode")');
  await frame.waitForSelector('.diagram[data-state="done"]', { timeout: 15_000 });
}

/**
 * Opens the panel on a clean workbench. Activates first: on a fresh profile the lesson opens once on activation
 * and would cover the panel.
 */
export async function openTokenPanel(h: UiHarness): Promise<Frame> {
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  await h.page.locator('.getting-started-step').first().waitFor({ state: 'visible', timeout: FIRST_START_MS });
  await h.reset();
  await h.runCommand('Clerk ↔ Convex: Open Token Flow Panel');
  await h.page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first().click();
  const frame = await h.webviewFrame('Token Flow');
  await frame.waitForSelector('#token-input');
  return frame;
}

export default async function tokenPanelUi(h: UiHarness): Promise<void> {
  const problems: string[] = [];
  h.page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  h.page.on('console', (m) => {
    if (
      /Content Security Policy|Trusted Type/i.test(m.text()) &&
      /panel\.(js|css)|codicon|token|webview/i.test(`${m.location().url} ${m.text()}`)
    ) {
      problems.push(`console: ${m.text()}`);
    }
  });

  await h.setTheme('Dark Modern');
  await h.runCommand('Clerk ↔ Convex: Open Token Flow Panel');
  // The lesson's walkthrough may open over it on a first start: bring the panel's tab to the front.
  const tab = h.page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first();
  await tab.waitFor({ state: 'visible', timeout: 20_000 });
  await tab.click();
  const frame = await h.webviewFrame('Token Flow');
  await frame.waitForSelector('#token-input');
  await frame.evaluate(WATCH);

  // A well-formed token: claims with sub, iss, aud first, and the animation runs to its end.
  await decode(frame, validToken());
  const claimNames = await frame.$$eval('table[data-table="claims"] tbody th', (ths) =>
    ths.map((th) => th.textContent),
  );
  assert.deepEqual(claimNames.slice(0, 3), ['sub', 'iss', 'aud']);
  assert.equal(await frame.locator('.stage[data-status="pending"]').count(), 0, 'every stage has its final state');
  await h.screenshot('token-panel-valid-dark');

  // Hostile inputs: nothing runs, nothing is blocked by the CSP, the page keeps working.
  for (const input of hostileInputs()) {
    await decode(frame, input.text);
    assert.equal(await frame.locator('img').count(), 0, `${input.name}: no element from claim text`);
    assert.ok((await frame.locator('.results .check').count()) > 0, `${input.name}: checks are shown`);
    assert.deepEqual(await violations(frame), [], `${input.name}: no CSP violation`);
    if (input.name === 'unicode-bidi-control' || input.name === 'html-in-claims')
      await h.screenshot(`token-panel-${input.name}`);
  }
  await decode(frame, validToken());
  assert.equal(
    await frame.locator('table[data-table="claims"]').count(),
    1,
    'a valid token still decodes after all that',
  );

  // The exercise: "Run it" sends anonymous, then valid. It wants the valid request's data: the sample's auth.config
  // as shipped would not push (the lesson's step 3 fixes it), so a valid token would be refused as a real
  // deployment would refuse it. Fixed here (the token checks above wanted it as shipped), and run again until the
  // exercise has read it.
  const authConfig = path.join(h.workspace, 'convex', 'auth.config.ts');
  const shipped = fixSampleAuthConfig(h.workspace);
  await runExerciseUntilValid(h.page, frame);
  assert.equal(await frame.getAttribute('.run[data-scenario="anonymous"]', 'data-outcome'), 'ok');
  assert.match((await frame.textContent('.run[data-scenario="anonymous"]')) ?? '', /"value": \[\]/);
  assert.match((await frame.textContent('.run[data-scenario="valid"]')) ?? '', /"author": "user_/);
  // The request reads as HTTP: one line per header, no line break shown as a hidden-character mark.
  const request = (await frame.locator('.run[data-scenario="valid"] .request-lines').innerText())
    .split('\n')
    .filter(Boolean);
  assert.match(request[0] ?? '', /^POST https?:\/\/\S+\/api\/query$/);
  assert.ok(
    request.some((l) => /^Authorization: Bearer \S/.test(l)),
    `an Authorization line of its own (${request.join(' | ')})`,
  );
  assert.equal(await frame.locator('.run .request-lines .hidden-char').count(), 0);
  assert.doesNotMatch(request.join('\n'), /U\+000A/);
  await h.screenshot('exercise-run-it-dark');

  // Back to the sample as shipped: the token checks below want it.
  fs.writeFileSync(authConfig, shipped);

  // Keyboard: the tabs answer arrow keys and keep focus visible.
  await frame.focus('#tab-exercise');
  await h.page.keyboard.press('ArrowLeft');
  assert.equal(await frame.getAttribute('#tab-token', 'aria-selected'), 'true');

  await h.setTheme('Light Modern');
  await frame.click('#tab-exercise');
  // The stage borders' colour transition has ended (a transition is listed by getAnimations() while it runs;
  // a spinner runs for ever).
  await frame.waitForFunction(
    () =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await h.screenshot('exercise-light');
  await frame.click('#tab-token');
  await frame.waitForSelector('.diagram[data-stopped-at="match"]');
  await h.screenshot('token-panel-light');
  await h.setTheme('Dark High Contrast');
  await h.screenshot('token-panel-high-contrast');
  await h.setTheme('Dark Modern');

  assert.deepEqual(await violations(frame), []);
  assert.deepEqual(problems, []);
}
