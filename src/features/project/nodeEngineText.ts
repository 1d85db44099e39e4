import * as vscode from 'vscode';
import type { NodeEngineNotice } from '../../project/nodeEngine';

/** What the package.json diagnostic and the token panel's project check both say about a too-old Node. */
export function nodeEngineMessage(notice: NodeEngineNotice): string {
  const stops = vscode.l10n.t(
    'convex {0} needs Node {1}, but `node` here is {2}: `npx convex dev` stops with "Your Node version {3} is too old".',
    notice.convexVersion,
    notice.required,
    notice.found,
    notice.found.replace(/^v/, ''),
  );
  const fix =
    notice.suggestedMajor !== undefined
      ? vscode.l10n.t(
          'Install Node {0} or later (for example `nvm install {0}`), then open a new terminal.',
          notice.suggestedMajor,
        )
      : vscode.l10n.t('Install a Node release that meets {0}, then open a new terminal.', notice.required);
  return `${stops} ${fix}`;
}
