// Every local check of a pasted token, in the order a learner reads them, each with a stable id, a plain message
// and the error Convex would return. Pure and total: never throws, whatever the input. The checks of the network
// (discovery, keys, signature) are in verify.ts.
import { characterCheck } from './characterCheck';
import { claimChecks } from './claimChecks';
import { claimViews } from './claims';
import { clerkMode, clerkModeCheck } from './clerkMode';
import { CONVEX_ERRORS } from './convexRules';
import { decodeJsonObject } from './decode';
import { DisplayBuilder, describeValue, nestingDepth } from './display';
import { firstFailure } from './firstFailure';
import { headerChecks } from './headerChecks';
import { predictIdentity } from './identity';
import { MAX_DEPTH, MAX_TOKEN_BYTES } from './limits';
import { normaliseToken } from './normalise';
import { own } from './own';
import type { AnalyseOptions, NormalisedInput, TokenCheck, TokenReport } from './types';

export function analyseToken(raw: string, opts: AnalyseOptions): TokenReport {
  try {
    return analyse(typeof raw === 'string' ? raw : '', opts);
  } catch (err) {
    // Unreachable by design; kept so a bug shows as a failed check instead of a broken panel.
    return {
      input: { token: '', removed: [] },
      clerkMode: 'unknown',
      hiddenCharacters: [],
      failedStage: 'match',
      checks: [
        {
          id: 'internal',
          stage: 'match',
          status: 'fail',
          title: 'The token could not be analysed',
          detail: `An unexpected error stopped the analysis (${err instanceof Error ? err.name : 'unknown error'}).`,
        },
      ],
    };
  }
}

function analyse(raw: string, opts: AnalyseOptions): TokenReport {
  const checks: TokenCheck[] = [];
  const display = new DisplayBuilder();
  const report = (input: NormalisedInput, extra: Partial<TokenReport> = {}): TokenReport =>
    finish({ input, checks, clerkMode: 'unknown', hiddenCharacters: display.hidden, ...extra });

  // Before anything else touches the text: refuse what no real token is.
  if (raw.length > MAX_TOKEN_BYTES * 2) return report({ token: '', removed: [] }, { checks: [oversized(raw.length)] });
  const input = normaliseToken(raw);
  const token = input.token;

  if (token === '') {
    checks.push({
      id: 'empty',
      stage: 'attach',
      status: 'fail',
      title: 'No token',
      detail:
        "Paste a token (from Clerk's getToken() or the Authorization header of a Convex request). Without one the request is anonymous and getUserIdentity() returns null.",
    });
    return report(input);
  }
  const bytes = new TextEncoder().encode(token).length;
  if (bytes > MAX_TOKEN_BYTES) return report({ token: '', removed: input.removed }, { checks: [oversized(bytes)] });
  checks.push({ id: 'size', stage: 'attach', status: 'pass', title: 'Size is fine', detail: `${bytes} bytes.` });

  checks.push(characterCheck(token));

  const parts = token.split('.');
  if (parts.length === 5) {
    checks.push({
      id: 'encrypted-jwe',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.parse,
      title: 'This is an encrypted token (JWE), not a signed JWT',
      detail:
        "It has five parts. Convex reads a signed JWT with three parts (header.payload.signature); an encrypted token cannot be read without the key. Clerk's tokens are signed: copy the token from getToken() instead.",
    });
    return report(input);
  }
  if (parts.length !== 3) {
    checks.push({
      id: 'parts',
      stage: 'match',
      status: 'fail',
      convexError: CONVEX_ERRORS.parse,
      title: `The token has ${parts.length} part${parts.length === 1 ? '' : 's'}, not 3`,
      detail:
        'A JWT is three base64url parts separated by dots: header.payload.signature. Part of it may be missing from the copy.',
    });
    return report(input);
  }
  checks.push({
    id: 'parts',
    stage: 'match',
    status: 'pass',
    title: 'Three parts',
    detail: 'header.payload.signature',
  });

  // Decode both segments, whatever happens to the other one.
  const headerResult = decodeJsonObject(parts[0]);
  const payloadResult = decodeJsonObject(parts[1]);
  checks.push(
    headerResult.ok
      ? { id: 'header', stage: 'match', status: 'pass', title: 'Header decodes', detail: 'base64url JSON object.' }
      : {
          id: 'header',
          stage: 'match',
          status: 'fail',
          convexError: CONVEX_ERRORS.parse,
          title: 'The header cannot be read',
          detail: `The first part is not a base64url-encoded JSON object: ${headerResult.problem}.`,
        },
  );
  checks.push(
    payloadResult.ok
      ? { id: 'payload', stage: 'match', status: 'pass', title: 'Payload decodes', detail: 'base64url JSON object.' }
      : {
          id: 'payload',
          stage: 'match',
          status: 'fail',
          convexError: CONVEX_ERRORS.parse,
          title: 'The payload cannot be read',
          detail: `The second part is not a base64url-encoded JSON object: ${payloadResult.problem}.`,
        },
  );

  const header = headerResult.ok ? headerResult.value : undefined;
  const payload = payloadResult.ok ? payloadResult.value : undefined;
  const deep = nestingCheck(header, payload);
  if (deep) checks.push(deep);
  if (header) headerChecks(header, parts[2], checks, payload, opts.providers);
  const extra: Partial<TokenReport> = {};
  if (header) extra.header = display.value(header, 'header') as Record<string, unknown>;
  if (!payload) return report(input, extra);

  const shown = new Map<string, unknown>();
  extra.claims = claimViews(payload, display, opts.nowMs, shown);
  extra.clerkMode = clerkMode(payload, opts.providers, header);
  checks.push(clerkModeCheck(extra.clerkMode, own(payload, 'aud'), own(payload, 'iss')));
  claimChecks(payload, opts, checks, extra.clerkMode);

  if (
    !checks.some((c) => c.status === 'fail') &&
    typeof own(payload, 'iss') === 'string' &&
    typeof own(payload, 'sub') === 'string'
  ) {
    extra.identity = predictIdentity(payload, display, shown);
  }
  return report(input, extra);
}

