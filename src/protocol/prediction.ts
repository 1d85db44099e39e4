// The exercise's "think, then run": the learner predicts what the anonymous request gets before running it, and
// the page compares the prediction with what came back. Shared by the host (strings) and the webview (verdict).
import type { DisplayValue } from './displayValue';

/** What a request can get back, in the learner's words: nothing, an error, or data. */
export const OUTCOMES = ['nothing', 'error', 'data'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface PredictionStrings {
  /** The question, asked before the first run. */
  question: string;
  /** That the exercise runs on this machine against stand-ins. */
  standIns: string;
  /** The three answers, as choices. */
  choices: Record<Outcome, string>;
  /** What came back, as a phrase for the verdicts. */
  answers: Record<Outcome, string>;
  /** `{0}` = what came back. */
  predictedRight: string;
  /** `{0}` = the prediction, `{1}` = what came back. */
  predictedWrong: string;
  /** `{0}` = what came back (no prediction made). */
  notPredicted: string;
  /** Why the anonymous request got nothing. */
  whyNothing: string;
  /** The lesson's closing lines, shown once both requests came out as the lesson says. */
  closing: string;
}

/** The run's response as an outcome; the same reading as the host's `outcomeOf` on the undisplayed response. */
export function outcomeOfView(response: { status: number; body: DisplayValue; error?: string }): Outcome {
  if (response.error !== undefined || response.status >= 400) return 'error';
  const body = response.body;
  const value = body.k === 'obj' ? (body.entries.find(([key]) => key === 'value')?.[1] ?? body) : body;
  if (value.k === 'null' || value.k === 'other' || (value.k === 'arr' && value.items.length === 0)) return 'nothing';
  return 'data';
}
