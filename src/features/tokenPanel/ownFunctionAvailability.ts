import * as vscode from 'vscode';

/** Why the learner's own function cannot run here (trust, a process, a folder, functions, convex); undefined: it can. */
export function runAvailability(
  located: { functionsDir: vscode.Uri } | undefined,
  count: number,
  convexInstalled: string | undefined,
): { phase: 'untrusted' | 'unavailable'; message: string } | undefined {
  if (!vscode.workspace.isTrusted) {
    return {
      phase: 'untrusted',
      message: vscode.l10n.t(
        'Running your function means running your project’s code (and its convex package), so it needs a trusted workspace. In Restricted Mode the list below is read from source only; nothing runs.',
      ),
    };
  }
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
    return {
      phase: 'unavailable',
      message: vscode.l10n.t(
        'Running your own functions needs the desktop app or a remote extension host: this editor cannot start a process.',
      ),
    };
  }
  if (!located)
    return { phase: 'unavailable', message: vscode.l10n.t('This workspace has no Convex functions folder on disk.') };
  if (count === 0)
    return {
      phase: 'unavailable',
      message: vscode.l10n.t(
        'No public query, mutation or action found in {0}.',
        vscode.workspace.asRelativePath(located.functionsDir),
      ),
    };
  if (convexInstalled === undefined) {
    return {
      phase: 'unavailable',
      message: vscode.l10n.t(
        'convex is not installed in this project (no node_modules/convex): run npm install, then npx convex dev once so convex/_generated exists. The exercise runs your functions with your own convex package.',
      ),
    };
  }
  return undefined;
}
