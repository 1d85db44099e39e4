// The sites a file records for the index to judge later, once it knows the functions they run (crossFile.ts
// joins them again when a function changes, without analysing the file anew).
import type { Finding, Fix } from './findingTypes';

/**
 * A query this file sends before Convex auth is known (a page or an ungated component, not skipped). Whether it
 * is a mistake depends on the function it runs, which the workspace index knows: the host joins the two again when
 * that changes, without analysing this file anew (crossFile.ts).
 */
export interface QuerySite {
  /** The useQuery(…) call. */
  start: number;
  end: number;
  api: { module: string; name: string; text: string };
  /** The functions folders the file's `api` import names; absent: the module is matched by path suffix. */
  dirs?: string[];
  component?: string;
  /** The project's hook the component sends the query through (`useTodos`); absent: the component's own useQuery. */
  via?: string;
  /**
   * The framework renders the component itself, or this element of the file renders it outside a Convex gate, or
   * (`imported`) only other files render it: the site stands where a route renders it ungated (renderJoin.ts).
   */
  where: 'entry' | 'imported' | { start: number; end: number };
  /**
   * The route file (Expo Router screen, Next app page or layout) whose render reaches the query: a layout above it
   * that waits for Convex's auth makes the site safe (the index joins this, crossFile.ts).
   */
  route?: string;
  /**
   * The framework's render (`where: 'entry'`) of a component another file may import and render instead, under
   * Convex's <Authenticated>, or (`where: 'imported'`) the component other files render: this file and the names
   * the component is exported under (the index joins the project's render sites of it, renderJoin.ts).
   */
  rendered?: { file: string; names: string[] };
  /** The route is a module only a route config places (RouteCall.module). */
  module?: true;
}

/**
 * A mutation or action a function sends right after Clerk's setActive(), before anything waits for Convex's auth.
 * Whether it is a mistake depends on the Convex function it runs, which the index knows (crossFile.ts).
 */
export interface SessionSite {
  /** The call of the useMutation/useAction result. */
  start: number;
  end: number;
  /** The local name the call goes through (`createUser`). */
  name: string;
  api: { module: string; name: string; text: string };
  kind: 'mutation' | 'action';
  dirs?: string[];
  /** The setActive(…) call before it. */
  setActive: { start: number; end: number };
}

/**
 * A convex/nextjs call on the server without the Clerk token (server-token). Whether the missing token matters depends
 * on the function it runs, which the index knows: the finding is made where the sites are joined (serverTokenJoin.ts).
 */
export interface ServerSite {
  /** The callee (`preloadQuery`). */
  start: number;
  end: number;
  name: string;
  /** The function it runs, when written as `api.module.name`. */
  api?: { module: string; name: string; text: string };
  kind: 'query' | 'mutation' | 'action';
  dirs?: string[];
  /**
   * The Clerk server entry point the file imports; absent: it imports none (a Next server file of a project that
   * declares @clerk/nextjs), and only a function known to need a signed-in user makes the call a finding.
   */
  source?: string;
  /** Other convex/nextjs calls of the file pass `{ token }`: the file has the token (from a helper of its own). */
  siblingToken?: true;
  /** The file already asks for the "convex" JWT template. */
  template: boolean;
  fixes: Fix[];
  /**
   * The call goes through this file's ConvexHttpClient (`convex.query(…)`), never given the token with setAuth;
   * `shared`: the client is made at module scope, one for every request. Reported only for a function that needs a user.
   */
  client?: { name: string; shared: boolean };
}

/**
 * A clerk-gate finding the index may drop (crossFile.ts): one that stands only on queries (a "skip" test, a <SignedIn>
 * or a condition around a shown result) holds only while one of their functions may read the identity; one in a
 * route file holds only while no layout above the route waits for Convex's auth (FileFacts.routeGate).
 */
export interface GateSite {
  /** The finding as the rule made it (the join restores it when a function may read the identity again). */
  finding: Finding;
  /** The functions it stands on: queries, and mutations or actions fired from an effect (`kind`). */
  queries?: {
    api: { module: string; name: string; text: string };
    dirs?: string[] | undefined;
    kind?: 'mutation' | 'action';
  }[];
  /** The route file the finding is in (workspace-relative): a layout above it may render it under <Authenticated>. */
  route?: string;
  /** The route is a module only a route config places (RouteCall.module). */
  module?: true;
}

/**
 * A mutation or action fired from an effect whose guard reads Clerk's sign-in state, which the in-file clerk-gate
 * finding leaves out: it passes the Clerk id (which alone would point at identity-from-args instead), or the guard
 * also waits for a query to answer null. Its clerk-gate finding stands only while the index knows the function needs
 * a signed-in user (gateCallJoin.ts): then the id it is given does not help, the handler reads the identity anyway;
 * and only while that query is known to answer null to anyone not signed in (then its null is no sign of Convex's
 * auth).
 */
export interface GateCallSite {
  /** The callee of the call (`storeUser` in `storeUser({...})`). */
  start: number;
  end: number;
  /** The local name the call goes through. */
  name: string;
  api: { module: string; name: string; text: string };
  kind: 'mutation' | 'action';
  dirs?: string[];
  /** The Clerk hook whose state the guard reads (`useUser`), and the names of that state it reads (`isSignedIn`). */
  hook: string;
  reads: string[];
  /** The guard (the test of the `if` around the call, or of the early return before it). */
  test: { start: number; end: number };
  /** The call passes the Clerk id. */
  passesClerkId?: true;
  /** The query whose null answer the guard also waits for (`currentUser === null`). */
  nullQuery?: { api: { module: string; name: string; text: string }; dirs?: string[] };
  fixes: Fix[];
}
