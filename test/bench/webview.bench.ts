// The token panel's webview: its bundle size minified (what every panel load parses), and the host-side cost of
// making a report safe to post (display trees with depth and size bounds) for a typical Clerk token.
import path from 'node:path';
import { build } from 'esbuild';
import { toReportView } from '../../src/protocol/hostViews';
import { analyseToken } from '../../src/token';
import { validToken } from '../ui/tokenInputs';
import type { Bench, BenchRow } from './types';

const root = path.resolve(__dirname, '..', '..');

async function bundleKB(): Promise<number> {
  const result = await build({
    entryPoints: [path.join(root, 'src', 'webview', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  });
  return result.outputFiles.reduce((n, f) => n + f.contents.length, 0) / 1024;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const bench: Bench = async () => {
  const rows: BenchRow[] = [
    {
      name: 'webview bundle (panel.js, minified)',
      value: Number((await bundleKB()).toFixed(1)),
      unit: 'KB',
      budget: 60,
    },
  ];
  const report = analyseToken(validToken(), {
    nowMs: Date.now(),
    providers: [{ domain: 'https://exotic-crab-75.clerk.accounts.dev', applicationID: 'convex' }],
  });
  const samples: number[] = [];
  for (let round = 0; round < 50; round++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) toReportView(report);
    samples.push((performance.now() - start) / 100);
  }
  rows.push({
    name: 'report → webview message (toReportView), per token',
    value: Number(median(samples).toFixed(4)),
    unit: 'ms',
    budget: 0.1,
  });
  return rows;
};

export default bench;
