// The exercise as one object. An issuer speaks for the learner's Clerk instance (its `iss` is the Frontend API
// host of the publishable key; only its discovery document and keys are served, from 127.0.0.1 or in memory);
// a stand-in deployment applies the learner's auth.config unchanged, with Convex's rules; each scenario is one
// request of the real ConvexHttpClient to that stand-in, over HTTP where a port can be opened, in memory elsewhere.
import { ConvexHttpClient } from 'convex/browser';
import { authConfigPushProblem, configDomainProblem, storedDomain, type WrittenProvider } from '../token/convexRules';
import type { ResolvedProvider } from '../token/types';
import { createMemoryStandIn, startConvexStandIn, type ConvexStandIn, type RunAnswer } from './convexStandIn';
import { createIssuer, type Issuer } from './issuer';
import { startIssuerServer } from './issuerServer';
import { SAMPLE_USERS, listMessages } from './messages';
import { createConvexAuth } from './convexAuth';
import { createLoopbackRoute, createMemoryTransport } from './transports';
import type {
  HandoffModel,
  HandoffRequest,
  HandoffResponse,
  IssuerSource,
  ScenarioId,
  ScenarioRun,
  StageResult,
} from './types';

export { SAMPLE_USERS };

export interface HandoffOptions {
  /** Providers from the learner's convex/auth.config; undefined when the workspace has none. */
  providers?: ResolvedProvider[];
  /**
   * The same providers as written (property names, type), index for index: Convex's push-time checks run on them,
   * and an applicationID written as an expression is known to exist.
   */
  written?: WrittenProvider[];
  /** The Frontend API host in the learner's Clerk publishable key, e.g. "exotic-crab-75.clerk.accounts.dev". */
  publishableKeyHost?: string;
  /** How Clerk issues the token: its Convex integration (session token, aud "convex") or the `convex` JWT template. */
  mode?: 'integration' | 'template';
  /** 'http': issuer and deployment on 127.0.0.1; 'memory': the same answered without a socket (vscode.dev). */
  transport: 'http' | 'memory';
  /** A production deployment (redacted errors). Development by default, as `npx convex dev`. */
  production?: boolean;
  nowMs?: () => number;
  /** Bound on the deployment's discovery and key requests. */
  timeoutMs?: number;
}

/** The issuer assumed when nothing in the workspace names the learner's Clerk instance: a name that never resolves. */
export const ASSUMED_ISSUER_URL = 'https://clerk.exercise.invalid';
/** Clerk's Convex integration, and the `convex` template's preset, put this in aud. */
const CLERK_AUD = 'convex';

/**
 * Clerk's issuer is always the Frontend API origin (https://<host>, no path), so it comes from the publishable
 * key; without one it is assumed from the first auth.config domain that is a URL (its origin: a JWKS URL pasted as
 * the domain still names the right host); without that, a reserved name.
 */
function chooseIssuer(opts: HandoffOptions): { url: string; source: IssuerSource } {
  if (opts.publishableKeyHost) return { url: `https://${opts.publishableKeyHost}`, source: 'publishable-key' };
  for (const p of opts.providers ?? []) {
    if (p.domain === undefined || configDomainProblem(p.domain) !== undefined) continue;
    const url = new URL(storedDomain(p.domain));
    if (url.protocol === 'https:') return { url: url.origin, source: 'auth.config' };
  }
  return { url: ASSUMED_ISSUER_URL, source: 'assumed' };
}

/** Another instance's issuer (a development instance when the learner's is not that one): the wrong-issuer token. */
function otherIssuerUrl(issuer: string): string {
  const dev = 'https://humble-otter-42.clerk.accounts.dev';
  return issuer === dev ? 'https://clerk.example.com' : dev;
}

