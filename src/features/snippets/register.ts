import * as vscode from 'vscode';
import type { ExtensionApi, FeatureContext } from '../api';
import { loadFeatures } from '../../lazy';
import { getProjectService } from '../project';
import { PROPOSED_SCHEME, ProposedContent } from './proposedContent';

/**
 * The three insert commands (the snippets themselves are contributed in package.json). Activation registers
 * them only; their code and the parser behind the planners load on first use through src/lazy.ts.
 * Each command resolves with what it did (see the *Result types), which the walkthrough and tests read.
 */
export function registerSnippets(ctx: FeatureContext): Partial<ExtensionApi> {
  const proposals = new ProposedContent();
  ctx.extension.subscriptions.push(
    proposals,
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, proposals),
    vscode.commands.registerCommand('clerkConvex.insertProviderSandwich', async (arg?: unknown) => (await loadFeatures()).insertProviderSandwich(arg)),
    vscode.commands.registerCommand('clerkConvex.createAuthConfig', async (arg?: unknown) =>
      (await loadFeatures()).createAuthConfig(arg, getProjectService(ctx), proposals)),
    vscode.commands.registerCommand('clerkConvex.addIdentityCheck', async () => (await loadFeatures()).addIdentityCheck()),
  );
  return {};
}
