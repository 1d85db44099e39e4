import * as vscode from 'vscode';
import type { DiagnosticsTestApi } from './diagnostics/register';
import type { ProjectService } from './project/projectService';
import type { TokenPanelTestApi } from './tokenPanel/testApi';
import type { WalkthroughTestApi } from './walkthrough/register';

/** The test runner extension (test/runner-extension), installed only in test sessions, never shipped. */
export const TEST_RUNNER_ID = 'auth-access-course-tests.clerk-convex-test-runner';

/**
 * What the integration tests observe that VS Code does not expose (context keys, the panel's last render), each
 * part returned by its feature's register(). Never part of the extension's exports: it reaches only the test
 * runner's own channel.
 */
export interface TestHooks extends WalkthroughTestApi, DiagnosticsTestApi, TokenPanelTestApi {
  /** The project service: tests wait until it has read a state before changing it on disk. */
  readonly project: ProjectService;
}

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
