import * as vscode from 'vscode';
import type { OwnFunctionView } from '../../protocol/panel';

export function labels(): OwnFunctionView['labels'] {
  return {
    title: vscode.l10n.t('Your own function, on your own code'),
    intro: vscode.l10n.t(
      'Calls one of your Convex functions as an attacker would: anonymously and as user B, with user A’s data in the arguments (A’s user id, A’s row ids), then as A. Rows are first written as A and as B with your own mutations. Each call goes through the real ConvexHttpClient to the stand-in, which checks the token with Convex’s rules and runs your function in memory with the identity Convex would pass.',
    ),
    pick: vscode.l10n.t('Function'),
    run: vscode.l10n.t('Run my function'),
    cancel: vscode.l10n.t('Cancel'),
    trust: vscode.l10n.t('Trust this folder…'),
    copy: vscode.l10n.t('Copy'),
    terminal: vscode.l10n.t('Type it into a new terminal'),
    args: vscode.l10n.t('Arguments (JSON)'),
    argsHint: vscode.l10n.t(
      'Prefilled from the function’s validator. $A.subject, $A.tokenIdentifier and $A.email are user A’s; $A.row:notes is the id of a notes row written as A; $A.field:userId is the userId stored in A’s rows. Edit them to try your own attack; clear the box to go back to the prefilled ones.',
    ),
    argsReset: vscode.l10n.t('Use the prefilled arguments'),
    argSet: vscode.l10n.t('Arguments {0}: {1}'),
    unknown: vscode.l10n.t('could not tell'),
    request: vscode.l10n.t('Request (as ConvexHttpClient sent it)'),
    response: vscode.l10n.t('Response (as the stand-in answered)'),
    clientGot: vscode.l10n.t('The client returned'),
    clientThrew: vscode.l10n.t('The client threw'),
    commandsTitle: vscode.l10n.t('The same call on your own deployment'),
    commandsHint: vscode.l10n.t(
      'Runs against the deployment your Convex CLI is set up for, with the identity filled in from the decoded token. The extension never contacts your deployment: run it yourself in a terminal.',
    ),
  };
}
