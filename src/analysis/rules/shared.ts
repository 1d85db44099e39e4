// What every rule gets (the scan, the cross-file context, the findings list) and the questions several rules
// ask: which element is which provider, which Clerk SDK the file uses, whether this is a Next.js file.
import type { RuleInfo } from '../ruleCatalog';
import { findingOf } from '../findingOf';
import { importRefersTo } from '../modulePaths';
import { mappedByPaths } from '../../project/tsconfigPaths';
import { outermostFn, type ElementInfo, type FnInfo, type Scan } from '../scanRecords';
import { clientGivenAuth, declaredInFile } from './providerOrigin';
import type { AnalysisContext, Finding, Fix, GateCallSite, GateSite, RelatedLocation } from '../types';

export interface RuleContext {
  scan: Scan;
  context: AnalysisContext;
  findings: Finding[];
  /** The file's provider elements, each classified once (most elements are none and are left out). */
  providers: ProviderElement[];
  /** Which providers enclose which elements, worked out once so no rule walks up a tree per element. */
  tree: ProviderTree;
  /** clerk-gate findings the index may drop once it knows the function reads no identity. */
  gateSites?: GateSite[];
  /** What `remember` worked out (a field, not a WeakMap keyed by the context: see `Scan.memo`). */
  answers: Map<string, unknown>;
  /** Mutations fired from effects on Clerk's state, joined with the index's functions (gateCallJoin.ts). */
  gateCallSites?: GateCallSite[];
}

export function report(
  rc: RuleContext,
  rule: RuleInfo,
  start: number,
  end: number,
  message: string,
  fixes: Fix[] = [],
  related?: RelatedLocation[],
): void {
  rc.findings.push(findingOf(rule, start, end, message, fixes, related));
}

export type ProviderKind = 'clerk' | 'convexWithClerk' | 'convexPlain' | 'convexWithAuth' | 'projectProvider';

export interface ProviderElement {
  el: ElementInfo;
  kind: ProviderKind;
}

/** `localProviders`: names of components defined in this file that render ConvexProviderWithClerk. */
function providerKind(
  scan: Scan,
  context: AnalysisContext,
  localProviders: Set<string>,
  el: ElementInfo,
): ProviderKind | undefined {
  const { binding, canonical } = el;
  const from = binding?.source;
  // A local module may re-export the real thing (`export { ClerkProvider } from "@clerk/nextjs"` in lib/auth.ts).
  const local = from !== undefined && isLocalModule(context, from);
  // What the index knows of the project's own components comes first: a default import is named by the importer.
  const components = binding && context.convexProviderComponents?.filter((c) => c.exportName === binding.imported);
  if (binding && components?.length) {
    const known = context.convexProviderComponents?.map((c) => c.path);
    if (components.some((c) => importRefersTo(scan.fileName, binding.source, c.path, context.moduleAliases, known)))
      return 'projectProvider';
  }
  // A local module may re-export Convex's providers by name; its default export is the project's own component.
  const reexported = !from || (local && binding?.imported !== 'default');
  if (canonical === 'ClerkProvider' && (!from || local || from.startsWith('@clerk/'))) return 'clerk';
  const ownProvider = !binding && localProviders.has(el.name) ? 'projectProvider' : undefined;
  if (!CONVEX_PROVIDERS.has(canonical) || declaredInFile(scan, el)) return ownProvider;
  if (canonical === 'ConvexProviderWithClerk' && (reexported || from === 'convex/react-clerk'))
    return 'convexWithClerk';
  if (canonical === 'ConvexProvider' && (reexported || from === 'convex/react'))
    // A client given the token by hand (client.setAuth) is what ConvexProviderWithAuth does: it sends one.
    return clientGivenAuth(scan, el) ? 'convexWithAuth' : 'convexPlain';
  if (canonical === 'ConvexProviderWithAuth' && (reexported || from === 'convex/react')) return 'convexWithAuth';
  return ownProvider;
}

const CONVEX_PROVIDERS: ReadonlySet<string> = new Set([
  'ConvexProviderWithClerk',
  'ConvexProvider',
  'ConvexProviderWithAuth',
]);

/**
 * A specifier naming the project's own module: relative, a `#` subpath import (package.json "imports"), or one the
 * file's tsconfig/jsconfig `paths` maps (`@/components/X`, `~/lib/convex`, `@lib/auth`, a workspace package). Only
 * a file with no config falls back to guessing the usual `@/` and `~/` aliases, as import resolution does
 * (modulePaths.ts). A bare specifier reached through `baseUrl` alone is not counted: a package name is also a
 * `baseUrl` candidate, and which one exists is not known here.
 */
