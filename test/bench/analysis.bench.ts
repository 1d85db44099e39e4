// Analyzer speed: analysis vs raw Babel parse on generated files, warm analysis of a provider-sized file,
// the first analysis in a fresh process (bundle + parser load included), and the pre-filter on 1 MB.
// Everything runs from esbuild bundles built like the release (minified), not from the TypeScript sources:
// that is the code the extension runs, and it has none of the loader's per-access overhead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Bench, BenchRow } from './types';

interface Measured {
  analyze: typeof import('../../src/analysis/analyze').analyze;
  parseSource: typeof import('../../src/analysis/parse').parseSource;
  mentionsClerkOrConvex: typeof import('../../src/analysis/prefilter').mentionsClerkOrConvex;
}

const root = path.resolve(__dirname, '..', '..');

const HEADER = `"use client";

import { useState } from "react";
import { ClerkProvider, useAuth } from "@clerk/nextjs";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { Authenticated, ConvexReactClient, useConvexAuth, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
        {children}
      </ConvexProviderWithClerk>
    </ClerkProvider>
  );
}
`;

const component = (i: number): string => `
export function Item${i}({ id }: { id: string }) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const items = useQuery(api.items.list, isAuthenticated ? { id } : "skip");
  const [open, setOpen] = useState(false);
  if (isLoading) return <p>Loading…</p>;
  return (
    <Authenticated>
      <section className="card" onClick={() => setOpen(!open)}>
        <h2>{\`Item \${id} #${i}\`}</h2>
        <ul>{items?.map((item: { _id: string; name: string }) => <li key={item._id}>{item.name}</li>)}</ul>
      </section>
    </Authenticated>
  );
}
`;

const newlines = (s: string): number => s.split('\n').length - 1;

/** A realistic client file (providers + many gated components) of about `lines` lines. */
export function generateFile(lines: number): string {
  const parts = [HEADER];
  let count = newlines(HEADER) + 1; // lines so far, counted as they are added (re-splitting the text was quadratic)
  for (let i = 0; count < lines; i++) {
    const part = component(i);
    parts.push(part);
    count += newlines(part);
  }
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median time of `fn` per call, over `rounds` rounds of `batch` calls each, after a warm-up. */
function time(fn: () => unknown, rounds: number, batch = 1): number {
  for (let i = 0; i < Math.max(2, rounds / 4); i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t0) / batch);
  }
  return median(samples);
}

async function bundle(outfile: string, entry: { file: string } | { contents: string }): Promise<void> {
  await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
    bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'es2022', outfile, logLevel: 'silent',
  });
}

/** Wall time of one call, in ms. */
function timeCall(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * Per-call times of `a` and `b` called back to back, `pairs` times, alternating which goes first, after a warm-up.
 * This machine's speed swings (other processes, the host) by up to 2x within a second; the two calls of a pair
 * run at the same speed, so the median of the pairs' ratios is stable where two separately timed medians are not.
 */
function pairedTimes(a: () => unknown, b: () => unknown, pairs: number, warmup: number): { a: number[]; b: number[] } {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const times = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < pairs; r++) {
    if (r % 2 === 0) {
      times.a.push(timeCall(a));
      times.b.push(timeCall(b));
    } else {
      times.b.push(timeCall(b));
      times.a.push(timeCall(a));
    }
  }
  return times;
}

/**
 * Analysis / parse on generated files, and (into `warm`) warm analyses of the 300-line provider file paired with
 * parses of it, taken in blocks after each size so that they spread over the whole minute rather than one
 * possibly slow second.
 */
function ratioRows({ analyze, parseSource }: Measured, warm: { a: number[]; b: number[] }): BenchRow[] {
  const rows: BenchRow[] = [];
  const provider = generateFile(300);
  for (const [lines, pairs, warmup] of [[300, 601, 50], [5000, 201, 4], [50000, 21, 1]] as const) {
    const text = generateFile(lines);
    const t = pairedTimes(() => analyze('gen.tsx', text), () => parseSource('gen.tsx', text), pairs, warmup);
    const ms = (values: number[]): string => median(values).toFixed(lines < 1000 ? 3 : 1);
    rows.push({
      name: `analysis / babel parse, ${lines.toLocaleString('en-US')} lines (median of ${pairs} back-to-back pairs; medians: analysis ${ms(t.a)} ms, parse ${ms(t.b)} ms)`,
      value: median(t.a.map((x, i) => x / (t.b[i] as number))), unit: 'ratio', budget: 1.25,
    });
    const block = pairedTimes(() => analyze('components/Providers.tsx', provider), () => parseSource('components/Providers.tsx', provider), 100, 5);
    warm.a.push(...block.a);
    warm.b.push(...block.b);
  }
  return rows;
}