/** Names the fields nested past what the panel shows, so a hostile value is reported instead of breaking the report. */
function nestingCheck(
  header: Record<string, unknown> | undefined,
  payload: Record<string, unknown> | undefined,
): TokenCheck | undefined {
  const deep: string[] = [];
  for (const [where, obj] of [
    ['header', header],
    ['claims', payload],
  ] as const) {
    if (!obj) continue;
    for (const key of Object.keys(obj)) {
      const depth = nestingDepth(obj[key]);
      if (depth > MAX_DEPTH)
        deep.push(
          `${where === 'header' ? 'header ' : ''}${describeValue(key, 40)} is nested ${depth.toLocaleString('en-US')} levels deep`,
        );
    }
  }
  if (deep.length === 0) return undefined;
  const shown = deep.slice(0, 3).join('; ') + (deep.length > 3 ? `; and ${deep.length - 3} more` : '');
  return {
    id: 'nesting',
    stage: 'match',
    status: 'warn',
    title: `${deep.length === 1 ? 'A value is' : 'Values are'} nested too deep to show`,
    detail: `${shown}. The panel shows the first ${MAX_DEPTH} levels; the rest of the report is complete. No real token nests like this.`,
  };
}

function oversized(size: number): TokenCheck {
  return {
    id: 'oversized',
    stage: 'attach',
    status: 'fail',
    title: 'Too large to be a token',
    detail: `The pasted text is ${Math.round(size / 1024)} KiB; a Clerk session token is about 1 KiB and this panel reads at most ${MAX_TOKEN_BYTES / 1024} KiB. It was not decoded. Copy only the token.`,
  };
}

/** Orders the report's outcome: the stage where Convex first rejects, and the error it gives there. */
function finish(report: TokenReport): TokenReport {
  const first = firstFailure(report.checks);
  if (first) {
    report.failedStage = first.stage;
    if (first.convexError) report.convexError = first.convexError;
  }
  return report;
}
