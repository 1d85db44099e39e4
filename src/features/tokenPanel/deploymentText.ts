// The words of "Ask my deployment": its labels, the notes on a deployment, the prediction and the deployment's verdict.
import * as vscode from 'vscode';
import type { CandidateNote, DeploymentCandidate } from '../../deployment/candidates';
import type { DeploymentAnswer, TokenVerdict } from '../../deployment/answer';
import type { Prediction } from '../../deployment/prediction';
import type { DeploymentView } from '../../protocol/deployment';

export function labels(): DeploymentView['labels'] {
  return {
    title: vscode.l10n.t('Ask my deployment'),
    intro: vscode.l10n.t(
      'The checks above are a prediction from your local files. Your deployment has the last word: “Ask this deployment” sends the pasted token, as your app’s ConvexHttpClient does, to the URL shown (from your env files) and nowhere else, naming a function that does not exist. Convex checks the token before it looks the function up, so its answer is its verdict on the token. Nothing is stored.',
    ),
    ask: vscode.l10n.t('Ask this deployment'),
    asking: vscode.l10n.t('Asking…'),
    needToken: vscode.l10n.t('Decode a token first.'),
    predicted: vscode.l10n.t('The panel predicts'),
    answered: vscode.l10n.t('Your deployment answered'),
    agreement: {
      agree: vscode.l10n.t('They agree'),
      disagree: vscode.l10n.t('They disagree'),
      'no-verdict': vscode.l10n.t('No verdict from the deployment'),
      'no-prediction': vscode.l10n.t('The panel could not predict'),
    },
    environment: { development: vscode.l10n.t('development'), production: vscode.l10n.t('production') },
    request: vscode.l10n.t('Request (as ConvexHttpClient sent it; the token itself not shown)'),
    response: vscode.l10n.t('Response (verbatim)'),
    clientGot: vscode.l10n.t('Your app’s client returns'),
    clientThrew: vscode.l10n.t('Your app’s client throws'),
    runTitle: vscode.l10n.t('Then run one of your queries as this user'),
    runHint: vscode.l10n.t(
      'A second explicit step: runs the query you pick on this deployment with the token, read-only (queries cannot write), and shows its result, cut to a bounded size.',
    ),
    query: vscode.l10n.t('Query'),
    args: vscode.l10n.t('Arguments (JSON object)'),
    run: vscode.l10n.t('Run on this deployment'),
    running: vscode.l10n.t('Running…'),
    trust: vscode.l10n.t('Trust this folder…'),
  };
}

export function noteText(note: CandidateNote): { level: 'warn' | 'info'; text: string } {
  switch (note.kind) {
    case 'from-deployment-name':
      return {
        level: 'info',
        text: vscode.l10n.t(
          'Built from CONVEX_DEPLOYMENT ({0}); a deployment in another region has another URL (see the dashboard).',
          note.name,
        ),
      };
    case 'site-url':
      return {
        level: 'warn',
        text: vscode.l10n.t(
          '{0} is the deployment’s HTTP-actions address (.convex.site); ConvexHttpClient refuses it. The function API is on .convex.cloud, asked here.',
          note.written,
        ),
      };
    case 'dev-key-prod-deployment':
      return {
        level: 'warn',
        text: vscode.l10n.t(
          'A Clerk development key (pk_test, {0}) beside a production deployment: your production app would sign users in to the development instance.',
          note.host,
        ),
      };
    case 'live-key-dev-deployment':
      return {
        level: 'info',
        text: vscode.l10n.t('A Clerk production key (pk_live, {0}) beside a development deployment.', note.host),
      };
  }
}

export function sourceText(c: DeploymentCandidate): string {
  return c.sources.map((s) => vscode.l10n.t('{0} in {1}', s.name, s.file)).join(', ');
}

export function predictionText(p: Prediction): DeploymentView['prediction'] {
  switch (p.kind) {
    case 'accept':
      return {
        verdict: p.signatureChecked
          ? vscode.l10n.t('Accepted')
          : vscode.l10n.t('Accepted, as far as the local checks go (signature not checked)'),
      };
    case 'reject':
      return { verdict: vscode.l10n.t('Refused: {0}', p.code), convexMessage: p.message };
    case 'uncertain':
      return {
        verdict:
          p.why === 'no-config'
            ? vscode.l10n.t('Cannot tell: no local auth.config')
            : vscode.l10n.t('Cannot tell: the provider domain is set only on the deployment'),
      };
  }
}

export function verdictText(answer: DeploymentAnswer, v: TokenVerdict): { verdict: string; convexMessage?: string } {
  if (v.kind === 'rejected') return { verdict: vscode.l10n.t('Refused: {0}', v.code), convexMessage: v.message };
  if (v.kind === 'none') return { verdict: vscode.l10n.t('No verdict') };
  // The deployment's own words come along verbatim: the lookup's error is what proves the token passed.
  const said = answer.kind === 'function-not-found' || answer.kind === 'function-error' ? answer.message : undefined;
  const verdict =
    answer.kind === 'function-error' && answer.redacted
      ? vscode.l10n.t('Accepted (the deployment hides error texts; only the token passing counts here)')
      : vscode.l10n.t('Accepted: the token passed, then the probe function was not found, as intended');
  return { verdict, ...(said ? { convexMessage: said } : {}) };
}
