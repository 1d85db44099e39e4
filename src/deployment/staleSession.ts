// A Clerk session token without `aud` in a project wired for Clerk's Convex integration. Turning the integration
// on changes the tokens of new sessions only: a session that began before keeps issuing tokens without `aud`
// (Convex then answers NoAuthProvider) until the user signs out and back in.
import type { ClerkMode, ResolvedProvider, TokenCheck } from '../token/types';

export interface StaleSessionContext {
  /** How the learner said Clerk hands Convex its token (the lesson's choice); undefined when never chosen. */
  lessonMode: 'integration' | 'template' | undefined;
  /** The local auth.config's providers, when there is one. */
  providers: readonly ResolvedProvider[] | undefined;
}

export function isStaleSession(mode: ClerkMode, ctx: StaleSessionContext): boolean {
  if (mode !== 'session-without-aud' || ctx.lessonMode === 'template') return false;
  // The integration's tokens carry aud "convex": a project expecting another audience is not wired for it.
  return ctx.providers === undefined || ctx.providers.some((p) => p.applicationID === 'convex');
}

export function staleSessionCheck(mode: ClerkMode, ctx: StaleSessionContext): TokenCheck | undefined {
  if (!isStaleSession(mode, ctx)) return undefined;
  return {
    id: 'stale-session',
    stage: 'issue',
    status: 'warn',
    title: 'Signed in before the Convex integration was turned on?',
    detail:
      'Your project is wired for Clerk\'s Convex integration, whose tokens carry aud "convex"; this session token has none. If the integration is already active in the Clerk dashboard, this session began before it: sign out and back in, then copy a new token.',
  };
}
