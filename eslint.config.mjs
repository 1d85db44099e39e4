import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// Import boundaries: which folders of src/ each folder may import, so an arrow running back up (the project reader
// asking the analyzer, a core module reaching for VS Code) fails lint instead of waiting for a review. The order is
// CONTRIBUTING.md's layers: token and project at the bottom, the analyzer on the project readers, the rest of the
// core on those, then the adapters (`features/`) that alone import `vscode`. `folder/module` allows one module only;
// `types` lists what may be imported with `import type` only (nothing of it reaches the bundle).
const CORE_BOUNDARIES = {
  token: { values: [] },
  project: { values: [], types: ['token/types'] },
  analysis: { values: ['project'] },
  lessonState: { values: ['project', 'analysis'] },
  snippets: { values: ['analysis', 'project'] },
  worker: { values: ['analysis', 'project'] },
  workspace: { values: ['analysis', 'project'] },
  exercise: { values: ['token', 'project', 'analysis'] },
  deployment: { values: ['token', 'project'] },
  agent: { values: ['token', 'deployment', 'lessonState'] },
  // The panel's messages are bundled into the page: only the data they carry, never a Node module.
  protocol: { values: ['token/types', 'token/hiddenCharacters', 'exercise/types'] },
};
const CORE = Object.keys(CORE_BOUNDARIES);
const BOUNDARIES = {
  ...CORE_BOUNDARIES,
  // Browser code: the page knows the host only through the protocol.
  webview: { values: ['protocol'], types: ['token/types', 'exercise/types'] },
  shims: { values: [] },
  // Entries of the lazily loaded bundles: anything of the core, nothing of the adapters.
  bundles: { values: CORE },
  features: { values: [...CORE, 'lazy'], vscode: true },
  'lazy.ts': { values: ['bundles', 'project'] },
  'extension.ts': { values: ['features'], vscode: true },
};

// Arrows that run back up, allowed for one file and module each when one must be (none today).
const EXCEPTIONS = {};

// Adapters that every feature imports (the project reader and the shared services) import no feature.
const FEATURE_FOLDERS = ['agentTools', 'diagnostics', 'snippets', 'tokenPanel', 'walkthrough'];

const SRC_ENTRIES = readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory() || /\.ts$/.test(e.name))
  .map((e) => e.name);
const unmapped = SRC_ENTRIES.filter((name) => !(name in BOUNDARIES));
if (unmapped.length > 0) {
  throw new Error(`eslint.config.mjs: add ${unmapped.map((n) => `src/${n}`).join(', ')} to BOUNDARIES`);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const topOf = (target) => target.split('/')[0];
const restOf = (target) => target.split('/').slice(1).join('/');

/** The relative prefix that reaches src/ from a file `depth` folders below it. */
const toSrc = (depth) => (depth === 0 ? '\\./' : `(?:\\.\\./){${depth}}`);

/** A regex for imports of src/<top> (from `depth` below src/) other than the listed modules of it. */
function folderRegex(depth, top, allowedModules) {
  const name = escape(top);
  const except = allowedModules.length > 0 ? `(?!/(?:${allowedModules.map(escape).join('|')})$)` : '';
  return `^${toSrc(depth)}${name}${except}(?:/|$)`;
}

function restrictions(from, depth, extraAllowed = []) {
  const { values, types = [], vscode = false } = BOUNDARIES[from];
  const allowed = [...values, ...extraAllowed];
  const paths = vscode
    ? []
    : [{ name: 'vscode', message: 'Only the adapters in src/features/ import vscode: the core knows nothing of it.' }];
  const patterns = [];
  for (const entry of SRC_ENTRIES) {
    const top = entry.replace(/\.ts$/, '');
    if (entry === from || allowed.includes(top)) continue;
    const partial = [...allowed, ...types].filter((t) => topOf(t) === top).map(restOf);
    patterns.push({
      regex: folderRegex(depth, top, partial),
      message: `src/${from} may import ${allowed.length > 0 ? `only ${allowed.map((t) => `src/${t}`).join(', ')}` : 'no other folder of src/'}${
        types.length > 0 ? ` (and types of ${types.map((t) => `src/${t}`).join(', ')})` : ''
      }: see the layers in CONTRIBUTING.md.`,
    });
  }
  for (const t of types.filter((t) => !allowed.includes(t))) {
    patterns.push({
      regex: `^${toSrc(depth)}${escape(t)}$`,
      allowTypeImports: true,
      message: `src/${from} may import only types from src/${t} (write \`import type\`).`,
    });
  }
  if (from !== 'analysis') {
    patterns.push({
      group: ['@babel/*'],
      allowTypeImports: true,
      message: 'src/analysis/ is the only Babel reader: import its types only, or ask src/analysis/.',
    });
  }
  return { paths, patterns };
}

const MAX_DEPTH = 3;
const boundaryBlocks = [];
for (const from of Object.keys(BOUNDARIES)) {
  if (from.endsWith('.ts')) {
    boundaryBlocks.push({
      files: [`src/${from}`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', restrictions(from, 0)] },
    });
    continue;
  }
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    boundaryBlocks.push({
      files: [`src/${from}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', restrictions(from, depth)] },
    });
  }
}
for (const shared of ['project', 'services']) {
  const { paths, patterns } = restrictions('features', 2);
  boundaryBlocks.push({
    files: [`src/features/${shared}/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths,
          patterns: [
            ...patterns,
            {
              regex: `^\\.\\./(?:${[...FEATURE_FOLDERS, ...(shared === 'project' ? ['services'] : [])].join('|')})(?:/|$)`,
              message: `src/features/${shared}/ is shared by the features: it imports no feature.`,
            },
          ],
        },
      ],
    },
  });
}
for (const [file, modules] of Object.entries(EXCEPTIONS)) {
  const from = file.split('/')[1];
  const depth = file.split('/').length - 2;
  boundaryBlocks.push({
    files: [file],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', restrictions(from, depth, modules)] },
  });
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'sample/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'test-results/**',
    ],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Never use innerHTML: render text with textContent.',
        },
      ],
    },
  },
  {
    // Tests destructure module functions and implement async interfaces with sync bodies: both are fine there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/require-await': 'off' },
  },
  ...boundaryBlocks,
);
