// Proves every contributed snippet is real code: expands each body with its default placeholders (one round
// per choice option, so every choice is checked), adds what the insert commands write into an empty file and what
// the clerk-gate quick fix makes of real shapes of that mistake,
// writes the results into a small app in
// test/fixtures/typecheck (next to hand-written surroundings shaped like `npx convex codegen` output), runs
// tsc there against the real convex, Clerk, React, Next.js and Vite type packages, and runs our analyzer on
// every expanded file, which must report nothing. Exits non-zero on any error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { runUnderToolsNode } from './lib/toolsNode.mjs';

// convex, vsce, ovsx and @vscode/test-electron need Node 22+: on an older Node, run again on the harness's Node 24.
await runUnderToolsNode();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'test', 'fixtures', 'typecheck');
// tsx compiles the TypeScript expander (test/support) and the analyzer from src/ on import.
const { expandSnippet, snippetChoices } = await tsImport('../test/support/snippetBody.ts', import.meta.url);
const { providerFileText } = await tsImport('../src/snippets/sandwich.ts', import.meta.url);
const { authConfigSource } = await tsImport('../src/snippets/authConfigTemplate.ts', import.meta.url);

/** What the insert commands write into an empty file: checked like the snippets. */
function commandOutputs() {
  const out = [];
  for (const [dir, flavour, framework] of [
    ['next', { kind: 'next' }, 'next'],
    ['react', { kind: 'react', sdk: '@clerk/react' }, 'vite'],
    ['clerk-react', { kind: 'react', sdk: '@clerk/clerk-react' }, 'vite'],
  ]) {
    out.push({ file: `command/${dir}/ConvexClientProvider.tsx`, framework, text: providerFileText(flavour, 'ts') });
    out.push({ file: `command/${dir}/ConvexClientProviderJs.jsx`, framework, text: providerFileText(flavour, 'js') });
  }
  out.push({ file: 'command/convex/auth.config.ts', framework: 'next', text: authConfigSource('ts') });
  out.push({ file: 'command/js/convex/auth.config.js', framework: 'next', text: authConfigSource('js') });
  return out;
}

// The clerk-gate quick fix, applied to shapes of the mistake (the sample's page among them; the list is shared with
// test/unit/analysis/clerkGateFix.test.ts): the fixed text must type-check against the real packages and give no
// finding, so the fix never teaches code that does not build.
const { CLERK_GATE_CASES } = await tsImport('../test/unit/analysis/clerkGateCases.ts', import.meta.url);

/** Each case with its clerk-gate fixes applied (all of them, one after the other); throws when a case has none. */
async function clerkGateFixOutputs(analyzer) {
  const { applyEdits } = await tsImport('../src/analysis/edits.ts', import.meta.url);
  const out = [];
  for (const c of CLERK_GATE_CASES) {
    let text = c.text;
    const before = analyzer.analyse(c.file, text).findings.filter((f) => f.code === 'clerk-convex/clerk-gate');
    if (before.length === 0) throw new Error(`${c.file}: no clerk-gate finding to fix`);
    for (let i = 0; i < 5; i++) {
      const finding = analyzer.analyse(c.file, text).findings.find((f) => f.code === 'clerk-convex/clerk-gate');
      const fix = finding?.fixes[0];
      if (!fix) break;
      text = applyEdits(text, fix.edits);
    }
    out.push({ file: c.file, framework: 'next', text });
  }
  return out;
}

// Where each (snippet, language) lands in the fixture app, which framework that file belongs to, and the
// smallest surrounding a body needs to be a whole module. Every contributed snippet must have an entry here.
const inComponent = (name, imports) => (body) =>
  `"use client";\n\n${imports.join('\n')}\n\nexport function ${name}() {\n${indent(body, '  ')}\n  return <p>Signed in.</p>;\n}\n`;
const returned = (name, imports) => (body) =>
  `"use client";\n\n${imports.join('\n')}\n\nexport function ${name}() {\n  return (\n${indent(body, '    ')}\n  );\n}\n`;
