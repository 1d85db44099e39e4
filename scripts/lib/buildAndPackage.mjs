import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './codeServer.mjs';

/** Dev build (for the test bundle) then the release VSIX; returns the VSIX path. */
export function buildAndPackage() {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  return out.toString().trim().split('\n').pop();
}
