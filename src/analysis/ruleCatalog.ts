// Every rule the analyzer has: stable code, short title (for settings docs), default severity and the
// walkthrough step that explains it. Import-free so the adapter can use it without loading the parser.
import { CONVEX_VERSION_RULE, EXPO_SDK_RULE, NODE_VERSION_RULE } from './convexVersionRule';
import { QUERY_BEFORE_AUTH_RULE } from './queryBeforeAuthRule';
import { MUTATION_AFTER_SET_ACTIVE_RULE } from './sessionSwitchRule';
import type { LessonStep, RuleInfo, Severity } from './types';

export type { LessonStep, RuleInfo } from './types';

const rule = (name: string, title: string, severity: Severity, lessonStep: LessonStep): RuleInfo => ({
  code: `clerk-convex/${name}`,
  title,
  severity,
  lessonStep,
});

export const RULES = {
  providerOrder: rule('provider-order', 'Convex provider rendered outside ClerkProvider', 'error', 'sandwich'),
  plainConvexProvider: rule(
    'plain-convex-provider',
    'Plain ConvexProvider where Clerk is used (no token attached)',
    'warning',
    'sandwich',
  ),
  providerProps: rule('provider-props', 'ConvexProviderWithClerk without client or useAuth', 'error', 'sandwich'),
  useAuthSource: rule(
    'use-auth-source',
    'useAuth from another SDK than ClerkProvider, or not from Clerk',
    'error',
    'sandwich',
  ),
  useAuthCalled: rule(
    'use-auth-called',
    'useAuth={useAuth()} calls the hook instead of passing it',
    'error',
    'sandwich',
  ),
  expoPublishableKey: rule(
    'expo-publishable-key',
    'ClerkProvider from @clerk/expo without the publishableKey prop',
    'error',
    'sandwich',
  ),
  useClient: rule('use-client', 'Convex client code in a Next.js file without "use client"', 'error', 'sandwich'),
  clientInComponent: rule(
    'client-in-component',
    'new ConvexReactClient inside a component (a new client every render)',
    'warning',
    'sandwich',
  ),
  serverToken: rule(
    'server-token',
    'Next.js server calls to Convex without the Clerk token (fetchQuery/preloadQuery/fetchMutation, a ConvexHttpClient never given setAuth)',
    'warning',
    'handoff',
  ),
  serverSetAuth: rule(
    'server-set-auth',
    "TanStack Start: Convex's server client (serverHttpClient, ConvexHttpClient) never given Clerk's token with setAuth",
    'warning',
    'sandwich',
  ),
  clerkGate: rule(
    'clerk-gate',
    "Convex calls gated with Clerk's useAuth/useUser/<Show>/<SignedIn>/<SignedOut>",
    'warning',
    'authHook',
  ),
  convexAuthOutsideProvider: rule(
    'convex-auth-outside-provider',
    'useConvexAuth/<Authenticated> outside the Convex provider',
    'error',
    'authHook',
  ),
  queryBeforeAuth: QUERY_BEFORE_AUTH_RULE,
  mutationAfterSetActive: MUTATION_AFTER_SET_ACTIVE_RULE,
  identityNotAwaited: rule('identity-not-awaited', 'ctx.auth.getUserIdentity() not awaited', 'error', 'identity'),
  identityNotCalled: rule(
    'identity-not-called',
    'ctx.auth.getUserIdentity awaited without being called',
    'error',
    'identity',
  ),
  identityNullCheck: rule('identity-null-check', 'Identity used without a null check', 'warning', 'identity'),
  identityField: rule('identity-field', 'Field that does not exist on the Convex identity', 'error', 'identity'),
  identityFromArgs: rule(
    'identity-from-args',
    "Public function that takes the user's id (userId, clerkId, ownerId, …) from its arguments instead of ctx.auth",
    'warning',
    'identity',
  ),
  serverAuthAwait: rule(
    'server-auth-await',
    'auth() from @clerk/nextjs/server not awaited (it returns a Promise from @clerk/nextjs 6)',
    'error',
    'handoff',
  ),
  authConfigNoProviders: rule('auth-config-no-providers', 'auth.config without providers', 'error', 'authConfig'),
  authConfigMissingField: rule(
    'auth-config-missing-field',
    'auth.config provider without applicationID or domain',
    'error',
    'authConfig',
  ),
  authConfigMisspeltKey: rule(
    'auth-config-misspelt-key',
    'Misspelt key in auth.config (applicationId, appId, provider, …)',
    'error',
    'authConfig',
  ),
  authConfigDomain: rule(
    'auth-config-domain',
    'auth.config domain is a JWKS URL, quoted, http:// or a placeholder',
    'error',
    'authConfig',
  ),
  authConfigDuplicate: rule('auth-config-duplicate', 'Both auth.config.ts and auth.config.js', 'error', 'authConfig'),
  authConfigMissing: rule(
    'auth-config-missing',
    'ConvexProviderWithClerk in a project whose Convex functions folder has no auth.config',
    'error',
    'authConfig',
  ),
  authConfigLocation: rule(
    'auth-config-location',
    'auth.config outside the convex/ folder, or a provider list Convex never reads',
    'warning',
    'authConfig',
  ),
  authConfigEnv: rule(
    'auth-config-env',
    'auth.config reads an env var set in no local env file',
    'information',
    'authConfig',
  ),
  authConfigEnvHidden: rule(
    'auth-config-env-hidden',
    'auth.config domain with a ?? or || fallback Convex never uses (an unset env var stops the push first)',
    'information',
    'authConfig',
  ),
  authConfigApplicationId: rule(
    'auth-config-application-id',
    'applicationID other than "convex" with Clerk',
    'information',
    'handoff',
  ),
  convexVersion: CONVEX_VERSION_RULE,
  nodeVersion: NODE_VERSION_RULE,
  expoSdk: EXPO_SDK_RULE,
} as const satisfies Record<string, RuleInfo>;

export type RuleKey = keyof typeof RULES;

/** All rules, in a stable order (for settings docs and the README). */
export const RULE_LIST: readonly RuleInfo[] = Object.values(RULES);
