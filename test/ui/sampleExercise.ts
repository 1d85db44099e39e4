// The sample's auth.config as the lesson's step 3 leaves it. As shipped it names a JWKS URL as its domain, so it
// would not push and a valid token would be refused: UI tests that need the exercise's data write this first.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

const FIXED_AUTH_CONFIG =
  'export default {\n  providers: [{ domain: "https://exotic-crab-75.clerk.accounts.dev", applicationID: "convex" }],\n};\n';

/** Writes the fixed auth.config into the workspace's sample; returns what was there, to restore it. */
export function fixSampleAuthConfig(workspace: string): string {
  const file = path.join(workspace, 'convex', 'auth.config.ts');
  const shipped = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, FIXED_AUTH_CONFIG);
  return shipped;
}

/** Runs the exercise until the valid request gets the user's data (the project service reads the config late). */
export async function runExerciseUntilValid(page: Page, frame: Frame): Promise<void> {
  await frame.click('#tab-exercise');
  for (let attempt = 0; ; attempt++) {
    await frame.click('button:has-text("Run it")');
    await frame.waitForSelector('.run[data-scenario="valid"]', { timeout: 20_000 });
    await frame.waitForSelector('.diagram[data-state="done"]', { timeout: 15_000 });
    const valid = (await frame.textContent('.run[data-scenario="valid"]')) ?? '';
    if (/"author": "user_/.test(valid) || attempt === 10) return;
    await page.waitForTimeout(1_000); // the project service reads the changed auth.config after a debounce
  }
}
