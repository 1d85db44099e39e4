// `npm test`: every layer, in order, on one build. Static checks first (they fail fastest), then the unit tests
// (pure, seconds), the system tests (child processes, loopback HTTP, timing, harness scripts), the snippets'
// type-check against the real Clerk and Convex types, then the integration and UI layers in a real VS Code
// (code-server) driven by Chromium, and last the release check (vsce and ovsx as publishing runs them). Ends with
// one "N passed, N failed" line for all layers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';
import { buildAndPackage } from './lib/buildAndPackage.mjs';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

// convex, vsce, ovsx and @vscode/test-electron need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();

const npx = (args) => ['npx', ['--no-install', ...args]];
const layers = [
  { name: 'typecheck', cmd: ['npm', ['run', '--silent', 'typecheck']] },
  { name: 'lint', cmd: ['npm', ['run', '--silent', 'lint']] },
  { name: 'unit', cmd: npx(['mocha', '--config', path.join('test', 'unit', '.mocharc.cjs')]) },
  { name: 'system', cmd: npx(['mocha', '--config', path.join('test', 'system', '.mocharc.cjs')]) },
  { name: 'snippets', cmd: ['npm', ['run', '--silent', 'test:snippets']], optional: 'test:snippets' },
  {
    name: 'integration',
    cmd: [process.execPath, [path.join(repoRoot, 'scripts', 'test-integration.mjs')]],
    needsVsix: true,
  },
  { name: 'ui', cmd: npx(['tsx', path.join(repoRoot, 'test', 'ui', 'run.ts')]), needsVsix: true },
  // vsce package --pre-release and ovsx publish to a registry stand-in, as a release runs them.
  { name: 'release', cmd: [process.execPath, [path.join(repoRoot, 'scripts', 'release-check.mjs')]] },
];

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const only = process.env.LAYERS?.split(',');
let vsix;
let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
const failures = [];
for (const layer of layers) {
  if (only && !only.includes(layer.name)) continue;
  if (layer.optional && !pkg.scripts[layer.optional]) continue;
  if (layer.needsVsix && !vsix) {
    console.log('\n=== build + package (the VSIX the integration and UI layers install)');
    vsix = buildAndPackage();
  }
  console.log(`\n=== ${layer.name}`);
  const [cmd, args] = layer.cmd;
  const { code, output } = await runTee(cmd, args, { ...process.env, ...(vsix ? { VSIX: vsix } : {}) });
  const counts = countTests(output, code === 0);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  const skippedText = counts.skipped ? `, ${counts.skipped} skipped` : '';
  summary.push(
    `${code === 0 ? '✓' : '✗'} ${layer.name}: ${counts.passed} passed, ${counts.failed} failed${skippedText}${code === 0 ? '' : ` (exit ${code})`}`,
  );
  if (code !== 0 && counts.failed === 0) failed++;
  if (code !== 0) failures.push(`--- ${layer.name}`, ...failureLines(output));
}
// The failures again at the end, where a log cut to its tail (a CI page) still shows them.
if (failures.length) console.log(`\n=== what failed\n${failures.join('\n')}`);
console.log(`\n${summary.join('\n')}`);
// Skipped tests are reported as such, never counted as passed.
console.log(`all layers: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);

/** Runs a layer with its output shown live and kept for counting. */
function runTee(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? signal, output }));
  });
}

/** Test counts from a layer's output: mocha's "N passing/failing/pending", our "x: N passed, N failed[, N skipped]". */
function countTests(output, ok) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (re) => Number(plain.match(re)?.[1] ?? 0);
  if (/^\s*\d+ passing/m.test(plain)) {
    return { passed: num(/^\s*(\d+) passing/m), failed: num(/^\s*(\d+) failing/m), skipped: num(/^\s*(\d+) pending/m) };
  }
  const lines = [...plain.matchAll(/^(?:[\w-]+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)];
  if (lines.length) {
    const last = lines[lines.length - 1];
    return { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) };
  }
  return ok ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

/** A failed layer's failures, without stack frames: mocha's numbered list, or our "✗ name" lines and their reason. */
function failureLines(output) {
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const start = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  const marked =
    start >= 0
      ? lines.slice(start + 1)
      : lines.flatMap((l, i) => (/^\s*✗ /.test(l) ? [l, ...lines.slice(i + 1, i + 4)] : []));
  // Neither (a type error, lint, a harness that stopped): what the layer said last.
  const picked = marked.some((l) => l.trim()) ? marked : lines.filter((l) => l.trim()).slice(-15);
  const kept = picked.filter((l) => l.trim() && !/^\s+at /.test(l));
  return kept.length > 60 ? [...kept.slice(0, 60), `(${kept.length - 60} more lines in the output above)`] : kept;
}
