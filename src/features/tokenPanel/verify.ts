import * as vscode from 'vscode';
import type { DeploymentGateReason } from '../../token/addressGate';
import type { GateRequest } from '../../token/verifyOptions';

/** `clerkConvex.tokenPanel.verifyTimeoutSeconds`, clamped to the range the manifest declares. */
export function verifyTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('clerkConvex.tokenPanel').get<number>('verifyTimeoutSeconds', 5);
  const clamped = Number.isFinite(seconds) ? Math.min(30, Math.max(1, seconds)) : 5;
  return clamped * 1000;
}

/**
 * Asks before fetching from an issuer that is not plain public https: an http URL sends the request in the clear,
 * and a loopback or intranet host means a pasted token could make the editor probe the local network.
 */
export async function confirmIssuerFetch(
  iss: string,
  host: { https: boolean; loopbackOrPrivate: boolean },
): Promise<boolean> {
  const why = [
    host.https ? undefined : vscode.l10n.t('it is not https'),
    host.loopbackOrPrivate ? vscode.l10n.t('it points at this machine or a private network') : undefined,
  ]
    .filter((x): x is string => x !== undefined)
    .join(vscode.l10n.t(' and '));
  return askFirst(
    vscode.l10n.t('Fetch discovery and keys from {0}?', iss),
    vscode.l10n.t(
      'This token’s issuer looks unusual: {0}. Convex itself only accepts https issuers. Fetch its /.well-known/openid-configuration and JWKS anyway?',
      why,
    ),
    vscode.l10n.t('Fetch Keys'),
  );
}

/** A modal question with one button; closing it is "no". */
async function askFirst(title: string, detail: string, yes: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(title, { modal: true, detail }, yes)) === yes;
}

export function sameOrigin(url: string, other: string | undefined): boolean {
  try {
    return other !== undefined && new URL(url).origin === new URL(other).origin;
  } catch {
    return false;
  }
}

/** The same question for any later URL verification would fetch: a jwks_uri, or a name resolving to a private address. */
export async function confirmGateFetch(req: GateRequest): Promise<boolean> {
  const why = req.reasons
    .map((r) =>
      r === 'not-https'
        ? vscode.l10n.t('it is not https')
        : req.address
          ? vscode.l10n.t('it resolves to {0}, on this machine or a private network', req.address)
          : vscode.l10n.t('it points at this machine or a private network'),
    )
    .join(vscode.l10n.t(' and '));
  return askFirst(
    vscode.l10n.t('Fetch the {0} from {1}?', req.what, req.url),
    vscode.l10n.t(
      'This address looks unusual: {0}. Convex itself only fetches public https addresses. Fetch it anyway?',
      why,
    ),
    vscode.l10n.t('Fetch Keys'),
  );
}

/**
 * "Ask my deployment" for a URL that is not Convex Cloud's (or not https, or local): the token goes to it, so the
 * learner says yes to the host by name first. A cloned repository's env file could name anyone's server.
 */
export async function confirmDeploymentSend(
  url: string,
  host: string,
  source: string,
  reasons: readonly DeploymentGateReason[],
): Promise<boolean> {
  const why = reasons
    .map((r) =>
      r === 'not-convex-host'
        ? vscode.l10n.t('it is not a Convex Cloud address (*.convex.cloud)')
        : r === 'not-https'
          ? vscode.l10n.t('it is not https, so the token would cross the network unencrypted')
          : vscode.l10n.t('it points at this machine or a private network'),
    )
    .join(vscode.l10n.t(' and '));
  return askFirst(
    vscode.l10n.t('Send your token to {0}?', host),
    vscode.l10n.t(
      'The deployment URL {0} ({1}) looks unusual: {2}. Asking it sends your pasted token there in an Authorization header, as your app would, and nowhere else. Send it only if this is your own deployment (for example npx convex dev --local).',
      url,
      source,
      why,
    ),
    vscode.l10n.t('Send Token'),
  );
}
