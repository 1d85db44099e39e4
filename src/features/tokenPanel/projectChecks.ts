import * as vscode from 'vscode';
import { authConfigEnvUnset } from '../../project/convexPushTexts';
import { CONVEX_ISSUE_REASONS, FIXED_CONVEX_VERSION } from '../../project/convexVersions';
import { readDomain } from '../../project/domain';
import { nodeNoticeOf } from '../../project/nodeEngine';
import type { AuthConfigInfo, AuthProviderEntry, ProjectSnapshot } from '../../project/types';
import type { ProjectCheckView } from '../../protocol/panel';
import { nodeEngineMessage } from '../project/nodeEngineText';

// What the panel says about the workspace's own wiring, independent of any token: where auth.config is, what
// each provider's domain and applicationID are, where an env-var domain is (and is not) set, and what the
// Clerk publishable key encodes. Token-against-project comparisons live in the token checks themselves.

const MISSPELT_APP_ID = /^(applicationId|applicationid|appId|appID|application_id|clientId)$/;

export function projectChecks(snapshot: ProjectSnapshot): ProjectCheckView[] {
  const checks: ProjectCheckView[] = [];
  const config = snapshot.authConfigs[0];
  if (!config) {
    checks.push({
      id: 'auth-config-missing',
      status: 'fail',
      title: vscode.l10n.t('No convex/auth.config.ts in this workspace'),
      detail: vscode.l10n.t(
        'Without it Convex trusts no issuer and every token gets “No auth provider found … (no providers configured)”. Run “Create convex/auth.config.ts” from the Command Palette.',
      ),
    });
  } else {
    checks.push({
      id: 'auth-config',
      status: 'pass',
      title: vscode.l10n.t('Auth config: {0}', config.path),
      detail: vscode.l10n.t('Convex reads it when you push (npx convex dev or npx convex deploy).'),
    });
    if (snapshot.authConfigs.length > 1) {
      checks.push({
        id: 'auth-config-several',
        status: 'fail',
        title: vscode.l10n.t('More than one auth config'),
        detail: vscode.l10n.t(
          'Found {0}. Keep exactly one, in your Convex functions folder; Convex refuses a push with both .ts and .js.',
          snapshot.authConfigs.map((c) => c.path).join(', '),
        ),
      });
    }
    if (config.problem)
      checks.push({
        id: 'auth-config-unreadable',
        status: 'warn',
        title: vscode.l10n.t('Could not read the providers'),
        detail: config.problem,
      });
    else if (config.providers.length === 0) {
      checks.push({
        id: 'providers-empty',
        status: 'fail',
        title: vscode.l10n.t('The providers list is empty'),
        detail: vscode.l10n.t('Add { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" }.'),
      });
    }
    config.providers.forEach((p, i) => checks.push(...providerChecks(snapshot, config, p, i)));
  }
  checks.push(...publishableKeyChecks(snapshot));
  if (snapshot.packages.convexKnownBad) {
    checks.push({
      id: 'convex-version',
      status: 'warn',
      title: vscode.l10n.t(
        'convex {0} has a known Clerk sign-in problem',
        snapshot.packages.convexInstalled ?? snapshot.packages.convexRange ?? '',
      ),
      detail: `${CONVEX_ISSUE_REASONS[snapshot.packages.convexIssue ?? 'template-dropped']} ${vscode.l10n.t('Upgrade to {0} or later:', FIXED_CONVEX_VERSION)}`,
      command: 'npm install convex@latest',
    });
  }
  const node = nodeNoticeOf(snapshot);
  if (node) {
    checks.push({
      id: 'node-version',
      status: 'warn',
      title: vscode.l10n.t('Node {0} is too old for convex {1}', node.found, node.convexVersion),
      detail: nodeEngineMessage(node),
      ...(node.suggestedMajor !== undefined ? { command: `nvm install ${node.suggestedMajor}` } : {}),
    });
  }
  return checks;
}

