import * as vscode from 'vscode';
import { pathExists } from '../project/workspaceFiles';

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
export async function openSampleProject(
  extension: vscode.ExtensionContext,
  options: SampleOptions = {},
): Promise<vscode.Uri | undefined> {
  const parent = options.parent ?? (await pickParent(extension));
  if (!parent) return undefined;
  const source = vscode.Uri.joinPath(extension.extensionUri, SAMPLE_DIR);
  try {
    await vscode.workspace.fs.createDirectory(parent);
    const target = await freeFolder(parent);
    if (!target) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} already holds {1} copies of the sample. Choose another folder.', parent.fsPath, MAX_SUFFIX),
      );
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
    ...(parent instanceof vscode.Uri
      ? { parent }
      : typeof parent === 'string' && parent !== ''
        ? { parent: vscode.Uri.parse(parent) }
        : {}),
    ...(typeof open === 'boolean' ? { open } : {}),
  };
}

async function pickParent(extension: vscode.ExtensionContext): Promise<vscode.Uri | undefined> {
  type Pick = vscode.QuickPickItem & { where: 'choose' | 'storage' };
  const picked = await vscode.window.showQuickPick<Pick>(
    [
      {
        where: 'choose',
        label: vscode.l10n.t('$(folder) Choose a Folder…'),
        detail: vscode.l10n.t('The sample is copied into a new "{0}" folder inside it.', FOLDER_NAME),
      },
      {
        where: 'storage',
        label: vscode.l10n.t("$(archive) Use the Extension's Storage"),
        detail: vscode.l10n.t('Nothing to choose; good for a quick look.'),
      },
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
    if (!(await pathExists(candidate))) return candidate;
  }
  return undefined;
}

/** The sample's package.json name: the offer to install packages is made for the sample only. */
const SAMPLE_PACKAGE_NAME = 'clerk-convex-sample';
const DECLINED_KEY = 'clerkConvex.samplePackages.declined';

/** The workspace folder holding the sample with its packages not installed yet, if there is one. */
async function sampleWithoutPackages(): Promise<vscode.WorkspaceFolder | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    try {
      const manifest = JSON.parse(
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'package.json'))),
      ) as { name?: unknown };
      if (manifest.name !== SAMPLE_PACKAGE_NAME) continue;
    } catch {
      continue;
    }
    // npm writes node_modules/.package-lock.json last: without it an install never finished.
    if (!(await pathExists(vscode.Uri.joinPath(folder.uri, 'node_modules', '.package-lock.json')))) return folder;
  }
  return undefined;
}

/**
 * On start in the sample without its packages: explain the TypeScript errors that come from that (they are not
 * the lesson's) and offer to install them in a terminal the learner watches. Asked once per workspace.
 */
export async function offerSamplePackages(extension: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.getConfiguration('clerkConvex.sample').get<boolean>('offerPackageInstall', true)) return;
  if (!vscode.workspace.isTrusted || extension.workspaceState.get<boolean>(DECLINED_KEY)) return;
  const folder = await sampleWithoutPackages();
  if (!folder) return;
  const install = vscode.l10n.t('Install Packages');
  const later = vscode.l10n.t('Not Now');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'The sample\'s packages are not installed yet, so TypeScript reports "Cannot find module" for next, @clerk/nextjs and convex: those errors are not the lesson\'s. Install them with npm install (about 450 MB, under a minute) in a terminal?',
    ),
    install,
    later,
  );
  if (answer === install) await installSamplePackages();
  else if (answer === later) await extension.workspaceState.update(DECLINED_KEY, true);
}

/**
 * Runs `npm install` in the sample as a task, in a terminal the learner can watch; once it succeeds TypeScript
 * is restarted so it finds the packages. Resolves to npm's exit code, or undefined when nothing ran.
 */
export async function installSamplePackages(): Promise<number | undefined> {
  const folder =
    (await sampleWithoutPackages()) ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!folder) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open the sample project first (Clerk ↔ Convex: Open Sample Project).'),
    );
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Installing packages runs their install scripts, so it needs a trusted workspace. Trust this folder, then run the command again.',
      ),
    );
    return undefined;
  }
  // The npm extension's task type: the task shows in its own terminal, as `npm install` from the Tasks menu does.
  const task = new vscode.Task(
    { type: 'npm', script: 'install' },
    folder,
    'install',
    'npm',
    new vscode.ShellExecution('npm install --no-audit --no-fund', { cwd: folder.uri.fsPath }),
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    focus: false,
    panel: vscode.TaskPanelKind.Dedicated,
    clear: true,
  };
  const execution = await vscode.tasks.executeTask(task);
  const exitCode = await new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution !== execution) return;
      sub.dispose();
      resolve(e.exitCode);
    });
  });
  if (exitCode === 0) {
    await Promise.resolve(vscode.commands.executeCommand('typescript.restartTsServer')).catch(() => undefined);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        "The sample's packages are installed. Problems now shows the lesson's mistakes and the TypeScript errors they cause.",
      ),
    );
  } else {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        "npm install stopped with exit code {0}: its terminal says why. The lesson works without the packages; only TypeScript's checks need them.",
        String(exitCode ?? '?'),
      ),
    );
  }
  return exitCode;
}
