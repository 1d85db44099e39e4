// Reaching the lesson's steps and their buttons in the real walkthrough, as a learner does: open the lesson,
// click a step's title, click a button in its text.
import type { Locator } from 'playwright-core';
import type { UiHarness } from './harness';

/** Opens the lesson and the step whose id ends the step's data-step-id, until it says it is expanded. */
export async function openStep(h: UiHarness, stepId: string): Promise<Locator> {
  const { page } = h;
  await h.runCommand('Clerk ↔ Convex: Open Lesson');
  const step = page.locator(`.getting-started-step[data-step-id$="#${stepId}"]`).first();
  await step.waitFor({ state: 'visible', timeout: 30_000 });
  // The list animates as a step opens, and a click during it can be lost: click until it is expanded.
  for (let clicks = 0; (await step.getAttribute('aria-expanded')) !== 'true'; clicks++) {
    if (clicks >= 5) throw new Error(`step "${stepId}" did not open after ${clicks} clicks`);
    await step.click();
    await step
      .and(page.locator('[aria-expanded="true"]'))
      .waitFor({ state: 'attached', timeout: 2_000 })
      .catch(() => undefined);
  }
  return step;
}

/** Clicks the button (a link on its own line) labelled `label` in the open step. */
// VS Code draws the lesson again when a context key changes (a step ticks or passes as the project changes), and
// may then show the step selected before: a learner clicks the step again. So does this, up to three times.
export async function clickStepButton(h: UiHarness, stepId: string, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const step = await openStep(h, stepId);
    const button = step.locator('.monaco-button, a', { hasText: label }).first();
    try {
      await button.waitFor({ state: 'visible', timeout: 10_000 });
      await button.click({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      console.log(`  (the lesson was drawn again before "${label}" could be clicked: opening step ${stepId} again)`);
    }
  }
}

/** Whether the walkthrough shows the step ticked. */
export async function stepTicked(h: UiHarness, stepId: string): Promise<boolean> {
  const box = h.page.locator(`.gettingStartedContainer [data-done-step-id$="#${stepId}"]`).first();
  return (await box.getAttribute('class'))?.split(/\s+/).includes('complete') ?? false;
}

/** Waits until the walkthrough shows the step ticked (opening the lesson on it first). */
export async function waitTicked(h: UiHarness, stepId: string): Promise<void> {
  await openStep(h, stepId);
  await h.page.waitForFunction(
    (id) =>
      document.querySelector(`.gettingStartedContainer [data-done-step-id$="#${id}"]`)?.classList.contains('complete'),
    stepId,
    { timeout: 30_000 },
  );
}