export function isLocalModule(context: AnalysisContext, source: string): boolean {
  if (/^\.{1,2}(\/|$)/.test(source) || source.startsWith('#')) return true;
  const aliases = context.moduleAliases;
  return aliases ? mappedByPaths(aliases, source) : /^[@~]\//.test(source);
}

/**
 * `isLocalModule`, or a bare specifier the file's config has a `baseUrl` for: a caller that then matches it against
 * the workspace's own files (the index's facts) may follow it, since TypeScript tries `baseUrl` before packages.
 */
export function mayNameProjectFile(context: AnalysisContext, source: string): boolean {
  return isLocalModule(context, source) || context.moduleAliases?.baseUrl !== undefined;
}

export function isConvexProvider(kind: ProviderKind | undefined): boolean {
  return kind !== undefined && kind !== 'clerk';
}

/** Convex providers that carry the Clerk token (the ones ClerkProvider must wrap). */
export const carriesClerkToken = (kind: ProviderKind | undefined): boolean =>
  kind === 'convexWithClerk' || kind === 'projectProvider';

export interface ProviderTree {
  /** The nearest enclosing ClerkProvider of an element. */
  clerkAbove: Map<ElementInfo, ElementInfo>;
  /** The nearest enclosing Convex provider of any kind. */
  convexAbove: Map<ElementInfo, ElementInfo>;
  /** The first ClerkProvider (in document order) inside a token-carrying Convex provider. */
  clerkInside: Map<ElementInfo, ElementInfo>;
  /** The first ClerkProvider of each component (by its outermost function). */
  clerkOfComponent: Map<FnInfo | undefined, ElementInfo>;
  /** The Convex providers each component renders. */
  convexOfComponent: Map<FnInfo | undefined, ElementInfo[]>;
}

/** One pass over the elements in document order (a parent comes before its children). */
export function providerTree(scan: Scan, providers: readonly ProviderElement[]): ProviderTree {
  const kinds = new Map(providers.map((p) => [p.el, p.kind]));
  const tree: ProviderTree = {
    clerkAbove: new Map(),
    convexAbove: new Map(),
    clerkInside: new Map(),
    clerkOfComponent: new Map(),
    convexOfComponent: new Map(),
  };
  const tokenAbove = new Map<ElementInfo, ElementInfo>();
  for (const el of scan.elements) {
    const parent = el.parent;
    if (parent) {
      const kind = kinds.get(parent);
      const clerk = kind === 'clerk' ? parent : tree.clerkAbove.get(parent);
      if (clerk) tree.clerkAbove.set(el, clerk);
      const convex = isConvexProvider(kind) ? parent : tree.convexAbove.get(parent);
      if (convex) tree.convexAbove.set(el, convex);
      const token = carriesClerkToken(kind) ? parent : tokenAbove.get(parent);
      if (token) tokenAbove.set(el, token);
    }
    const kind = kinds.get(el);
    const component = outermostFn(el.fn);
    if (kind === 'clerk') {
      if (!tree.clerkOfComponent.has(component)) tree.clerkOfComponent.set(component, el);
      // Every token provider above gets this one unless an earlier one was found, and then so did all above it.
      for (let up = tokenAbove.get(el); up && !tree.clerkInside.has(up); up = tokenAbove.get(up))
        tree.clerkInside.set(up, el);
    } else if (isConvexProvider(kind)) {
      const list = tree.convexOfComponent.get(component);
      if (list) list.push(el);
      else tree.convexOfComponent.set(component, [el]);
    }
  }
  return tree;
}

/** Every element of the file that is a provider, in document order. */
export function classifyProviders(scan: Scan, context: AnalysisContext): ProviderElement[] {
  const localProviders = new Set<string>();
  for (const el of scan.elements) {
    if (el.canonical !== 'ConvexProviderWithClerk' || declaredInFile(scan, el)) continue;
    const name = outermostFn(el.fn)?.name;
    if (name) localProviders.add(name);
  }
  const providers: ProviderElement[] = [];
  for (const el of scan.elements) {
    const kind = providerKind(scan, context, localProviders, el);
    if (kind) providers.push({ el, kind });
  }
  return providers;
}

/** An answer about the whole file that rules ask once per element or finding: worked out on the first ask. */
export function remember<T>(rc: RuleContext, key: string, compute: () => T): T {
  const map = rc.answers;
  if (map.has(key)) return map.get(key) as T;
  const value = compute();
  map.set(key, value);
  return value;
}

