// The exercise's stand-in for Convex. It applies the same rules, in the same order, with the same error texts:
// read the token, match a provider (iss + aud), discover the issuer's keys, verify, then run the query with the
// identity. The rules live in src/token (convexRules, analyse, verify), shared with the token panel.
import { analyseToken } from '../token/analyse';
import { CONVEX_ERRORS, matchProvider, noProviderError } from '../token/convexRules';
import { decodeJsonObject } from '../token/decode';
import { checkSignature, discoverKeys, signatureInput } from '../token/verify';
import type { ResolvedProvider, TokenCheck } from '../token/types';
import { convexIdentity } from './identity';
import { listMessages } from './messages';
import type { AuthErrorCode, AuthOutcome, HandoffRequest, HandoffResponse, StageResult } from './types';

export interface ServerProvider {
  domain: string;
  applicationID: string;
}

export interface ServerModel {
  handle(request: HandoffRequest): Promise<{ stages: StageResult[]; response: HandoffResponse }>;
  /** The checks up to `getUserIdentity()`, for an Authorization header value (undefined: anonymous). */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
}

export interface ServerModelOptions {
  providers: ResolvedProvider[];
  fetchImpl: typeof fetch;
  nowMs: () => number;
  allowInsecureHttp: boolean;
  timeoutMs: number;
}

type ServerStage = 'match' | 'discover' | 'verify' | 'identity' | 'data';
const AUTH_STAGES: readonly ServerStage[] = ['match', 'discover', 'verify', 'identity'];
const LABELS: Record<ServerStage, string> = {
  match: 'Match a provider',
  discover: "Fetch the issuer's keys",
  verify: 'Verify signature and claims',
  identity: 'ctx.auth.getUserIdentity()',
  data: 'messages.list',
};

function describe(c: TokenCheck): string {
  return `${c.title}. ${c.detail}`;
}

export const INVALID_ADMIN_KEY = 'Invalid admin key';

/** Which code Convex's HTTP API puts beside each of its auth errors. */
function codeFor(error: string): AuthErrorCode {
  if (error === CONVEX_ERRORS.parse || error === CONVEX_ERRORS.missingIssuer) return 'InvalidAuthHeader';
  if (error.startsWith('No auth provider found')) return 'NoAuthProvider';
  return 'Unauthenticated';
}

