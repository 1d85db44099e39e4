import * as vscode from 'vscode';
import {
  applyEvent,
  changedKeys,
  evaluateChecks,
  lessonContextKeys,
  lessonVariants,
  markReached,
  passingChecks,
  type LessonCheck,
  type LessonVariants,
  type MeasuredFile,
  type ProgressEvent,
} from '../../lessonState';
import { inBackground, logFailure, type Log } from '../log';
import type { LessonSources } from './sources';
import type { ProgressStore } from './progressStore';

/** Long enough to fold a burst of saves and analysis results into one update, short enough to feel live. */
const RECOMPUTE_DELAY_MS = 150;

export interface LessonState {
  checks: LessonCheck[];
  variants: LessonVariants;
  /** False when no folder is open: there is nothing to measure. */
  hasFolder: boolean;
  /** The analysed source files behind the checks (the step buttons read a file's findings and their fixes). */
  files?: readonly MeasuredFile[];
}

/**
 * Measures the workspace, folds in progress, and publishes the result as context keys (for the walkthrough)
 * and as state (for the Lesson Checks view). Work runs on a timer, never inside activate().
 */
export class LessonController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LessonState>();
  readonly onDidChange = this.changed.event;
  private keys: Record<string, boolean> | undefined;
  private current: LessonState | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Serialises updates so two quick events never interleave their read-modify-write of progress. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly store: ProgressStore,
    private readonly sources: LessonSources,
    private readonly log: Log,
  ) {}

  get state(): LessonState | undefined {
    return this.current;
  }

  /** The context keys as last set (empty before the first measurement). */
  contextKeys(): Record<string, boolean> {
    return { ...this.keys };
  }

  schedule(delay = RECOMPUTE_DELAY_MS): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      inBackground(this.log, 'lesson state update', () => this.update());
    }, delay);
  }

  /** Measure now and resolve once the keys are set. */
  update(): Promise<void> {
    this.queue = this.queue
      .then(() => this.recompute())
      .catch((e: unknown) => logFailure(this.log, 'lesson state update', e));
    return this.queue;
  }

  record(event: ProgressEvent): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        const before = this.store.progress;
        const after = applyEvent(before, event);
        if (after !== before) await this.store.setProgress(after);
      })
      .catch((e: unknown) => logFailure(this.log, `record lesson progress (${event.kind})`, e));
    this.schedule(0);
    return this.queue;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  private async recompute(): Promise<void> {
    const measured = await this.sources.measure();
    if (this.disposed) return;
    let progress = this.store.progress;
    const checks = evaluateChecks(measured, progress);
    const reached = markReached(progress, passingChecks(checks));
    if (reached !== progress) {
      progress = reached;
      await this.store.setProgress(progress);
    }
    const variants = lessonVariants(measured.project, this.store.clerkMode);
    const keys = lessonContextKeys(checks, progress, variants);
    const changes = changedKeys(this.keys, keys);
    await Promise.all(changes.map(([key, value]) => vscode.commands.executeCommand('setContext', key, value)));
    this.keys = keys;
    this.current = {
      checks,
      variants,
      hasFolder: measured.hasFolder,
      ...(measured.files ? { files: measured.files } : {}),
    };
    this.changed.fire(this.current);
  }
}