const CONVEX_HEADER = 'import { mutation, query } from "./_generated/server";\nimport { v } from "convex/values";\n\n';
const AUTH_STATE = ['import { useConvexAuth } from "convex/react";'];
const AUTH_GATES = ['import { Authenticated, AuthLoading, Unauthenticated } from "convex/react";'];

const PLACEMENTS = {
  'Clerk + Convex provider file (Next.js)|typescriptreact': {
    file: 'components/ConvexClientProvider.tsx',
    framework: 'next',
  },
  'Clerk + Convex provider file (Next.js)|javascriptreact': {
    file: 'components/ConvexClientProviderJs.jsx',
    framework: 'next',
  },
  'Clerk + Convex root layout (Next.js)|typescriptreact': { file: 'app/layout.tsx', framework: 'next' },
  'Clerk + Convex root layout (Next.js)|javascriptreact': { file: 'js/app/layout.jsx', framework: 'next' },
  'Clerk + Convex provider sandwich (React, Vite)|typescriptreact': { file: 'src/main.tsx', framework: 'vite' },
  'Clerk + Convex provider sandwich (React, Vite)|javascriptreact': { file: 'src/main-js.jsx', framework: 'vite' },
  'Clerk + Convex provider file (Expo)|typescriptreact': {
    file: 'expo/components/ConvexClientProvider.tsx',
    framework: 'expo',
  },
  'Clerk + Convex provider file (Expo)|javascriptreact': {
    file: 'expo/components/ConvexClientProviderJs.jsx',
    framework: 'expo',
  },
  'Clerk + Convex root route (TanStack Start)|typescriptreact': {
    file: 'tanstack/src/routes/__root.tsx',
    framework: 'tanstack-start',
  },
  'Clerk + Convex root route (TanStack Start)|javascriptreact': {
    file: 'tanstack-js/src/routes/__root.jsx',
    framework: 'tanstack-start',
  },
  'Convex auth state (useConvexAuth)|typescriptreact': {
    file: 'components/AuthState.tsx',
    framework: 'next',
    wrap: inComponent('AuthState', AUTH_STATE),
  },
  'Convex auth state (useConvexAuth)|javascriptreact': {
    file: 'components/AuthStateJs.jsx',
    framework: 'next',
    wrap: inComponent('AuthState', AUTH_STATE),
  },
  'Convex auth gates (Authenticated, Unauthenticated, AuthLoading)|typescriptreact': {
    file: 'components/AuthGates.tsx',
    framework: 'next',
    wrap: returned('AuthGates', AUTH_GATES),
  },
  'Convex auth gates (Authenticated, Unauthenticated, AuthLoading)|javascriptreact': {
    file: 'components/AuthGatesJs.jsx',
    framework: 'next',
    wrap: returned('AuthGates', AUTH_GATES),
  },
  'Server-side fetchQuery with the Clerk token (Next.js)|typescriptreact': { file: 'app/page.tsx', framework: 'next' },
  'Server-side fetchQuery with the Clerk token (Next.js)|javascriptreact': {
    file: 'js/app/page.jsx',
    framework: 'next',
  },
  'Convex query reading the user identity|typescript': {
    file: 'convex/messages.ts',
    framework: 'next',
    header: CONVEX_HEADER,
  },
  'Convex query reading the user identity|javascript': {
    file: 'convex/messagesJs.js',
    framework: 'next',
    header: CONVEX_HEADER,
  },
  'Convex mutation requiring a signed-in user|typescript': {
    file: 'convex/messages.ts',
    framework: 'next',
    header: CONVEX_HEADER,
  },
  'Convex mutation requiring a signed-in user|javascript': {
    file: 'convex/messagesJs.js',
    framework: 'next',
    header: CONVEX_HEADER,
  },
  'Convex auth.config.ts for Clerk|typescript': { file: 'convex/auth.config.ts', framework: 'next' },
  'Convex auth.config.js for Clerk|javascript': { file: 'js/convex/auth.config.js', framework: 'next' },
};
const SDK = {
  next: ['@clerk/nextjs'],
  vite: ['@clerk/react', '@clerk/clerk-react'],
  expo: ['@clerk/expo'],
  'tanstack-start': ['@clerk/tanstack-react-start'],
};

