// The shape every finding takes from its rule, and the pieces the cross-file joins (query-before-auth,
// server-token, mutation-after-set-active) say alike. Types only besides: the joins run in the extension host.
import type { RuleInfo } from './ruleCatalog';
import type { Finding, Fix, IdentityFunction, RelatedLocation } from './types';

export function findingOf(
  rule: RuleInfo,
  start: number,
  end: number,
  message: string,
  fixes: Fix[] = [],
  related?: RelatedLocation[],
  severity: Finding['severity'] = rule.severity,
): Finding {
  const finding: Finding = { code: rule.code, severity, message, start, end, fixes, lessonStep: rule.lessonStep };
  if (related?.length) finding.related = related;
  return finding;
}

/** Said when a join cannot find the called function's handler (never turned into "needs no user"). */
export const HANDLER_NOT_FOUND =
  "(Could not tell whether it does: its handler was not found among the workspace's Convex functions, or it reads the identity in a way this check does not follow.)";

/** Where an indexed function reads the identity, as a related location of a finding about a call to it. */
export function identityReadAt(fn: IdentityFunction & { path: string }, called: string): RelatedLocation {
  return {
    path: fn.readIn ?? fn.path,
    start: fn.start,
    end: fn.end,
    position: fn.position,
    message: `${called} reads the identity here`,
  };
}

/**
 * How an indexed function comes to read the identity, for a message: its handler (inline or through a helper), or
 * the custom builder that makes it, whose ctx reads it before the handler runs.
 */
export function readsIdentityVia(fn: IdentityFunction & { path: string }, parenthesised = true): string {
  if (fn.viaBuilder && fn.via)
    return `it is made in ${fn.path} by the custom builder ${fn.via}(), whose ctx reads ctx.auth.getUserIdentity()`;
  const via = fn.via ? (parenthesised ? ` (through ${fn.via}())` : ` through ${fn.via}()`) : '';
  return `its handler in ${fn.path} reads ctx.auth.getUserIdentity()${via}`;
}