/** The SDK the file's ClerkProvider comes from, else the project's only Clerk SDK. */
export function expectedClerkSdk(rc: RuleContext): string | undefined {
  return remember(rc, 'expectedClerkSdk', () => findExpectedClerkSdk(rc));
}

function findExpectedClerkSdk(rc: RuleContext): string | undefined {
  for (const b of rc.scan.imports.values())
    if (b.imported === 'ClerkProvider' && b.source.startsWith('@clerk/')) return b.source;
  const sdks = rc.context.project?.packages.clerkSdks ?? [];
  return sdks.length === 1 ? sdks[0] : undefined;
}

/** Best guess of the client Clerk SDK, for fixes that need to import a hook from it. */
export function guessClerkSdk(rc: RuleContext): string {
  return remember(rc, 'guessClerkSdk', () => findClerkSdk(rc));
}

function findClerkSdk(rc: RuleContext): string {
  const expected = expectedClerkSdk(rc);
  if (expected) return expected;
  for (const b of rc.scan.imports.values()) {
    if (b.source.startsWith('@clerk/') && !b.source.endsWith('/server')) return b.source;
  }
  if (isNextFile(rc)) return '@clerk/nextjs';
  const framework = rc.context.project?.packages.framework;
  if (framework === 'expo') return '@clerk/expo';
  if (framework === 'tanstack-start') return '@clerk/tanstack-react-start';
  return rc.context.project?.packages.clerkSdks[0] ?? '@clerk/react';
}

export function clerkInPlay(rc: RuleContext): boolean {
  for (const b of rc.scan.imports.values()) if (b.source.startsWith('@clerk/')) return true;
  return (rc.context.project?.packages.clerkSdks.length ?? 0) > 0;
}

export function isNextFile(rc: RuleContext): boolean {
  return remember(rc, 'isNextFile', () => findNextFile(rc));
}

function findNextFile(rc: RuleContext): boolean {
  // A file that imports React Native or Clerk's Expo SDK is an Expo file, whatever the workspace's framework says (a
  // Next.js + Expo monorepo read as one project: the tenth fresh check's D11).
  if (importsExpo(rc)) return false;
  const framework = rc.context.project?.packages.framework;
  if (framework === 'vite' || framework === 'expo' || framework === 'tanstack-start') return false;
  if (framework === 'next') return true;
  for (const b of rc.scan.imports.values()) {
    if (b.source === 'next' || b.source.startsWith('next/') || b.source.startsWith('@clerk/nextjs')) return true;
  }
  return false;
}

/** An Expo (React Native) file: the project is an Expo app, or the file imports Clerk's Expo SDK or react-native. */
export function isExpoFile(rc: RuleContext): boolean {
  return remember(rc, 'isExpoFile', () => rc.context.project?.packages.framework === 'expo' || importsExpo(rc));
}

function importsExpo(rc: RuleContext): boolean {
  for (const b of rc.scan.imports.values()) {
    if (
      b.source === '@clerk/expo' ||
      b.source === '@clerk/clerk-expo' ||
      b.source === 'react-native' ||
      b.source.startsWith('expo-')
    )
      return true;
  }
  return false;
}

function isTypeScript(fileName: string): boolean {
  return /\.(tsx?|mts|cts)$/.test(fileName);
}

/** The expression a new client reads its URL from, in the project's framework. */
export function convexUrlExpression(rc: RuleContext): string {
  const ts = isTypeScript(rc.scan.fileName);
  if (isExpoFile(rc)) return ts ? 'process.env.EXPO_PUBLIC_CONVEX_URL!' : 'process.env.EXPO_PUBLIC_CONVEX_URL';
  if (isNextFile(rc)) return ts ? 'process.env.NEXT_PUBLIC_CONVEX_URL!' : 'process.env.NEXT_PUBLIC_CONVEX_URL';
  return ts ? 'import.meta.env.VITE_CONVEX_URL as string' : 'import.meta.env.VITE_CONVEX_URL';
}

/**
 * An element rendered by a TanStack Router `Wrap` (Convex's TanStack Start guide puts a plain ConvexProvider there,
 * and ConvexProviderWithClerk on the same client in the root route, inside ClerkProvider).
 */
export function isRouterWrap(rc: RuleContext, el: ElementInfo): boolean {
  const fn = el.fn?.node;
  if (!fn || fn.type !== 'ArrowFunctionExpression') return false;
  const before = rc.scan.text.slice(Math.max(0, (fn.start ?? 0) - 40), fn.start ?? 0);
  return /\b(Inner)?Wrap\s*:\s*$/.test(before);
}
