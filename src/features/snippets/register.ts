import * as vscode from 'vscode';
import type { FeatureContext } from '../api';
import { addIdentityCheck } from './addIdentityCheck';
import { createAuthConfig } from './createAuthConfig';
import { insertProviderSandwich } from './insertSandwich';
import { PROPOSED_SCHEME, ProposedContent } from './proposedContent';

/**
 * The three insert commands (the snippets themselves are contributed in package.json). Activation registers
 * them only; the parser behind the planners loads on first use through src/lazy.ts.
 * Each command resolves with what it did (see the *Result types), which the walkthrough and tests read.
 */
export function registerSnippets(ctx: FeatureContext): void {
  const proposals = new ProposedContent();
  ctx.extension.subscriptions.push(
    proposals,
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposals),
    vscode.commands.registerCommand('clerkConvex.insertProviderSandwich', (arg?: unknown) =>
      insertProviderSandwich(arg),
    ),
    vscode.commands.registerCommand('clerkConvex.createAuthConfig', (arg?: unknown) =>
      createAuthConfig(arg, ctx.project, proposals),
    ),
    vscode.commands.registerCommand('clerkConvex.addIdentityCheck', () => addIdentityCheck()),
  );
}
