import { analyse } from '../../../src/analysis/analyse';
import { withIdentityFunctions, type IndexedRouteGates } from '../../../src/analysis/crossFile';
import { componentContext } from '../../../src/analysis/componentContext';
import type { AnalysisContext, FileAnalysis } from '../../../src/analysis/types';

/**
 * Analyses files together like the workspace index: facts first, then again with the others' exports and functions
 * (`rounds` times: a helper of one file reaches a page through a Convex file in two).
 */
export function together(
  files: Record<string, string>,
  base: AnalysisContext = {},
  rounds = 3,
): Map<string, FileAnalysis> {
  let results = new Map(Object.entries(files).map(([p, t]) => [p, analyse(p, t, base)]));
  for (let round = 0; round < rounds; round++) {
    const entries = [...results].map(([path, r]) => ({ path, facts: r.facts }));
    const identityFunctions = entries.flatMap((e) =>
      (e.facts.identityFunctions ?? []).map((f) => ({ ...f, path: e.path })),
    );
    const openFunctions = entries.flatMap((e) => (e.facts.openFunctions ?? []).map((f) => ({ ...f, path: e.path })));
    const context: AnalysisContext = { ...base, ...componentContext(entries), identityFunctions, openFunctions };
    results = new Map(Object.entries(files).map(([p, t]) => [p, analyse(p, t, context)]));
  }
  return results;
}

export const codesOf = (r: FileAnalysis | undefined): string[] =>
  (r?.findings ?? []).map((f) => f.code.replace('clerk-convex/', ''));

/**
 * Analyses like the index does: the files together, then each one's sites joined with the route layouts' gates (and
 * the routes that call Convex, for the layouts gated on Clerk alone).
 */
export function indexed(files: Record<string, string>, context: AnalysisContext): Map<string, FileAnalysis> {
  const results = together(files, context);
  const gates: IndexedRouteGates = [...results].flatMap(([path, r]) =>
    r.facts.routeGate ? [{ ...r.facts.routeGate, path }] : [],
  );
  const functions = [...results].flatMap(([path, r]) => (r.facts.identityFunctions ?? []).map((f) => ({ ...f, path })));
  const routes = [...results].flatMap(([path, r]) => (r.facts.routeCall ? [{ ...r.facts.routeCall, path }] : []));
  return new Map([...results].map(([path, r]) => [path, withIdentityFunctions(r, functions, [], gates, routes)]));
}

/**
 * Analyses like the index does with every join: the files together (`rounds` times), then each one's sites joined
 * with the project's functions, route gates, routes and render sites (a component only other files render).
 */
export function joined(files: Record<string, string>, base: AnalysisContext = {}): Map<string, FileAnalysis> {
  const results = together(files, base);
  const all = [...results];
  const gates: IndexedRouteGates = all.flatMap(([path, r]) =>
    r.facts.routeGate ? [{ ...r.facts.routeGate, path }] : [],
  );
  const functions = all.flatMap(([path, r]) => (r.facts.identityFunctions ?? []).map((f) => ({ ...f, path })));
  const open = all.flatMap(([path, r]) => (r.facts.openFunctions ?? []).map((f) => ({ ...f, path })));
  const routes = all.flatMap(([path, r]) => (r.facts.routeCall ? [{ ...r.facts.routeCall, path }] : []));
  const renders = all.flatMap(([path, r]) => (r.facts.renders ?? []).map((x) => ({ ...x, path })));
  return new Map(all.map(([path, r]) => [path, withIdentityFunctions(r, functions, open, gates, routes, renders)]));
}

/** Each file's findings as `code @ text` (the text the finding's range covers). */
export function foundIn(results: Map<string, FileAnalysis>, files: Record<string, string>): string[] {
  return [...results].flatMap(([path, r]) =>
    r.findings.map(
      (f) => `${path} ${f.code.replace('clerk-convex/', '')} @ ${(files[path] ?? '').slice(f.start, f.end)}`,
    ),
  );
}
