// What `npx convex dev` writes into convex/_generated/ for the sample, produced by the installed convex
// package's own codegen templates. The CLI's codegen needs a deployment: offline it writes only its first pass
// (api.js, dataModel.d.ts, and server.* and api.d.ts as stand-ins) and then stops when the push cannot reach a
// deployment; the files a push leaves behind come from the second pass, whose only deployment input for an app
// without components (no convex.config.ts) is an analysis with no child components and no declared env vars.
// This module runs that second pass's templates with exactly that input (convex 1.51: lib/codegen.js,
// doFinalComponentCodegen), and the first pass's for api.js, which the second pass does not rewrite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// Mirrors the rules of the CLI's `entryPoints` (bundler/index.js): which files of the functions folder are
// modules of the app. The CLI module itself imports packages only its bundle carries (chalk, Sentry).
const ENTRY_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

/** Absolute paths of the function modules in `dir`, as the CLI lists them. */
export function functionModules(dir) {
  const out = [];
  const walk = (folder, depth) => {
    if (depth > 0 && fs.existsSync(path.join(folder, 'convex.config.ts'))) return; // a nested component
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!(depth === 0 && entry.name === '_generated') && !entry.name.startsWith('.')) walk(full, depth + 1);
        continue;
      }
      const rel = path.relative(dir, full);
      const base = entry.name;
      if (!ENTRY_EXTENSIONS.some((ext) => rel.endsWith(ext))) continue;
      if (base.startsWith('.') || base.startsWith('#')) continue;
      if (base === 'schema.ts' || base === 'schema.js') continue;
      if ((base.match(/\./g) ?? []).length > 1) continue; // auth.config.ts, foo.test.ts, …
      if (rel.includes(' ')) continue;
      if (/\.tsx?$/.test(base) && !/^\s{0,100}(import|export)/m.test(fs.readFileSync(full, 'utf8'))) continue;
      out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}

const SHIM = `
import path from "node:path";
export { entryPoints } from ${JSON.stringify(import.meta.url)};
export function toComponentDefinitionPath(root, component) {
  return path.relative(root.path, component.path).split(path.sep).join(path.posix.sep);
}
export function toAbsolutePath() {
  throw new Error("sampleCodegen: the sample has no child components");
}
`;

/** The CLI's entryPoints signature, for the shimmed templates. */
export async function entryPoints(_ctx, dir) {
  return functionModules(dir);
}

/**
 * Loads a template module of the installed convex from a temporary copy whose imports of CLI-only modules
 * (the bundler and the component directory helpers) point at the shim above; every other import still
 * resolves to the package's own files.
 */
async function loadTemplate(templatesDir, name, tmp) {
  const shim = path.join(tmp, 'shim.mjs');
  if (!fs.existsSync(shim)) fs.writeFileSync(shim, SHIM);
  const text = fs.readFileSync(path.join(templatesDir, name), 'utf8');
  // Only the module's leading import statements: the templates' own text also contains import lines.
  const header = /^(?:"use strict";\s*)?(?:import[^;]*;\s*)*/.exec(text)[0];
  const imports = header.replace(/from\s*"(\.{1,2}\/[^"]+)"/g, (_m, spec) => {
    if (spec === '../../bundler/index.js' || spec === '../lib/components/definition/directoryStructure.js')
      return `from ${JSON.stringify(pathToFileURL(shim).href)}`;
    return `from ${JSON.stringify(pathToFileURL(path.resolve(templatesDir, spec)).href)}`;
  });
  const source = imports + text.slice(header.length);
  const copy = path.join(tmp, name);
  fs.writeFileSync(copy, source);
  return import(pathToFileURL(copy).href);
}

/**
 * The generated files for the Convex functions folder `functionsDir`, using the convex package installed at
 * `convexDir` (its templates and its prettier). Returns { version, modules, files: { name: text } }.
 */
export async function sampleCodegen(convexDir, functionsDir) {
  const templates = path.join(convexDir, 'dist', 'esm', 'cli', 'codegen_templates');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-codegen-'));
  try {
    const { serverCodegen } = await loadTemplate(templates, 'server.js', tmp);
    const { dynamicDataModelDTS, noSchemaDataModelDTS } = await loadTemplate(templates, 'dataModel.js', tmp);
    const { componentApiJs, componentApiDTS } = await loadTemplate(templates, 'component_api.js', tmp);
    const prettier = createRequire(path.join(convexDir, 'package.json'))('prettier');

    const root = { isRoot: true, path: functionsDir, definitionPath: path.join(functionsDir, 'convex.config.ts') };
    // What a deployment's push analysis holds for an app without components or declared env vars.
    const startPush = { analysis: { '': { definition: { childComponents: [], envVars: [] } } } };
    const ctx = {
      fs: { exists: (p) => fs.existsSync(p), readUtf8File: (p) => fs.readFileSync(p, 'utf8') },
      crash: ({ printedMessage }) => Promise.reject(new Error(printedMessage)),
    };
    const hasSchema = ['schema.ts', 'schema.js'].some((f) => fs.existsSync(path.join(functionsDir, f)));
    const server = serverCodegen({ useTypeScript: false, envVars: [] });
    const raw = {
      'api.d.ts': await componentApiDTS(ctx, startPush, root, root, new Map(), {
        staticApi: false,
        useComponentApiImports: false,
      }),
      'api.js': componentApiJs(),
      'dataModel.d.ts': hasSchema ? dynamicDataModelDTS() : noSchemaDataModelDTS(),
      'server.d.ts': server.DTS,
      'server.js': server.JS,
    };
    const files = {};
    for (const [name, text] of Object.entries(raw))
      files[name] = await prettier.format(text, { parser: 'typescript', pluginSearchDirs: false });
    const { version } = JSON.parse(fs.readFileSync(path.join(convexDir, 'package.json'), 'utf8'));
    const modules = functionModules(functionsDir).map((f) => path.relative(functionsDir, f));
    return { version, modules, files };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
