// What the "Check a Clerk token" language-model tool answers: the panel's offline checks of a token against the
// project's auth.config (Convex's rules, the error Convex would give, the identity a function would see), never
// the token itself. Built from the report's parts, then passed through `withoutToken`, so not even a claim that
// happens to hold the token (or one of its three segments) can carry it into the chat.
import { clip } from '../token/display';
import type { ResolvedProvider, TokenReport } from '../token/types';
import { codeOfConvexError, type PredictedCode } from '../deployment/prediction';

const MAX_STRING = 300;
const MAX_ITEMS = 30;
const MAX_DEPTH = 4;

export interface TokenCheckAnswer {
  summary: string;
  decoded: boolean;
  clerkMode: TokenReport['clerkMode'];
  /** The first error Convex would answer with, and its code, when it would refuse the token. */
  convexWouldSay?: { code: PredictedCode; message: string };
  failedStage?: string;
  checks: { id: string; stage: string; status: string; title: string; detail: string; convexError?: string }[];
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  predictedIdentity?: Record<string, unknown>;
  authConfig: { path: string; providers: { domain?: string; domainFrom?: string; applicationID?: string }[] }[];
  privacy: string;
}

/** JSON values cut to a size a chat can hold: long strings clipped, long lists and deep nesting summarised. */
function bounded(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return clip(value, MAX_STRING);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => bounded(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (const k of keys.slice(0, MAX_ITEMS)) out[k] = bounded((value as Record<string, unknown>)[k], depth + 1);
  if (keys.length > MAX_ITEMS) out['…'] = `${keys.length - MAX_ITEMS} more`;
  return out;
}

function summary(report: TokenReport): string {
  if (!report.header || !report.claims) {
    const why = report.checks.find((c) => c.status === 'fail');
    return `The text could not be decoded as a JWT${why ? `: ${why.title}` : ''}.`;
  }
  if (report.convexError)
    return `Convex would refuse this token with ${codeOfConvexError(report.convexError)}: "${report.convexError}"`;
  return "Nothing in the token or the project's auth.config stops it. Its signature was not checked (that needs the network); Verify Signature in the token panel checks it against the issuer's keys.";
}

export function tokenCheckAnswer(
  report: TokenReport,
  configs: { path: string; providers: readonly ResolvedProvider[] }[],
): TokenCheckAnswer {
  const decoded = Boolean(report.header && report.claims);
  const header = report.header;
  return {
    summary: summary(report),
    decoded,
    clerkMode: report.clerkMode,
    ...(report.convexError
      ? { convexWouldSay: { code: codeOfConvexError(report.convexError), message: report.convexError } }
      : {}),
    ...(report.failedStage ? { failedStage: report.failedStage } : {}),
    checks: report.checks.map((c) => ({
      id: c.id,
      stage: c.stage,
      status: c.status,
      title: c.title,
      detail: c.detail,
      ...(c.convexError ? { convexError: c.convexError } : {}),
    })),
    ...(header ? { header: bounded(header) as Record<string, unknown> } : {}),
    ...(report.claims
      ? { claims: bounded(Object.fromEntries(report.claims.map((c) => [c.name, c.value]))) as Record<string, unknown> }
      : {}),
    ...(report.identity ? { predictedIdentity: bounded(report.identity) as Record<string, unknown> } : {}),
    authConfig: configs.map((c) => ({
      path: c.path,
      providers: c.providers.map((p) => ({
        ...(p.domain !== undefined ? { domain: p.domain } : {}),
        ...(p.envVar
          ? {
              domainFrom: `process.env.${p.envVar.name}${p.envVar.file ? ` (${p.envVar.file})` : ' (not set in a local env file)'}`,
            }
          : {}),
        ...(p.applicationID !== undefined ? { applicationID: p.applicationID } : {}),
      })),
    })),
    privacy:
      'Checked offline in the editor: the token was not sent anywhere, not stored, and is not repeated in this answer.',
  };
}

/**
 * The answer's text with the token and each of its segments (header, payload, signature) taken out wherever they
 * occur. Segments shorter than 16 characters are not secret-shaped and would match ordinary words.
 */
export function withoutToken(text: string, tokens: readonly string[]): string {
  const secrets = new Set<string>();
  for (const t of tokens) {
    if (t.length >= 16) secrets.add(t);
    for (const part of t.split('.')) if (part.length >= 16) secrets.add(part);
  }
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('[token omitted]');
  return out;
}
