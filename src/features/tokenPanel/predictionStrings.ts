import * as vscode from 'vscode';
import type { PredictionStrings } from '../../protocol/prediction';

/** The exercise's prediction and closing line, localised for the page (see src/webview/predictionView.ts). */
export function predictionStrings(): PredictionStrings {
  return {
    question: vscode.l10n.t('Before you run it: what will the anonymous request, with no token, get back?'),
    standIns: vscode.l10n.t(
      'It all runs on your machine, against local stand-ins: an issuer for Clerk and a server applying Convex’s checks.',
    ),
    choices: {
      nothing: vscode.l10n.t('Nothing: an empty answer'),
      error: vscode.l10n.t('An error: Convex refuses the request'),
      data: vscode.l10n.t('The messages, as for a signed-in user'),
    },
    answers: {
      nothing: vscode.l10n.t('nothing (an empty answer)'),
      error: vscode.l10n.t('an error'),
      data: vscode.l10n.t('data'),
    },
    predictedRight: vscode.l10n.t('You predicted it: the anonymous request got {0}.'),
    predictedWrong: vscode.l10n.t('You predicted “{0}”; the anonymous request got {1}.'),
    notPredicted: vscode.l10n.t('The anonymous request got {0}.'),
    whyNothing: vscode.l10n.t(
      'No token is no error: Convex runs the query with identity null, and the query returns early.',
    ),
    closing: vscode.l10n.t(
      'An anonymous request gets nothing; a request carrying a valid token gets the user’s data. That single check guards your whole backend.',
    ),
  };
}