export async function createHandoffModel(opts: HandoffOptions): Promise<HandoffModel> {
  const nowMs = opts.nowMs ?? Date.now;
  const mode = opts.mode ?? 'integration';
  const chosen = chooseIssuer(opts);
  const base = await createIssuer({ issuerUrl: chosen.url, nowMs });

  // The deployment's providers: the learner's, unchanged (a domain only the deployment knows is assumed to be
  // the issuer); none when the config would not push; the official one when the workspace has no auth.config.
  const assumptions: string[] = [];
  let providers: ResolvedProvider[];
  let source: HandoffModel['deployment']['source'];
  const pushProblem = opts.providers
    ? authConfigPushProblem(
        opts.providers.map((p, i) => ({ ...opts.written?.[i], domain: p.domain, applicationID: p.applicationID })),
      )
    : undefined;
  if (pushProblem) {
    providers = [];
    source = 'push-failed';
  } else if (opts.providers) {
    providers = opts.providers.map((p, i) => {
      const q = { ...p };
      if (q.domain === undefined) {
        assumptions.push(
          `the domain${p.envVar ? ` (${p.envVar.name}, set only on the deployment)` : ''} of provider ${i} is ${chosen.url}`,
        );
        q.domain = chosen.url;
      }
      if (q.applicationID === undefined && opts.written?.[i]?.keys?.includes('applicationID')) {
        assumptions.push(`the applicationID of provider ${i}, written as an expression, is "${CLERK_AUD}"`);
        q.applicationID = CLERK_AUD;
      }
      return q;
    });
    source = 'auth.config';
  } else {
    providers = [{ domain: chosen.url, applicationID: CLERK_AUD }];
    source = 'official';
  }

  let issuer: Issuer = base;
  let fetchImpl: typeof fetch;
  let issuerServerUrl: string | undefined;
  const closers: (() => Promise<void>)[] = [];
  if (opts.transport === 'http') {
    // The loopback server answers for the issuer's host: discovery and JWKS name the issuer's own https URLs.
    const server = await startIssuerServer(base, { keepIssuerUrl: true });
    issuer = server.issuer;
    issuerServerUrl = server.url;
    closers.push(() => server.close());
    fetchImpl = createLoopbackRoute(issuer.issuerUrl, server.url);
  } else {
    fetchImpl = createMemoryTransport(issuer);
  }
  const server = createConvexAuth({
    providers,
    fetchImpl,
    nowMs,
    timeoutMs: opts.timeoutMs ?? 5000,
    ...(opts.production ? { production: true } : {}),
  });
  const runMessages = (path: string, identity: Parameters<typeof listMessages>[0]): Promise<RunAnswer> =>
    Promise.resolve(
      path === 'messages:list' || path === 'messages.js:list'
        ? { ok: true, value: listMessages(identity), logLines: [] }
        : { ok: false, message: `The exercise's deployment has no function ${path}.`, logLines: [] },
    );
  const standInOptions = {
    authenticate: (h: string | undefined) => server.authenticate(h),
    run: (_kind: string, path: string, _args: unknown, identity: Parameters<typeof listMessages>[0]) =>
      runMessages(path, identity),
    ...(opts.production ? { production: true } : {}),
  };
  let standIn: Promise<ConvexStandIn> | undefined;
  const deployment = (): Promise<ConvexStandIn> =>
    (standIn ??=
      opts.transport === 'http'
        ? startConvexStandIn(standInOptions).then((s) => {
            closers.push(() => s.close());
            return s;
          })
        : Promise.resolve(createMemoryStandIn(standInOptions)));

  let otherIssuer: Promise<Issuer> | undefined;
  const anotherInstance = (): Promise<Issuer> =>
    (otherIssuer ??= createIssuer({ issuerUrl: otherIssuerUrl(issuer.issuerUrl), nowMs }));
  const users = SAMPLE_USERS.map((u) => ({ ...u }));
  let closed = false;

  /** The claims Clerk adds for the mode: aud "convex" on the session token, or the template's claims. */
  const modeClaims = (): { claims: Record<string, unknown>; omit?: string[] } =>
    mode === 'integration'
      ? { claims: { aud: CLERK_AUD } }
      : { claims: { aud: CLERK_AUD, jti: randomJti() }, omit: ['fva', 'sid', 'v'] };
  const mint = (user: (typeof users)[number], extra: Record<string, unknown> = {}): Promise<string> => {
    const m = modeClaims();
    return issuer.mintToken(user, { claims: { ...m.claims, ...extra }, ...(m.omit ? { omit: m.omit } : {}) });
  };
  const assumed =
    chosen.source === 'publishable-key'
      ? ''
      : chosen.source === 'auth.config'
        ? ` No Clerk publishable key was found, so the issuer is assumed from your auth.config domain: ${issuer.issuerUrl}.`
        : ` No Clerk publishable key or auth.config domain was found, so the issuer is assumed: ${issuer.issuerUrl}.`;
  const kind = mode === 'integration' ? 'session token (Convex integration)' : 'token from the "convex" JWT template';

  async function issue(id: ScenarioId, user: (typeof users)[number]): Promise<{ token?: string; stage: StageResult }> {
    const stage = (status: StageResult['status'], detail: string): StageResult => ({
      stage: 'issue',
      status,
      label: 'Clerk issues a token',
      detail: detail + assumed,
    });
    const now = Math.floor(nowMs() / 1000);
    switch (id) {
      case 'anonymous':
        return { stage: stage('skipped', 'Signed out: the client has no token to send.') };
      case 'valid':
        return {
          token: await mint(user),
          stage: stage(
            'pass',
            `A ${kind} for ${user.name} from ${issuer.issuerUrl}, signed with RS256 (kid ${issuer.kid}), valid for 60 s, aud "${CLERK_AUD}".`,
          ),
        };
      case 'expired':
        return {
          token: await mint(user, { iat: now - 120, nbf: now - 125, exp: now - 60 }),
          stage: stage('pass', `A ${kind} for ${user.name} that expired 60 s ago (it was copied and used too late).`),
        };
      case 'wrong-audience':
        return {
          token: await issuer.mintToken(user),
          stage: stage(
            'pass',
            `Clerk's session token for ${user.name} without aud: what getToken() returns when the Convex integration is not activated in the Clerk dashboard (and no "convex" template is used).`,
          ),
        };
      case 'wrong-issuer': {
        const other = await anotherInstance();
        const m = modeClaims();
        return {
          token: await other.mintToken(user, { claims: m.claims, ...(m.omit ? { omit: m.omit } : {}) }),
          stage: stage(
            'pass',
            `A ${kind} from another Clerk instance (${other.issuerUrl}): the app uses one instance's keys while auth.config names another's domain.`,
          ),
        };
      }
      case 'tampered': {
        const token = await mint(user);
        const victim = users.find((u) => u.id !== user.id) ?? user;
        return {
          token: withPayload(token, { sub: victim.id }),
          stage: stage(
            'pass',
            `A valid ${kind} for ${user.name}, then edited to claim to be ${victim.name} (sub changed); the signature still covers the original.`,
          ),
        };
      }
      case 'unknown-key': {
        const m = modeClaims();
        return {
          token: await issuer.mintToken(user, {
            claims: m.claims,
            ...(m.omit ? { omit: m.omit } : {}),
            signWith: 'unknown',
          }),
          stage: stage(
            'pass',
            `A ${kind} for ${user.name} signed with a key the issuer never published (kid not in the JWKS).`,
          ),
        };
      }
    }
  }

  return {
    users,
    issuerUrl: issuer.issuerUrl,
    issuerSource: chosen.source,
    mode,
    ...(issuerServerUrl ? { serverUrl: issuerServerUrl } : {}),
    transport: opts.transport,
    deployment: { providers, source, assumptions, ...(pushProblem ? { pushProblem } : {}) },
    async deploymentUrl() {
      return (await deployment()).url;
    },
    async runScenario(id, userId) {
      if (closed) throw new Error('The exercise was closed.');
      const user = users.find((u) => u.id === userId) ?? users[0];
      const { token, stage } = await issue(id, user);
      const target = await deployment();
      const client = new ConvexHttpClient(target.url, {
        logger: false,
        ...(target.fetch ? { fetch: target.fetch } : {}),
      });
      if (token !== undefined) client.setAuth(token);
      const before = target.exchanges().length;
      let thrown: string | undefined;
      try {
        await client.query('messages:list' as unknown as Parameters<ConvexHttpClient['query']>[0], {});
      } catch (err) {
        thrown = err instanceof Error ? err.message : String(err);
      }
      const exchange = target.exchanges().slice(before).at(-1);
      if (!exchange) throw new Error(`The request did not reach the exercise's deployment: ${thrown ?? 'no answer'}`);
      const attach: StageResult = {
        stage: 'attach',
        status: token ? 'pass' : 'info',
        label: 'Client attaches it',
        detail: token
          ? `ConvexHttpClient.setAuth(token): Authorization: Bearer <token> on POST ${new URL(exchange.request.url).pathname}.`
          : 'No token: ConvexHttpClient sends no Authorization header, so the request is anonymous.',
      };
      const body = exchange.response.body as Record<string, unknown> | null;
      const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      const error =
        exchange.response.status >= 400
          ? (text(body?.message) ?? thrown ?? '')
          : body?.status === 'error'
            ? text(body.errorMessage)
            : undefined;
      const response: HandoffResponse = {
        status: exchange.response.status,
        body: exchange.response.body,
        ...(error !== undefined ? { error } : {}),
      };
      const request: HandoffRequest = {
        method: 'POST',
        url: exchange.request.url,
        headers: exchange.request.headers,
        body: exchange.request.body as HandoffRequest['body'],
      };
      const run: ScenarioRun = { scenario: id, request, stages: [stage, attach, ...exchange.stages], response };
      if (id !== 'anonymous') run.user = user;
      if (token) run.token = token;
      return run;
    },
    mintValid(userId) {
      return mint(users.find((u) => u.id === userId) ?? users[0]);
    },
    authenticate: (authorization) => server.authenticate(authorization),
    async close() {
      closed = true;
      await Promise.all(closers.splice(0).map((c) => c()));
    },
  };
}

function randomJti(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Replaces claims in the payload segment and keeps the original signature. */
function withPayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const json = JSON.parse(
    new TextDecoder().decode(
      Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    ),
  ) as Record<string, unknown>;
  const bytes = new TextEncoder().encode(JSON.stringify({ ...json, ...changes }));
  const edited = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `${header}.${edited}.${signature}`;
}
