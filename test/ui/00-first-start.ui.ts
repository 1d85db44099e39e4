import assert from 'node:assert/strict';
import { FIRST_START_MS, type UiHarness } from './harness';

// Runs first, on a fresh profile: the lesson opens by itself once after the first install.
export default async function firstStart(h: UiHarness): Promise<void> {
  const steps = h.page.locator('.getting-started-step');
  await steps.first().waitFor({ state: 'visible', timeout: FIRST_START_MS });
  const ids = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id') ?? ''));
  assert.ok(
    ids.every((id) => id.startsWith('auth-access-course.clerk-convex-wiring#clerkConvex.lesson#')),
    `another walkthrough opened: ${ids[0]}`,
  );
  await h.screenshot('first-start-lesson');
}
