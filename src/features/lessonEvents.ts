import * as vscode from 'vscode';
import type { ProgressEvent } from '../lessonState';

/**
 * What features tell each other about the learner's progress. The walkthrough listens; the panel, the
 * exercise and diagnostics report. Plain data (the lesson state's own event type) so its pure logic consumes it.
 */
export type LessonEvent = ProgressEvent;

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
