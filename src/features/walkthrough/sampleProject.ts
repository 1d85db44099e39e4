import * as vscode from 'vscode';

const SAMPLE_DIR = 'sample';
const FOLDER_NAME = 'clerk-convex-sample';
const MAX_SUFFIX = 99;

/** Scripted use (tests, other commands): where to copy without asking, and whether to open the copy. */
export interface SampleOptions {
  parent?: vscode.Uri;
  open?: boolean;
}

/**
 * Copies the sample project that ships inside the extension to a new folder (never over an existing one) and
 * opens it: in this window when none is open, otherwise in a new one so nothing the learner has open is lost.
 * Resolves to the copy's location, or undefined when the learner cancelled or the copy failed.
 */
export async function openSampleProject(extension: vscode.ExtensionContext, options: SampleOptions = {}): Promise<vscode.Uri | undefined> {
  const parent = options.parent ?? (await pickParent(extension));
  if (!parent) return undefined;
  const source = vscode.Uri.joinPath(extension.extensionUri, SAMPLE_DIR);
  try {
    await vscode.workspace.fs.createDirectory(parent);
    const target = await freeFolder(parent);
    if (!target) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} already holds {1} copies of the sample. Choose another folder.', parent.fsPath, MAX_SUFFIX));
      return undefined;
    }
    await vscode.workspace.fs.copy(source, target, { overwrite: false });
    if (options.open !== false) {
      const forceNewWindow = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
      await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow });
    }
    return target;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not copy the sample project: {0}', reason));
    return undefined;
  }
}

/** Reads SampleOptions from a command argument (`parent` as a Uri or a URI string); anything else means "ask". */
export function sampleOptions(arg: unknown): SampleOptions {
  if (typeof arg !== 'object' || arg === null) return {};
  const { parent, open } = arg as { parent?: unknown; open?: unknown };
  return {
    ...(parent instanceof vscode.Uri ? { parent } : typeof parent === 'string' && parent !== '' ? { parent: vscode.Uri.parse(parent) } : {}),
    ...(typeof open === 'boolean' ? { open } : {}),
  };
}

async function pickParent(extension: vscode.ExtensionContext): Promise<vscode.Uri | undefined> {
  type Pick = vscode.QuickPickItem & { where: 'choose' | 'storage' };
  const picked = await vscode.window.showQuickPick<Pick>(
    [
      { where: 'choose', label: vscode.l10n.t('$(folder) Choose a Folder…'), detail: vscode.l10n.t('The sample is copied into a new "{0}" folder inside it.', FOLDER_NAME) },
      { where: 'storage', label: vscode.l10n.t("$(archive) Use the Extension's Storage"), detail: vscode.l10n.t('Nothing to choose; good for a quick look.') },
    ],
    { title: vscode.l10n.t('Where should the sample project go?') },
  );
  if (!picked) return undefined;
  if (picked.where === 'storage') return extension.globalStorageUri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Copy the Sample Here'),
  });
  return chosen?.[0];
}

/** The first of clerk-convex-sample, clerk-convex-sample-2, … that does not exist yet. */
async function freeFolder(parent: vscode.Uri): Promise<vscode.Uri | undefined> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = vscode.Uri.joinPath(parent, n === 1 ? FOLDER_NAME : `${FOLDER_NAME}-${n}`);
    if (!(await exists(candidate))) return candidate;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
