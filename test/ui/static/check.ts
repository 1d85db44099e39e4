// The webview on its own, in Debian Chromium, with the real CSP, the real token analysis and the exercise's
// in-memory model (see staticPanel.ts): quicker to iterate on than the full VS Code run and independent of it.
// Run: node scripts/build.mjs && npx tsx test/ui/static/check.ts   (screenshots go to test-results/ui-static/)
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { hostileInputs, validToken } from '../tokenInputs';
import { closeBrowser, openStaticPanel, type StaticPanel, type Theme } from './staticPanel';

const shots = path.resolve(__dirname, '..', '..', '..', 'test-results', 'ui-static');

async function decode(page: Page, text: string): Promise<void> {
  await page.click('button:has-text("Clear")');
  await page.waitForSelector('.diagram[data-state="idle"]');
  await page.fill('#token-input', text);
  await page.click('button.primary:has-text("Decode")');
  await page.waitForSelector('.diagram[data-state="done"]', { timeout: 15_000 });
}

async function noProblems(p: StaticPanel, what: string): Promise<void> {
  assert.deepEqual(await p.problems(), [], `${what}: no dialog, page error or CSP violation`);
  assert.equal(p.host.dropped, 0, `${what}: every message the webview sent was valid`);
}

const checks: [string, () => Promise<void>][] = [
  [
    'valid token: claims sub/iss/aud first, animation finished, themes',
    async () => {
      for (const theme of ['dark', 'light', 'high-contrast'] as Theme[]) {
        const p = await openStaticPanel({ theme });
        await decode(p.page, validToken());
        const names = await p.page.$$eval('table[data-table="claims"] tbody th', (ths) =>
          ths.map((th) => th.textContent),
        );
        assert.deepEqual(names.slice(0, 3), ['sub', 'iss', 'aud']);
        assert.equal(await p.page.locator('.stage[data-status="pending"]').count(), 0);
        await p.page.screenshot({ path: path.join(shots, `valid-${theme}.png`), fullPage: true });
        await noProblems(p, theme);
        await p.close();
      }
    },
  ],
  [
    'hostile inputs: nothing runs, nothing is blocked, the page stays usable',
    async () => {
      const p = await openStaticPanel({ theme: 'dark' });
      for (const input of hostileInputs()) {
        await decode(p.page, input.text);
        assert.equal(await p.page.locator('img, script:not([src])').count(), 0, input.name);
        assert.ok((await p.page.locator('.results .check').count()) > 0, `${input.name}: checks shown`);
        await noProblems(p, input.name);
      }
      const name = await p.page.evaluate<string | null>('document.title');
      assert.equal(name, 'Token Flow');
      await decode(p.page, hostileInputs().find((i) => i.name === 'html-in-claims')?.text ?? '');
      assert.ok(
        (await p.page.textContent('table[data-table="claims"]'))?.includes('<img src=x onerror=alert(1)>'),
        'markup shows as text',
      );
      await p.page.screenshot({ path: path.join(shots, 'html-in-claims.png'), fullPage: true });
      await decode(p.page, validToken());
      assert.equal(await p.page.locator('table[data-table="claims"]').count(), 1);
      await p.close();
    },
  ],
  [
    'webview state holds the tab only, never the token',
    async () => {
      const p = await openStaticPanel({ theme: 'dark' });
      await decode(p.page, validToken());
      await p.page.click('#tab-exercise');
      assert.deepEqual(await p.page.evaluate<unknown>('window.__state'), { view: 'exercise' });
      await p.close();
    },
  ],
  [
    'reduced motion and animation "off": same end state, no movement',
    async () => {
      const stopping = hostileInputs().find((i) => i.name === 'iss-localhost')?.text ?? '';
      const ends: string[] = [];
      for (const opts of [{ animate: true }, { animate: true, reducedMotion: true }, { animate: false }]) {
        const p = await openStaticPanel({ theme: 'dark', ...opts });
        let activeSeen = false;
        await p.page.exposeFunction('__activeSeen', () => {
          activeSeen = true;
        });
        await p.page
          .evaluate(`new MutationObserver(() => { if (document.querySelector('.stage.active')) window.__activeSeen(); })
        .observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] })`);
        await decode(p.page, stopping);
        const moving = opts.animate && !opts.reducedMotion;
        assert.equal(activeSeen, moving, `stages step one by one only with motion (${JSON.stringify(opts)})`);
        ends.push(await p.page.$$eval('.stage', (lis) => lis.map((li) => li.getAttribute('data-status')).join(',')));
        assert.equal(await p.page.getAttribute('.diagram', 'data-stopped-at'), 'match');
        await p.close();
      }
      assert.equal(new Set(ends).size, 1, `same stage states either way: ${ends.join(' / ')}`);
    },
  ],
  [
    "exercise: Run it shows anonymous → [] and valid → the user's messages",
    async () => {
      for (const theme of ['dark', 'light'] as Theme[]) {
        const p = await openStaticPanel({ theme });
        await p.page.click('#tab-exercise');
        await p.page.click('button:has-text("Run it")');
        await p.page.waitForSelector('.run[data-scenario="valid"]');
        await p.page.waitForSelector('.diagram[data-state="done"]', { timeout: 15_000 });
        assert.match((await p.page.textContent('.run[data-scenario="anonymous"]')) ?? '', /"value": \[\]/);
        assert.match((await p.page.textContent('.run[data-scenario="valid"]')) ?? '', /"author": "user_/);
        await p.page.screenshot({ path: path.join(shots, `exercise-${theme}.png`), fullPage: true });
        await p.page.click('button[data-scenario="tampered"]');
        await p.page.waitForSelector('.run[data-scenario="tampered"]');
        await p.page.waitForSelector('.diagram[data-state="done"]', { timeout: 15_000 });
        assert.equal(await p.page.getAttribute('.diagram', 'data-stopped-at'), 'verify');
        await noProblems(p, `exercise ${theme}`);
        await p.close();
      }
    },
  ],
  [
    'keyboard: tabs follow arrow keys, every control is reachable with Tab',
    async () => {
      const p = await openStaticPanel({ theme: 'dark' });
      await p.page.focus('#tab-token');
      await p.page.keyboard.press('ArrowRight');
      assert.equal(await p.page.getAttribute('#tab-exercise', 'aria-selected'), 'true');
      assert.equal(await p.page.evaluate<string>('document.activeElement.id'), 'tab-exercise');
      await p.page.keyboard.press('ArrowLeft');
      const reached = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await p.page.keyboard.press('Tab');
        reached.add(
          await p.page.evaluate<string>('document.activeElement.id || document.activeElement.textContent.trim()'),
        );
      }
      for (const want of ['token-input', 'Decode', 'Clear'])
        assert.ok(reached.has(want), `${want} reachable: ${[...reached].join(' | ')}`);
      await p.close();
    },
  ],
];

async function main(): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  let failed = 0;
  for (const [name, run] of checks) {
    try {
      await run();
      console.log(`  ✓ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${name}\n    ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await closeBrowser();
  console.log(`${checks.length - failed} passing, ${failed} failing; screenshots in ${shots}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
