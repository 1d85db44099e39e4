import * as vscode from 'vscode';
import type { TestHooks } from './api';

/** The test runner extension (test/runner-extension), installed only in test sessions, never shipped. */
export const TEST_RUNNER_ID = 'auth-access-course-tests.clerk-convex-test-runner';

interface RunnerChannel {
  registerHooks(hooks: TestHooks): void;
}

/**
 * Hands the test hooks to the test runner's own channel. The extension's exports stay empty, so no other extension
 * can read a decoded token's claims or start the exercise's issuer through them. On a desktop test run
 * (@vscode/test-electron, ExtensionMode.Test) there is no runner extension: activate() returns them instead.
 */
export function publishTestHooks(extension: vscode.ExtensionContext, hooks: TestHooks): TestHooks | undefined {
  if (extension.extensionMode === vscode.ExtensionMode.Test) return hooks;
  const runner = vscode.extensions.getExtension<RunnerChannel>(TEST_RUNNER_ID);
  if (!runner) return undefined;
  if (runner.isActive) runner.exports.registerHooks(hooks);
  else
    void runner.activate().then(
      (channel) => channel.registerHooks(hooks),
      () => undefined,
    );
  return undefined;
}
