// The env var an auth.config domain reads the Clerk issuer from. Convex's Clerk guide names it
// CLERK_JWT_ISSUER_DOMAIN, Clerk's own Convex guide CLERK_FRONTEND_API_URL; both are common.
import type { ProjectSnapshot } from './types';

export const ISSUER_ENV_NAMES: readonly string[] = ['CLERK_JWT_ISSUER_DOMAIN', 'CLERK_FRONTEND_API_URL'];

/** Convex's name, used when the project says nothing. */
export const DEFAULT_ISSUER_ENV = 'CLERK_JWT_ISSUER_DOMAIN';

/**
 * The name this project uses: the one an auth.config already reads, else one set in a local env file, else
 * Convex's.
 */
export function issuerEnvName(project: ProjectSnapshot | undefined): string {
  for (const config of project?.authConfigs ?? []) {
    for (const p of config.providers) if (p.domain?.kind === 'env') return p.domain.name;
  }
  for (const name of ISSUER_ENV_NAMES) if (project?.env.some((e) => e.name === name)) return name;
  return DEFAULT_ISSUER_ENV;
}
