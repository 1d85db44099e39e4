// What a file's exported components and hooks do that rules in other files follow: the workspace index keeps these
// facts per file and hands them to every file's analysis (AnalysisContext), joined there by import.
import type { ExportedBehaviour, LineRange } from '../types';
import { exportNames, outermostFn } from '../scanRecords';
import { clerkOnlyCalls } from './clerkOnlyCalls';
import { fileComponents, mountingComponents } from './components';
import { isRouterWrap } from './shared';
import { ownClient } from './providers/elements';
import { queryHookFacts } from './queryBeforeAuth';
import { useAuthSources } from './useAuthAcrossFiles';
import type { RuleContext } from './shared';

export function lineRange(node: {
  loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
}): LineRange {
  const loc = node.loc;
  return {
    line: (loc?.start.line ?? 1) - 1,
    character: loc?.start.column ?? 0,
    endLine: (loc?.end.line ?? 1) - 1,
    endCharacter: loc?.end.column ?? 0,
  };
}

export function exportedBehaviour(rc: RuleContext): ExportedBehaviour | undefined {
  const { scan } = rc;
  if (scan.exportsByLocal.size === 0 && !scan.defaultExportedFunction) return undefined;
  const out: ExportedBehaviour = {};

  const convexCalls: { name: string; why: string }[] = [];
  for (const [fn, why] of mountingComponents(rc))
    for (const name of exportNames(scan, fn)) convexCalls.push({ name, why });
  if (convexCalls.length) out.convexCalls = convexCalls;
  const clerkOnly: { name: string; why: string }[] = [];
  for (const [fn, why] of clerkOnlyCalls(rc)) for (const name of exportNames(scan, fn)) clerkOnly.push({ name, why });
  if (clerkOnly.length) out.clerkOnlyCalls = clerkOnly;

  const { byName, localClerkHooks } = fileComponents(rc);
  const clerkAuthHooks: { name: string; keys: string[] }[] = [];
  for (const [local, keys] of localClerkHooks) {
    const fn = byName.get(local);
    for (const name of fn ? exportNames(scan, fn) : []) clerkAuthHooks.push({ name, keys: [...keys] });
  }
  if (clerkAuthHooks.length) out.clerkAuthHooks = clerkAuthHooks;

  const withClerk = new Set(rc.providers.filter((p) => p.kind === 'convexWithClerk').map((p) => outermostFn(p.el.fn)));
  const plain: { name: string; position: LineRange; ownClient?: true }[] = [];
  for (const { el, kind } of rc.providers) {
    const component = outermostFn(el.fn);
    if (kind !== 'convexPlain' || !component || withClerk.has(component) || isRouterWrap(rc, el)) continue;
    const position = lineRange(el.node.openingElement.name);
    const own = ownClient(rc, el) ? { ownClient: true as const } : {};
    for (const name of exportNames(scan, component)) plain.push({ name, position, ...own });
  }
  if (plain.length) out.plainConvexProviders = plain;

  const queryHooks = queryHookFacts(rc);
  if (queryHooks.length) out.queryHooks = queryHooks;
  const useAuth = useAuthSources(rc).flatMap((u) =>
    exportNames(scan, u.fn).map((name) => ({ name, source: u.source, position: lineRange(u.node) })),
  );
  if (useAuth.length) out.useAuthSources = useAuth;

  return Object.keys(out).length ? out : undefined;
}
