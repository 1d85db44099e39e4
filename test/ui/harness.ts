// Drives the real VS Code workbench (code-server) in Debian Chromium, the way a learner uses it.
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/**
 * How long a fresh session may take to open the lesson by itself. It counts from the workbench's first paint, so it
 * holds the extension host's own start: at load 14 on 2 cores the host started 19 s after the workbench, and our
 * extension (onStartupFinished) 9 s after that.
 */
export const FIRST_START_MS = 120_000;

export interface UiHarness {
  page: Page;
  /** Absolute path of the fresh copy of sample/ the workbench has open. */
  workspace: string;
  /** The session's profile folder (its logs show which extension host ran what). */
  userDataDir: string;
  /** Runs a command from the Command Palette by its full title ("Clerk ↔ Convex: Open Lesson"). */
  runCommand(title: string): Promise<void>;
  /** Opens the Command Palette with `query` typed, once an entry containing `expectText` is listed. */
  openPalette(query: string, expectText: string): Promise<void>;
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** The content frame of the webview whose document title contains `titleSubstring`. */
  webviewFrame(titleSubstring: string, timeoutMs?: number): Promise<Frame>;
  /**
   * Picks a colour theme through the Command Palette, as a learner would, and waits until the workbench wears it.
   * (Writing settings.json is not picked up live by code-server.)
   */
  setTheme(name: 'Dark Modern' | 'Light Modern' | 'Dark High Contrast' | 'Light High Contrast'): Promise<void>;
  /** Closes all editors, so each test starts from a clean workbench. */
  reset(): Promise<void>;
  /** Opens a file of the workspace through Quick Open, as a learner would, until its tab is the active one. */
  openFile(relativePath: string): Promise<void>;
}

export type UiTest = (h: UiHarness) => Promise<void>;

/**
 * A test file that exports `session` gets a code-server session of its own with these options (Restricted Mode,
 * say); the others share one trusted session.
 */
export interface UiSessionOptions {
  restrictedMode?: boolean;
  /** User settings on top of the harness's quiet defaults. */
  settings?: Record<string, unknown>;
  /** Environment of code-server (and so of its terminals and tasks). */
  env?: Record<string, string>;
  /** The browser window's size (1400×900 otherwise). */
  viewport?: { width: number; height: number };
}

export interface UiTestModule {
  default: UiTest;
  session?: UiSessionOptions;
}

export function createHarness(page: Page, workspace: string, userDataDir: string): UiHarness {
  const h: UiHarness = {
    page,
    workspace,
    userDataDir,
    async runCommand(title) {
      await h.openPalette(`>${title}`, title);
      await page.keyboard.press('Enter');
    },
    async openPalette(query, expectText) {
      // A palette opened before the remote extension host has registered our contributions never refreshes:
      // close and reopen until the expected entry is listed.
      const deadline = Date.now() + 30_000;
      for (;;) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: expectText }).first();
        try {
          await input.waitFor({ state: 'visible', timeout: 10_000 });
          // A palette that is still closing from the last command is inert for a moment: try again then.
          await input.fill(query, { timeout: 5_000 });
          await row.waitFor({ state: 'visible', timeout: 2_000 });
          return;
        } catch (err) {
          if (Date.now() > deadline)
            throw new Error(`"${expectText}" never appeared in the Command Palette for "${query}"`, { cause: err });
        }
      }
    },
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async webviewFrame(titleSubstring, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const title = await frame.title().catch(() => '');
          if (title.includes(titleSubstring)) return frame;
        }
        await page.waitForTimeout(200);
      }
      throw new Error(`no webview titled "${titleSubstring}" appeared within ${timeoutMs} ms`);
    },
    async setTheme(name) {
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const themeClass = {
        'Dark Modern': 'vs-dark',
        'Light Modern': 'vs',
        'Dark High Contrast': 'hc-black',
        'Light High Contrast': 'hc-light',
      }[name];
      for (let attempt = 0; ; attempt++) {
        try {
          // Not runCommand: "Browse Color Themes in Marketplace" can be listed first for the same words.
          await h.openPalette('>Preferences: Color Theme', 'Preferences: Color Theme');
          await rows
            .filter({ hasText: /Preferences: Color Theme(?!s)/ })
            .first()
            .click();
          await rows.filter({ hasText: 'Light Modern' }).first().waitFor({ state: 'visible', timeout: 5_000 });
          await page.locator('.quick-input-widget input').fill(name);
          await rows.filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 5_000 });
          await page.keyboard.press('Enter');
          await page.waitForFunction(
            (cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls),
            themeClass,
            { timeout: 5_000 },
          );
          // The picker closes over the next frames; what follows (a screenshot, a click) needs it gone.
          await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });
          return;
        } catch (err) {
          await page.keyboard.press('Escape');
          // A walkthrough opening on first start can take the focus away from the picker: try again.
          if (attempt >= 2) throw err;
        }
      }
    },
    async reset() {
      // Until no editor is left: one can open meanwhile (a walkthrough opened just before, still on its way).
      const tab = page.locator('.tabs-container .tab').first();
      for (let attempt = 0; ; attempt++) {
        await h.runCommand('View: Close All Editors');
        try {
          await tab.waitFor({ state: 'detached', timeout: 5_000 });
          return;
        } catch (err) {
          if (attempt >= 2) throw err;
        }
      }
    },
    async openFile(relativePath) {
      const name = path.basename(relativePath);
      const active = page.locator('.tabs-container .tab.active', { hasText: name });
      // Quick Open, retried: a walkthrough or a notification opening at that moment can close it.
      for (let attempt = 0; ; attempt++) {
        try {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+P');
          const input = page.locator('.quick-input-widget input');
          await input.waitFor({ state: 'visible', timeout: 5_000 });
          await input.fill(relativePath);
          await page
            .locator('.quick-input-list .monaco-list-row', { hasText: name })
            .first()
            .waitFor({ state: 'visible', timeout: 5_000 });
          await page.keyboard.press('Enter');
          await active.waitFor({ state: 'visible', timeout: 5_000 });
          return;
        } catch (err) {
          if (attempt >= 3) throw err;
          // Opened but another editor (the Welcome page) took the front: bring its tab forward as a learner would.
          const tab = page.locator('.tabs-container .tab', { hasText: name }).first();
          if (await tab.count()) {
            await tab.click();
            if (
              await active.waitFor({ state: 'visible', timeout: 3_000 }).then(
                () => true,
                () => false,
              )
            )
              return;
          }
        }
      }
    },
  };
  return h;
}
