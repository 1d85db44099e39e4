// What the authConfig step's "Set the Issuer Variable" button offers: the whole `npx convex env set NAME value`
// line, with the value filled in when the project says what it is. Pure: the adapter shows it and copies it.
import { readDomain } from '../project/domain';
import { issuerEnvName } from '../project/issuerEnv';
import type { ProjectSnapshot } from '../project/types';

export type IssuerValueSource =
  /** The variable is set in a local env file (which the deployment never reads). */
  | { kind: 'envFile'; file: string }
  /** Decoded from the Clerk publishable key: its Frontend API host is the issuer. */
  | { kind: 'publishableKey'; file: string };

export type IssuerCommand =
  /** The config reads the issuer from a variable: set it on the deployment. */
  | { kind: 'env'; name: string; value: string; source: IssuerValueSource; command: string }
  /** Same, but nothing in the project tells the value: the command carries a placeholder. */
  | { kind: 'envUnknown'; name: string; command: string }
  /**
   * The config names the issuer itself: nothing to set on the deployment. `issuer`: what the domain should read
   * when it is not an issuer URL as written (a JWKS or discovery URL, quotes, no https://).
   */
  | { kind: 'literal'; domain: string; path: string; issuer?: string };

export const ISSUER_PLACEHOLDER = 'https://<your-instance>.clerk.accounts.dev';

/** Quotes a value for a POSIX shell (and PowerShell) unless it is made only of URL-safe characters. */
export function shellArgument(value: string): string {
  return /^[\w:/.\-@]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

export function issuerCommand(project: ProjectSnapshot | undefined): IssuerCommand {
  const providers = project?.authConfigs.flatMap((c) => c.providers.map((p) => ({ config: c, p }))) ?? [];
  const usesEnv = providers.some(({ p }) => p.domain?.kind === 'env');
  const literal = providers.find(({ p }) => p.domain?.kind === 'literal');
  if (!usesEnv && literal?.p.domain?.kind === 'literal') {
    const domain = literal.p.domain.value;
    const issuer = issuerOf(domain);
    return {
      kind: 'literal',
      domain,
      path: literal.config.path,
      ...(issuer === domain ? {} : { issuer: readDomain(domain).issuer }),
    };
  }
  const name = issuerEnvName(project);
  const local = project?.env.find((e) => e.name === name && e.value.trim() !== '');
  const fromEnv = local && issuerOf(local.value);
  if (local && fromEnv) return env(name, fromEnv, { kind: 'envFile', file: local.file });
  const key = project?.publishableKeyInfo;
  if (key && project.publishableKey) {
    return env(name, `https://${key.host}`, { kind: 'publishableKey', file: project.publishableKey.file });
  }
  return { kind: 'envUnknown', name, command: `npx convex env set ${name} ${ISSUER_PLACEHOLDER}` };
}

function env(name: string, value: string, source: IssuerValueSource): IssuerCommand {
  return { kind: 'env', name, value, source, command: `npx convex env set ${name} ${shellArgument(value)}` };
}

/** The issuer a local value stands for, or undefined when it is not one (empty, quoted, a JWKS URL). */
function issuerOf(value: string): string | undefined {
  const d = readDomain(value);
  return d.empty || d.quoted || d.discoveryUrl || d.scheme !== 'https' ? undefined : d.issuer;
}