function providerChecks(
  snapshot: ProjectSnapshot,
  config: AuthConfigInfo,
  p: AuthProviderEntry,
  index: number,
): ProjectCheckView[] {
  const n = String(index + 1);
  const out: ProjectCheckView[] = [];
  const domain = p.domain ?? (p.type === 'customJwt' ? p.issuer : undefined);
  if (!domain) {
    out.push({
      id: `provider-${n}-domain-missing`,
      status: 'fail',
      title: vscode.l10n.t('Provider {0}: no domain', n),
      detail: vscode.l10n.t(
        'Set domain to your Clerk issuer (Frontend API URL), usually through process.env.CLERK_JWT_ISSUER_DOMAIN.',
      ),
    });
  } else if (domain.kind === 'literal') {
    out.push(...literalDomainChecks(n, domain.value));
  } else if (domain.kind === 'env') {
    const found = snapshot.env.find((e) => e.name === domain.name);
    const value = found?.value ?? '';
    out.push(
      found && value !== ''
        ? {
            id: `provider-${n}-env`,
            status: 'info',
            title: vscode.l10n.t('Provider {0}: domain comes from {1}, set locally in {2}', n, domain.name, found.file),
            detail: vscode.l10n.t(
              'Convex reads {0} on the deployment when the config is pushed, not from {1}. Also set it on the deployment (check with npx convex env get {0}):',
              domain.name,
              found.file,
            ),
            command: `npx convex env set ${domain.name} ${value}`,
          }
        : {
            id: `provider-${n}-env-unset`,
            status: 'warn',
            title: vscode.l10n.t('Provider {0}: domain comes from {1}, which no local env file sets', n, domain.name),
            detail: vscode.l10n.t(
              'That is fine if it is set on the deployment (check with npx convex env get {0}); otherwise npx convex dev stops with “{1}” and prints the command to set it. Set it to your Clerk Frontend API URL:',
              domain.name,
              authConfigEnvUnset(domain.name),
            ),
            command: `npx convex env set ${domain.name} https://<your-instance>.clerk.accounts.dev`,
          },
    );
    if (/^(NEXT_PUBLIC_|VITE_|EXPO_PUBLIC_)/.test(domain.name)) {
      out.push({
        id: `provider-${n}-env-public`,
        status: 'info',
        title: vscode.l10n.t('Provider {0}: {1} has a client-side prefix', n, domain.name),
        detail: vscode.l10n.t(
          'auth.config runs on the Convex deployment, which has no such prefix convention: whatever the name, the variable must be set there.',
        ),
      });
    }
    if (found && value !== '') out.push(...literalDomainChecks(n, value, found.file));
  } else {
    out.push({
      id: `provider-${n}-domain-expression`,
      status: 'info',
      title: vscode.l10n.t('Provider {0}: domain is an expression', n),
      detail: vscode.l10n.t('{0} — not evaluated here; the panel cannot compare tokens with it.', domain.text),
    });
  }
  if (p.applicationID !== undefined) {
    out.push(
      p.applicationID === 'convex'
        ? {
            id: `provider-${n}-app-id`,
            status: 'pass',
            title: vscode.l10n.t('Provider {0}: applicationID is “convex”', n),
            detail: vscode.l10n.t('Matches the aud Clerk puts in its tokens for Convex.'),
          }
        : {
            id: `provider-${n}-app-id`,
            status: 'warn',
            title: vscode.l10n.t('Provider {0}: applicationID is “{1}”', n, p.applicationID),
            detail: vscode.l10n.t(
              'Clerk’s tokens for Convex carry aud “convex”; a token matches this provider only if its aud is “{0}”.',
              p.applicationID,
            ),
          },
    );
  } else {
    const misspelt = p.keys?.find((k) => MISSPELT_APP_ID.test(k));
    out.push({
      id: `provider-${n}-app-id-missing`,
      status: 'fail',
      title: misspelt
        ? vscode.l10n.t('Provider {0}: “{1}” should be spelled applicationID', n, misspelt)
        : vscode.l10n.t('Provider {0}: no applicationID', n),
      detail: vscode.l10n.t(
        'Convex matches a token to a provider by its aud and the provider’s applicationID (in {0}). Use applicationID: "convex".',
        config.path,
      ),
    });
  }
  return out;
}

function literalDomainChecks(n: string, value: string, file?: string): ProjectCheckView[] {
  const where = file ? vscode.l10n.t('{0} (from {1})', value, file) : value;
  const domain = readDomain(value);
  if (domain.quoted) {
    return [
      {
        id: `provider-${n}-domain-quoted`,
        status: 'fail',
        title: vscode.l10n.t('Provider {0}: the domain starts with a quote', n),
        detail: vscode.l10n.t('{0} — remove the quotes; Convex rejects a domain that starts with one.', where),
      },
    ];
  }
  if (domain.discoveryUrl) {
    return [
      {
        id: `provider-${n}-domain-wellknown`,
        status: 'fail',
        title: vscode.l10n.t('Provider {0}: the domain is a .well-known URL', n),
        detail: vscode.l10n.t(
          '{0} — use the issuer itself (e.g. https://your-instance.clerk.accounts.dev), not the JWKS or discovery URL: tokens carry the issuer, so nothing matches.',
          where,
        ),
      },
    ];
  }
  if (domain.scheme === 'none') {
    return [
      {
        id: `provider-${n}-domain-scheme`,
        status: 'info',
        title: vscode.l10n.t('Provider {0}: domain {1} has no scheme', n, value),
        detail: vscode.l10n.t('Convex adds https:// before comparing it with the token’s iss.'),
      },
    ];
  }
  return [
    {
      id: `provider-${n}-domain`,
      status: 'pass',
      title: vscode.l10n.t('Provider {0}: domain {1}', n, value),
      detail: file ? vscode.l10n.t('Read from {0}.', file) : vscode.l10n.t('Written in the file.'),
    },
  ];
}

function publishableKeyChecks(snapshot: ProjectSnapshot): ProjectCheckView[] {
  const key = snapshot.publishableKey;
  if (!key)
    return [
      {
        id: 'publishable-key-missing',
        status: 'info',
        title: vscode.l10n.t('No Clerk publishable key in the local env files'),
        detail: vscode.l10n.t(
          'With one, the panel can check a token’s issuer against the Clerk instance your app uses, offline.',
        ),
      },
    ];
  const info = snapshot.publishableKeyInfo;
  if (!info)
    return [
      {
        id: 'publishable-key-malformed',
        status: 'warn',
        title: vscode.l10n.t('{0} in {1} is not a valid Clerk publishable key', key.name, key.file),
        detail: vscode.l10n.t(
          'A publishable key is pk_test_ or pk_live_ followed by base64 of your Frontend API host and “$”.',
        ),
      },
    ];
  return [
    {
      id: 'publishable-key',
      status: 'info',
      title: vscode.l10n.t('{0} ({1}) points at {2}', key.name, key.file, info.host),
      detail:
        info.instance === 'live'
          ? vscode.l10n.t('A production key: tokens from this app carry iss https://{0}.', info.host)
          : vscode.l10n.t('A development key: tokens from this app carry iss https://{0}.', info.host),
    },
  ];
}
