// Convex's authentication, modelled for the exercise (convexStandIn.ts serves it over HTTP): what the backend does
// between receiving an Authorization header and handing a function its identity, in the backend's order and with its
// texts and statuses (convex-backend crates/local_backend/src/authentication.rs, crates/authentication/src/lib.rs,
// crates/common/src/auth.rs, and the openidconnect-rs and biscuit forks it pins; the rules themselves live in
// src/token/convexToken.ts, oidcIdToken.ts, oidcVerification.ts and convexRules.ts, shared with the token panel). The
// learner's auth.config is applied unchanged: the model matches, discovers and verifies exactly as a deployment with
// those providers would. Discovery is serverDiscovery.ts, verification serverOidc.ts and serverCustomJwt.ts, the
// refusals serverRejection.ts.
import { matchProvider, noProviderError, storedDomain, CONVEX_ERRORS } from '../token/convexRules';
import { readAuthorization, readUnverifiedClaims } from '../token/convexToken';
import type { ResolvedProvider } from '../token/types';
import type { AuthOutcome, StageResult } from './types';
import { customJwt } from './serverCustomJwt';
import { issuerGet } from './serverDiscovery';
import { oidc, type CheckDeps } from './serverOidc';
import { Rejection, unauthenticated, type ServerStage } from './serverRejection';

export interface ConvexAuth {
  /** The providers the deployment has (after push), as the learner's auth.config gives them. */
  readonly providers: readonly ResolvedProvider[];
  /** Convex's checks for an Authorization header value (undefined: none), up to the identity a function gets. */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
}

export interface ConvexAuthOptions {
  providers: readonly ResolvedProvider[];
  /** Reaches the issuers (a loopback route or the in-memory issuer in the exercise; anything in tests). */
  fetchImpl: typeof fetch;
  nowMs: () => number;
  /** Bound on each discovery or key request. */
  timeoutMs: number;
  /** A production deployment: NoAuthProvider (and customJwt key errors) are redacted, as `should_redact_errors`. */
  production?: boolean;
}

const AUTH_STAGES: readonly ServerStage[] = ['match', 'discover', 'verify', 'identity'];
const LABELS: Record<ServerStage, string> = {
  match: 'Match a provider',
  discover: "Fetch the issuer's keys",
  verify: 'Verify signature and claims',
  identity: 'ctx.auth.getUserIdentity()',
};

export function createConvexAuth(opts: ConvexAuthOptions): ConvexAuth {
  const providers = opts.providers;
  const deps: CheckDeps = {
    get: issuerGet(opts.fetchImpl, opts.timeoutMs),
    nowMs: opts.nowMs,
    ...(opts.production !== undefined ? { production: opts.production } : {}),
  };

  async function authenticate(header: string | undefined): Promise<AuthOutcome> {
    const stages: StageResult[] = [];
    const done = (stage: ServerStage, detail: string, status: StageResult['status'] = 'pass'): void => {
      stages.push({ stage, status, label: LABELS[stage], detail });
    };
    const reject = (r: Rejection): AuthOutcome => {
      done(r.stage, r.detail, 'fail');
      for (const s of AUTH_STAGES.slice(AUTH_STAGES.indexOf(r.stage) + 1))
        done(s, 'Not reached: the request was rejected.', 'skipped');
      return { stages, rejected: { status: r.status, code: r.code, message: r.message } };
    };
    try {
      const read = readAuthorization(header);
      if (read.kind === 'none') {
        for (const s of ['match', 'discover', 'verify'] as const)
          done(s, 'No Authorization header: nothing to check.', 'skipped');
        done('identity', 'null: the request is anonymous.', 'info');
        return { stages, identity: null };
      }
      if (read.kind === 'refused')
        throw new Rejection(
          'match',
          read.status,
          read.code,
          read.message,
          `The Authorization header is refused before any token is read: ${read.message}.`,
        );
      if (read.kind === 'admin')
        // application_auth.rs:35-71 with access_token_auth.rs:14-19: this deployment has no admin key to match.
        throw unauthenticated(
          'match',
          'BadAdminKey',
          'The provided admin key was invalid for this instance',
          '"Convex <key>" is an admin key, and this deployment has none to match it.',
        );
      const token = read.token;
      // lib.rs:161-198.
      const first = readUnverifiedClaims(token);
      if (!first.ok)
        throw unauthenticated(
          'match',
          'InvalidAuthHeader',
          first.error === 'parse' ? CONVEX_ERRORS.parse : CONVEX_ERRORS.missingIssuer,
          first.why,
        );
      const provider = matchProvider(providers, first.iss, first.audiences);
      if (!provider)
        throw unauthenticated(
          'match',
          'NoAuthProvider',
          noProviderError(providers, opts.production),
          providers.length === 0
            ? 'The deployment has no providers.'
            : `No provider has the domain ${first.iss} together with an applicationID in aud (${JSON.stringify(first.audiences)}).`,
        );
      done(
        'match',
        provider.type === 'customJwt'
          ? `CustomJWT(issuer=${storedDomain(provider.domain ?? '')}) matches iss ${first.iss}.`
          : `OIDC(domain=${storedDomain(provider.domain ?? '')}, app_id=${provider.applicationID ?? ''}) matches iss ${first.iss} and aud.`,
      );
      const identity =
        provider.type === 'customJwt'
          ? await customJwt(deps, token, provider, done)
          : await oidc(deps, token, first.iss, provider as ResolvedProvider & { applicationID: string }, done);
      done(
        'identity',
        JSON.stringify({
          subject: identity.subject,
          issuer: identity.issuer,
          tokenIdentifier: identity.tokenIdentifier,
        }),
      );
      return { stages, identity };
    } catch (err) {
      if (err instanceof Rejection) return reject(err);
      throw err;
    }
  }

  return { providers, authenticate };
}
