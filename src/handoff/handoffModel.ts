// The exercise as one object: an issuer standing in for Clerk (served on loopback, or in memory on vscode.dev),
// sample users, and a server model applying Convex's rules with the learner's own providers when auth.config
// gives them. Each scenario issues a token, builds the request, sends it through the server model and returns
// every stage.
import { configDomainProblem, normaliseDomain } from '../token/convexRules';
import type { ResolvedProvider } from '../token/types';
import { createIssuer, type Issuer } from './issuer';
import { startIssuerServer } from './issuerServer';
import { SAMPLE_USERS } from './messages';
import { buildRequest } from './request';
import { createServerModel } from './serverModel';
import { createLoopbackRoute, createMemoryTransport } from './transports';
import type { HandoffModel, ScenarioId, ScenarioRun, StageResult } from './types';

export { SAMPLE_USERS };

export interface HandoffOptions {
  /** Providers from the learner's convex/auth.config; the exercise's own provider when absent. */
  providers?: ResolvedProvider[];
  /** 'http': discovery and JWKS served on 127.0.0.1; 'memory': answered without a socket (vscode.dev). */
  transport: 'http' | 'memory';
  nowMs?: () => number;
  /** Bound on the server model's key fetch. */
  timeoutMs?: number;
}

/** Where the in-memory issuer lives: a reserved name that can never resolve on a real network. */
const MEMORY_ISSUER_URL = 'https://clerk.exercise.invalid';
const RENAMED_TEMPLATE_AUD = 'convex-app';

type Provider = HandoffModel['provider'];

/** The learner's first provider the exercise can stand in for: known domain (a usable URL) and applicationID. */
function learnerProvider(providers: ResolvedProvider[] | undefined): Provider | undefined {
  const p = providers?.find(
    (x) => x.domain !== undefined && x.applicationID !== undefined && configDomainProblem(x.domain) === undefined,
  );
  return p
    ? { domain: p.domain as string, applicationID: p.applicationID as string, source: 'auth.config' }
    : undefined;
}

/** A development-instance issuer that is not the provider's: the "dev key against a prod domain" mistake. */
function otherIssuerUrl(domain: string): string {
  const dev = 'https://humble-otter-42.clerk.accounts.dev';
  return normaliseDomain(domain) === dev ? 'https://clerk.example.com' : dev;
}

export async function createHandoffModel(opts: HandoffOptions): Promise<HandoffModel> {
  const nowMs = opts.nowMs ?? Date.now;
  const own = learnerProvider(opts.providers);
  const base = await createIssuer({ issuerUrl: own ? normaliseDomain(own.domain) : MEMORY_ISSUER_URL, nowMs });

  let issuer: Issuer = base;
  let fetchImpl: typeof fetch;
  let serverUrl: string | undefined;
  let closeServer: () => Promise<void> = () => Promise.resolve();
  if (opts.transport === 'http') {
    const server = await startIssuerServer(base, { keepIssuerUrl: own !== undefined });
    issuer = server.issuer;
    serverUrl = server.url;
    closeServer = () => server.close();
    fetchImpl = own ? createLoopbackRoute(issuer.issuerUrl, server.url) : createLoopbackRoute(server.url, server.url);
  } else {
    fetchImpl = createMemoryTransport(issuer);
  }
  const provider: Provider = own ?? { domain: issuer.issuerUrl, applicationID: 'convex', source: 'exercise' };
  const providers: ResolvedProvider[] = own
    ? (opts.providers ?? [])
    : [{ domain: provider.domain, applicationID: provider.applicationID }];
  const server = createServerModel({
    providers,
    fetchImpl,
    nowMs,
    allowInsecureHttp: true,
    timeoutMs: opts.timeoutMs ?? 5000,
  });
  let otherIssuer: Promise<Issuer> | undefined;
  const anotherInstance = (): Promise<Issuer> =>
    (otherIssuer ??= createIssuer({ issuerUrl: otherIssuerUrl(provider.domain), nowMs }));
  const users = SAMPLE_USERS.map((u) => ({ ...u }));
  let closed = false;

  async function issue(id: ScenarioId, user: (typeof users)[number]): Promise<{ token?: string; stage: StageResult }> {
    const stage = (status: StageResult['status'], detail: string): StageResult => ({
      stage: 'issue',
      status,
      label: 'Clerk issues a token',
      detail,
    });
    const aud = provider.applicationID;
    const now = Math.floor(nowMs() / 1000);
    switch (id) {
      case 'anonymous':
        return { stage: stage('skipped', 'Signed out: the client has no token to send.') };
      case 'valid':
        return {
          token: await issuer.mintToken(user, { claims: { aud } }),
          stage: stage(
            'pass',
            `A session token for ${user.name}, signed with RS256 (kid ${issuer.kid}), valid for 60 s, aud "${aud}".`,
          ),
        };
      case 'expired':
        return {
          token: await issuer.mintToken(user, { claims: { aud, iat: now - 120, nbf: now - 125, exp: now - 60 } }),
          stage: stage('pass', `A token for ${user.name} that expired 60 s ago (it was copied and used too late).`),
        };
      case 'wrong-audience':
        return {
          token: await issuer.mintToken(user, { claims: { aud: RENAMED_TEMPLATE_AUD } }),
          stage: stage(
            'pass',
            `A token from a JWT template that was renamed: aud is "${RENAMED_TEMPLATE_AUD}", not "${aud}".`,
          ),
        };
      case 'wrong-issuer': {
        const other = await anotherInstance();
        return {
          token: await other.mintToken(user, { claims: { aud } }),
          stage: stage(
            'pass',
            `A token from another Clerk instance (${other.issuerUrl}): the app uses one instance's keys while auth.config names another's domain.`,
          ),
        };
      }
      case 'tampered': {
        const token = await issuer.mintToken(user, { claims: { aud } });
        const victim = users.find((u) => u.id !== user.id) ?? user;
        return {
          token: withPayload(token, { sub: victim.id }),
          stage: stage(
            'pass',
            `A valid token for ${user.name}, then edited to claim to be ${victim.name} (sub changed); the signature still covers the original.`,
          ),
        };
      }
      case 'unknown-key':
        return {
          token: await issuer.mintToken(user, { claims: { aud }, signWith: 'unknown' }),
          stage: stage(
            'pass',
            `A token for ${user.name} signed with a key the issuer never published (kid not in the JWKS).`,
          ),
        };
    }
  }

  return {
    users,
    issuerUrl: issuer.issuerUrl,
    ...(serverUrl ? { serverUrl } : {}),
    transport: opts.transport,
    provider,
    async runScenario(id, userId) {
      if (closed) throw new Error('The exercise was closed.');
      const user = users.find((u) => u.id === userId) ?? users[0];
      const { token, stage } = await issue(id, user);
      const request = buildRequest(token);
      const attach: StageResult = {
        stage: 'attach',
        status: token ? 'pass' : 'info',
        label: 'Client attaches it',
        detail: token
          ? 'Authorization: Bearer <token> on the query request.'
          : 'No Authorization header: the request is anonymous.',
      };
      const handled = await server.handle(request);
      const run: ScenarioRun = {
        scenario: id,
        request,
        stages: [stage, attach, ...handled.stages],
        response: handled.response,
      };
      if (id !== 'anonymous') run.user = user;
      if (token) run.token = token;
      return run;
    },
    async mintValid(userId) {
      const user = users.find((u) => u.id === userId) ?? users[0];
      return issuer.mintToken(user, { claims: { aud: provider.applicationID } });
    },
    authenticate: (authorization) => server.authenticate(authorization),
    async close() {
      closed = true;
      await closeServer();
    },
  };
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
