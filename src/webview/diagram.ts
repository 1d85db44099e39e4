// The handoff diagram shared by the token view and the exercise: seven stages in a row, a key marker that walks
// them in order, and a callout at the stage where the flow stops. Without motion the same end state is drawn at once.
import { format, type PanelStrings } from '../protocol/panel';
import { FLOW_STAGES } from '../protocol/stages';
import type { CheckStatus, FlowStage } from '../token/types';
import { h, icon, replaceChildren, svg } from './dom';

const STAGES = FLOW_STAGES;
const STAGE_ICONS: Record<FlowStage, string> = {
  issue: 'key',
  attach: 'send',
  match: 'search',
  discover: 'cloud-download',
  verify: 'shield',
  identity: 'person',
  data: 'database',
};
export type StageStatus = CheckStatus | 'pending' | 'unchecked';

export const STATUS_ICONS: Record<StageStatus, string> = {
  pass: 'pass',
  fail: 'error',
  warn: 'warning',
  info: 'info',
  skipped: 'circle-slash',
  pending: 'circle-large-outline',
  unchecked: 'circle-large-outline',
};
const STEP_MS = 420;

export interface FlowResult {
  statuses: Partial<Record<FlowStage, CheckStatus>>;
  /** One line per stage shown under its label (e.g. why it passed or failed). */
  notes?: Partial<Record<FlowStage, string>>;
  stopAt?: FlowStage;
  /** What Convex would say where the flow stops. */
  error?: string;
}

export class Diagram {
  readonly root: HTMLElement;
  private readonly items = new Map<FlowStage, { li: HTMLElement; status: HTMLElement; note: HTMLElement }>();
  private readonly marker: HTMLElement;
  private readonly callout: HTMLElement;
  private generation = 0;

  constructor(private readonly strings: PanelStrings) {
    const list = h('ol', { class: 'flow' });
    STAGES.forEach((stage, i) => {
      const status = h('span', { class: 'stage-status' });
      const note = h('span', { class: 'stage-note' });
      const li = h(
        'li',
        { class: 'stage', 'data-stage': stage, 'data-status': 'pending' },
        i > 0 ? connector() : null,
        h(
          'span',
          { class: 'stage-box' },
          icon(STAGE_ICONS[stage], 'stage-icon'),
          h('span', { class: 'stage-label' }, strings.stageLabels[stage]),
          status,
          note,
        ),
      );
      list.appendChild(li);
      this.items.set(stage, { li, status, note });
      this.setStatus(stage, 'pending');
    });
    this.marker = h('span', { class: 'token-marker', 'aria-hidden': 'true' }, icon('key'));
    this.callout = h('div', { class: 'stop-callout', hidden: true });
    this.root = h(
      'section',
      { class: 'diagram', 'aria-labelledby': 'diagram-title', 'data-state': 'idle' },
      h('h2', { id: 'diagram-title' }, strings.diagramTitle),
      h('div', { class: 'flow-wrap' }, list, this.marker),
      this.callout,
    );
  }

  reset(): void {
    this.generation++;
    for (const stage of STAGES) this.setStatus(stage, 'pending');
    this.callout.hidden = true;
    this.marker.classList.remove('visible');
    this.root.dataset.state = 'idle';
    delete this.root.dataset.stoppedAt;
  }

  /** Draws a result, stage by stage when `animate`, all at once otherwise; resolves when the end state is drawn. */
  async play(result: FlowResult, animate: boolean): Promise<void> {
    this.reset();
    const generation = this.generation;
    this.root.dataset.state = 'running';
    const stopIndex = result.stopAt ? STAGES.indexOf(result.stopAt) : -1;
    for (const [i, stage] of STAGES.entries()) {
      const reached = stopIndex < 0 || i <= stopIndex;
      if (animate && reached) {
        this.items.get(stage)?.li.classList.add('active');
        this.moveMarker(stage);
        await delay(STEP_MS);
        if (generation !== this.generation) return;
        this.items.get(stage)?.li.classList.remove('active');
      }
      this.setStatus(
        stage,
        reached ? (result.statuses[stage] ?? 'unchecked') : 'skipped',
        reached ? result.notes?.[stage] : undefined,
      );
    }
    if (result.stopAt) {
      this.root.dataset.stoppedAt = result.stopAt;
      replaceChildren(
        this.callout,
        icon('error'),
        h('strong', {}, format(this.strings.stoppedAt, this.strings.stageLabels[result.stopAt])),
        result.error ? h('code', { class: 'convex-error' }, result.error) : null,
      );
      this.callout.hidden = false;
    } else {
      this.marker.classList.remove('visible');
    }
    this.root.dataset.state = 'done';
  }

  private setStatus(stage: FlowStage, status: StageStatus, note?: string): void {
    const item = this.items.get(stage);
    if (!item) return;
    item.li.dataset.status = status;
    replaceChildren(item.status, icon(STATUS_ICONS[status]), h('span', {}, this.strings.statusWords[status]));
    replaceChildren(item.note, note ?? '');
  }

  private moveMarker(stage: FlowStage): void {
    const box = this.items.get(stage)?.li.querySelector('.stage-box');
    const wrap = this.marker.parentElement;
    if (!(box instanceof HTMLElement) || !wrap) return;
    const b = box.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    // CSSOM writes are not inline style attributes, so the CSP allows them.
    this.marker.style.transform = `translate(${Math.round(b.left - w.left + b.width / 2 - 10)}px, ${Math.round(b.top - w.top - 10)}px)`;
    this.marker.classList.add('visible');
  }
}

function connector(): SVGElement {
  return svg(
    'svg',
    { class: 'connector', viewBox: '0 0 24 12', width: '24', height: '12', 'aria-hidden': 'true', focusable: 'false' },
    svg('line', { x1: '0', y1: '6', x2: '18', y2: '6' }),
    svg('path', { d: 'M16 1 L23 6 L16 11' }),
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
