// "Think, then run": before the exercise's first run the page asks what the anonymous request will get back; after
// the run it says what came back against that prediction. Nothing is graded or sent: the choice lives in the page.
import type { RunView } from '../protocol/panel';
import { OUTCOMES, outcomeOfView, type Outcome, type PredictionStrings } from '../protocol/prediction';
import { format } from '../protocol/panel';
import { h, icon, replaceChildren } from './dom';

export class PredictionPrompt {
  readonly root: HTMLElement;
  private readonly verdict: HTMLElement;
  private predicted: Outcome | undefined;

  constructor(private readonly s: PredictionStrings) {
    const choices = OUTCOMES.map((o) => {
      const input = h('input', { type: 'radio', name: 'prediction', value: o, id: `predict-${o}` });
      input.addEventListener('change', () => {
        if (input.checked) this.predicted = o;
      });
      return h('li', {}, input, h('label', { for: `predict-${o}` }, s.choices[o]));
    });
    this.verdict = h('p', { class: 'prediction-verdict', role: 'status', 'aria-live': 'polite' });
    this.root = h(
      'fieldset',
      { class: 'prediction' },
      h('legend', {}, icon('lightbulb'), s.question),
      h('ul', { class: 'prediction-choices' }, ...choices),
      h('p', { class: 'hint' }, icon('vm'), s.standIns),
      this.verdict,
    );
  }

  /** After a run with the anonymous request: what it got, against the prediction (if one was made). */
  reveal(runs: readonly RunView[]): void {
    const anonymous = runs.find((r) => r.scenario === 'anonymous');
    if (!anonymous) return;
    const got = outcomeOfView(anonymous.response);
    const s = this.s;
    const text =
      this.predicted === undefined
        ? format(s.notPredicted, s.answers[got])
        : this.predicted === got
          ? format(s.predictedRight, s.answers[got])
          : format(s.predictedWrong, s.choices[this.predicted], s.answers[got]);
    replaceChildren(
      this.verdict,
      icon(this.predicted === undefined ? 'info' : this.predicted === got ? 'pass' : 'lightbulb'),
      text,
      got === 'nothing' ? ` ${s.whyNothing}` : '',
    );
  }
}

/**
 * The lesson's closing lines, after the runs: only once the anonymous request got nothing and the valid one got
 * data, so the line never says more than the run showed.
 */
export function closingLine(s: PredictionStrings, runs: readonly RunView[]): HTMLElement | null {
  const got = (id: string): Outcome | undefined => {
    const run = runs.find((r) => r.scenario === id);
    return run && outcomeOfView(run.response);
  };
  if (got('anonymous') !== 'nothing' || got('valid') !== 'data') return null;
  return h('p', { class: 'closing-line' }, icon('shield'), s.closing);
}
