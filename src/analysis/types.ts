// The analyzer's contract: text in, findings (with offsets and fixes) and facts out. No vscode here.
import type { ModuleAliases } from '../project/tsconfigPaths';
import type { ProjectSnapshot } from '../project/types';
import type { RenderSite } from './renderFacts';
import type { LineRange, RouteCall, RouteConfigFact, RouteGate } from './routeFacts';
import type { Finding, Fix, Severity } from './findingTypes';
import type { GateCallSite, GateSite, QuerySite, ServerSite, SessionSite } from './siteFacts';

export type { FileRename, Finding, Fix, RelatedLocation, Severity, TextEdit } from './findingTypes';
export type { RenderSite } from './renderFacts';
export type { GateCallSite, GateSite, QuerySite, ServerSite, SessionSite } from './siteFacts';
export type { LineRange, RouteCall, RouteConfigFact, RouteGate } from './routeFacts';

/** What a file positively does right; the walkthrough ticks its steps from these. */
export interface FileFacts {
  /** A ClerkProvider wraps ConvexProviderWithClerk (or a component known to render it) in this file. */
  sandwichCorrect: boolean;
  /** The file renders ConvexProviderWithClerk itself. */
  rendersConvexProviderWithClerk: boolean;
  /** Names of components this file exports that render ConvexProviderWithClerk (for the cross-file index). */
  exportsConvexProviderComponents: string[];
  /** A Convex function awaits ctx.auth.getUserIdentity() and checks it for null before use. */
  readsIdentityCorrectly: boolean;
  /** UI gated with useConvexAuth() or <Authenticated>/<Unauthenticated>/<AuthLoading>. */
  gatesWithConvexAuth: boolean;
  /** Convex functions this file exports that need a signed-in user (for the cross-file index). */
  identityFunctions?: IdentityFunction[];
  /** Convex functions this file exports that certainly read no identity (for the cross-file index). */
  openFunctions?: OpenFunction[];
  /** What this file's exported components and hooks do that other files' rules follow (for the cross-file index). */
  exported?: ExportedBehaviour;
  /** A route layout that renders its child routes only once Convex has accepted the token (for the index's join). */
  routeGate?: RouteGate;
  /**
   * A route file (page, screen or nested layout) whose component calls Convex as soon as it mounts: what it calls,
   * and where the component is (for the index's join with Clerk-gated layouts above it, layoutGateJoin.ts).
   */
  routeCall?: RouteCall;
  /** A provider list Convex never reads as its auth config (misplacedAuthConfig.ts; for auth-config-missing). */
  misplacedAuthConfig?: boolean;
  /**
   * The project components this file renders (or uses otherwise) by import, and whether each use waits for Convex's
   * auth: the index joins them with the query sites of those components' files (renderJoin.ts).
   */
  renders?: RenderSite[];
  /** The React Router route config this file declares (routes.ts; for the index's joins of layouts and routes). */
  routeConfig?: RouteConfigFact;
}

/**
 * A route layout that renders its child routes once Clerk, not Convex, says the user is signed in (<SignedIn>, or an
 * early return on Clerk's isSignedIn). It is a mistake only when a route under it calls Convex: the index joins it
 * with the routes' facts (layoutGateJoin.ts), so the finding follows the routes as they change.
 */
export interface LayoutSite {
  /** The gate: the <SignedIn> element's name, or the Clerk test. */
  start: number;
  end: number;
  /** The gate as the message names it: the element (`<SignedIn>`), or the Clerk hook the test reads (`Clerk's useAuth()`). */
  gate: string;
  /** The Clerk test (`!isSignedIn`), for a test. */
  test?: string;
  /** `routes`: an Expo layout's effect routes on the test; `loaded`: it renders the routes once Clerk's isLoaded. */
  kind: 'element' | 'test' | 'routes' | 'loaded';
  /** `routes`: it also waits for Clerk's isLoaded (not Convex) before rendering them. */
  waitsForClerk?: boolean;
  /** Expo Router's `_layout` (it renders <Slot/>/<Stack/>), or Next's `layout` (it renders `{children}`). */
  expo: boolean;
  /** A TanStack Router route (it renders <Outlet />). */
  tanstack?: boolean;
  /** A React Router route module (it renders <Outlet />; routes.ts says which routes are under it). */
  reactRouter?: true;
  /** The layout's own path (as analysed). */
  layout: string;
  fixes: Fix[];
}

