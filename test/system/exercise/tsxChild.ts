// The runner's child for tests: src/exercise/run/child.ts bundled once per test process with the build's own
// options (scripts/lib/runnerBundle.mjs), because the child runs under Node's permission model, where a TypeScript
// loader that starts esbuild processes cannot work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../../unit/exercise/projects';

let built: Promise<string> | undefined;

/** The bundled child's path (built on first use, removed when the process exits). */
export function runnerBundle(): Promise<string> {
  return (built ??= (async () => {
    const esbuild = await import('esbuild');
    const { runnerBundleOptions } = (await import(
      path.join(REPO, 'scripts', 'lib', 'runnerBundle.mjs')
    )) as typeof import('../../../scripts/lib/runnerBundle.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-runner-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const outfile = path.join(dir, 'ownFunctionRunner.js');
    await esbuild.build({ ...runnerBundleOptions(REPO, { outfile }), logLevel: 'silent' });
    return outfile;
  })());
}

/** Runner options for tests: the bundled child. */
export async function childUnderTsx(): Promise<{ entry: string }> {
  return { entry: await runnerBundle() };
}
