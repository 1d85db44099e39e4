// Which sandwich to insert: the nearest package.json decides; when it cannot, the learner picks.
import * as vscode from 'vscode';
import { detectFlavour, FLAVOURS, sdkOf, type Flavour } from '../../snippets/flavour';
import { readText } from './editorText';

/** A flavour named by a caller (the walkthrough may pass "next", "vite" or a Clerk SDK name). */
export function flavourFromArgument(arg: unknown): Flavour | undefined {
  const name =
    typeof arg === 'string'
      ? arg
      : typeof arg === 'object' && arg !== null && 'flavour' in arg
        ? arg.flavour
        : undefined;
  switch (name) {
    case 'next':
    case '@clerk/nextjs':
      return { kind: 'next' };
    case 'vite':
    case '@clerk/react':
      return { kind: 'react', sdk: '@clerk/react' };
    case '@clerk/clerk-react':
      return { kind: 'react', sdk: '@clerk/clerk-react' };
    default:
      return undefined;
  }
}

/** The flavour of the package.json nearest to `uri`, looking up to its workspace folder (or the first folder). */
export async function detectFlavourNear(uri: vscode.Uri | undefined): Promise<Flavour | undefined> {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  let dir =
    uri && uri.scheme === folder.uri.scheme && uri.path.startsWith(folder.uri.path)
      ? vscode.Uri.joinPath(uri, '..')
      : folder.uri;
  for (;;) {
    const text = await readText(vscode.Uri.joinPath(dir, 'package.json'));
    if (text !== undefined) {
      const found = detectFlavour(text);
      if (found) return found;
    }
    if (dir.path.length <= folder.uri.path.length) return undefined;
    dir = vscode.Uri.joinPath(dir, '..');
  }
}

export async function pickFlavour(): Promise<Flavour | undefined> {
  const describe = (f: Flavour): vscode.QuickPickItem & { flavour: Flavour } =>
    f.kind === 'next'
      ? {
          flavour: f,
          label: vscode.l10n.t('Next.js (App Router)'),
          description: sdkOf(f),
          detail: vscode.l10n.t('A "use client" provider file; NEXT_PUBLIC_CONVEX_URL.'),
        }
      : {
          flavour: f,
          label: vscode.l10n.t('React with Vite'),
          description: sdkOf(f),
          detail:
            f.sdk === '@clerk/react'
              ? vscode.l10n.t("Clerk's current React SDK; VITE_CONVEX_URL and VITE_CLERK_PUBLISHABLE_KEY.")
              : vscode.l10n.t('The React SDK before Clerk Core 3; VITE_CONVEX_URL and VITE_CLERK_PUBLISHABLE_KEY.'),
        };
  const picked = await vscode.window.showQuickPick(FLAVOURS.map(describe), {
    title: vscode.l10n.t('Insert Provider Sandwich'),
    placeHolder: vscode.l10n.t('Which kind of app is this? (No Clerk SDK found in package.json.)'),
  });
  return picked?.flavour;
}
