// The exercise's own-function half in Restricted Mode, in the real workbench: the project has convex installed
// and convex/_generated, so in a trusted folder it would run. Untrusted, the panel lists the functions (read from
// source), says why nothing runs and offers to trust; "Run it" runs the model only, and no runner process starts.
// Trusting the folder from the panel's button makes "Run my function" run the sample's messages:list at once. The
// sample's auth.config is fixed first (the lesson's step 3): as shipped it would not push, so no token would be
// accepted and the function could not be run as a signed-in user.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { fixSampleAuthConfig } from './sampleExercise';
import type { UiHarness, UiSessionOptions } from './harness';
import { openTokenPanel } from './tokenPanel.ui';

export const session: UiSessionOptions = { restrictedMode: true };

const REPO = path.resolve(__dirname, '..', '..');

/** The runner processes of this session's extension (another run of the suite on the machine has its own). */
function runnerProcesses(sessionDir: string): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes('ownFunctionRunner.js') && l.includes(sessionDir));
}

/** node_modules linked to the repository's (the real convex and its esbuild) and the fixture's _generated. */
function installConvex(workspace: string): void {
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
  fs.cpSync(
    path.join(REPO, 'test', 'fixtures', 'functions', '_generated'),
    path.join(workspace, 'convex', '_generated'),
    { recursive: true },
  );
  // Rewriting package.json makes the project service read the project again, now with node_modules/convex.
  const pkg = path.join(workspace, 'package.json');
  fs.writeFileSync(pkg, fs.readFileSync(pkg, 'utf8'));
}

async function sectionState(frame: Frame): Promise<string | null> {
  return frame.getAttribute('.own-function .own-function-why', 'data-state').catch(() => null);
}

async function trustFromPanel(page: Page, frame: Frame): Promise<void> {
  await frame.click('#own-function-trust');
  const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
  await trust.waitFor({ state: 'visible', timeout: 15_000 });
  await trust.click();
  await page.locator('[id="status.workspaceTrust"]').waitFor({ state: 'detached', timeout: 15_000 });
  await page.locator('.monaco-modal-editor-block').click({ position: { x: 5, y: 5 } });
  await page.locator('.workspace-trust-editor').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.tabs-container .tab', { hasText: 'Token Flow' }).first().click();
}

export default async function ownFunctionRestricted(h: UiHarness): Promise<void> {
  const { page } = h;
  installConvex(h.workspace);
  fixSampleAuthConfig(h.workspace);
  const frame = await openTokenPanel(h);
  await frame.click('#tab-exercise');
  await frame.waitForSelector('.own-function .own-function-why[data-state="untrusted"]', { timeout: 20_000 });
  assert.match((await frame.textContent('.own-function .own-function-why')) ?? '', /needs a trusted workspace/);
  assert.deepEqual(
    await frame.$$eval('#own-function-pick option', (os) => os.map((o) => (o as HTMLOptionElement).value)),
    ['messages:list', 'messages:send'],
  );
  assert.equal(await frame.isDisabled('#own-function-run'), true, 'Run my function is off in Restricted Mode');

  // "Run it" still runs the handoff on the model (issuer in memory); the learner's code does not run.
  await frame.click('button:has-text("Run it")');
  await frame.waitForSelector('.run[data-scenario="valid"]', { timeout: 20_000 });
  await frame.click('#own-function-run', { force: true });
  for (let i = 0; i < 10; i++) {
    assert.deepEqual(runnerProcesses(path.dirname(h.userDataDir)), [], 'no runner process in Restricted Mode');
    await page.waitForTimeout(200);
  }
  assert.equal(await sectionState(frame), 'untrusted');
  assert.equal(await frame.locator('.own-call').count(), 0);
  await h.screenshot('restricted-mode-own-function');

  await trustFromPanel(page, frame);
  await frame.waitForSelector('#own-function-run:not([disabled])', { timeout: 20_000 });
  await frame.click('#own-function-run');
  await frame.waitForSelector('.own-call[data-caller="B"]', { timeout: 60_000 });
  assert.deepEqual(
    await frame.$$eval('.own-call', (els) =>
      els.map((e) => `${e.getAttribute('data-caller')}:${e.getAttribute('data-verdict')}`),
    ),
    ['anonymous:pass', 'B:pass', 'A:pass'],
  );
  // As shipped the sample leaks nothing but returns nobody's data; its mistakes are named and the step stays open.
  assert.match(
    (await frame.textContent('.own-call[data-caller="A"] .own-verdict')) ?? '',
    /none of their own: no user data/,
  );
  assert.equal(await frame.getAttribute('.own-function-summary', 'data-passed'), 'false');
  assert.ok((await frame.$$('.own-hints li')).length >= 1, "the lesson's mistakes are listed");
  assert.match((await frame.textContent('.own-call[data-caller="A"]')) ?? '', /"format": "convex_encoded_json"/);
  await h.screenshot('trusted-own-function-sample');
}
