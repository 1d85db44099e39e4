// An exchange with the learner's deployment as the panel shows it (the token never shown), and the token's facts
// the comparison reads.
import * as vscode from 'vscode';
import type { TokenFacts } from '../../deployment/compare';
import type { DeploymentExchange } from '../../deployment/exchange';
import type { ExchangeView } from '../../protocol/deployment';
import { panelCore } from '../../lazy';
import type { TokenReport } from '../../token/types';

export function tokenFacts(report: TokenReport, staleSession: boolean): TokenFacts {
  const claim = (name: string): unknown => report.claims?.find((c) => c.name === name)?.value;
  const iss = claim('iss');
  const exp = claim('exp');
  return {
    ...(typeof iss === 'string' ? { iss } : {}),
    aud: claim('aud'),
    ...(typeof exp === 'number' && Number.isFinite(exp) ? { exp } : {}),
    staleSession,
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The exchange for display: the token replaced by its length wherever the request carries it. */
export function exchangeView(e: DeploymentExchange, token: string): ExchangeView | undefined {
  if (!e.request) return undefined;
  const hide = (v: string): string =>
    v.split(token).join(vscode.l10n.t('<your token, {0} characters>', String(token.length)));
  return {
    request: {
      method: e.request.method,
      url: e.request.url,
      headers: Object.entries(e.request.headers).map(([k, v]) => [k, hide(v)]),
      body: panelCore().toDisplayValue(parseBody(hide(e.request.body))),
    },
    ...(e.response
      ? { response: { status: e.response.status, body: panelCore().toDisplayValue(parseBody(hide(e.response.text))) } }
      : {}),
    client: e.client.ok
      ? { ok: true, value: panelCore().toDisplayValue(e.client.value) }
      : { ok: false, error: hide(e.client.error) },
  };
}
