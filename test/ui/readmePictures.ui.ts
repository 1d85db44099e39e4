// The README's pictures, taken from the real workbench on the broken sample, each after checking that it shows
// what its caption says: a squiggle with its quick fix, the walkthrough ticking after that fix, the token panel
// stopped where Convex would stop, and the exercise's two requests. Every UI run checks and saves them under
// test-results/screenshots/readme-*.png; `npm run screenshots` (README_PICTURES=1) also writes them, optimised,
// to media/readme/, where the README links them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/codeServer.mjs';
import { readmePng } from '../../scripts/lib/png.mjs';
import { SCREENSHOT_DIR, type UiHarness, type UiSessionOptions, FIRST_START_MS } from './harness';
import { decode, openTokenPanel } from './tokenPanel.ui';
import { fixSampleAuthConfig, runExerciseUntilValid } from './sampleExercise';
import { validToken } from './tokenInputs';

// A fresh profile and sample of its own, in a window the size of a laptop's, so the pictures show the lesson as a
// learner first meets it.
// TypeScript's own checks are off: until the sample's packages are installed they mark every import, which would
// hide the lesson's one squiggle the picture is about. No minimap: it only takes width from the code.
export const session: UiSessionOptions = {
  viewport: { width: 1280, height: 800 },
  settings: {
    'typescript.validate.enable': false,
    'javascript.validate.enable': false,
    'editor.minimap.enabled': false,
  },
};

export const README_PICTURES = ['walkthrough', 'quick-fix', 'token-panel', 'exercise'] as const;
export type ReadmePicture = (typeof README_PICTURES)[number];
export const README_PICTURE_DIR = path.join(repoRoot, 'media', 'readme');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest box holding all of these, widened by `pad` and kept inside the window. */
async function around(page: Page, parts: Locator[], pad = 8): Promise<Box> {
  const boxes = (await Promise.all(parts.map((p) => p.boundingBox()))).filter((b): b is Box => b !== null);
  assert.ok(boxes.length > 0, 'nothing to frame: none of the parts is on screen');
  const view = page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return { x, y, width: right - x, height: bottom - y };
}

async function picture(page: Page, name: ReadmePicture, clip: Box): Promise<void> {
  const png = await page.screenshot({ clip });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `readme-${name}.png`), png);
  if (process.env.README_PICTURES === '1') {
    fs.mkdirSync(README_PICTURE_DIR, { recursive: true });
    fs.writeFileSync(path.join(README_PICTURE_DIR, `${name}.png`), readmePng(png));
  }
}

