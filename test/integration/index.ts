// Entry of the integration suite: runs inside a real VS Code extension host. Two launchers use it:
// code-server through test/runner-extension (npm run test:integration) and @vscode/test-electron on a desktop
// VS Code (npm run test:desktop), which calls run() with no arguments and expects a rejection on failure.
import * as MochaModule from 'mocha';
// Generated at build time by scripts/build.mjs: every test/integration/*.test.ts, loaded after mocha's globals exist.
import { testFiles } from 'virtual:integration-tests';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

type MochaCtor = typeof import('mocha');

export async function run(opts: { reportTo?: (event: string) => void } = {}): Promise<SuiteResults> {
  const mod = MochaModule as unknown as { default?: MochaCtor } & MochaCtor;
  const Mocha = mod.default ?? mod;
  const grep = process.env.CLERK_CONVEX_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  for (const [name, load] of Object.entries(testFiles)) {
    mocha.suite.emit('require', load(), name, mocha);
  }
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, tests: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      opts.reportTo?.(`pass: ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: Error) => {
      results.failed++;
      results.tests.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) });
      opts.reportTo?.(`fail: ${t.fullTitle()}`);
    });
    runner.on('pending', (t) => {
      results.pending++;
      results.tests.push({ title: t.fullTitle(), state: 'pending' });
    });
  });
  if (!opts.reportTo && results.failed > 0) throw new Error(`${results.failed} integration test(s) failed.`);
  return results;
}
