// Writes sample/convex/_generated/ the way `npx convex codegen` does for the sample's pinned convex (which
// needs a deployment to run): the same template functions of the installed convex package, the same module
// list (function files only: no schema, no auth.config, no dotted names), formatted with the same prettier.
// Usage: node scripts/sample-codegen.mjs <folder where the sample's packages are installed>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const installed = path.resolve(process.argv[2] ?? 'sample');
const repoSample = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'sample');
const convexDir = path.join(installed, 'node_modules', 'convex');
const templates = path.join(convexDir, 'dist', 'esm', 'cli', 'codegen_templates');
const load = (f) => import(pathToFileURL(path.join(templates, f)).href);
const { apiCodegen } = await load('api.js');
const { serverCodegen } = await load('server.js');
const { dynamicDataModelDTS } = await loadDataModelTemplates();
const prettier = createRequire(path.join(convexDir, 'package.json'))('prettier');

/**
 * dataModel.js also imports the CLI's component helpers (for static data models, which the sample does not use),
 * and they import packages only the CLI bundle carries: load a copy of the file without that one import.
 */
async function loadDataModelTemplates() {
  const source = fs.readFileSync(path.join(templates, 'dataModel.js'), 'utf8');
  const copy = path.join(templates, `dataModel.sample-codegen-${process.pid}.js`);
  fs.writeFileSync(copy, source.replace(/import\s*\{\s*toComponentDefinitionPath\s*\}\s*from\s*"[^"]+";/, ''));
  try {
    return await import(pathToFileURL(copy).href);
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

const functionsDir = path.join(repoSample, 'convex');
const modulePaths = fs
  .readdirSync(functionsDir)
  .filter(
    (f) =>
      /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(f) &&
      !f.startsWith('.') &&
      f !== 'schema.ts' &&
      (f.match(/\./g) ?? []).length === 1,
  )
  .sort();
const server = serverCodegen({ useTypeScript: false, envVars: undefined });
const api = apiCodegen(modulePaths, { useTypeScript: false });
const files = {
  'dataModel.d.ts': dynamicDataModelDTS(),
  'server.js': server.JS,
  'server.d.ts': server.DTS,
  'api.js': api.JS,
  'api.d.ts': api.DTS,
};
const out = path.join(functionsDir, '_generated');
fs.mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(files)) {
  fs.writeFileSync(
    path.join(out, name),
    await prettier.format(text, { parser: 'typescript', pluginSearchDirs: false }),
  );
}
const version = JSON.parse(fs.readFileSync(path.join(convexDir, 'package.json'), 'utf8')).version;
console.log(`wrote ${Object.keys(files).join(', ')} for ${modulePaths.join(', ')} with convex ${version}`);
