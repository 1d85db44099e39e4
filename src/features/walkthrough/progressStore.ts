import * as vscode from 'vscode';
import { EMPTY_PROGRESS, parseProgress, type ClerkModeChoice, type LessonProgress } from '../../lessonState';

const PROGRESS_KEY = 'clerkConvex.lesson.progress';
const OPENED_KEY = 'clerkConvex.lesson.openedOnce';
const MODE_KEY = 'clerkConvex.lesson.clerkMode';

/**
 * The lesson's memory. Progress and "already opened" live in global state and sync across devices (Settings
 * Sync), so the lesson neither repeats itself nor forgets what was reached on another machine. The Clerk
 * mode is a fact about one project, so it stays in workspace state.
 */
export class ProgressStore {
  constructor(private readonly extension: vscode.ExtensionContext) {}

  /** Lets Settings Sync carry progress across devices; called after start-up, not during activation. */
  enableSync(): void {
    this.extension.globalState.setKeysForSync([PROGRESS_KEY, OPENED_KEY]);
  }

  /** Read on every use: Settings Sync can replace the stored value while we run. */
  get progress(): LessonProgress {
    return parseProgress(this.extension.globalState.get(PROGRESS_KEY));
  }

  async setProgress(progress: LessonProgress): Promise<void> {
    await this.extension.globalState.update(PROGRESS_KEY, progress);
  }

  async resetProgress(): Promise<void> {
    await this.extension.globalState.update(PROGRESS_KEY, EMPTY_PROGRESS);
  }

  get openedOnce(): boolean {
    return this.extension.globalState.get(OPENED_KEY) === true;
  }

  async markOpened(): Promise<void> {
    if (!this.openedOnce) await this.extension.globalState.update(OPENED_KEY, true);
  }

  get clerkMode(): ClerkModeChoice | undefined {
    const mode = this.extension.workspaceState.get(MODE_KEY);
    return mode === 'integration' || mode === 'template' ? mode : undefined;
  }

  async setClerkMode(mode: ClerkModeChoice): Promise<void> {
    await this.extension.workspaceState.update(MODE_KEY, mode);
  }
}
