import * as vscode from 'vscode';
import type { ExtensionApi, FeatureContext } from './features/api';
import { enableCodeCache } from './features/codeCache';
import { registerDiagnostics } from './features/diagnostics/register';
import { registerExercise } from './features/exercise/register';
import { LessonEvents } from './features/lessonEvents';
import { registerSnippets } from './features/snippets/register';
import { registerTokenPanel } from './features/tokenPanel/register';
import { registerOwnFunction } from './features/tokenPanel/ownFunctionRegister';
import { registerWalkthrough } from './features/walkthrough/register';

// Wiring only: each feature registers its own disposables and loads its heavy parts on first use.
export function activate(extension: vscode.ExtensionContext): ExtensionApi {
  enableCodeCache(extension);
  const events = new LessonEvents();
  extension.subscriptions.push(events);
  const ctx: FeatureContext = { extension, events };
  return Object.assign(
    {},
    registerWalkthrough(ctx),
    registerDiagnostics(ctx),
    registerSnippets(ctx),
    registerTokenPanel(ctx),
    registerExercise(ctx),
    registerOwnFunction(ctx),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
