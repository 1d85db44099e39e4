// Which of Clerk's two ways produced the token: the Convex integration (an ordinary session token carrying
// aud "convex") or the legacy JWT template named "convex". A session token without aud means neither is on.
import type { ClerkMode, ResolvedProvider, TokenCheck } from './types';
import { audiences } from './convexRules';

/** Claims only Clerk's session tokens carry (templates have their own claim set). */
const SESSION_MARKERS = ['sid', 'v', 'fva', 'sts'];

export function clerkMode(payload: Record<string, unknown>, providers?: ResolvedProvider[]): ClerkMode {
  const auds = audiences(Object.hasOwn(payload, 'aud') ? payload.aud : undefined);
  const session =
    ['v', 'fva', 'sts'].some((k) => Object.hasOwn(payload, k)) ||
    (Object.hasOwn(payload, 'sid') && !Object.hasOwn(payload, 'jti'));
  if (session) return auds.length > 0 ? 'integration' : 'session-without-aud';
  const appIds = providers?.map((p) => p.applicationID).filter(Boolean) ?? [];
  const expected = appIds.length > 0 ? appIds : ['convex'];
  if (
    auds.some((a) => expected.includes(a)) ||
    (auds.length > 0 && !SESSION_MARKERS.some((k) => Object.hasOwn(payload, k)))
  )
    return 'template';
  return 'unknown';
}

export function clerkModeCheck(mode: ClerkMode): TokenCheck {
  const id = 'clerk-mode';
  switch (mode) {
    case 'integration':
      return {
        id,
        stage: 'issue',
        status: 'info',
        title: 'Clerk session token (Convex integration)',
        detail:
          'A regular Clerk session token carrying an audience: the Convex integration is active in the Clerk dashboard. ConvexProviderWithClerk requests it with getToken().',
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