export function createServerModel(opts: ServerModelOptions): ServerModel {
  async function authenticate(header: string | undefined): Promise<AuthOutcome> {
    const stages: StageResult[] = [];
    const done = (stage: ServerStage, status: StageResult['status'], detail: string): void => {
      stages.push({ stage, status, label: LABELS[stage], detail });
    };
    const reject = (
      stage: ServerStage,
      error: string,
      detail: string,
      code: AuthErrorCode = codeFor(error),
    ): AuthOutcome => {
      done(stage, 'fail', detail);
      for (const s of AUTH_STAGES.slice(AUTH_STAGES.indexOf(stage) + 1))
        done(s, 'skipped', 'Not reached: the request was rejected.');
      return { stages, rejected: { status: code === 'InvalidAdminKey' ? 400 : 401, code, message: error } };
    };

    if (header === undefined) {
      for (const s of ['match', 'discover', 'verify'] as const)
        done(s, 'skipped', 'No Authorization header: nothing to check.');
      done('identity', 'info', 'null: the request is anonymous.');
      return { stages, identity: null };
    }
    // Convex reads anything that is not "Bearer <token>" as an admin key, and refuses it as one.
    if (!header.startsWith('Bearer ')) {
      return reject(
        'match',
        INVALID_ADMIN_KEY,
        'The Authorization header does not start with "Bearer ": Convex reads it as an admin key.',
        'InvalidAdminKey',
      );
    }
    const token = header.slice(7).trim();
    const nowMs = opts.nowMs();
    const report = analyseToken(token, { providers: opts.providers, nowMs });
    const failures = report.checks.filter((c) => c.status === 'fail');

    // 1–2: read the payload, then pick the provider.
    const unreadable = failures.find((c) => c.convexError === CONVEX_ERRORS.parse);
    const parts = token.split('.');
    const decoded = parts.length === 3 ? decodeJsonObject(parts[1]) : undefined;
    if (unreadable || !decoded?.ok) {
      return reject('match', CONVEX_ERRORS.parse, unreadable ? describe(unreadable) : 'The token could not be read.');
    }
    const payload = decoded.value;
    const iss = Object.hasOwn(payload, 'iss') ? payload.iss : undefined;
    if (iss === undefined) return reject('match', CONVEX_ERRORS.missingIssuer, 'The token has no iss claim.');
    if (typeof iss !== 'string')
      return reject('match', CONVEX_ERRORS.oidcParse, `iss is ${JSON.stringify(iss)}, not a string.`);
    const provider = matchProvider(opts.providers, iss, Object.hasOwn(payload, 'aud') ? payload.aud : undefined);
    if (!provider) {
      const why = failures.find((c) => MATCH_CHECKS.has(c.id));
      return reject(
        'match',
        noProviderError(opts.providers),
        why ? describe(why) : `No provider has both domain ${iss} and an applicationID in aud.`,
      );
    }
    done(
      'match',
      'pass',
      `OIDC(domain=${provider.domain}, app_id=${provider.applicationID}) matches iss ${iss} and aud.`,
    );

    // 3: discovery from the token's issuer.
    const input = signatureInput(token);
    const found = await discoverKeys(iss, {
      fetchImpl: opts.fetchImpl,
      allowInsecureHttp: opts.allowInsecureHttp,
      timeoutMs: opts.timeoutMs,
    });
    const discoveryFailure = found.checks.find((c) => c.status === 'fail');
    if (!found.keys || discoveryFailure) {
      return reject(
        'discover',
        discoveryFailure?.convexError ?? CONVEX_ERRORS.verify,
        discoveryFailure ? describe(discoveryFailure) : 'Discovery failed.',
      );
    }
    const jwksUrl = found.checks.find((c) => c.id === 'jwks')?.detail ?? '';
    done(
      'discover',
      'pass',
      `${iss.replace(/\/+$/, '')}/.well-known/openid-configuration names exactly this issuer; its JWKS (${jwksUrl}) has ${found.keys.length} key${found.keys.length === 1 ? '' : 's'}.`,
    );

    // 4: verification. Claims are parsed before the signature and expiry are checked.
    const parseFailure = failures.find((c) => c.convexError === CONVEX_ERRORS.oidcParse);
    if (parseFailure) return reject('verify', CONVEX_ERRORS.oidcParse, describe(parseFailure));
    const signature = input.ok ? await checkSignature(input.token, input.alg, input.kid, found.keys) : [input.check];
    const verifyFailure = signature.find((c) => c.status === 'fail') ?? failures.find((c) => c.stage === 'verify');
    if (verifyFailure)
      return reject('verify', verifyFailure.convexError ?? CONVEX_ERRORS.verify, describe(verifyFailure));
    const expiry = report.checks.find((c) => c.id === 'expired');
    const signer = signature.find((c) => c.id === 'signature');
    done(
      'verify',
      'pass',
      `${signer ? signer.detail : 'Signature valid.'} ${expiry ? expiry.title : 'Not expired'}; required claims present.`,
    );

    // 5: the identity the function sees.
    const identity = convexIdentity(payload);
    done(
      'identity',
      'pass',
      JSON.stringify({ subject: identity.subject, issuer: identity.issuer, tokenIdentifier: identity.tokenIdentifier }),
    );
    return { stages, identity };
  }

  return {
    authenticate,
    async handle(request) {
      const header = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      const auth = await authenticate(header);
      const stages = [...auth.stages];
      if ('rejected' in auth) {
        stages.push({
          stage: 'data',
          status: 'skipped',
          label: LABELS.data,
          detail: 'Not reached: the request was rejected.',
        });
        const { status, code, message } = auth.rejected;
        return { stages, response: { status, body: { code, message }, error: message } };
      }
      const identity = auth.identity;
      const value = listMessages(identity);
      stages.push({
        stage: 'data',
        status: 'pass',
        label: LABELS.data,
        detail: identity
          ? `${value.length} message${value.length === 1 ? '' : 's'} written by ${identity.subject}.`
          : "getUserIdentity() is null, so the query returns [] without reading anyone's messages.",
      });
      return { stages, response: { status: 200, body: { status: 'success', value, logLines: [] } } };
    },
  };
}

const MATCH_CHECKS = new Set(['issuer-match', 'audience', 'provider']);