function indent(text, by) {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : by + l))
    .join('\n');
}

function variablesFor(file) {
  const base = path.basename(file);
  const now = new Date();
  return {
    TM_FILENAME: base,
    TM_FILENAME_BASE: base.replace(/\.[^.]+$/, ''),
    TM_DIRECTORY: path.join(fixture, path.dirname(file)),
    TM_FILEPATH: path.join(fixture, file),
    RELATIVE_FILEPATH: file,
    WORKSPACE_NAME: 'typecheck',
    WORKSPACE_FOLDER: fixture,
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    CLIPBOARD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_MONTH: String(now.getMonth() + 1).padStart(2, '0'),
    CURRENT_DATE: String(now.getDate()).padStart(2, '0'),
    LINE_COMMENT: '//',
    BLOCK_COMMENT_START: '/*',
    BLOCK_COMMENT_END: '*/',
  };
}

/** Every (snippet, language) the manifest contributes. */
function contributedSnippets() {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = [];
  for (const { language, path: rel } of manifest.contributes.snippets) {
    const file = path.join(root, rel);
    const snippets = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [name, snippet] of Object.entries(snippets)) {
      const problems = ['prefix', 'body', 'description'].filter((k) => !snippet[k] || snippet[k].length === 0);
      if (problems.length) throw new Error(`${rel}: "${name}" lacks ${problems.join(', ')}`);
      out.push({ name, language, source: rel, body: snippet.body });
    }
  }
  return out;
}

// Every pinned package at its pinned version: a checkout whose fixture was installed before a package was added
// or bumped gets it, so the snippets are never checked against older types than package.json names.
function ensureFixtureInstalled() {
  const { devDependencies } = JSON.parse(fs.readFileSync(path.join(fixture, 'package.json'), 'utf8'));
  const stale = Object.entries(devDependencies)
    .map(([name, version]) => {
      const manifest = path.join(fixture, 'node_modules', name, 'package.json');
      const found = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : undefined;
      return found === version ? undefined : `${name} ${found ? `${found} → ${version}` : `${version} missing`}`;
    })
    .filter(Boolean);
  if (stale.length === 0) return;
  console.log(`Installing the type-check fixture's packages (npm ci; ${stale.join(', ')})…`);
  // --legacy-peer-deps: @clerk/expo's peers (expo, react-native and the expo-* modules) are a native toolchain;
  // its types are what is checked here, and the lock was made without them.
  const r = spawnSync(
    'npm',
    ['ci', '--prefix', fixture, '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps'],
    { stdio: 'inherit', shell: process.platform === 'win32' },
  );
  if (r.status !== 0) throw new Error('npm ci in test/fixtures/typecheck failed');
}

/** Writes one round's files; returns [{ file, framework, text }]. */
function writeRound(snippets, round, extra = []) {
  const files = new Map();
  for (const s of snippets) {
    const key = `${s.name}|${s.language}`;
    const place = PLACEMENTS[key];
    if (!place)
      throw new Error(`No fixture placement for "${s.name}" in ${s.language} (${s.source}): add one to PLACEMENTS`);
    const expanded = expandSnippet(s.body, { variables: variablesFor(place.file), choice: () => round });
    const body = place.wrap ? place.wrap(expanded) : expanded;
    const entry = files.get(place.file) ?? { file: place.file, framework: place.framework, text: place.header ?? '' };
    entry.text += (entry.text && !entry.text.endsWith('\n\n') ? '\n' : '') + body;
    files.set(place.file, entry);
  }
  const all = [...files.values(), ...(round === 0 ? [...commandOutputs(), ...extra] : [])];
  for (const f of all) {
    const abs = path.join(fixture, f.file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.text);
  }
  return all;
}

function removeGenerated() {
  for (const { file } of Object.values(PLACEMENTS)) fs.rmSync(path.join(fixture, file), { force: true });
  fs.rmSync(path.join(fixture, 'command'), { recursive: true, force: true });
  fs.rmSync(path.join(fixture, 'fixes'), { recursive: true, force: true });
}

