// The cross-file half of query-before-auth: a file's query sites (analysed once, with the file) joined with the
// functions the workspace index says need a signed-in user. Pure and import-light, so the host can join again
// when only a Convex file changed, without the parser and without analysing the client file anew.
import { identityFunctionLookup } from './rules/functionRefs';
import { QUERY_BEFORE_AUTH_RULE } from './queryBeforeAuthRule';
import type { AnalysisContext, FileAnalysis, Finding, QuerySite } from './types';

export type IndexedIdentityFunctions = NonNullable<AnalysisContext['identityFunctions']>;

/** The query-before-auth findings of these sites, given the index's functions. */
export function queryBeforeAuthFindings(sites: readonly QuerySite[], functions: IndexedIdentityFunctions): Finding[] {
  if (functions.length === 0 || sites.length === 0) return [];
  const find = identityFunctionLookup(functions);
  const rule = QUERY_BEFORE_AUTH_RULE;
  const findings: Finding[] = [];
  for (const site of sites) {
    const fn = find(site.dirs, site.api, 'query');
    if (!fn) continue;
    const how = fn.without === 'throws' ? 'throws' : 'returns nothing';
    const rendered =
      site.where === 'entry'
        ? `${site.component ?? 'This component'} is rendered by the framework`
        : `${site.component} is rendered here outside <Authenticated>`;
    findings.push({
      code: rule.code,
      severity: rule.severity,
      lessonStep: rule.lessonStep,
      start: site.start,
      end: site.end,
      fixes: [],
      message: `${site.api.text} needs a signed-in user: its handler in ${fn.path} reads ctx.auth.getUserIdentity() and ${how} without one. ${rendered}, so the query is sent before Convex has accepted the Clerk token (useConvexAuth().isLoading) and runs anonymous. Render it inside <Authenticated>, or pass "skip" until isAuthenticated.`,
      related: [
        {
          path: fn.path,
          start: fn.start,
          end: fn.end,
          position: fn.position,
          message: `${site.api.text} reads the identity here`,
        },
        ...(site.where === 'entry'
          ? []
          : [{ start: site.where.start, end: site.where.end, message: 'rendered outside <Authenticated>' }]),
      ],
    });
  }
  return findings;
}

const byOffset = (a: Finding, b: Finding): number => a.start - b.start || a.end - b.end;

/**
 * The analysis with its query-before-auth findings joined again with `functions`; the same object when they come
 * out the same (so callers can tell whether anything is to be published).
 */
export function withIdentityFunctions(analysis: FileAnalysis, functions: IndexedIdentityFunctions): FileAnalysis {
  const code = QUERY_BEFORE_AUTH_RULE.code;
  const before = analysis.findings.filter((f) => f.code === code);
  const after = analysis.querySites ? queryBeforeAuthFindings(analysis.querySites, functions) : [];
  if (before.length === 0 && after.length === 0) return analysis;
  if (JSON.stringify(before) === JSON.stringify(after)) return analysis;
  const findings = [...analysis.findings.filter((f) => f.code !== code), ...after].sort(byOffset);
  return { ...analysis, findings };
}