export interface ExportedBehaviour {
  /** Components and hooks that call Convex as soon as they mount (an ungated query, a mutation from an effect). */
  convexCalls?: { name: string; why: string }[];
  /** Components that send a query once Clerk says signed in (its "skip" test reads Clerk's state alone), and which. */
  clerkOnlyCalls?: { name: string; why: string }[];
  /** Components that render a plain ConvexProvider, which sends no Clerk token, and where. */
  plainConvexProviders?: { name: string; position: LineRange; ownClient?: true }[];
  /** Hooks that return Clerk's auth state, with the returned keys that carry it ('*': the whole state object). */
  clerkAuthHooks?: { name: string; keys: string[] }[];
  /** Hooks that send Convex queries on every render, not skipped (their callers' query-before-auth sites). */
  queryHooks?: { name: string; queries: ExportedQuery[]; forwards?: QueryForward }[];
  /** Components that render ConvexProviderWithClerk with Clerk's useAuth, and the package that useAuth is from. */
  useAuthSources?: { name: string; source: string; position: LineRange }[];
  /** Functions that read the identity and stop without one (`requireUser(ctx)`): Convex files importing them follow. */
  identityHelpers?: ExportedIdentityHelper[];
  /**
   * Functions that take arguments and never read the caller's identity (`requireActiveUser(ctx, userId)` loads the
   * user it is given): a Convex file calling one binds nothing to the caller, whatever the helper is called.
   */
  identityFreeHelpers?: string[];
  /**
   * Components that render their `children` only under Convex's <Authenticated> (a provider wrapping `{children}` in
   * one): a layout rendering its routes inside one waits for Convex's auth (authenticatedChildren.ts).
   */
  authenticatedChildren?: string[];
}

/** An exported function that throws (or returns nothing) when nobody is signed in, and where it reads the identity. */
export interface ExportedIdentityHelper extends Omit<IdentityFunction, 'exportName' | 'kind' | 'via' | 'viaBuilder'> {
  name: string;
  /**
   * A custom function builder (convex-helpers' `customMutation(mutation, customCtx(…))`) whose ctx function throws
   * without an identity: the handlers given to it never run anonymous. Not a helper to await.
   */
  builder?: true;
  /** The kind of function such a builder makes (`customQuery` → query). */
  builds?: IdentityFunction['kind'];
}

/** A query an exported hook sends: the function it names and the functions folders its `api` import resolves to. */
export interface ExportedQuery {
  api: { module: string; name: string; text: string };
  dirs?: string[];
}

/**
 * A hook that hands one of its parameters to useQuery (`useConvexQuery(query, ...args)`): a call sends the function
 * reference its caller passes at `param`, with useQuery's arguments from the caller's `args` on (absent: none).
 */
export interface QueryForward {
  param: number;
  args?: number;
}

/** An exported Convex function whose handler stops without an identity. */
export interface IdentityFunction {
  exportName: string;
  kind: 'query' | 'mutation' | 'action';
  /** Offsets of its getUserIdentity() call, and the same as lines and characters (0-based). */
  start: number;
  end: number;
  position: { line: number; character: number; endLine: number; endCharacter: number };
  /** What the handler does when nobody is signed in. */
  without: 'throws' | 'returns-nothing';
  /**
   * It returns null or no value (which the client receives as null) when nobody is signed in, read in the handler
   * itself: a client waiting for its answer to be null is not waiting for Convex's auth (clerkGateCalls.ts).
   */
  answersNull?: true;
  /** The helper the handler reads the identity through (`await requireAuth(ctx)`); absent: inline. */
  via?: string;
  /** `via` is the custom builder that makes the function (its ctx reads the identity), not a helper it awaits. */
  viaBuilder?: true;
  /** The file that reads the identity (start/end/position are there) when it is another one: an imported helper's. */
  readIn?: string;
}

/** An exported public Convex function whose handler reads no identity at all (no `auth`, no helper given `ctx`). */
export interface OpenFunction {
  exportName: string;
  kind: 'query' | 'mutation' | 'action';
}

