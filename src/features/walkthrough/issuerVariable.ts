// The authConfig step's "Set the Issuer Variable": the whole `npx convex env set NAME value` line for this
// project, with the value read from its publishable key or env file, to copy or to type into a terminal.
import * as vscode from 'vscode';
import { issuerCommand, type IssuerCommand } from '../../lessonState';
import type { ProjectService } from '../project/projectService';

export async function offerIssuerCommand(project: ProjectService): Promise<IssuerCommand | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open your project folder first.'));
    return undefined;
  }
  const result = issuerCommand(await project.getSnapshot(folder.uri));
  if (result.kind === 'literal') {
    void vscode.window.showInformationMessage(
      result.issuer === undefined
        ? vscode.l10n.t(
            '{0} names the issuer itself ({1}), so there is no variable to set on your deployment: npx convex dev uploads the config as it is.',
            result.path,
            result.domain,
          )
        : vscode.l10n.t(
            '{0} names its domain itself, so there is no variable to set on your deployment. But {1} is not an issuer URL: it should read {2} (the flagged domain’s quick fix writes it).',
            result.path,
            result.domain,
            result.issuer,
          ),
    );
    return result;
  }
  const where =
    result.kind === 'envUnknown'
      ? vscode.l10n.t('Replace the placeholder with your Clerk Frontend API URL (Clerk dashboard, API keys).')
      : result.source.kind === 'publishableKey'
        ? vscode.l10n.t('The value is the issuer your publishable key in {0} names.', result.source.file)
        : vscode.l10n.t('The value is the one {0} sets locally.', result.source.file);
  const copy = vscode.l10n.t('Copy Command');
  const type = vscode.l10n.t('Type It in a Terminal');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Your deployment reads {0} from its own settings, never from .env.local. Run: {1}. {2}',
      result.name,
      result.command,
      where,
    ),
    // Typing into a terminal starts a shell in the workspace: only where the workspace is trusted.
    ...(vscode.workspace.isTrusted ? [copy, type] : [copy]),
  );
  if (answer === copy) await vscode.env.clipboard.writeText(result.command);
  if (answer === type) {
    const terminal = vscode.window.createTerminal({ name: 'Convex', cwd: folder.uri });
    terminal.show();
    // Typed, not run: the learner reads it (and fixes a placeholder) before pressing Enter.
    terminal.sendText(result.command, false);
  }
  return result;
}
