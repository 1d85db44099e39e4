import * as vscode from 'vscode';
import type { GateRequest } from '../../token/verify';

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
  const fetchAnyway = vscode.l10n.t('Fetch Keys');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Fetch discovery and keys from {0}?', iss),
    {
      modal: true,
      detail: vscode.l10n.t(
        'This token’s issuer looks unusual: {0}. Convex itself only accepts https issuers. Fetch its /.well-known/openid-configuration and JWKS anyway?',
        why,
      ),
    },
    fetchAnyway,
  );
  return answer === fetchAnyway;
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
  const fetchAnyway = vscode.l10n.t('Fetch Keys');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Fetch the {0} from {1}?', req.what, req.url),
    {
      modal: true,
      detail: vscode.l10n.t(
        'This address looks unusual: {0}. Convex itself only fetches public https addresses. Fetch it anyway?',
        why,
      ),
    },
    fetchAnyway,
  );
  return answer === fetchAnyway;
}
