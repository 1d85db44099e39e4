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

/** A realistic client file (providers + many gated components) of about `lines` lines. */
export function generateFile(lines: number): string {
  let text = HEADER;
  for (let i = 0; text.split('\n').length < lines; i++) text += component(i);
  return text;
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

function ratioRows({ analyze, parseSource }: Measured): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [lines, rounds] of [[300, 200], [5000, 30], [50000, 7]] as const) {
    const text = generateFile(lines);
    // Interleave the two measurements so machine noise hits both alike.
    const parse: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 3; i++) {
      parse.push(time(() => parseSource('gen.tsx', text), rounds));
      full.push(time(() => analyze('gen.tsx', text), rounds));
    }
    const label = `${lines.toLocaleString('en-US')} lines`;
    rows.push({ name: `analysis / parse, ${label}`, value: median(full), unit: 'ms', budget: 1.25, reference: { name: `babel parse, ${label}`, value: median(parse) } });
  }
  return rows;
}

/** First analysis in a fresh Node process, from the analysis bundle as the release build makes it. */
async function firstAnalysisMs(dir: string): Promise<number> {
  const bundlePath = path.join(dir, 'analysis.js');
  await bundle(bundlePath, { file: path.join(root, 'src/bundles/analysis.ts') });
  const sample = path.join(dir, 'provider.tsx');
  fs.writeFileSync(sample, generateFile(300));
  const script = `const fs=require('fs');const text=fs.readFileSync(${JSON.stringify(sample)},'utf8');`
    + `const t0=performance.now();const {analyze}=require(${JSON.stringify(bundlePath)});analyze('provider.tsx',text);`
    + 'process.stdout.write(String(performance.now()-t0));';
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) runs.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return median(runs);
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
    const rows = ratioRows(measured);
    const provider = generateFile(300);
    rows.push({ name: 'warm analysis, 300-line provider file', value: time(() => measured.analyze('components/Providers.tsx', provider), 300), unit: 'ms', budget: 2 });
    rows.push({ name: 'first analysis incl. bundle + parser load (fresh process)', value: await firstAnalysisMs(dir), unit: 'ms', budget: 60 });
    const big = megabyteWithoutNames();
    if (measured.mentionsClerkOrConvex(big)) throw new Error('the 1 MB pre-filter sample must not mention either name');
    rows.push({ name: 'pre-filter, 1 MB file with neither name', value: time(() => measured.mentionsClerkOrConvex(big), 50, 20), unit: 'ms', budget: 0.5 });
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
