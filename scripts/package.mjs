// Release build + VSIX. The output name is printed on the last line so other scripts can pick it up.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

// convex, vsce, ovsx and @vscode/test-electron need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--release'], { cwd: root, stdio: 'inherit' });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// Dependencies are bundled by esbuild, so node_modules stays out of the package.
// `npm run package -- --pre-release` marks the VSIX as a pre-release (CONTRIBUTING.md, Releasing).
const preRelease = process.argv.includes('--pre-release') ? ['--pre-release'] : [];
execFileSync(
  process.execPath,
  [vsce, 'package', ...preRelease, '--no-dependencies', '--allow-missing-repository', '-o', vsix],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
console.log(vsix);
