// Check lists (token checks, project checks) and how a list of checks becomes the diagram's end state.
import type { PanelStrings, ProjectCheckView } from '../protocol/panel';
import type { CheckStatus, FlowStage, TokenCheck } from '../token/types';
import type { FlowResult } from './diagram';
import { STATUS_ICONS } from './diagram';
import { h, icon } from './dom';
import { visibleText } from './value';

const SEVERITY: Record<CheckStatus, number> = { fail: 4, warn: 3, pass: 2, info: 1, skipped: 0 };

/** Icon, status word and text: the status never rests on colour alone. */
export function renderCheck(check: TokenCheck | ProjectCheckView, strings: PanelStrings): HTMLElement {
  const title = h('span', { class: 'check-title' });
  title.appendChild(visibleText(check.title));
  const detail = h('p', { class: 'check-detail' });
  detail.appendChild(visibleText(check.detail));
  const convexError = 'convexError' in check ? check.convexError : undefined;
  const command = 'command' in check ? check.command : undefined;
  return h(
    'li',
    { class: 'check', 'data-status': check.status, 'data-id': check.id },
    h(
      'span',
      { class: 'check-head' },
      icon(STATUS_ICONS[check.status], 'status-icon'),
      h('span', { class: 'status-word' }, strings.statusWords[check.status]),
      title,
    ),
    detail,
    convexError
      ? h(
          'p',
          { class: 'convex-says' },
          h('span', {}, strings.convexSays),
          ' ',
          h('code', { class: 'convex-error' }, convexError),
        )
      : null,
    command ? h('pre', { class: 'command' }, h('code', {}, command)) : null,
  );
}

export function renderChecks(
  checks: readonly (TokenCheck | ProjectCheckView)[],
  strings: PanelStrings,
  label: string,
): HTMLElement {
  return h('ul', { class: 'checks', 'aria-label': label }, ...checks.map((c) => renderCheck(c, strings)));
}

export function flowFromChecks(checks: readonly TokenCheck[], failedStage: FlowStage | undefined): FlowResult {
  const statuses: Partial<Record<FlowStage, CheckStatus>> = {};
  const notes: Partial<Record<FlowStage, string>> = {};
  for (const c of checks) {
    const current = statuses[c.stage];
    if (current === undefined || SEVERITY[c.status] > SEVERITY[current]) {
      statuses[c.stage] = c.status;
      if (c.status === 'fail' || c.status === 'warn') notes[c.stage] = c.title;
    }
  }
  const stopper = failedStage ? checks.find((c) => c.stage === failedStage && c.status === 'fail') : undefined;
  return {
    statuses,
    notes,
    ...(failedStage ? { stopAt: failedStage } : {}),
    ...(stopper ? { error: stopper.convexError ?? stopper.title } : {}),
  };
}
