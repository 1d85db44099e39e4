// The panel's prediction (Convex's rules on the local auth.config) beside the deployment's own answer, and when
// they differ, what that means: the pushed config or the deployment's env var is not what the local files say,
// the config was never pushed (`npx convex dev` not running), the token is from another Clerk instance, or it
// expired on the way. Every line names what to run; nothing here guesses a verdict the answer did not give.
import { audiences, normaliseDomain } from '../token/convexRules';
import type { ResolvedProvider } from '../token/types';
import type { DeployedProvider, DeploymentAnswer } from './answer';
import { tokenVerdict } from './answer';
import type { DeploymentCandidate } from './candidates';
import type { PredictedCode, Prediction } from './prediction';

export interface TokenFacts {
  iss?: string;
  aud?: unknown;
  /** Seconds since the epoch. */
  exp?: number;
  /** A session token without `aud` in a project wired for the integration (src/deployment/staleSession.ts). */
  staleSession: boolean;
}

export interface ComparisonInput {
  prediction: Prediction;
  answer: DeploymentAnswer;
  token: TokenFacts;
  /** The local auth.config's providers, resolved as far as the local env files allow. */
  providers: readonly ResolvedProvider[] | undefined;
  candidate: Pick<DeploymentCandidate, 'url' | 'environment' | 'clerk'>;
  /** When the request was sent. */
  askedAtMs: number;
}

export interface Comparison {
  agreement: 'agree' | 'disagree' | 'no-verdict' | 'no-prediction';
  /** What it means and what to do, most useful first. */
  lines: string[];
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(normaliseDomain(url)).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const isClerkHost = (host: string | undefined): boolean =>
  host !== undefined && (/\.clerk\.accounts\.dev$/.test(host) || /^clerk\./.test(host));

function envFlag(candidate: ComparisonInput['candidate']): string {
  return candidate.environment === 'production' ? ' --prod' : '';
}

function pushCommand(candidate: ComparisonInput['candidate']): string {
  return candidate.environment === 'production' ? 'npx convex deploy' : 'npx convex dev';
}

/** The env var the local config reads its domain from (the official wiring's name when it is a literal). */
function domainVar(providers: ComparisonInput['providers']): string | undefined {
  return providers?.find((p) => p.envVar)?.envVar?.name;
}

function providerLines(deployed: DeployedProvider[], input: ComparisonInput): string[] {
  const { token, candidate, providers } = input;
  const lines: string[] = [];
  const iss = token.iss;
  const issHost = hostOf(iss);
  const auds = audiences(token.aud);
  const shown = deployed
    .map((p) => `${p.type === 'oidc' ? 'domain' : 'issuer'} ${p.domain}, applicationID ${p.applicationID ?? 'none'}`)
    .join('; ');
  lines.push(`The deployment's auth config has: ${shown}.`);
  const sameIssuer = deployed.filter((p) => iss !== undefined && normaliseDomain(p.domain) === normaliseDomain(iss));
  const variable = domainVar(providers);
  if (iss !== undefined && sameIssuer.length === 0) {
    const other = deployed.map((p) => hostOf(p.domain)).find((h) => isClerkHost(h));
    const instance =
      other && isClerkHost(issHost)
        ? ` That is another Clerk instance (${other}) than the one that issued this token (${issHost ?? iss}).`
        : '';
    lines.push(
      `None of its domains is this token's issuer ${iss}.${instance} ${
        variable
          ? `Set the deployment's ${variable} to the issuer: npx convex env set${envFlag(candidate)} ${variable} ${normaliseDomain(iss)}, then ${pushCommand(candidate)} pushes the config again.`
          : `Put the issuer in convex/auth.config.ts and push it with ${pushCommand(candidate)}.`
      }`,
    );
  } else if (sameIssuer.length > 0 && !sameIssuer.some((p) => p.applicationID && auds.includes(p.applicationID))) {
    lines.push(
      `The domain matches, but the token's aud (${auds.length ? auds.join(', ') : 'none'}) is not the deployment's applicationID (${sameIssuer.map((p) => p.applicationID ?? 'none').join(', ')}).`,
    );
  }
  const local = providers?.filter((p) => p.domain !== undefined) ?? [];
  const differs = deployed.some(
    (d) =>
      !local.some(
        (l) => normaliseDomain(l.domain ?? '') === normaliseDomain(d.domain) && l.applicationID === d.applicationID,
      ),
  );
  if (local.length > 0 && differs)
    lines.push(
      `Your local auth.config resolves to something else (${local.map((l) => `${l.domain ?? '?'}, ${l.applicationID ?? 'none'}`).join('; ')}): the deployment runs an older config or other env values. ${pushCommand(candidate)} pushes convex/auth.config.ts${variable ? `; npx convex env get${envFlag(candidate)} ${variable} shows the deployment's value` : ''}.`,
    );
  return lines;
}

function rejectedLines(
  code: PredictedCode,
  message: string,
  answer: DeploymentAnswer,
  input: ComparisonInput,
): string[] {
  const { token, candidate, providers } = input;
  const variable = domainVar(providers) ?? 'CLERK_JWT_ISSUER_DOMAIN';
  switch (code) {
    case 'NoAuthProvider': {
      const deployed = answer.kind === 'rejected' ? answer.providers : undefined;
      if (deployed === 'none')
        return [
          `The deployment has no auth providers at all: convex/auth.config.ts was never pushed to it, or the push failed. Run ${pushCommand(candidate)} and read its output (a domain variable that is not set on the deployment stops the push: npx convex env set${envFlag(candidate)} ${variable} <your Clerk issuer>).`,
        ];
      if (Array.isArray(deployed)) return providerLines(deployed, input);
      return [
        `The deployment lists no providers in its answer (production deployments hide them). Compare its ${variable} (npx convex env get${envFlag(candidate)} ${variable}) with the token's issuer ${token.iss ?? ''}, and push the config with ${pushCommand(candidate)}.`,
      ];
    }
    case 'Unauthenticated': {
      const expiredBy = token.exp !== undefined ? Math.floor(input.askedAtMs / 1000) - token.exp : undefined;
      return [
        expiredBy !== undefined && expiredBy >= 0
          ? `The token had expired ${expiredBy} s before it was sent (Clerk's session tokens last 60 s, and Convex allows no leeway). Copy a fresh token and ask again.`
          : `The deployment found the provider but could not verify the token: its signature does not match the keys the issuer publishes now, or the deployment's clock is past its exp. Run Verify Signature, or copy a fresh token.`,
      ];
    }
    case 'AuthProviderDiscoveryFailed':
      return [
        `The deployment found the provider, then could not fetch ${(token.iss ?? '').replace(/\/+$/, '')}/.well-known/openid-configuration from where it runs (${message}). An issuer your machine reaches and the deployment does not (localhost, a private name, a typo that resolves only for you) fails there.`,
      ];
    case 'InvalidAuthHeader':
      return ['The deployment could not read the token as an OIDC JWT; its own text above says which part.'];
  }
}

