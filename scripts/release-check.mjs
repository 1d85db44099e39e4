// `npm run release:check`: what publishing runs, short of reaching the Marketplace or Open VSX.
// 1. The release build, then `vsce package --pre-release` with the installed @vscode/vsce (its secret scan
//    included: vsce refuses to package a file its secretlint rules flag, or a `.env` file).
// 2. `ovsx publish <that VSIX>` with the installed ovsx, against a registry stand-in on 127.0.0.1: ovsx has no dry
//    run, and this is the closest to one that runs here. The stand-in answers the three requests ovsx makes
//    (/api/version, /api/-/size-limit, /api/-/publish) and checks that the upload is the packaged VSIX,
//    marked pre-release, with this package.json's publisher, name and version. Open VSX's server-side checks
//    (its own secret scan among them) are not run.
// Prints one line per check; exits non-zero on the first failure.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from './lib/codeServer.mjs';
import { withBuildLock } from './lib/buildAndPackage.mjs';
import { runToEnd, runUnderToolsNode } from './lib/toolsNode.mjs';

// vsce 4 and ovsx 1 need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();

const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const versions = Object.fromEntries(
  ['@vscode/vsce', 'ovsx'].map((n) => [
    n,
    JSON.parse(fs.readFileSync(require.resolve(`${n}/package.json`), 'utf8')).version,
  ]),
);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-convex-release-'));
process.once('exit', () => fs.rmSync(out, { recursive: true, force: true }));
const vsix = path.join(out, `${pkg.name}-${pkg.version}-pre.vsix`);

// 1. Release build and pre-release VSIX (the build lock keeps a concurrent build from changing dist/ meanwhile).
withBuildLock(() => {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--release'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  execFileSync(
    process.execPath,
    [
      require.resolve('@vscode/vsce/vsce'),
      'package',
      '--pre-release',
      '--no-dependencies',
      '--allow-missing-repository',
      '-o',
      vsix,
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
});
console.log(`✓ vsce ${versions['@vscode/vsce']} package --pre-release (secret scan passed): ${path.basename(vsix)}`);

// 2. ovsx publish against the stand-in.
const token = crypto.randomBytes(16).toString('hex');
const expected = fs.readFileSync(vsix);
const seen = [];
let verdict;
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  seen.push(`${req.method} ${url.pathname}`);
  const json = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && url.pathname === '/api/version') return json(200, { version: '1.3.0' });
  if (req.method === 'GET' && url.pathname === '/api/-/size-limit') {
    const named = url.searchParams.get('namespace') === pkg.publisher && url.searchParams.get('extension') === pkg.name;
    return named ? json(200, { maxSize: 512 * 1024 * 1024 }) : json(400, { error: 'wrong namespace or name' });
  }
  if (req.method === 'POST' && url.pathname === '/api/-/publish') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      void checkUpload(req, Buffer.concat(chunks)).then((problem) => {
        verdict = problem ?? 'ok';
        if (problem) return json(400, { error: problem });
        json(201, { namespace: pkg.publisher, name: pkg.name, version: pkg.version, targetPlatform: 'universal' });
      });
    });
    return;
  }
  json(404, { error: `not served by the stand-in: ${req.method} ${url.pathname}` });
});

async function checkUpload(req, body) {
  if (req.headers.authorization !== `Bearer ${token}`) return 'the token did not arrive as a Bearer header';
  if (!body.equals(expected)) return `the upload (${body.length} bytes) is not the packaged VSIX (${expected.length})`;
  const { readZip } = require('ovsx/lib/zip.js');
  const copy = path.join(out, 'uploaded.vsix');
  fs.writeFileSync(copy, body);
  const files = await readZip(copy, (n) => n === 'extension/package.json' || n === 'extension.vsixmanifest');
  const manifest = JSON.parse(files.get('extension/package.json')?.toString('utf8') ?? '{}');
  const vsixManifest = files.get('extension.vsixmanifest')?.toString('utf8') ?? '';
  for (const key of ['publisher', 'name', 'version'])
    if (manifest[key] !== pkg[key]) return `extension/package.json has ${key} ${manifest[key]}, not ${pkg[key]}`;
  if (!/<Property Id="Microsoft\.VisualStudio\.Code\.PreRelease" Value="true" \/>/.test(vsixManifest))
    return 'extension.vsixmanifest does not mark the package as a pre-release';
  return undefined;
}

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const registry = `http://127.0.0.1:${server.address().port}`;
const ovsx = require.resolve('ovsx/bin/ovsx');
const code = await runToEnd(process.execPath, [ovsx, 'publish', vsix, '-r', registry, '-p', token], process.env);
server.close();
if (code !== 0 || verdict !== 'ok') {
  console.error(
    `✗ ovsx ${versions.ovsx} publish to the stand-in failed (exit ${code}; ${verdict ?? 'nothing uploaded'}).`,
  );
  console.error(`  requests: ${seen.join(', ')}`);
  process.exit(1);
}
console.log(`✓ ovsx ${versions.ovsx} publish to a registry stand-in on 127.0.0.1 (${seen.join(', ')})`);
console.log('release: 2 passed, 0 failed');