/** TypeScript files under strict settings (tsconfig.json); JavaScript as a // @ts-check project sees it. */
function runTsc() {
  const tsc = path.join(fixture, 'node_modules', 'typescript', 'bin', 'tsc');
  const outputs = [];
  for (const config of ['tsconfig.json', 'tsconfig.js.json']) {
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(fixture, config), '--noEmit', '--pretty', 'false'], {
      encoding: 'utf8',
    });
    if (r.status !== 0) outputs.push(`[${config}]\n${r.stdout}${r.stderr}`.trim());
  }
  return { ok: outputs.length === 0, output: outputs.join('\n') };
}

/**
 * The project a learner who finished the setup has: every variable the snippets read is set in .env.local, so
 * the analyzer judges the code and not a missing local setting.
 */
function projectFor(framework, files, EMPTY_PROJECT) {
  const names = new Set(
    files.flatMap((f) =>
      [...f.text.matchAll(/(?:process\.env|import\.meta\.env)\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]),
    ),
  );
  const env = [...names].map((name) => ({
    name,
    value: /CLERK_(JWT_ISSUER_DOMAIN|FRONTEND_API_URL)$/.test(name)
      ? 'https://exotic-crab-75.clerk.accounts.dev'
      : 'set',
    file: '.env.local',
  }));
  return { ...EMPTY_PROJECT, env, packages: { framework, clerkSdks: SDK[framework] ?? [] } };
}

async function loadAnalyser() {
  const analysePath = path.join(root, 'src', 'analysis', 'analyse.ts');
  if (!fs.existsSync(analysePath)) return undefined;
  const { analyse } = await tsImport('../src/analysis/analyse.ts', import.meta.url);
  const { EMPTY_PROJECT } = await tsImport('../src/project/types.ts', import.meta.url);
  return { analyse, EMPTY_PROJECT };
}

async function main() {
  ensureFixtureInstalled();
  const snippets = contributedSnippets();
  const used = new Set(snippets.map((s) => `${s.name}|${s.language}`));
  const stale = Object.keys(PLACEMENTS).filter((k) => !used.has(k));
  if (stale.length) throw new Error(`PLACEMENTS names snippets that are no longer contributed: ${stale.join('; ')}`);
  const rounds = Math.max(1, ...snippets.flatMap((s) => snippetChoices(s.body).map((c) => c.options.length)));
  const analyzer = await loadAnalyser();
  let failures = 0;

  for (let round = 0; round < rounds; round++) {
    const label = round === 0 ? 'defaults (first choice)' : `choice option ${round + 1}`;
    removeGenerated();
    const fixes = round === 0 && analyzer ? await clerkGateFixOutputs(analyzer) : [];
    const files = writeRound(snippets, round, fixes);
    const tsc = runTsc();
    if (tsc.ok)
      console.log(
        `✔ tsc: ${files.length} files from ${snippets.length} snippet/language pairs${round === 0 ? ` and the commands' output${fixes.length ? `, and ${fixes.length} clerk-gate fixes applied` : ''}` : ''}, ${label}`,
      );
    else {
      failures++;
      console.error(`✘ tsc, ${label}:\n${tsc.output}`);
    }
    if (!analyzer) continue;
    for (const f of files) {
      const result = analyzer.analyse(f.file, f.text, {
        project: projectFor(f.framework, files, analyzer.EMPTY_PROJECT),
      });
      if (result.findings.length === 0) continue;
      failures++;
      for (const finding of result.findings) {
        const line = f.text.slice(0, finding.start).split('\n').length;
        console.error(
          `✘ analyzer, ${label}: ${f.file}:${line} ${finding.code} (${finding.severity}) ${finding.message}`,
        );
      }
    }
    if (analyzer) console.log(`${failures ? '…' : '✔'} analyzer run on ${files.length} files, ${label}`);
  }
  if (!analyzer) console.log('– analyzer: src/analysis/analyse.ts not found, not run');
  if (failures) {
    console.error(`\n${failures} problem(s). The generated files are left in test/fixtures/typecheck for a look.`);
    process.exit(1);
  }
  console.log('All snippets type-check and give no findings.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
