// "Create convex/auth.config.ts": in the Convex functions folder of the chosen project. An existing config is
// never overwritten: the command shows a diff of what it would write and applies it only when asked to.
import * as vscode from 'vscode';
import type { ProjectService } from '../project/projectService';
import { issuerEnvName } from '../../project/issuerEnv';
import {
  AUTH_CONFIG_FILES,
  authConfigSource,
  configEnvName,
  DEFAULT_ISSUER_ENV,
  proposedAuthConfig,
  type ConfigLanguage,
} from '../../snippets/authConfigTemplate';
import { chooseFolder, createFileOnce, pathExists, readText } from './editorText';
import type { ProposedContent } from './proposedContent';

export type CreateAuthConfigResult =
  { status: 'created' | 'diff-shown' | 'up-to-date'; uri: string } | { status: 'no-folder' | 'failed' };

export async function createAuthConfig(
  arg: unknown,
  project: ProjectService,
  proposals: ProposedContent,
): Promise<CreateAuthConfigResult> {
  const folder = await chooseFolder(arg);
  if (!folder) {
    if (!vscode.workspace.workspaceFolders?.length)
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open your project folder first: auth.config.ts goes in its convex/ folder.'),
      );
    return { status: 'no-folder' };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const near =
    active && vscode.workspace.getWorkspaceFolder(active)?.uri.toString() === folder.uri.toString()
      ? active
      : folder.uri;
  // A package written a moment ago may not be known yet (its files' own events can be missing).
  await project.settled();
  const layout = await project.getConvexLayout(near);
  const functionsDir = layout
    ? vscode.Uri.joinPath(folder.uri, layout.functionsDir)
    : vscode.Uri.joinPath(folder.uri, 'convex');

  for (const name of AUTH_CONFIG_FILES) {
    const uri = vscode.Uri.joinPath(functionsDir, name);
    const existing = await readText(uri);
    if (existing !== undefined) return showChanges(uri, existing, name.endsWith('.ts') ? 'ts' : 'js', proposals);
  }

  const language = await configLanguage(folder.uri, layout?.projectRoot ?? '', functionsDir);
  const uri = vscode.Uri.joinPath(functionsDir, language === 'ts' ? 'auth.config.ts' : 'auth.config.js');
  const envName = issuerEnvName(await project.getSnapshot(folder.uri).catch(() => undefined));
  if (!(await createFileOnce(uri, authConfigSource(language, envName)))) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not create {0}.', vscode.workspace.asRelativePath(uri)));
    return { status: 'failed' };
  }
  await vscode.window.showTextDocument(uri);
  void remindToSetEnv(vscode.workspace.asRelativePath(uri), envName);
  return { status: 'created', uri: uri.toString() };
}

/** TypeScript when the project (or its convex/ folder) has a tsconfig.json, as `npm create convex` sets up. */
async function configLanguage(
  folder: vscode.Uri,
  projectRoot: string,
  functionsDir: vscode.Uri,
): Promise<ConfigLanguage> {
  const candidates = [
    vscode.Uri.joinPath(functionsDir, 'tsconfig.json'),
    vscode.Uri.joinPath(folder, projectRoot, 'tsconfig.json'),
  ];
  for (const c of candidates) if (await pathExists(c)) return 'ts';
  return 'js';
}

async function showChanges(
  uri: vscode.Uri,
  existing: string,
  language: ConfigLanguage,
  proposals: ProposedContent,
): Promise<CreateAuthConfigResult> {
  const proposed = proposedAuthConfig(existing, language);
  const relative = vscode.workspace.asRelativePath(uri);
  if (proposed === existing) {
    await vscode.window.showTextDocument(uri);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} already holds exactly what this command would write.', relative),
    );
    return { status: 'up-to-date', uri: uri.toString() };
  }
  const right = proposals.set(uri, proposed);
  await vscode.commands.executeCommand(
    'vscode.diff',
    uri,
    right,
    vscode.l10n.t('{0} (yours) ↔ what Create auth.config would write', relative),
    { preview: true },
  );
  void offerToApply(uri, existing, proposed, relative);
  return { status: 'diff-shown', uri: uri.toString() };
}

/** Applies the proposal only on an explicit "Apply", and only if the file still holds what the diff showed. */
async function offerToApply(uri: vscode.Uri, shown: string, proposed: string, relative: string): Promise<void> {
  const apply = vscode.l10n.t('Apply Changes');
  const keep = vscode.l10n.t('Keep Mine');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} already exists, so nothing was overwritten. The diff shows what this command would write. Apply it?',
      relative,
    ),
    apply,
    keep,
  );
  if (answer !== apply) return;
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.getText() !== shown) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} changed after the diff was shown. Nothing was applied; run the command again to see the new difference.',
        relative,
      ),
    );
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(shown.length)), proposed);
  if (await vscode.workspace.applyEdit(edit)) {
    await vscode.window.showTextDocument(doc);
    void remindToSetEnv(relative, configEnvName(proposed) ?? DEFAULT_ISSUER_ENV);
  }
}

async function remindToSetEnv(relative: string, envName: string): Promise<void> {
  const copy = vscode.l10n.t('Copy Command');
  const command = `npx convex env set ${envName} https://<your-instance>.clerk.accounts.dev`;
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      '{0} reads the Clerk issuer from {1} on your Convex deployment, not from .env.local. Set it with: {2}',
      relative,
      envName,
      command,
    ),
    copy,
  );
  if (answer === copy) await vscode.env.clipboard.writeText(command);
}
