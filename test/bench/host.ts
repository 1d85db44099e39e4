// Bench rows measured in code-server's real extension host with the packaged extension installed: keystroke →
// updated diagnostic (against the debounce it waits), and a generated 5,000-file monorepo (time until the
// walkthrough's state and Lesson Checks are complete, and the host's memory growth meanwhile).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, SetupError } from '../../scripts/lib/codeServer.mjs';
import { launchBrowser, openSession } from '../../scripts/lib/session.mjs';
import { generateFile } from './analysis.bench';
import type { BenchRow } from './types';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The controller's debounce (src/features/diagnostics/controller.ts), for the ratio. */
const debounce = (lines: number): number => Math.min(800, 250 + Math.floor(lines / 10));

async function runScenario<T>(
  vsix: string | undefined,
  scenario: string,
  workspace: string,
  env: Record<string, string> = {},
): Promise<T> {
  const resultFile = path.join(os.tmpdir(), `clerk-convex-bench-${scenario}-${process.pid}.json`);
  fs.rmSync(resultFile, { force: true });
  const session = await openSession({
    vsix: vsix ?? '',
    label: `bench-${scenario}`,
    workspace,
    settings: { 'clerkConvex.lesson.openOnFirstInstall': false },
    extraExtensions: [path.join(repoRoot, 'test', 'runner-extension')],
    env: {
      CLERK_CONVEX_BENCH_SCENARIO: scenario,
      CLERK_CONVEX_BENCH_RESULTS: resultFile,
      ...(process.env.CLERK_CONVEX_BENCH_PROFILE && scenario === 'monorepo'
        ? { CLERK_CONVEX_BENCH_PROFILE: process.env.CLERK_CONVEX_BENCH_PROFILE }
        : {}),
      ...env,
    },
  });
  const { browser, page } = await launchBrowser();
  try {
    await page.goto(session.url);
    const deadline = Date.now() + 400_000;
    while (!fs.existsSync(resultFile)) {
      if (Date.now() > deadline) throw new SetupError(`the ${scenario} bench did not report within 400 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await browser.close();
    await session.stop();
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as T & { error?: string };
  fs.rmSync(resultFile, { force: true });
  if (result.error) throw new SetupError(`the ${scenario} bench failed in the extension host: ${result.error}`);
  return result;
}

function sampleWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-bench-ws-'));
  fs.cpSync(path.join(repoRoot, 'sample'), dir, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function keystroke(vsix: string): Promise<BenchRow[]> {
  const workspace = sampleWith({ 'components/BenchProviders.tsx': generateFile(300) });
  try {
    const { samples, fromEdit, lines } = await runScenario<{ samples: number[]; fromEdit: number[]; lines: number }>(
      vsix,
      'keystroke',
      workspace,
    );
    const wait = debounce(lines);
    return [
      {
        name: `keystroke (as the extension host receives it) → updated diagnostic, ${lines}-line provider file (median of ${samples.length}) against its debounce`,
        value: median(samples),
        unit: 'ms',
        budget: 1.5,
        reference: { name: `debounce ${wait} ms`, value: wait },
      },
      {
        name: '  the same from the edit request (incl. the round trip to the workbench in the browser and back)',
        value: median(fromEdit),
        unit: 'ms',
        budget: undefined,
      },
    ];
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** ~5,000 source files: Next, Vite and Convex packages, most files plain code that mentions neither name. */
export function generateMonorepo(dir: string): number {
  let files = 0;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    files++;
  };
  const sample = (rel: string): string => fs.readFileSync(path.join(repoRoot, 'sample', rel), 'utf8');
  write('package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }));
  for (let k = 0; k < 50; k++) {
    const kind = k < 20 ? 'next' : k < 40 ? 'vite' : 'convex';
    const pkg = `packages/${kind}-${k}`;
    write(
      `${pkg}/package.json`,
      JSON.stringify({
        name: `${kind}-${k}`,
        dependencies:
          kind === 'next'
            ? { next: '15.0.0', '@clerk/nextjs': '6.0.0', convex: '1.48.0' }
            : kind === 'vite'
              ? { vite: '6.0.0', '@clerk/clerk-react': '5.0.0', convex: '1.48.0' }
              : { convex: '1.48.0' },
      }),
    );
    if (kind === 'next') {
      write(`${pkg}/app/layout.tsx`, sample('app/layout.tsx'));
      write(`${pkg}/app/page.tsx`, sample('app/page.tsx'));
      write(`${pkg}/components/ConvexClientProvider.tsx`, sample('components/ConvexClientProvider.tsx'));
    } else if (kind === 'vite') {
      write(`${pkg}/src/main.tsx`, generateFile(120));
    } else {
      write(`${pkg}/convex/auth.config.ts`, sample('convex/auth.config.ts'));
      write(`${pkg}/convex/messages.ts`, sample('convex/messages.ts'));
      write(`${pkg}/convex/schema.ts`, sample('convex/schema.ts'));
    }
    for (let i = 0; files < (k + 1) * 100; i++) {
      write(
        `${pkg}/src/lib/util${i}.ts`,
        `export function util${i}(a: number, b: number): number {\n  return a * ${i} + b;\n}\n\nexport const NAME_${i} = "util-${i}";\n`,
      );
    }
  }
  return files;
}

async function monorepo(vsix: string): Promise<BenchRow[]> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-bench-mono-'));
  try {
    const count = generateMonorepo(workspace);
    const r = await runScenario<{
      ms: number;
      files: number;
      checks: string[];
      rssGrowthMB: number;
      peakRssGrowthMB: number;
      heapGrowthMB: number;
      heapTotalGrowthMB: number;
      heapTotalGrowthAtPeakMB: number;
      activatedMs: number;
      indexBuiltMs?: number;
      workerCpuMs?: number;
      processCpuMs: number;
      workerHeapPeakMB: number;
    }>(vsix, 'monorepo', workspace);
    const at = (ms: number | undefined): string => (ms === undefined ? '?' : String(Math.round(ms)));
    // The same window in a session without our extension: what the host's own extensions add at start-up.
    const host = await runScenario<{ peakRssGrowthMB: number }>(undefined, 'monorepo-reference', workspace, {
      CLERK_CONVEX_BENCH_WAIT_MS: String(Math.round(r.ms)),
    });
    // The same scenario on the small sample project: the floor any Clerk/Convex workspace pays (activation, the
    // project snapshot, the analysis worker with the analyzer loaded), against which the 5,000 files are measured.
    const small = sampleWith({});
    let floor: { ms: number; files: number; peakRssGrowthMB: number };
    try {
      floor = await runScenario<typeof floor>(vsix, 'monorepo', small);
    } finally {
      fs.rmSync(small, { recursive: true, force: true });
    }
    return [
      {
        name: `monorepo of ${count.toLocaleString('en-US')} files (${r.files} analysed): walkthrough state and Lesson Checks complete after start-up (${r.checks.join(', ')}; activated at ${at(r.activatedMs)} ms, index built at ${at(r.indexBuiltMs)} ms; CPU time: the worker's ${at(r.workerCpuMs)} ms, the whole process's ${at(r.processCpuMs)} ms)`,
        value: r.ms,
        unit: 'ms',
        // Issue 22's goal ("≤ 1 s as today"); the row was first written with 2 s, which printed "ok" at 1.2 s.
        budget: 1000,
        goal: true,
      },
      {
        name: 'monorepo: extension host process memory growth, peak RSS while indexing (the analysis worker included)',
        value: r.peakRssGrowthMB * 1024,
        unit: 'KB',
        budget: 50 * 1024,
        goal: true,
      },
      {
        name: `  the same host over the same ${Math.round(r.ms)} ms from start-up without our extension (its own extensions starting; context)`,
        value: host.peakRssGrowthMB * 1024,
        unit: 'KB',
        budget: undefined,
      },
      {
        name: `  the same with our extension on the sample project (${floor.files} files analysed, complete after ${Math.round(floor.ms)} ms; the floor: activation, project snapshot, the worker with the analyzer loaded)`,
        value: floor.peakRssGrowthMB * 1024,
        unit: 'KB',
        budget: undefined,
      },
      {
        name: `monorepo: at completion, RSS growth ${r.rssGrowthMB.toFixed(1)} MB, main-thread heap committed +${r.heapTotalGrowthMB.toFixed(1)} MB (+${r.heapTotalGrowthAtPeakMB.toFixed(1)} MB at the RSS peak), the worker's heap committed at most ${r.workerHeapPeakMB.toFixed(1)} MB (the rest is native memory, the worker thread's own included), main-thread heap growth`,
        value: r.heapGrowthMB * 1024,
        unit: 'KB',
        budget: 50 * 1024,
        goal: true,
      },
    ];
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Both scenarios; each needs its own code-server session. */
export async function hostRows(vsix: string, only: string | undefined): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (!only || 'keystroke'.includes(only)) rows.push(...(await keystroke(vsix)));
  if (!only || 'monorepo'.includes(only)) rows.push(...(await monorepo(vsix)));
  return rows;
}