export default async function readmePictures(h: UiHarness): Promise<void> {
  const { page } = h;
  // The first start opens the lesson by itself: let it, so it does not open over what follows.
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  await page.locator('.getting-started-step').first().waitFor({ state: 'visible', timeout: FIRST_START_MS });
  await h.reset();

  // 1. A squiggle and its quick fix: the sample's layout nests the providers the wrong way round. Reached the way
  //    a learner does: the finding in Problems, Enter to go there, Ctrl+. for the fix.
  await h.openFile('app/layout.tsx');
  await h.runCommand('View: Focus Problems');
  const row = page.locator('.markers-panel .monaco-tl-row').filter({ hasText: 'clerk-convex/provider-order' }).first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'so ClerkProvider is outside' }).first();
  for (let attempt = 0; ; attempt++) {
    await row.click();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor.focused').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Control+.');
    try {
      await fix.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  // The squiggle is drawn in a later frame than the menu on a busy machine: wait for it, and if it never comes,
  // say what the editor shows instead.
  const squiggle = page.locator('.editor-group-container.active .squiggly-error').first();
  const drawn = await squiggle
    .waitFor({ state: 'visible', timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (!drawn) {
    const shown = await page
      .locator('.editor-group-container.active [class*="squiggly-"]')
      .evaluateAll((els): string[] => els.map((e) => String(e.className)));
    assert.fail(`the finding is not underlined in the editor (squiggles drawn: ${JSON.stringify(shown)})`);
  }
  await page.mouse.move(0, 0);
  // The editor with its squiggle and menu above, the finding in Problems below.
  await picture(page, 'quick-fix', await around(page, [page.locator('.part.editor'), page.locator('.part.panel')], 0));
  await fix.click();
  await page.locator('.action-widget').first().waitFor({ state: 'hidden' });
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });

  // 2. The walkthrough ticks the sandwich step for that fix, and Lesson Checks in the Explorer agrees.
  await h.runCommand('Explorer: Focus on Lesson Checks View');
  const passing = page.locator('.monaco-list-row[aria-label^="ClerkProvider wraps the Convex provider: passing"]');
  await passing.first().waitFor({ state: 'visible', timeout: 30_000 });
  // Commands before the lesson opens: the palette's Escape would send the open lesson back to the Welcome page.
  await h.runCommand('View: Hide Panel');
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  await page
    .locator('.gettingStartedContainer')
    .getByText('Wiring Clerk to Convex', { exact: true })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
  const sandwich = page.locator('.gettingStartedContainer [data-done-step-id$="#sandwich"]').first();
  await sandwich.waitFor({ state: 'visible', timeout: 20_000 });
  await page.waitForFunction(
    () =>
      document
        .querySelector('.gettingStartedContainer [data-done-step-id$="#sandwich"]')
        ?.classList.contains('complete'),
    undefined,
    { timeout: 30_000 },
  );
  // The ticked step, opened: its tick, its text and its diagram. (The step list animates as a step opens, and a
  // click during it can be lost: click until the step says it is open.)
  const step = page.locator('.getting-started-step[data-step-id$="#sandwich"]').first();
  for (let clicks = 0; (await step.getAttribute('aria-expanded')) !== 'true'; clicks++) {
    assert.ok(clicks < 5, `the sandwich step did not open after ${clicks} clicks`);
    await step.click();
    await step
      .and(page.locator('[aria-expanded="true"]'))
      .waitFor({ state: 'attached', timeout: 2_000 })
      .catch(() => undefined);
  }
  await page.mouse.move(0, 0);
  await picture(page, 'walkthrough', { x: 0, y: 0, ...(page.viewportSize() ?? { width: 1280, height: 800 }) });

  // 3. A token followed through the handoff, stopped where Convex would stop it (the sample's auth.config names the
  //    JWKS URL as its domain), with Convex's own words.
  await h.reset();
  const frame = await openTokenPanel(h);
  await decode(frame, validToken());
  await frame.waitForSelector('.diagram[data-stopped-at="match"]');
  const diagram = frame.locator('.diagram');
  assert.match((await diagram.innerText()) ?? '', /No auth provider found matching the given token/);
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
    timeout: 10_000,
  });
  await diagram.scrollIntoViewIfNeeded();
  await picture(page, 'token-panel', await around(page, [diagram], 12));

  // 4. The exercise: the anonymous request gets [], the one with a valid token gets that user's messages. As
  // shipped, the sample's auth.config would not push (the lesson's step 3 fixes it) and a valid token would be
  // refused as a real deployment would refuse it: fixed first, and run again until the exercise has read it.
  fixSampleAuthConfig(h.workspace);
  await runExerciseUntilValid(page, frame);
  assert.match((await frame.textContent('.run[data-scenario="anonymous"]')) ?? '', /"value": \[\]/);
  assert.match((await frame.textContent('.run[data-scenario="valid"]')) ?? '', /"author": "user_/);
  await frame.waitForFunction(
    () =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  // The diagram after the valid request (every stage passed), above the exercise's controls: Run it and the
  // one-click broken scenarios. A window tall enough for both, for this picture only.
  const view = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: view.width, height: 1200 });
  try {
    assert.equal(await frame.locator('.diagram .stage[data-status="pass"]').count(), 7, 'every stage passed');
    const diagram = frame.locator('.diagram');
    await diagram.scrollIntoViewIfNeeded();
    await h.screenshot('readme-exercise-window');
    await picture(page, 'exercise', await around(page, [diagram, frame.locator('.scenarios')], 12));
  } finally {
    await page.setViewportSize(view);
  }
}
