// UI layer: every test/ui/*.ui.ts runs against one real workbench (code-server) in a real Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { SetupError } from '../../scripts/lib/codeServer.mjs';
import { extensionHostLog, launchBrowser, openSession } from '../../scripts/lib/session.mjs';
import { buildAndPackage } from '../../scripts/lib/buildAndPackage.mjs';
import { createHarness, SCREENSHOT_DIR, type UiTest } from './harness';

async function main(): Promise<number> {
  const vsix = process.env.VSIX ?? buildAndPackage();
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.ui.ts')).sort()
    .filter((f) => !process.env.GREP || f.includes(process.env.GREP));
  const session = await openSession({ vsix, label: 'ui' });
  const { browser, page } = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    await page.goto(session.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the sample once the remote connection is up.
    await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 60_000 });
    const h = createHarness(page, session.workspace!);
    console.log('UI tests (code-server in Chromium):');
    for (const file of files) {
      const mod = (await import(path.join(__dirname, file))) as { default: UiTest };
      try {
        await mod.default(h);
        passed++;
        console.log(`  ✓ ${file}`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${file}\n      ${String((err as Error).stack ?? err).split('\n').slice(0, 10).join('\n      ')}`);
        await h.screenshot(`FAILED-${path.basename(file, '.ui.ts')}`).catch(() => undefined);
      }
      await h.reset().catch(() => undefined);
    }
  } finally {
    await browser.close();
    await session.stop();
  }
  if (failed) console.log(extensionHostLog(session.userDataDir).split('\n').filter((l) => /error|clerk/i.test(l)).slice(-30).join('\n'));
  console.log(`Screenshots: ${path.relative(process.cwd(), SCREENSHOT_DIR)}`);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
  process.exit(1);
});
