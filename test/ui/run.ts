// UI layer: every test/ui/*.ui.ts runs against one real workbench (code-server) in a real Chromium.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { repoRoot, SetupError } from '../../scripts/lib/codeServer.mjs';
import { extensionHostLog, launchBrowser, openSession } from '../../scripts/lib/session.mjs';
import { buildAndPackage } from '../../scripts/lib/buildAndPackage.mjs';
import { createHarness, SCREENSHOT_DIR, type UiTestModule } from './harness';

function loadTest(file: string): Promise<UiTestModule> {
  return import(path.join(__dirname, file)) as Promise<UiTestModule>;
}

async function main(): Promise<number> {
  const vsix = process.env.VSIX ?? buildAndPackage();
  const all = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.ui.ts'))
    .sort()
    .filter((f) => !process.env.GREP || f.includes(process.env.GREP));
  const nodeFiles = await Promise.all(
    all.filter((f) => !f.endsWith('.web.ui.ts')).map(async (f) => ({ f, own: (await loadTest(f)).session })),
  );
  const results = [
    await runSession(
      nodeFiles.filter((t) => !t.own).map((t) => t.f),
      { vsix, label: 'ui' },
    ),
  ];
  for (const { f, own } of nodeFiles) {
    if (own) results.push(await runSession([f], { vsix, label: `ui-${path.basename(f, '.ui.ts')}`, ...own }));
  }
  // *.web.ui.ts: the browser build (what vscode.dev runs) alone, in the web-worker extension host of the page.
  const webFiles = all.filter((f) => f.endsWith('.web.ui.ts'));
  const web = webFiles.length
    ? await runSession(webFiles, {
        label: 'ui-web',
        extraExtensions: [browserOnlyExtension()],
        // The first-start walkthrough is tested in the Node session; here it would only cover the panel.
        settings: { 'clerkConvex.lesson.openOnFirstInstall': false },
      })
    : { passed: 0, failed: 0 };
  results.push(web);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`Screenshots: ${path.relative(process.cwd(), SCREENSHOT_DIR)}`);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

/**
 * The packaged files of the release build with `main` removed from the manifest: VS Code then runs the `browser`
 * entry in the web worker, as vscode.dev does.
 */
function browserOnlyExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-web-'));
  const ext = path.join(dir, 'extension');
  for (const part of [
    'dist/web',
    'dist/webview',
    'media',
    'walkthroughs',
    'snippets',
    'sample',
    'l10n',
    'package.nls.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
  ]) {
    const from = path.join(repoRoot, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(ext, part), { recursive: true });
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.main;
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify(manifest, null, 2));
  return ext;
}

async function runSession(
  files: string[],
  opts: Parameters<typeof openSession>[0] & { viewport?: { width: number; height: number } },
): Promise<{ passed: number; failed: number }> {
  if (!files.length) return { passed: 0, failed: 0 };
  const session = await openSession(opts);
  const { browser, page } = await launchBrowser(opts.viewport ? { viewport: opts.viewport } : undefined);
  let passed = 0;
  let failed = 0;
  try {
    await page.goto(session.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the sample once the remote connection is up.
    await page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 60_000 });
    const h = createHarness(page, session.workspace!, session.userDataDir);
    const where =
      opts.label === 'ui-web'
        ? ', browser build in the web-worker extension host'
        : opts.restrictedMode
          ? ', Restricted Mode'
          : '';
    console.log(`UI tests (code-server in Chromium${where}):`);
    for (const file of files) {
      const mod = await loadTest(file);
      try {
        await mod.default(h);
        passed++;
        console.log(`  ✓ ${file}`);
      } catch (err) {
        failed++;
        console.log(
          `  ✗ ${file}\n      ${String((err as Error).stack ?? err)
            .split('\n')
            .slice(0, 10)
            .join('\n      ')}`,
        );
        await h.screenshot(`FAILED-${path.basename(file, '.ui.ts')}`).catch(() => undefined);
      }
      await h.reset().catch(() => undefined);
    }
  } finally {
    await browser.close();
    await session.stop({ keep: failed > 0 });
  }
  if (failed)
    console.log(
      extensionHostLog(session.userDataDir)
        .split('\n')
        .filter((l) => /error|clerk/i.test(l))
        .slice(-30)
        .join('\n'),
    );
  return { passed, failed };
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
    process.exit(1);
  },
);
