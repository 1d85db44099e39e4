import type { RuleInfo } from './types';

/**
 * Also reported by the diagnostics adapter, which joins a document's query sites with changed index facts
 * (crossFile.ts). A file of its own so that adapter, which loads at activation, does not carry the whole catalogue.
 */
export const QUERY_BEFORE_AUTH_RULE: RuleInfo = {
  code: 'clerk-convex/query-before-auth',
  title:
    'A query that needs a signed-in user, sent before Convex auth is ready (not under <Authenticated>, not skipped)',
  severity: 'warning',
  lessonStep: 'authHook',
};
