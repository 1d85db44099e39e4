import type { EnvEntry, Framework, PublishableKeyInfo } from './types';

const KEY_SHAPE = /^pk_(test|live)_([A-Za-z0-9+/_-]+={0,2})$/;
const HOST_SHAPE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * A Clerk publishable key is `pk_test_` or `pk_live_` followed by the base64 of its Frontend API host and a
 * trailing `$`. Returns undefined for anything else, so a typo never yields a made-up host.
 */
export function decodePublishableKey(pk: string): PublishableKeyInfo | undefined {
  const match = KEY_SHAPE.exec(pk.trim());
  if (!match) return undefined;
  const decoded = decodeBase64(match[2] ?? '');
  if (decoded === undefined || !decoded.endsWith('$')) return undefined;
  const host = decoded.slice(0, -1);
  if (!HOST_SHAPE.test(host)) return undefined;
  return { host: host.toLowerCase(), instance: match[1] === 'live' ? 'live' : 'test' };
}

function decodeBase64(text: string): string | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    return atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  } catch {
    return undefined;
  }
}

const NAMES_BY_FRAMEWORK: Record<Framework, readonly string[]> = {
  next: [
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'CLERK_PUBLISHABLE_KEY',
    'VITE_CLERK_PUBLISHABLE_KEY',
    'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
  ],
  vite: [
    'VITE_CLERK_PUBLISHABLE_KEY',
    'CLERK_PUBLISHABLE_KEY',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
  ],
  expo: [
    'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'CLERK_PUBLISHABLE_KEY',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'VITE_CLERK_PUBLISHABLE_KEY',
  ],
  'tanstack-start': [
    'VITE_CLERK_PUBLISHABLE_KEY',
    'CLERK_PUBLISHABLE_KEY',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
  ],
  unknown: [
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'VITE_CLERK_PUBLISHABLE_KEY',
    'CLERK_PUBLISHABLE_KEY',
    'EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY',
  ],
};

/** Env names that hold a Clerk publishable key, the framework's own name first. */
export function publishableKeyNames(framework: Framework = 'unknown'): readonly string[] {
  return NAMES_BY_FRAMEWORK[framework];
}

/**
 * The Clerk publishable key among env entries that are already in precedence order (see `ProjectSnapshot.env`):
 * the framework's own variable name wins over the others; empty values are skipped.
 */
export function findPublishableKey(env: readonly EnvEntry[], framework: Framework = 'unknown'): EnvEntry | undefined {
  for (const name of publishableKeyNames(framework)) {
    const entry = env.find((e) => e.name === name && e.value.trim() !== '');
    if (entry) return entry;
  }
  return undefined;
}
