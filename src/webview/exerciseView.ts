// The "Exercise" tab: one button per scenario, "Run it" (anonymous, then valid), and for each run the request
// as sent, every stage passing or failing, and the response.
import type { ScenarioId } from '../exercise/types';
import { format, type PanelStrings, type RunView, type WebviewMessage } from '../protocol/panel';
import type { CheckStatus, FlowStage } from '../token/types';
import type { FlowResult } from './diagram';
import { STATUS_ICONS } from './diagram';
import { h, icon, replaceChildren } from './dom';
import { OwnFunctionSection, shortenBearer } from './ownFunctionView';
import { closingLine, PredictionPrompt } from './predictionView';
import { renderValue, visibleText } from './value';

export function flowFromRun(run: RunView): FlowResult {
  const statuses: Partial<Record<FlowStage, CheckStatus>> = {};
  for (const s of run.stages) statuses[s.stage] = s.status;
  const stop = run.stages.find((s) => s.status === 'fail');
  return {
    statuses,
    ...(stop ? { stopAt: stop.stage, error: run.response.error ?? stop.detail } : {}),
  };
}

export class ExerciseView {
  readonly root: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly results: HTMLElement;
  private readonly buttons: HTMLButtonElement[] = [];
  /** The second half: the learner's own function. */
  readonly own: OwnFunctionSection;
  /** Asked before the run, answered after it. */
  private readonly prediction: PredictionPrompt;

  constructor(
    private readonly strings: PanelStrings,
    scenarios: ScenarioId[],
    send: (m: WebviewMessage) => void,
  ) {
    const runIt = h(
      'button',
      { type: 'button', class: 'primary', 'aria-describedby': 'run-it-hint' },
      icon('run-all'),
      strings.runIt,
    );
    runIt.addEventListener('click', () => send({ type: 'runExercise' }));
    this.buttons.push(runIt);
    const scenarioList = h('ul', { class: 'scenarios', 'aria-label': strings.scenariosLabel });
    for (const id of scenarios) {
      const hintId = `scenario-hint-${id}`;
      const b = h(
        'button',
        { type: 'button', class: 'scenario', 'data-scenario': id, 'aria-describedby': hintId },
        icon('play'),
        h('span', {}, strings.scenarioLabels[id]),
      );
      b.addEventListener('click', () => send({ type: 'runScenario', scenario: id }));
      this.buttons.push(b);
      scenarioList.appendChild(h('li', {}, b, h('span', { id: hintId, class: 'hint' }, strings.scenarioHints[id])));
    }
    this.notes = h('ul', { class: 'setup-notes' });
    this.results = h('div', { class: 'runs' });
    this.own = new OwnFunctionSection(strings, send);
    this.prediction = new PredictionPrompt(strings.prediction);
    this.root = h(
      'div',
      { class: 'exercise-view' },
      h('p', {}, strings.exerciseIntro),
      this.notes,
      this.prediction.root,
      h('div', { class: 'buttons' }, runIt, h('span', { id: 'run-it-hint', class: 'hint' }, strings.runItHint)),
      scenarioList,
      this.results,
      this.own.root,
    );
  }

  showSetup(notes: string[]): void {
    replaceChildren(this.notes, ...notes.map((n) => h('li', {}, icon('info'), n)));
  }

  showRunning(scenario: ScenarioId): void {
    for (const b of this.buttons) b.disabled = true;
    replaceChildren(
      this.results,
      h(
        'p',
        { class: 'hint' },
        icon('loading', 'codicon-modifier-spin'),
        format(this.strings.running, this.strings.scenarioLabels[scenario]),
      ),
    );
  }

  showRuns(runs: RunView[]): void {
    for (const b of this.buttons) b.disabled = false;
    replaceChildren(this.results, ...runs.map((r) => this.renderRun(r)), closingLine(this.strings.prediction, runs));
    this.prediction.reveal(runs);
  }

  private renderRun(run: RunView): HTMLElement {
    const s = this.strings;
    const headers = h('pre', { class: 'request-lines' });
    // The line breaks are the page's own: only the request's text goes through visibleText, which marks a
    // control character in it (a header value with a line break in it would show as ⟨U+000A⟩).
    const line = (text: string): void => headers.append(visibleText(text), '\n');
    line(`${run.request.method} ${run.request.url}`);
    for (const [name, value] of run.request.headers) line(`${name}: ${shortenBearer(value)}`);
    const hasAuth = run.request.headers.some(([name]) => name.toLowerCase() === 'authorization');
    const stages = h('ol', { class: 'run-stages', 'aria-label': s.stagesTitle });
    for (const st of run.stages) {
      const detail = h('span', { class: 'check-detail' });
      detail.appendChild(visibleText(st.detail));
      stages.appendChild(
        h(
          'li',
          { class: 'check', 'data-status': st.status, 'data-stage': st.stage },
          h(
            'span',
            { class: 'check-head' },
            icon(STATUS_ICONS[st.status], 'status-icon'),
            h('span', { class: 'status-word' }, s.statusWords[st.status]),
            h('span', { class: 'check-title' }, st.label),
          ),
          detail,
        ),
      );
    }
    const rejected = run.response.error !== undefined;
    return h(
      'article',
      {
        class: 'run',
        'data-scenario': run.scenario,
        'data-outcome': rejected ? 'rejected' : 'ok',
        'aria-labelledby': `run-${run.scenario}`,
      },
      h(
        'h3',
        { id: `run-${run.scenario}` },
        s.scenarioLabels[run.scenario],
        run.userName ? ` · ${format(s.signedInAs, run.userName)}` : '',
      ),
      h('h4', {}, s.requestTitle),
      headers,
      hasAuth ? null : h('p', { class: 'hint' }, icon('unlock'), s.noAuthorization),
      renderValue(run.request.body, s, true),
      h('h4', {}, s.stagesTitle),
      stages,
      h('h4', {}, s.responseTitle),
      h(
        'p',
        { class: 'response-status', 'data-status': rejected ? 'fail' : 'pass' },
        icon(rejected ? 'error' : 'pass', 'status-icon'),
        `HTTP ${run.response.status}`,
      ),
      rejected
        ? h(
            'p',
            { class: 'convex-says' },
            h('span', {}, s.convexSays),
            ' ',
            h('code', { class: 'convex-error' }, run.response.error ?? ''),
          )
        : null,
      renderValue(run.response.body, s, true),
    );
  }
}
