// Which provider sandwich a project needs, read from its package.json text. No vscode here.
import { readDependencies } from '../project/packageFacts';

/** The Clerk SDKs whose `ClerkProvider`/`useAuth` pair can feed `ConvexProviderWithClerk`. */
export type ClerkSdk = '@clerk/nextjs' | '@clerk/clerk-react' | '@clerk/react';

export type Flavour =
  /** Next.js App Router: a "use client" provider file, env names with NEXT_PUBLIC_. */
  | { kind: 'next' }
  /** A client-rendered React app (Vite): env names with VITE_, the key passed to ClerkProvider. */
  | { kind: 'react'; sdk: '@clerk/clerk-react' | '@clerk/react' };

export const FLAVOURS: readonly Flavour[] = [
  { kind: 'next' },
  { kind: 'react', sdk: '@clerk/react' },
  { kind: 'react', sdk: '@clerk/clerk-react' },
];

export function sdkOf(flavour: Flavour): ClerkSdk {
  return flavour.kind === 'next' ? '@clerk/nextjs' : flavour.sdk;
}

export function sameFlavour(a: Flavour, b: Flavour): boolean {
  return sdkOf(a) === sdkOf(b);
}

/**
 * The flavour a package.json points at, or undefined when it cannot tell (no Clerk SDK and no framework, or
 * unreadable JSON): the caller then asks. The Clerk SDK decides first because `useAuth` must come from the
 * same package as `ClerkProvider`; the framework only settles which React SDK a Vite app without one should get.
 */
export function detectFlavour(packageJsonText: string): Flavour | undefined {
  const deps = readDependencies(packageJsonText);
  if (deps.has('@clerk/nextjs')) return { kind: 'next' };
  if (deps.has('@clerk/react')) return { kind: 'react', sdk: '@clerk/react' };
  if (deps.has('@clerk/clerk-react')) return { kind: 'react', sdk: '@clerk/clerk-react' };
  if (deps.has('next')) return { kind: 'next' };
  return undefined;
}
