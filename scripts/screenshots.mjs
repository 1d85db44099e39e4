// `npm run screenshots`: takes the README's pictures again from the real workbench (the UI test
// test/ui/readmePictures.ui.ts, which checks each one shows what its caption says) and writes them, optimised, to
// media/readme/. Needs what the UI layer needs (code-server, Debian's Chromium); the harness installs them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';

const run = spawnSync('npx', ['--no-install', 'tsx', path.join(repoRoot, 'test', 'ui', 'run.ts')], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, GREP: 'readmePictures', README_PICTURES: '1' },
});
process.exit(run.status ?? 1);
