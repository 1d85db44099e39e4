// Host-only: turns the core's results into the views the panel posts. The webview never imports this file; it only
// receives what it returns.
import type { ScenarioRun } from '../exercise/types';
import type { TokenReport } from '../token/types';
import { MAX_DISPLAY_DEPTH, MAX_DISPLAY_NODES, toDisplayValue, type DisplayBudget } from './displayValue';
import type { ClaimRow, ReportView, RunView } from './panel';

/** Claim (or header) rows drawn; the rest is one row saying how many are not shown. */
export const MAX_CLAIM_ROWS = 200;

function capRows<T>(items: readonly T[], row: (item: T) => ClaimRow): ClaimRow[] {
  const rows = items.slice(0, MAX_CLAIM_ROWS).map(row);
  if (items.length > MAX_CLAIM_ROWS)
    rows.push({ name: '…', value: { k: 'more', reason: 'size', count: items.length - MAX_CLAIM_ROWS } });
  return rows;
}

function claimRows(claims: NonNullable<TokenReport['claims']>, budget: DisplayBudget): ClaimRow[] {
  return capRows(claims, (c) => ({
    name: c.name,
    value: toDisplayValue(c.value, MAX_DISPLAY_DEPTH, budget),
    ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
    ...(c.time ? { time: { iso: c.time.iso, relative: c.time.relative } } : {}),
    ...(c.full !== undefined ? { full: c.full } : {}),
  }));
}

export function toReportView(report: TokenReport): ReportView {
  // One node budget for the whole report: claims first, then header and identity.
  const budget: DisplayBudget = { nodes: MAX_DISPLAY_NODES };
  const claims = report.claims ? claimRows(report.claims, budget) : undefined;
  const header = report.header
    ? capRows(Object.keys(report.header), (name) => ({
        name,
        value: toDisplayValue(report.header?.[name], MAX_DISPLAY_DEPTH, budget),
      }))
    : undefined;
  return {
    token: report.input.token,
    removed: [...report.input.removed],
    hidden: (report.hiddenCharacters ?? []).map((c) => ({ path: c.path, codePoint: c.codePoint, name: c.name })),
    ...(header ? { header } : {}),
    ...(claims ? { claims } : {}),
    checks: report.checks.map((c) => ({ ...c })),
    ...(report.failedStage ? { failedStage: report.failedStage } : {}),
    ...(report.identity ? { identity: toDisplayValue(report.identity, MAX_DISPLAY_DEPTH, budget) } : {}),
    clerkMode: report.clerkMode,
  };
}

export function toRunView(run: ScenarioRun): RunView {
  return {
    scenario: run.scenario,
    ...(run.user ? { userName: run.user.name } : {}),
    request: {
      method: run.request.method,
      url: run.request.url,
      headers: Object.keys(run.request.headers).map((k) => [k, String(run.request.headers[k])]),
      body: toDisplayValue(run.request.body),
    },
    stages: run.stages.map((s) => ({ stage: s.stage, status: s.status, label: s.label, detail: s.detail })),
    response: {
      status: run.response.status,
      body: toDisplayValue(run.response.body),
      ...(run.response.error !== undefined ? { error: run.response.error } : {}),
    },
  };
}
