import * as vscode from 'vscode';

/**
 * What features tell each other about the learner's progress. The walkthrough listens; the panel, the
 * exercise and diagnostics report. Kept as plain data so the walkthrough's pure state logic can consume it.
 */
export type LessonEvent =
  | { kind: 'exerciseRequest'; scenario: string; outcome: 'data' | 'empty' | 'rejected' }
  | { kind: 'tokenDecoded' }
  | { kind: 'analysisChanged' }
  /** The learner's own Convex function ran as anonymous, A and B; passed: nothing for anonymous, only A's rows for A. */
  | { kind: 'ownFunctionRun'; passed: boolean };

export class LessonEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LessonEvent>();
  readonly onEvent = this.emitter.event;
  fire(e: LessonEvent): void {
    this.emitter.fire(e);
  }
  dispose(): void {
    this.emitter.dispose();
  }
}
