import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/analysis/analyse';
import { readAuthConfig } from '../../../src/analysis/authConfig';
import { isAuthConfigName } from '../../../src/project/authConfigName';
import { withIdentityFunctions } from '../../../src/analysis/crossFile';
import { componentContext } from '../../../src/analysis/componentContext';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';
import { readPackageFacts } from '../../../src/project/packageFacts';
import { convexDirOf } from '../../../src/project/convexDir';
import type { ProjectSnapshot } from '../../../src/project/types';
import { authConfigs } from './corpus/authConfigs';
import { functions } from './corpus/functions';
import { gates } from './corpus/gates';
import { providers } from './corpus/providers';
import { server } from './corpus/server';
import { fresh } from './corpus/fresh';
import { chains } from './corpus/chains';
import { second } from './corpus/second';
import { third } from './corpus/third';
import { fourth } from './corpus/fourth';
import { wiring } from './corpus/wiring';
import { configAndArgs } from './corpus/configAndArgs';
import { builders } from './corpus/builders';
import { misplaced } from './corpus/misplaced';
import { tanstack } from './corpus/tanstack';
import { providerGates } from './corpus/providerGates';
import { binding } from './corpus/binding';
import { expoLayouts } from './corpus/expoLayouts';
import { seventh } from './corpus/seventh';
import { eighthClaims } from './corpus/eighthClaims';
import { reactRouter } from './corpus/reactRouter';
import { mutationsOnClerk } from './corpus/mutationsOnClerk';
import { eighth } from './corpus/eighth';
import { eighthLayouts } from './corpus/eighthLayouts';
import { eighthQueries } from './corpus/eighthQueries';
import { ninthQueries } from './corpus/ninthQueries';
import { ninthRenders } from './corpus/ninthRenders';
import { ninthMisses } from './corpus/ninthMisses';
import { ninth } from './corpus/ninth';
import { ninthRoots } from './corpus/ninthRoots';
import type { CorpusEntry } from './corpus/types';

// The real-code corpus (test/unit/analysis/corpus/): reductions of public files, each with a verdict written before
// the analyzer ran. Every entry's files are analysed the way the workspace index does it: each file once for its
// facts, then every file again with what the others export (until nothing changes), against the snapshot its
// package.json gives. The findings must be exactly the verdict's: every bug found where it is, nothing else.

const ENTRIES: CorpusEntry[] = [
  ...providers,
  ...gates,
  ...authConfigs,
  ...functions,
  ...server,
  ...fresh,
  ...chains,
  ...second,
  ...third,
  ...fourth,
  ...wiring,
  ...configAndArgs,
  ...builders,
  ...misplaced,
  ...tanstack,
  ...providerGates,
  ...binding,
  ...expoLayouts,
  ...seventh,
  ...eighthClaims,
  ...reactRouter,
  ...mutationsOnClerk,
  ...eighth,
  ...eighthLayouts,
  ...eighthQueries,
  ...ninthQueries,
  ...ninthRenders,
  ...ninthMisses,
  ...ninth,
  ...ninthRoots,
];

/**
 * The project a learner who finished the setup has: the declared packages, the entry's auth.config files read as the
 * snapshot reads them, and every variable the files read set in .env.local (whether a variable is set locally is not
 * what the corpus is about).
 */
