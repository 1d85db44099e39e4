// What a deployment's answer means, read the way Convex writes it (convex-backend, cited per case in
// test/system/deployment/askDeployment.test.ts). The HTTP API authenticates the token before it looks the function
// up (crates/local_backend/src/public_api.rs, `public_query_post`), so:
// - an auth error is a JSON body `{code, message}` with the error's status (crates/common/src/http/mod.rs,
//   `HttpError::into_response`): 401 NoAuthProvider / InvalidAuthHeader / Unauthenticated
//   (crates/authentication/src/lib.rs), AuthProviderDiscoveryFailed with 400 or the issuer's own status;
// - a token that passed meets the function lookup: HTTP 200 `{"status":"error","errorMessage":"[Request ID: …]
//   Server Error\nCould not find public function for '<path>'."}` (crates/udf/src/validation.rs
//   `missing_or_internal_error`, crates/application/src/redaction.rs `Display`), only "[Request ID: …] Server
//   Error" where the deployment hides error texts (production), or 404 FunctionPathNotFound where it is set to.
// Anything else is reported as it came, never as a verdict.

import type { DeploymentExchange, TransportFailure } from './exchange';

export type AuthCode = 'NoAuthProvider' | 'InvalidAuthHeader' | 'Unauthenticated';

/** A provider as the deployment lists it in its NoAuthProvider text. */
export interface DeployedProvider {
  type: 'oidc' | 'customJwt';
  domain: string;
  applicationID?: string;
}

export type DeploymentAnswer =
  /** The function ran: the token was accepted (a probe never gets here; a query run does). */
  | { kind: 'value'; value: unknown; logLines: string[] }
  /** Accepted, then no public function with that path. */
  | { kind: 'function-not-found'; message: string }
  /** Accepted, then the function failed (or its error is hidden: `redacted`). */
  | { kind: 'function-error'; message: string; redacted: boolean; data?: unknown }
  /** The deployment refused the token with this code and text (verbatim). */
  | {
      kind: 'rejected';
      code: AuthCode;
      message: string;
      /** From a NoAuthProvider text: the providers it lists, none configured, or hidden (production). */
      providers?: DeployedProvider[] | 'none' | 'hidden';
    }
  /** The deployment matched a provider and could not fetch the issuer's discovery document. */
  | { kind: 'discovery-failed'; message: string }
  /** The request itself was refused before the token was looked at (header, body, path). */
  | { kind: 'request-refused'; code: string; message: string }
  /** No verdict: nothing came back, or not in Convex's words. */
  | { kind: 'unknown'; reason: TransportFailure['kind'] | 'not-convex'; detail: string };

const AUTH_CODES: readonly string[] = ['NoAuthProvider', 'InvalidAuthHeader', 'Unauthenticated'];
const REQUEST_CODES: readonly string[] = [
  'InvalidAdminKey',
  'InvalidHeaderFailure',
  'HeaderParseFailure',
  'BadConvexFunctionIdentifier',
  'BadJsonBody',
];
const NOT_FOUND = /Could not find public function for '([^']*)'/;
const REDACTED = /^\[Request ID: [^\]]*\] Server Error$/;
const NO_PROVIDER = 'No auth provider found matching the given token';
const DISCOVERY = 'Auth provider discovery of ';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[OIDC(domain=…, app_id=…), CustomJWT(issuer=…, app_id=none)]` as crates/authentication prints them. */
export function parseProviders(message: string): DeployedProvider[] | 'none' | 'hidden' | undefined {
  if (!message.startsWith(NO_PROVIDER)) return undefined;
  if (message.includes('(no providers configured)')) return 'none';
  const list = /configured providers: \[(.*)\]\s*$/s.exec(message)?.[1];
  if (list === undefined) return 'hidden';
  const out: DeployedProvider[] = [];
  for (const m of list.matchAll(
    /(OIDC|CustomJWT)\((?:domain|issuer)=(.*?), app_id=(.*?)\)(?=, (?:OIDC|CustomJWT)\(|$)/g,
  )) {
    const appId = m[3];
    out.push({
      type: m[1] === 'OIDC' ? 'oidc' : 'customJwt',
      domain: m[2],
      ...(m[1] === 'CustomJWT' && appId === 'none' ? {} : { applicationID: appId }),
    });
  }
  return out;
}

function fromErrorBody(status: number, body: Record<string, unknown>): DeploymentAnswer | undefined {
  const { code, message } = body;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  // The code and this text come together from crates/authentication; either one is enough.
  if (code === 'AuthProviderDiscoveryFailed' || message.startsWith(DISCOVERY))
    return { kind: 'discovery-failed', message };
  if (AUTH_CODES.includes(code)) {
    const providers = code === 'NoAuthProvider' ? parseProviders(message) : undefined;
    return { kind: 'rejected', code: code as AuthCode, message, ...(providers ? { providers } : {}) };
  }
  if (code === 'FunctionPathNotFound' && status === 404) return { kind: 'function-not-found', message };
  if (REQUEST_CODES.includes(code)) return { kind: 'request-refused', code, message };
  return undefined;
}

export function interpretExchange(exchange: DeploymentExchange): DeploymentAnswer {
  const { response, failure } = exchange;
  if (!response)
    return { kind: 'unknown', reason: failure?.kind ?? 'network', detail: failure?.detail ?? 'No answer.' };
  const body = parseJson(response.text);
  const shown = `HTTP ${response.status}${response.contentType ? ` (${response.contentType.split(';')[0]})` : ''}`;
  const notConvex: DeploymentAnswer = {
    kind: 'unknown',
    reason: 'not-convex',
    detail: `${shown}: not an answer in Convex's format, so it says nothing about the token.`,
  };
  if (!isRecord(body)) return notConvex;
  if (response.status === 200 && body.status === 'success') {
    const logLines = Array.isArray(body.logLines)
      ? body.logLines.filter((l): l is string => typeof l === 'string')
      : [];
    return { kind: 'value', value: body.value, logLines };
  }
  if (response.status === 200 && body.status === 'error' && typeof body.errorMessage === 'string') {
    const message = body.errorMessage;
    if (NOT_FOUND.test(message)) return { kind: 'function-not-found', message };
    return {
      kind: 'function-error',
      message,
      redacted: REDACTED.test(message),
      ...(body.errorData !== undefined ? { data: body.errorData } : {}),
    };
  }
  if (response.status >= 400) return fromErrorBody(response.status, body) ?? notConvex;
  return notConvex;
}

/** The token's verdict, as far as the answer gives one: accepted, refused (with Convex's code), or no verdict. */
export type TokenVerdict =
  | { kind: 'accepted' }
  | { kind: 'rejected'; code: AuthCode | 'AuthProviderDiscoveryFailed'; message: string }
  | { kind: 'none' };

export function tokenVerdict(answer: DeploymentAnswer): TokenVerdict {
  switch (answer.kind) {
    case 'value':
    case 'function-not-found':
    case 'function-error':
      return { kind: 'accepted' };
    case 'rejected':
      return { kind: 'rejected', code: answer.code, message: answer.message };
    case 'discovery-failed':
      return { kind: 'rejected', code: 'AuthProviderDiscoveryFailed', message: answer.message };
    default:
      return { kind: 'none' };
  }
}
