import * as vscode from 'vscode';
import type { CheckId, LessonCheck, MissingReason } from '../../lessonState';

export function checkTitle(id: CheckId): string {
  switch (id) {
    case 'sandwich':
      return vscode.l10n.t('ClerkProvider wraps the Convex provider');
    case 'authConfig':
      return vscode.l10n.t('auth.config names your Clerk issuer');
    case 'identity':
      return vscode.l10n.t('Convex functions read identity safely');
    case 'authHook':
      return vscode.l10n.t('UI gated with useConvexAuth or <Authenticated>');
    case 'exercise':
      return vscode.l10n.t('Exercise run: anonymous and valid requests');
    case 'decodeToken':
      return vscode.l10n.t('A token decoded in the token panel');
  }
}

/** One short phrase for the tree item's description. */
export function checkStatusText(check: LessonCheck): string {
  switch (check.status) {
    case 'pass':
      return vscode.l10n.t('passing');
    case 'unknown':
      return check.unmeasured?.length ? vscode.l10n.t('could not tell') : vscode.l10n.t('not checked yet');
    case 'missing':
      return check.reason.kind === 'finding' ? check.reason.path : vscode.l10n.t('missing');
  }
}

/** Why a check is not known, in a sentence (tooltip, screen-reader label, the agent tool's detail). */
export function unknownText(check: Extract<LessonCheck, { status: 'unknown' }>): string {
  const files = check.unmeasured ?? [];
  if (files.length === 0) return vscode.l10n.t('The project is still being read.');
  const first = files[0];
  return files.length === 1
    ? vscode.l10n.t(
        'Could not tell: {0} could not be analysed ({1}). It is checked again when it changes.',
        first.path,
        first.reason,
      )
    : vscode.l10n.t(
        'Could not tell: {0} files could not be analysed, {1} first ({2}). They are checked again when they change.',
        String(files.length),
        first.path,
        first.reason,
      );
}

/** What is missing and what to do, in a sentence or two (tooltip and screen-reader label). */
export function missingText(reason: MissingReason): string {
  switch (reason.kind) {
    case 'finding':
      return `${reason.path}: ${reason.finding.message}`;
    case 'noSandwich':
      return vscode.l10n.t('No ClerkProvider wrapping ConvexProviderWithClerk yet. Insert the provider sandwich.');
    case 'noAuthConfig':
      return vscode.l10n.t('No convex/auth.config.ts yet. Create it so Convex knows which issuer to trust.');
    case 'duplicateAuthConfig':
      return vscode.l10n.t(
        'More than one auth config ({0}); Convex refuses to push. Keep one.',
        reason.paths.join(', '),
      );
    case 'unreadableAuthConfig':
      return `${reason.path}: ${reason.problem}`;
    case 'noProviders':
      return vscode.l10n.t('{0} lists no providers.', reason.path);
    case 'providerMissing':
      return reason.field === 'domain'
        ? vscode.l10n.t('{0}: the provider has no domain (your Clerk issuer URL).', reason.path)
        : vscode.l10n.t(
            '{0}: the provider has no applicationID (spelt with a capital ID; "convex" for Clerk).',
            reason.path,
          );
    case 'domainNotIssuer':
      return vscode.l10n.t(
        '{0}: the domain {1} is not an issuer URL. Use your Clerk Frontend API URL, not the JWKS or discovery URL.',
        reason.path,
        reason.domain,
      );
    case 'noIdentityRead':
      return vscode.l10n.t('No Convex function awaits ctx.auth.getUserIdentity() and checks it for null yet.');
    case 'noConvexAuthGate':
      return vscode.l10n.t(
        'No component waits for useConvexAuth() or <Authenticated> before showing signed-in data yet.',
      );
    case 'exercisePending':
      if (reason.ownFunction === false && reason.anonymous && reason.valid) {
        return vscode.l10n.t(
          'Still to do: “Run my function” in the exercise, until your own function gives nothing to the anonymous caller and only A’s rows to A.',
        );
      }
      if (!reason.anonymous && !reason.valid)
        return vscode.l10n.t('Run the exercise: the anonymous request and the request with a valid token.');
      return reason.anonymous
        ? vscode.l10n.t('Still to run: the request with a valid token.')
        : vscode.l10n.t('Still to run: the anonymous request.');
    case 'tokenNotDecoded':
      return vscode.l10n.t(
        'Decode a token in the token panel: the exercise’s, in one click, or your own from your app.',
      );
  }
}
