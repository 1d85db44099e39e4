/**
 * What `activate()` returns. Integration tests read it through `extension.exports` to observe state that
 * VS Code does not expose (context keys, the panel's last render); it is not a public API for other extensions.
 */
export interface ExtensionApi {
  /** Walkthrough: the context keys we set, by name. */
  lessonContext?: () => Record<string, boolean>;
  /** Token panel / exercise: test hooks, filled in by their features. */
  [feature: string]: unknown;
}

export interface FeatureContext {
  readonly extension: import('vscode').ExtensionContext;
  readonly events: import('./lessonEvents').LessonEvents;
}
