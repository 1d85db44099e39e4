// The text "Create convex/auth.config.ts" writes, and what it proposes for a file that already exists.

export type ConfigLanguage = 'ts' | 'js';

import { DEFAULT_ISSUER_ENV } from '../project/issuerEnv';

/** Convex's Clerk guide's name; the learner's own name is kept when their file or env files have one. */
export { DEFAULT_ISSUER_ENV };

export function authConfigSource(language: ConfigLanguage, envName: string = DEFAULT_ISSUER_ENV, eol = '\n'): string {
  const ts = language === 'ts';
  const lines = [
    ...(ts ? ['import type { AuthConfig } from "convex/server";', ''] : []),
    '// Tells Convex which token issuer to trust. The variable is read on the Convex deployment when you push,',
    `// not from .env.local: set it with \`npx convex env set ${envName} https://<your-instance>.clerk.accounts.dev\`.`,
    'export default {',
    '  providers: [',
    '    {',
    `      domain: process.env.${envName}${ts ? '!' : ''},`,
    '      applicationID: "convex",',
    '    },',
    '  ],',
    `}${ts ? ' satisfies AuthConfig' : ''};`,
    '',
  ];
  return lines.join(eol);
}

/**
 * What the command would write over an existing config: the canonical file, keeping the environment variable
 * the learner already reads the domain from (their name may be set on the deployment already).
 */
export function proposedAuthConfig(existing: string, language: ConfigLanguage): string {
  return authConfigSource(
    language,
    configEnvName(existing) ?? DEFAULT_ISSUER_ENV,
    existing.includes('\r\n') ? '\r\n' : '\n',
  );
}

/** The variable a config's `domain` reads (`process.env.X` anywhere in the domain's expression), if any. */
export function configEnvName(config: string): string | undefined {
  return /\bdomain\s*:[^,\n]*?process\.env\.([A-Za-z_][A-Za-z0-9_]*)/.exec(config)?.[1];
}

/** Names of the config files Convex reads; having both is a push error, so either counts as "exists". */
export const AUTH_CONFIG_FILES = ['auth.config.ts', 'auth.config.js'] as const;
