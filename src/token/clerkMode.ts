// Where the token comes from: Clerk's Convex integration (an ordinary session token carrying aud "convex"), the
// legacy JWT template named "convex", or a Convex deployment itself (ctx.auth.signJwt, convex 1.48+). A session
// token without aud means neither Clerk way is on. ConvexProviderWithClerk (convex 1.46–1.51,
// src/react-clerk/ConvexProviderWithClerk.tsx) sends the session token only when `sessionClaims.aud === "convex"`:
// any other aud, an array included, takes the template path.
import type { ClerkMode, ResolvedProvider, TokenCheck } from './types';
import { audiences, normaliseDomain } from './convexRules';
import { clip, describeValue } from './display';

/** Claims only Clerk's session tokens carry (templates have their own claim set). */
const SESSION_MARKERS = ['sid', 'v', 'fva', 'sts'];

/** Convex Auth 2.0's customJwt provider's applicationID for the tokens its deployment signs. */
export const CONVEX_AUTH_AUDIENCE = 'convex-auth';

export function clerkMode(
  payload: Record<string, unknown>,
  providers?: ResolvedProvider[],
  header?: Record<string, unknown>,
): ClerkMode {
  const aud = Object.hasOwn(payload, 'aud') ? payload.aud : undefined;
  const auds = audiences(aud);
  const session =
    ['v', 'fva', 'sts'].some((k) => Object.hasOwn(payload, k)) ||
    (Object.hasOwn(payload, 'sid') && !Object.hasOwn(payload, 'jti'));
  if (session) {
    if (auds.length === 0) return 'session-without-aud';
    return aud === 'convex' ? 'integration' : 'session-template-path';
  }
  if (deploymentIssued(payload, auds, providers, header)) return 'convex-deployment';
  const appIds = providers?.map((p) => p.applicationID).filter(Boolean) ?? [];
  const expected = appIds.length > 0 ? appIds : ['convex'];
  if (
    auds.some((a) => expected.includes(a)) ||
    (auds.length > 0 && !SESSION_MARKERS.some((k) => Object.hasOwn(payload, k)))
  )
    return 'template';
  return 'unknown';
}

/**
 * A token a Convex deployment signed with `ctx.auth.signJwt`: ES256, and an issuer that is a deployment's URL
 * (`https://<name>.convex.cloud`, or `…/components/<name>` for a component), or Convex Auth 2.0's audience, or a
 * project provider of type customJwt with algorithm ES256 for exactly this issuer.
 */
function deploymentIssued(
  payload: Record<string, unknown>,
  auds: string[],
  providers: ResolvedProvider[] | undefined,
  header: Record<string, unknown> | undefined,
): boolean {
  if (header === undefined || !Object.hasOwn(header, 'alg') || header.alg !== 'ES256') return false;
  const iss = Object.hasOwn(payload, 'iss') ? payload.iss : undefined;
  if (typeof iss !== 'string') return false;
  if (auds.includes(CONVEX_AUTH_AUDIENCE)) return true;
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return false;
  }
  if (/\.convex\.cloud$/i.test(url.hostname) || /^\/components\/[^/]+\/?$/.test(url.pathname)) return true;
  const issuer = normaliseDomain(iss);
  return (providers ?? []).some(
    (p) =>
      p.type === 'customJwt' &&
      p.algorithm === 'ES256' &&
      p.domain !== undefined &&
      normaliseDomain(p.domain) === issuer,
  );
}

export function clerkModeCheck(mode: ClerkMode, aud?: unknown, iss?: unknown): TokenCheck {
  const id = 'clerk-mode';
  switch (mode) {
    case 'integration':
      return {
        id,
        stage: 'issue',
        status: 'info',
        title: 'Clerk session token (Convex integration)',
        detail:
          'A regular Clerk session token with aud "convex": the Convex integration is active in the Clerk dashboard. ConvexProviderWithClerk requests it with getToken().',
      };
    case 'template':
      return {
        id,
        stage: 'issue',
        status: 'info',
        title: 'Clerk JWT template token',
        detail:
          'Made by a Clerk JWT template. ConvexProviderWithClerk requests the template named exactly "convex"; renaming it breaks sign-in.',
      };
    case 'session-without-aud':
      return {
        id,
        stage: 'issue',
        status: 'warn',
        title: 'Clerk session token without an audience',
        detail:
          'This is Clerk\'s ordinary session token, with no aud. Convex cannot match it to a provider: activate the Convex integration in the Clerk dashboard (or create the JWT template named "convex").',
      };
    case 'session-template-path':
      return {
        id,
        stage: 'issue',
        status: 'warn',
        title: `Clerk session token with aud ${Array.isArray(aud) ? 'as an array' : 'other than "convex"'}`,
        detail: `Its aud is ${describeValue(aud)}. ConvexProviderWithClerk sends the session token only when aud is exactly the string "convex"; otherwise it asks Clerk for the JWT template named "convex" (getToken({ template: "convex" })), and without that template your app never authenticates. With the Convex integration active, aud is the string "convex": look for custom session claims that override aud.`,
      };
    case 'convex-deployment':
      return {
        id,
        stage: 'issue',
        status: 'info',
        title: 'Signed by a Convex deployment, not by Clerk',
        detail: `An ES256 token that a Convex deployment issued with ctx.auth.signJwt (convex 1.48+; Convex Auth 2.0 uses it with aud "${CONVEX_AUTH_AUDIENCE}"). Its issuer${typeof iss === 'string' ? ` ${clip(iss)}` : ''} is the deployment's URL; its keys are at <deployment URL>/.well-known/jwks.json. Convex accepts it through a provider { type: "customJwt", issuer, jwks, algorithm: "ES256", applicationID }, not through Clerk's.`,
      };
    default:
      return {
        id,
        stage: 'issue',
        status: 'info',
        title: 'Not recognisably a Clerk token',
        detail: 'It has neither the claims of a Clerk session token nor an audience from a JWT template.',
      };
  }
}