function projectOf(entry: CorpusEntry): ProjectSnapshot {
  const packages = readPackageFacts(JSON.stringify({ dependencies: entry.dependencies ?? {} }));
  const names = new Set(
    Object.values(entry.files).flatMap((text) =>
      [...text.matchAll(/(?:process\.env|import\.meta\.env|\benv)\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? ''),
    ),
  );
  const configs = Object.entries(entry.files).filter(([file]) => isAuthConfigName(file));
  const packageJsons = Object.entries(entry.packageJsons ?? { 'package.json': entry.dependencies ?? {} }).map(
    ([file, dependencies]) => ({ path: file, text: JSON.stringify({ dependencies }) }),
  );
  return {
    authConfigs: configs.map(([file, text]) => readAuthConfig(text, file, `file:///corpus/${file}`)),
    // Where the Convex folder is, as the project reader finds it (package.json files and auth.configs).
    convexLayout: convexDirOf([...packageJsons, ...configs.map(([file, text]) => ({ path: file, text }))]),
    env: [...names].map((name) => ({ name, value: 'set', file: '.env.local' })),
    packages,
  };
}

/** Analyses an entry's files like the index: facts first, then again with the others' exports, to a fixpoint. */
function analyseEntry(entry: CorpusEntry): Map<string, FileAnalysis> {
  const project = projectOf(entry);
  const files = Object.entries(entry.files);
  let results = new Map(files.map(([file, text]) => [file, analyse(file, text, { project })]));
  for (let round = 0; round < 4; round++) {
    // The Convex functions that need a signed-in user, joined as the workspace model joins them (query-before-auth).
    const identityFunctions = [...results].flatMap(([p, r]) =>
      (r.facts.identityFunctions ?? []).map((f) => ({ ...f, path: p })),
    );
    const openFunctions = [...results].flatMap(([p, r]) =>
      (r.facts.openFunctions ?? []).map((f) => ({ ...f, path: p })),
    );
    const context: AnalysisContext = {
      project,
      openFunctions,
      ...componentContext([...results].map(([p, r]) => ({ path: p, facts: r.facts }))),
      identityFunctions,
      projectHasIdentityFunctions: identityFunctions.length > 0,
    };
    // Joined again as the index joins every file (IndexedFiles.rejoin): with the route layouts that wait for Convex's
    // auth, the routes that call Convex under layouts gated on Clerk alone (placed by React Router's routes.ts where
    // it names them), and the project's render sites.
    const gates = [...results].flatMap(([p, r]) => (r.facts.routeGate ? [{ ...r.facts.routeGate, path: p }] : []));
    const routes = [...results].flatMap(([p, r]) => (r.facts.routeCall ? [{ ...r.facts.routeCall, path: p }] : []));
    // And where the project renders its components (a component the framework would render, rendered only gated).
    const renders = [...results].flatMap(([p, r]) => (r.facts.renders ?? []).map((x) => ({ ...x, path: p })));
    const configs = [...results].flatMap(([, r]) => (r.facts.routeConfig ? [r.facts.routeConfig] : []));
    const next = new Map(
      files.map(([file, text]) => {
        const analysis = analyse(file, text, context);
        const joined = withIdentityFunctions(
          analysis,
          identityFunctions,
          openFunctions,
          gates,
          routes,
          renders,
          configs,
        );
        return [file, joined] as const;
      }),
    );
    const same = JSON.stringify([...next]) === JSON.stringify([...results]);
    results = next;
    if (same) break;
  }
  return results;
}

describe('analysis: the real-code corpus (reductions of public files, verdicts written first)', () => {
  it('holds at least 60 reductions, each with its source, a verdict, and an unambiguous place for each bug', () => {
    assert.ok(ENTRIES.length >= 60, `${ENTRIES.length} reductions`);
    assert.equal(new Set(ENTRIES.map((e) => e.id)).size, ENTRIES.length, 'ids are unique');
    for (const e of ENTRIES) {
      assert.ok(e.sources.length > 0 && e.sources.every((s) => /^[\w.-]+\/[\w.-]+$/.test(s.repo) && s.path), e.id);
      assert.ok(e.verdict.length > 5, e.id);
      assert.equal(e.expect.length === 0, /^Clean/.test(e.verdict), `${e.id}: a clean verdict expects nothing`);
      for (const x of e.expect) {
        const text = e.files[x.file];
        assert.ok(text, `${e.id}: ${x.file}`);
        assert.equal(text.split(x.at).length, 2, `${e.id}: "${x.at}" occurs once in ${x.file}`);
      }
    }
  });

  it('lists every source in SOURCES.md (the repositories a fresh check must avoid)', () => {
    const sources = fs.readFileSync(path.join(__dirname, 'corpus', 'SOURCES.md'), 'utf8');
    for (const e of ENTRIES)
      for (const s of e.sources)
        assert.ok(sources.includes(`| ${s.repo} |`) && sources.includes(s.path), `${s.repo} ${s.path}`);
  });

  for (const entry of ENTRIES) {
    it(`${entry.id}: ${entry.verdict.split(':')[0]}`, () => {
      const results = analyseEntry(entry);
      const found: string[] = [];
      for (const [file, result] of results) {
        assert.deepEqual(result.ruleErrors ?? [], [], `${entry.id}: ${file}`);
        const text = entry.files[file] ?? '';
        for (const f of result.findings)
          found.push(
            `${file} ${f.code.replace('clerk-convex/', '')} @${f.start}-${f.end} ${JSON.stringify(text.slice(f.start, f.end))}`,
          );
      }
      const expected: string[] = [];
      const unmatched = new Set(found);
      for (const x of entry.expect) {
        const text = entry.files[x.file] ?? '';
        const at = text.indexOf(x.at);
        const end = at + x.at.length;
        const hit = [...unmatched].find((line) => {
          const m = /^(\S+) (\S+) @(\d+)-(\d+)/.exec(line);
          return m?.[1] === x.file && m[2] === x.code && Number(m[3]) < end && Number(m[4]) > at;
        });
        if (hit) unmatched.delete(hit);
        else expected.push(`${x.file} ${x.code} at ${JSON.stringify(x.at)}`);
      }
      assert.deepEqual(
        { missing: expected, unexpected: [...unmatched] },
        { missing: [], unexpected: [] },
        `${entry.id}: ${entry.verdict}`,
      );
    });
  }
});
