import type { ResolvedProvider } from '../token/types';
import type { AuthConfigInfo, AuthProviderEntry, DomainSource, ProjectSnapshot } from './types';

/**
 * The providers of an auth config (the snapshot's first one by default) with each domain resolved as far as the
 * workspace allows: literals as written; `process.env.X` from the first local env file that sets X (named in
 * `envVar.file`; an empty value there leaves `domain` unset). Convex itself reads X from the deployment, so a
 * value found here is what the learner probably set there, not a guarantee. Other expressions stay unresolved.
 */
export function resolveProviders(snapshot: ProjectSnapshot, authConfig?: AuthConfigInfo): ResolvedProvider[] {
  const config = authConfig ?? snapshot.authConfigs[0];
  if (!config) return [];
  return config.providers.map((entry) => resolveOne(snapshot, entry));
}

function resolveOne(snapshot: ProjectSnapshot, entry: AuthProviderEntry): ResolvedProvider {
  const resolved: ResolvedProvider = {};
  if (entry.applicationID !== undefined) resolved.applicationID = entry.applicationID;
  if (entry.type === 'customJwt') resolved.type = 'customJwt';
  if (entry.algorithm !== undefined) resolved.algorithm = entry.algorithm;
  const source = domainSourceOf(entry);
  if (source?.kind === 'literal') {
    resolved.domain = source.value;
  } else if (source?.kind === 'env') {
    const set = snapshot.env.find((e) => e.name === source.name);
    resolved.envVar = set ? { name: source.name, file: set.file } : { name: source.name };
    if (set && set.value !== '') resolved.domain = set.value;
  }
  return resolved;
}

/** customJwt providers name their issuer `issuer`; OIDC providers use `domain`. */
function domainSourceOf(entry: AuthProviderEntry): DomainSource | undefined {
  return entry.domain ?? (entry.type === 'customJwt' ? entry.issuer : undefined);
}
