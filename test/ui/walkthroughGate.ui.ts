// The authHook step's button on the sample's app/page.tsx, in the real workbench: it applies the clerk-gate fix,
// and the page it leaves shows neither the sign-in button nor sends its query while Convex auth is loading. The
// fixed text is checked three ways: by the analyzer (no clerk-gate or query-before-auth finding, with the
// lesson's messages.ts in the index), by TypeScript against the sample's real packages, and by rendering it with
// the sample's React and Convex provider while Convex is loading (gateCheck.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheRoot, cleanEnv } from '../../scripts/lib/codeServer.mjs';
import { analyse } from '../../src/analysis/analyse';
import { renderPage, sentQuery, SIGN_IN_MARK } from './gateCheck';
import type { UiHarness, UiSessionOptions } from './harness';
import { clickStepButton } from './walkthroughSteps';

// Its own session: it edits the sample and installs its packages (npm's cache shared with the journey).
export const session: UiSessionOptions = {};

/** The sample's convex/messages.ts once the identity step is done (the journey's end state of that file). */
const MESSAGES_AFTER_IDENTITY_STEP = `import { mutation, query } from "./_generated/server";
import { v } from "convex/values";

export const list = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) return [];
    return await ctx.db
      .query("messages")
      .withIndex("by_user", (q) => q.eq("userId", identity.subject))
      .collect();
  },
});
`;

function installPackages(workspace: string): void {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      ...cleanEnv(),
      npm_config_cache: path.join(cacheRoot, 'npm-sample'),
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    },
  });
  assert.equal(r.status, 0, `npm install in the sample:\n${r.stdout}\n${r.stderr}`);
}

export default async function walkthroughGate(h: UiHarness): Promise<void> {
  const { page } = h;
  const file = path.join(h.workspace, 'app', 'page.tsx');
  const before = fs.readFileSync(file, 'utf8');
  installPackages(h.workspace);

  // The original page fails the check the fix has to pass: the reason for the step.
  const signedInLoading = { isLoaded: true, isSignedIn: true };
  const original = renderPage(h.workspace, before, signedInLoading);
  assert.ok(original.html.includes(SIGN_IN_MARK) || sentQuery(original), 'the sample page starts ungated');

  await h.openFile('app/page.tsx');
  await h.screenshot('gate-before');
  await clickStepButton(h, 'authHook', 'Gate This Page');
  await page.locator('.tabs-container .tab.active.dirty', { hasText: 'page.tsx' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  await h.screenshot('gate-after');
  const fixed = fs.readFileSync(file, 'utf8');
  assert.notEqual(fixed, before, 'the button changed page.tsx');

  // The analyzer: nothing of the authHook step left on the fixed page, with messages.ts's identity function known.
  const context = {
    identityFunctions: (analyse('convex/messages.ts', MESSAGES_AFTER_IDENTITY_STEP).facts.identityFunctions ?? []).map(
      (f) => ({ ...f, path: 'convex/messages.ts' }),
    ),
  };
  assert.ok(context.identityFunctions.length > 0, 'messages:list is known to need a signed-in user');
  const analysis = analyse('app/page.tsx', fixed, context);
  const left = analysis.findings.filter((f) => f.lessonStep === 'authHook').map((f) => `${f.code}: ${f.message}`);
  assert.deepEqual(left, [], `the fixed page.tsx:\n${fixed}`);
  assert.ok(analysis.facts.gatesWithConvexAuth, 'the fixed page gates on Convex auth');

  // TypeScript, with the sample's real Clerk, Convex and React types: no error in the fixed page.
  const tsc = spawnSync(
    process.execPath,
    [path.join(h.workspace, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', h.workspace],
    { encoding: 'utf8' },
  );
  const pageErrors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => l.includes('app/page.tsx'));
  assert.deepEqual(pageErrors, [], `tsc on the fixed page.tsx:\n${fixed}`);

  // While Convex auth is loading (Clerk signed in, or not loaded yet): no sign-in button, no query sent.
  for (const clerk of [signedInLoading, { isLoaded: false, isSignedIn: false }]) {
    const r = renderPage(h.workspace, fixed, clerk);
    assert.ok(
      !r.html.includes(SIGN_IN_MARK),
      `sign-in button while Convex loads (${JSON.stringify(clerk)}):\n${r.html}`,
    );
    assert.ok(
      !sentQuery(r),
      `query sent while Convex loads (${JSON.stringify(clerk)}): ${JSON.stringify(r.queryArgs)}`,
    );
  }
  // Signed out: the sign-in button, still no query.
  const out = renderPage(h.workspace, fixed, { isLoaded: true, isSignedIn: false });
  assert.ok(out.html.includes(SIGN_IN_MARK), `no sign-in button when signed out:\n${out.html}`);
  assert.ok(!sentQuery(out), `query sent when signed out: ${JSON.stringify(out.queryArgs)}`);
}
