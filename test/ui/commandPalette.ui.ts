import assert from 'node:assert/strict';
import type { UiHarness } from './harness';

// A learner finds every command under one category in the Command Palette.
export default async function commandPalette(h: UiHarness): Promise<void> {
  const { page } = h;
  await h.openPalette('>Clerk ↔ Convex', 'Clerk ↔ Convex:');
  const labels = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
  // Insert Provider Sandwich and Add Identity Check are hidden until an editor is open (their `when` clauses).
  for (const expected of [
    'Open Lesson',
    'Open Token Flow Panel',
    'Create convex/auth.config.ts',
    'Run the Token Handoff Exercise',
  ]) {
    assert.ok(
      labels.some((l) => l.includes(`Clerk ↔ Convex: ${expected}`)),
      `"${expected}" missing from the palette: ${labels.join(' | ')}`,
    );
  }
  await h.screenshot('command-palette');
  await page.keyboard.press('Escape');
}