/**
 * First analysis in a fresh Node process, loading the release-built analysis bundle the way the extension does
 * (src/bundleLoader.ts). The first process after an install has no code cache; it writes one (after the timing),
 * and every later process starts from it, as later extension-host starts do.
 */
async function firstAnalysisMs(dir: string): Promise<{ noCache: number; cached: number; rawParse: number }> {
  const bundlePath = path.join(dir, 'analysis.js');
  const loaderPath = path.join(dir, 'loader.js');
  const parserPath = path.join(dir, 'parse.js');
  await bundle(bundlePath, { file: path.join(root, 'src/bundles/analysis.ts') });
  await bundle(loaderPath, { file: path.join(root, 'src/bundleLoader.ts') });
  await bundle(parserPath, { file: path.join(root, 'src/analysis/parse.ts') });
  const sample = path.join(dir, 'provider.tsx');
  fs.writeFileSync(sample, generateFile(300));
  const cacheDir = path.join(dir, 'code-cache');
  const script = `const fs=require('fs');const text=fs.readFileSync(${JSON.stringify(sample)},'utf8');`
    + `const loader=require(${JSON.stringify(loaderPath)});loader.setCodeCacheDir(${JSON.stringify(cacheDir)});`
    + `const t0=performance.now();const {analyze}=loader.requireBundle(${JSON.stringify(bundlePath)});analyze('provider.tsx',text);`
    + 'const ms=performance.now()-t0;'
    + `loader.writeCodeCaches().then(()=>process.stdout.write(JSON.stringify({ms,cached:loader.loadedFromCache(${JSON.stringify(bundlePath)})})));`;
  const run = () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { ms: number; cached: boolean };
  // The reference: Babel alone (bundled with the analyzer's parse options), loaded and run once in a fresh process.
  const rawScript = `const text=require('fs').readFileSync(${JSON.stringify(sample)},'utf8');`
    + `const t0=performance.now();require(${JSON.stringify(parserPath)}).parseSource('provider.tsx',text);`
    + 'process.stdout.write(String(performance.now()-t0));';
  const rawParse: number[] = [];
  const noCache: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < 5; i++) {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    const first = run();
    if (first.cached) throw new Error('the first process must start without a code cache');
    noCache.push(first.ms);
    const next = run();
    if (!next.cached) throw new Error('the code cache written by the first process was not used by the next');
    cached.push(next.ms);
    rawParse.push(Number(execFileSync(process.execPath, ['-e', rawScript], { encoding: 'utf8' })));
  }
  return { noCache: median(noCache), cached: median(cached), rawParse: median(rawParse) };
}

function megabyteWithoutNames(): string {
  const line = 'export const value_0000 = computeSomething(alpha, beta, "a string literal", [1, 2, 3]);\n';
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 1024 * 1024; i++, size += line.length) lines.push(line.replace('0000', String(i).padStart(4, '0')));
  return lines.join(''); // flat, like a document's getText()
}

const bench: Bench = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analysis-bench-'));
  try {
    const measuredPath = path.join(dir, 'measured.js');
    await bundle(measuredPath, { contents: [
      "export { analyze } from './src/analysis/analyze';",
      "export { parseSource } from './src/analysis/parse';",
      "export { mentionsClerkOrConvex } from './src/analysis/prefilter';",
    ].join('\n') });
    const measured = createRequire(__filename)(measuredPath) as Measured;
    const warm = { a: [] as number[], b: [] as number[] };
    const rows = ratioRows(measured, warm);
    // The parse of the same file, timed alongside, shows how fast the machine was meanwhile.
    rows.push({ name: `warm analysis, 300-line provider file (median of ${warm.a.length} in 3 blocks; its parse alone: ${median(warm.b).toFixed(3)} ms)`, value: median(warm.a), unit: 'ms', budget: 2 });
    const first = await firstAnalysisMs(dir);
    rows.push({ name: 'first analysis incl. bundle + parser load, fresh process with the code cache of an earlier start', value: first.cached, unit: 'ms', budget: 60 });
    rows.push({ name: 'first analysis incl. bundle + parser load, very first start after install (no code cache yet)', value: first.noCache, unit: 'ms', budget: 60 });
    rows.push({ name: 'Babel alone: load + first parse of the same file in a fresh process (reference for the row above)', value: first.rawParse, unit: 'ms', budget: undefined });
    const big = megabyteWithoutNames();
    if (measured.mentionsClerkOrConvex(big)) throw new Error('the 1 MB pre-filter sample must not mention either name');
    rows.push({ name: 'pre-filter, 1 MB file with neither name', value: time(() => measured.mentionsClerkOrConvex(big), 50, 20), unit: 'ms', budget: 0.5 });
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
