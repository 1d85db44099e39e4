import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

const lockDir = path.join(repoRoot, '.vscode-test', 'build.lock');

/** Builds clear dist/: runs started at the same time (several terminals, several test layers) take turns. */
export function withBuildLock(fn) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000 || Date.now() > deadline) fs.rmSync(lockDir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Dev build (for the integration test bundle) then the release VSIX. Returns the path of a private copy of the
 * VSIX, with the test bundle beside it as integration-tests.js, so a later build cannot change them mid-run.
 */
export function buildAndPackage() {
  return withBuildLock(() => {
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-build-'));
    // The copy lives as long as the run that asked for it.
    process.once('exit', () => fs.rmSync(out, { recursive: true, force: true }));
    fs.copyFileSync(path.join(repoRoot, 'out', 'integration', 'index.js'), path.join(out, 'integration-tests.js'));
    const built = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .toString()
      .trim()
      .split('\n')
      .pop();
    const vsix = path.join(out, path.basename(built));
    fs.copyFileSync(built, vsix);
    return vsix;
  });
}
