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
