// Writes sample/convex/_generated/ as `npx convex dev` leaves it for the sample, from the templates of a convex
// package (see scripts/lib/sampleCodegen.mjs for why the CLI itself cannot do it without a deployment).
// Usage: node scripts/sample-codegen.mjs [folder whose node_modules/convex to use; default: this repository,
// whose convex dev dependency is pinned to the sample's version]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleCodegen } from './lib/sampleCodegen.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const installed = path.resolve(process.argv[2] ?? repo);
const convexDir = path.join(installed, 'node_modules', 'convex');
const functionsDir = path.join(repo, 'sample', 'convex');
const pinned = JSON.parse(fs.readFileSync(path.join(repo, 'sample', 'package.json'), 'utf8')).dependencies.convex;
const { version, modules, files } = await sampleCodegen(convexDir, functionsDir);
if (version !== pinned) {
  console.error(`${convexDir} is convex ${version}, but the sample pins ${pinned}: install that one first.`);
  process.exit(1);
}
const out = path.join(functionsDir, '_generated');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(out, name), text);
console.log(`wrote ${Object.keys(files).join(', ')} for ${modules.join(', ')} with convex ${version}`);