export interface FileAnalysis {
  findings: Finding[];
  facts: FileFacts;
  /** Queries whose finding depends on the index's identity functions (query-before-auth). */
  querySites?: QuerySite[];
  /** Mutations sent right after setActive(), whose finding depends on the index's functions too. */
  sessionSites?: SessionSite[];
  /** Server calls without the Clerk token, whose finding depends on the index's functions too. */
  serverSites?: ServerSite[];
  /** clerk-gate findings that stand only while the function shown may read the identity. */
  gateSites?: GateSite[];
  /** Mutations fired from effects on Clerk's state, whose clerk-gate finding needs the index's functions. */
  gateCallSites?: GateCallSite[];
  /** Clerk-only gates of a route layout, whose finding depends on the routes under it (layoutGateJoin.ts). */
  layoutSites?: LayoutSite[];
  /** Rules that threw on this file: their findings were dropped, every other rule's kept (the host logs these). */
  ruleErrors?: { rule: string; message: string }[];
}

/** Cross-file knowledge the workspace index supplies to a single-file analysis. */
export interface AnalysisContext {
  project?: ProjectSnapshot;
  /**
   * Components defined in other files of the workspace that render ConvexProviderWithClerk, by the import
   * specifier and name under which this file could import them (resolved by the adapter's index).
   */
  convexProviderComponents?: { path: string; exportName: string }[];
  /** Convex functions of the workspace that need a signed-in user, with the workspace-relative path of their file. */
  identityFunctions?: (IdentityFunction & { path: string })[];
  /** Convex functions of the workspace that read no identity at all (the index joins these itself, like the above). */
  openFunctions?: (OpenFunction & { path: string })[];
  /** Route files that call Convex on mount (the index joins these itself with Clerk-gated layouts, like the above). */
  routeCalls?: (RouteCall & { path: string })[];
  /**
   * Whether the workspace has any such function. The index sends this instead of the functions: it joins query
   * sites with them itself (crossFile.ts), once, so they need not travel to the worker.
   */
  projectHasIdentityFunctions?: boolean;
  /** Components of the workspace that render their children only under Convex's <Authenticated> (by import). */
  authenticatedChildrenComponents?: { path: string; exportName: string }[];
  /** Components of the workspace that send a query once Clerk says signed in (by import; clerkOnlyCalls.ts). */
  clerkOnlyCallComponents?: { path: string; exportName: string; why: string }[];
  /** Components of the workspace that call Convex as soon as they mount (the index joins them by import). */
  convexCallComponents?: { path: string; exportName: string; why?: string }[];
  /** Components of the workspace that render a plain ConvexProvider (no Clerk token), with where. */
  plainConvexProviderComponents?: { path: string; exportName: string; position?: LineRange; ownClient?: true }[];
  /** Files of the workspace that render ConvexProviderWithClerk (a plain ConvexProvider beside one is deliberate). */
  convexWithClerkFiles?: string[];
  /** Hooks of the workspace that return Clerk's auth state, with the keys that carry it. */
  clerkAuthHooks?: { path: string; exportName: string; keys: string[] }[];
  /** Hooks of the workspace that send Convex queries ungated, with those queries (query-before-auth at callers). */
  queryHooks?: { path: string; exportName: string; queries: ExportedQuery[]; forwards?: QueryForward }[];
  /** Functions of the workspace that read the identity and stop without one, for the Convex files importing them. */
  identityHelpers?: (Omit<ExportedIdentityHelper, 'name'> & { path: string; exportName: string })[];
  /** Functions of the workspace seen never to read the identity (identity-from-args judges calls of them). */
  identityFreeHelpers?: { path: string; exportName: string }[];
  /** The workspace's auth.config files the index holds (a provider's missing auth.config goes away with one). */
  authConfigFiles?: string[];
  /** Files of the workspace holding a provider list Convex never reads (auth-config-missing points at them). */
  misplacedAuthConfigFiles?: string[];
  /** Files of the workspace whose Convex functions need a signed-in user (where the Convex functions are). */
  identityFunctionFiles?: string[];
  /** Provider components of the workspace and the Clerk package of the useAuth they pass (use-auth-source). */
  useAuthSources?: { path: string; exportName: string; source: string; position: LineRange }[];
  /** The `baseUrl`/`paths` of this file's tsconfig or jsconfig; absent when it has none (imports are then guessed). */
  moduleAliases?: ModuleAliases;
  /** For tests only: the named rule throws, to show that only its findings drop and the failure is reported. */
  failRule?: string;
}

/** The walkthrough steps a rule's finding links to (the catalogue in ruleCatalog.ts uses these). */
export type LessonStep = 'handoff' | 'sandwich' | 'authConfig' | 'identity' | 'authHook';

/** One rule of the catalogue; here rather than in ruleCatalog.ts so rule modules can name it without a circle. */
export interface RuleInfo {
  code: string;
  title: string;
  severity: Severity;
  lessonStep: LessonStep;
}
