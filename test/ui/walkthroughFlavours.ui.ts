import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { UiHarness } from './harness';

// The lesson's sandwich step follows the project's flavour: with Expo or TanStack Start in package.json the
// walkthrough lists that flavour's variant of the step (and not the Next.js one). One screenshot per flavour.
const FLAVOURS = [
  ['expo', 'sandwichExpo', { expo: '~54.0.0', '@clerk/expo': '4.0.0', convex: '^1.49.0' }, 'app/_layout.tsx'],
  [
    'tanstack-start',
    'sandwichTanstackStart',
    { '@tanstack/react-start': '1.130.0', '@clerk/tanstack-react-start': '0.20.0', convex: '^1.49.0' },
    'src/routes/__root.tsx',
  ],
] as const;

export default async function walkthroughFlavours(h: UiHarness): Promise<void> {
  const file = path.join(h.workspace, 'package.json');
  const original = fs.readFileSync(file, 'utf8');
  try {
    for (const [label, stepId, dependencies, entry] of FLAVOURS) {
      fs.writeFileSync(file, JSON.stringify({ name: `sample-${label}`, private: true, dependencies }, null, 2));
      await h.reset();
      let found = false;
      for (let tries = 0; tries < 20 && !found; tries++) {
        await h.runCommand('Clerk ↔ Convex: Open Lesson');
        const step = h.page.locator(`.getting-started-step[data-step-id$="#${stepId}"]`);
        found = await step
          .first()
          .waitFor({ state: 'visible', timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
        if (found) {
          await step.first().click();
          await h.page.getByText(entry).first().waitFor({ state: 'visible', timeout: 10_000 });
          const ids = await h.page
            .locator('.getting-started-step')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')?.split('#').pop()));
          assert.ok(
            !ids.includes('sandwich') && !ids.includes('sandwichVite'),
            `${label}: only its own sandwich step is listed (${ids.join(', ')})`,
          );
          await h.screenshot(`walkthrough-flavour-${label}`);
        } else {
          await h.page.waitForTimeout(1_000); // the project service re-reads package.json after a debounce
        }
      }
      assert.ok(found, `${label}: the ${stepId} step was never listed`);
    }
  } finally {
    fs.writeFileSync(file, original);
  }
}