function clerkLine(input: ComparisonInput): string | undefined {
  const clerk = input.candidate.clerk;
  const issHost = hostOf(input.token.iss);
  if (!clerk || !issHost || issHost === clerk.host) return undefined;
  return `This deployment's environment uses the publishable key ${clerk.keyName} (${clerk.file}), which points at ${clerk.host}; this token was issued by ${issHost}. Your app there gets its tokens from ${clerk.host}.`;
}

const STALE_SESSION =
  'This Clerk session token has no aud. If you turned on Clerk\'s Convex integration after signing in, this session predates it: sign out and back in, then copy a new token (it carries aud "convex").';

export function compare(input: ComparisonInput): Comparison {
  const { prediction, answer } = input;
  const verdict = tokenVerdict(answer);
  const extra = [clerkLine(input), input.token.staleSession ? STALE_SESSION : undefined].filter(
    (l): l is string => l !== undefined,
  );
  if (verdict.kind === 'none') {
    const detail =
      answer.kind === 'request-refused'
        ? `The deployment refused the request itself (${answer.code}) before looking at the token, so it said nothing about it.`
        : answer.kind === 'unknown' && answer.reason === 'not-convex'
          ? `${answer.detail} Is ${input.candidate.url} your deployment's URL? A Convex deployment answers POST /api/query with JSON.`
          : answer.kind === 'unknown'
            ? `No verdict: ${answer.detail}${answer.reason === 'network' && /127\.0\.0\.1|localhost/.test(input.candidate.url) ? ' Is npx convex dev running?' : ''}`
            : 'No verdict.';
    return { agreement: 'no-verdict', lines: [detail] };
  }
  if (verdict.kind === 'accepted') {
    if (prediction.kind === 'accept')
      return {
        agreement: 'agree',
        lines: [
          prediction.signatureChecked
            ? 'The deployment accepted the token, as predicted.'
            : 'The deployment accepted the token, as predicted (it also checked the signature, which the panel checks only with Verify Signature).',
        ],
      };
    if (prediction.kind === 'uncertain')
      return {
        agreement: 'no-prediction',
        lines: [
          prediction.why === 'no-config'
            ? 'The panel had no local auth.config to predict with; the deployment accepted the token.'
            : "The panel could not read the domain variable locally; the deployment's value matches this token.",
        ],
      };
    const lines =
      prediction.code === 'NoAuthProvider'
        ? [
            `The deployment accepts this token, but your local auth.config would not: the config on the deployment is not the one in your files. The next ${pushCommand(input.candidate)} pushes your files, so fix what the checks above point out first${domainVar(input.providers) ? `; if auth.config did not change, compare npx convex env get${envFlag(input.candidate)} ${domainVar(input.providers) ?? ''} with your local value` : ''}.`,
          ]
        : prediction.code === 'Unauthenticated'
          ? [
              "The deployment accepted a token the panel expected it to refuse at verification: if the panel saw it expired, this computer's clock is ahead of the deployment's.",
            ]
          : [
              `The panel predicted ${prediction.code}; the deployment accepted the token. The deployment's answer is what your app gets.`,
            ];
    return { agreement: 'disagree', lines: [...lines, ...extra] };
  }
  if (prediction.kind === 'reject' && prediction.code === verdict.code)
    return {
      agreement: 'agree',
      lines: [`The deployment refused the token with ${verdict.code}, as predicted.`, ...extra],
    };
  const lines = rejectedLines(verdict.code, verdict.message, answer, input);
  if (prediction.kind === 'uncertain') return { agreement: 'no-prediction', lines: [...lines, ...extra] };
  const lead =
    prediction.kind === 'accept'
      ? `The panel predicted the token would be accepted; the deployment refused it with ${verdict.code}.`
      : `The panel predicted ${prediction.code}; the deployment said ${verdict.code}.`;
  return { agreement: 'disagree', lines: [lead, ...lines, ...extra] };
}
