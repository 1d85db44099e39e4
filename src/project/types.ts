// What the extension knows about the learner's project. Plain data: built by src/features/project from the
// workspace, consumed by diagnostics, the token panel, the exercise and the walkthrough.

import type { ConvexVersionIssue } from './convexVersions';

/** Where an auth.config provider's `domain` comes from. */
export type DomainSource =
  | { kind: 'literal'; value: string }
  /** `process.env.NAME` (with or without `!`). */
  | { kind: 'env'; name: string }
  /** Anything else (a template string, a function call): shown as text, never evaluated. */
  | { kind: 'expression'; text: string };

export interface AuthProviderEntry {
  domain?: DomainSource;
  /** Literal value of `applicationID`, when it is a string literal. */
  applicationID?: string;
  /** Provider `type` (e.g. "customJwt"), when present. */
  type?: string;
  /** A customJwt provider's `issuer`, read like `domain`. */
  issuer?: DomainSource;
  /** A customJwt provider's `algorithm`, when it is a string literal. */
  algorithm?: string;
  /** Property names as written, misspellings included (`applicationId`, `appId`), in source order. */
  keys?: string[];
  /** Offsets of the provider object in the config file. */
  start: number;
  end: number;
}

export interface AuthConfigInfo {
  /** Workspace-relative path, e.g. "convex/auth.config.ts". */
  path: string;
  /** Absolute URI string of the file. */
  uri: string;
  providers: AuthProviderEntry[];
  /** Set when the file exists but no providers array could be read from it; says why. */
  problem?: string;
}

export interface EnvEntry {
  name: string;
  value: string;
  /** Workspace-relative path of the env file that sets it. */
  file: string;
}

/** Next.js, a Vite SPA, Expo (React Native), TanStack Start; the flavours the lesson has steps for. */
export type Framework = 'next' | 'vite' | 'expo' | 'tanstack-start' | 'unknown';

export interface InstalledExpoPackages {
  /** `version` of node_modules/expo/package.json. */
  expo?: string;
  /** `version` of node_modules/@clerk/expo/package.json. */
  clerkExpo?: string;
  /** Its `peerDependencies.expo`. */
  clerkExpoPeerExpo?: string;
}

export interface PackageFacts {
  framework: Framework;
  /** Clerk SDK packages in dependencies, e.g. ["@clerk/nextjs"]. */
  clerkSdks: string[];
  /** The `convex` dependency's declared range, e.g. "^1.48.0". */
  convexRange?: string;
  /** The version in node_modules/convex/package.json, when it could be read. */
  convexInstalled?: string;
  /** `engines.node` of node_modules/convex/package.json (">=22.0.0" since 1.49), when it declares one. */
  convexEnginesNode?: string;
  /** Set when the project is (or is pinned to) a convex release that breaks Clerk sign-in (see convexIssue). */
  convexKnownBad?: boolean;
  /** Which of the known breakages (src/project/convexVersions.ts). */
  convexIssue?: ConvexVersionIssue;
  /** The `@clerk/nextjs` dependency's declared range (from 6 on, the server's `auth()` returns a Promise). */
  clerkNextjsRange?: string;
  /** The version in node_modules/@clerk/nextjs/package.json, when it could be read. */
  clerkNextjsInstalled?: string;
  /** node_modules/expo and node_modules/@clerk/expo as installed, when an Expo project has them. */
  expoInstalled?: InstalledExpoPackages;
  /**
   * Workspace-relative folders of the packages that declare `expo-router` ("" for the one read alone): the route
   * files under their `app/` (or `src/app/`) are screens the router renders itself.
   */
  expoRouterRoots?: string[];
  /**
   * Workspace-relative folders of the packages that declare `next` ("" for the one read alone): only their
   * `pages/` (or `src/pages/`) files are pages Next renders itself; elsewhere `pages/` is just a folder.
   */
  nextRoots?: string[];
}

/** Where the Convex functions live (see findConvexDir in src/project/convexDir.ts). */
export interface ConvexLayout {
  /** Workspace-relative directory of the package that uses Convex; "" for the workspace folder itself. */
  projectRoot: string;
  /** Workspace-relative functions directory, e.g. "convex" or "packages/backend/src/convex". */
  functionsDir: string;
  /** 'convex.json' when its `functions` field chose the directory. */
  source: 'convex.json' | 'default';
  /**
   * Set when several packages were equally likely to be the Convex backend (e.g. two that depend on convex, neither
   * with a convex.json or an auth.config): this one is a guess, and no verdict may rest on it.
   */
  ambiguous?: true;
}

/** What a Clerk publishable key encodes. */
export interface PublishableKeyInfo {
  /** The Frontend API host, e.g. "exotic-crab-75.clerk.accounts.dev". */
  host: string;
  instance: 'test' | 'live';
}

export interface ProjectSnapshot {
  /** Usually zero or one; more when both auth.config.ts and .js exist or configs sit outside convex/. */
  authConfigs: AuthConfigInfo[];
  /**
   * Every variable set in the local env files (.env, .env.local, .env.development(.local), …), in precedence
   * order: the first entry with a given name is the one the dev server would use. A name set in several files
   * appears once per file.
   */
  env: EnvEntry[];
  packages: PackageFacts;
  /** The Clerk publishable key found in the env files, if any. */
  publishableKey?: EnvEntry;
  /** `publishableKey` decoded; missing when there is no key or it is malformed. */
  publishableKeyInfo?: PublishableKeyInfo;
  /** Where convex/ lives in this folder. */
  convexLayout?: ConvexLayout;
  /** URI string of the workspace folder the snapshot describes. */
  folderUri?: string;
  /**
   * What `node --version` printed in the Convex project's folder ("v20.20.2"); probed only when the installed
   * convex declares `engines.node` and the workspace is trusted and local.
   */
  nodeVersion?: string;
}

export const EMPTY_PROJECT: ProjectSnapshot = {
  authConfigs: [],
  env: [],
  packages: { framework: 'unknown', clerkSdks: [] },
};
