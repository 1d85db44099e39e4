// Which Convex deployments the project names, read from the env entries the project reader already parsed
// (src/project/snapshot.ts: every local env file, in precedence order): the URL variables each framework's client
// reads, and CONVEX_DEPLOYMENT as `npx convex dev` writes it. Each deployment is paired with the Clerk instance its
// own env file's publishable key points at, so a development key beside a production deployment shows.
import { baseName } from '../project/paths';
import { decodePublishableKey, publishableKeyNames } from '../project/publishableKey';
import type { EnvEntry, Framework, ProjectSnapshot, PublishableKeyInfo } from '../project/types';

/** The variables Convex's clients are created from (Next.js, Vite, Expo, plain Node), in that order. */
export const DEPLOYMENT_URL_VARS = [
  'NEXT_PUBLIC_CONVEX_URL',
  'VITE_CONVEX_URL',
  'EXPO_PUBLIC_CONVEX_URL',
  'CONVEX_URL',
];
export const DEPLOYMENT_NAME_VAR = 'CONVEX_DEPLOYMENT';
/** More is a project listing every branch's preview: the first few are the ones worth asking. */
export const MAX_CANDIDATES = 8;

export type DeploymentEnvironment = 'development' | 'production';

export type CandidateNote =
  /** The URL was built from CONVEX_DEPLOYMENT's name (a deployment in another region has another URL). */
  | { kind: 'from-deployment-name'; name: string }
  /** The variable held the deployment's `.convex.site` (HTTP actions) address; the function API is on `.convex.cloud`. */
  | { kind: 'site-url'; written: string }
  /** A Clerk development key (pk_test) beside a production deployment. */
  | { kind: 'dev-key-prod-deployment'; host: string }
  /** A Clerk production key (pk_live) beside a development deployment. */
  | { kind: 'live-key-dev-deployment'; host: string };

export interface DeploymentCandidate {
  /** Stable for one snapshot: the webview names a deployment by it and never sends a URL. */
  id: string;
  /** What the client is created with: `https://happy-otter-123.convex.cloud`. */
  url: string;
  /** Every variable naming it, first one first. */
  sources: { name: string; file: string }[];
  environment: DeploymentEnvironment;
  /** The Clerk instance the publishable key of the same environment points at. */
  clerk?: { keyName: string; file: string } & PublishableKeyInfo;
  notes: CandidateNote[];
}

const PRODUCTION_FILE = /^\.env\.production(\.local)?$/;
const DEPLOYMENT_NAME = /^(?:(dev|prod|preview|local):)?([a-z0-9][a-z0-9-]*)$/;

function environmentOf(file: string): DeploymentEnvironment {
  return PRODUCTION_FILE.test(baseName(file)) ? 'production' : 'development';
}

/** `https://x.convex.site` → `https://x.convex.cloud`: the same deployment, its function API. */
function apiUrl(value: string): { url: string; site?: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const trimmed = value.trim().replace(/\/+$/, '');
  if (parsed.hostname.endsWith('.convex.site')) {
    const host = `${parsed.hostname.slice(0, -'.convex.site'.length)}.convex.cloud`;
    return { url: `${parsed.protocol}//${host}${parsed.port ? `:${parsed.port}` : ''}`, site: trimmed };
  }
  return { url: trimmed };
}

/** `dev:happy-otter-123` → its cloud URL and kind; local and anonymous deployments have no fixed URL. */
function fromDeploymentName(value: string): { url: string; name: string; prod: boolean } | undefined {
  const m = DEPLOYMENT_NAME.exec(value.trim());
  if (!m || m[1] === 'local' || m[2].startsWith('anonymous-')) return undefined;
  return { url: `https://${m[2]}.convex.cloud`, name: m[2], prod: m[1] === 'prod' };
}

function clerkFor(
  env: readonly EnvEntry[],
  file: string,
  environment: DeploymentEnvironment,
  framework: Framework,
): DeploymentCandidate['clerk'] {
  const names = publishableKeyNames(framework);
  const usable = (e: EnvEntry): boolean => names.includes(e.name) && e.value.trim() !== '';
  const byName = (a: EnvEntry, b: EnvEntry): number => names.indexOf(a.name) - names.indexOf(b.name);
  // Its own file first, then any file of the same environment (the env order is the dev server's precedence).
  const entry =
    env.filter((e) => e.file === file && usable(e)).sort(byName)[0] ??
    env.filter((e) => environmentOf(e.file) === environment && usable(e)).sort(byName)[0];
  const info = entry ? decodePublishableKey(entry.value) : undefined;
  return entry && info ? { keyName: entry.name, file: entry.file, ...info } : undefined;
}

export function deploymentCandidates(snapshot: ProjectSnapshot): DeploymentCandidate[] {
  const out: DeploymentCandidate[] = [];
  const add = (
    url: string,
    source: { name: string; file: string },
    environment: DeploymentEnvironment,
  ): DeploymentCandidate => {
    const existing = out.find((c) => c.url === url);
    if (existing) {
      if (!existing.sources.some((s) => s.name === source.name && s.file === source.file))
        existing.sources.push(source);
      return existing;
    }
    const candidate: DeploymentCandidate = { id: `d${out.length}`, url, sources: [source], environment, notes: [] };
    out.push(candidate);
    return candidate;
  };
  for (const entry of snapshot.env) {
    if (!DEPLOYMENT_URL_VARS.includes(entry.name)) continue;
    const api = apiUrl(entry.value);
    if (!api) continue;
    const c = add(api.url, { name: entry.name, file: entry.file }, environmentOf(entry.file));
    if (api.site && !c.notes.some((n) => n.kind === 'site-url')) c.notes.push({ kind: 'site-url', written: api.site });
  }
  for (const entry of snapshot.env) {
    if (entry.name !== DEPLOYMENT_NAME_VAR) continue;
    const named = fromDeploymentName(entry.value);
    if (!named) continue;
    // A URL variable already names this deployment (perhaps in another region): it speaks for it.
    const host = (u: string): string => u.replace(/^https?:\/\//, '');
    const known = out.find(
      (c) => host(c.url) === `${named.name}.convex.cloud` || host(c.url).startsWith(`${named.name}.`),
    );
    if (known) {
      add(known.url, { name: entry.name, file: entry.file }, known.environment);
      if (named.prod) known.environment = 'production';
      continue;
    }
    const c = add(
      named.url,
      { name: entry.name, file: entry.file },
      named.prod ? 'production' : environmentOf(entry.file),
    );
    c.notes.push({ kind: 'from-deployment-name', name: named.name });
  }
  const listed = out.slice(0, MAX_CANDIDATES);
  for (const c of listed) {
    const clerk = clerkFor(snapshot.env, c.sources[0].file, c.environment, snapshot.packages.framework);
    if (!clerk) continue;
    c.clerk = clerk;
    if (c.environment === 'production' && clerk.instance === 'test')
      c.notes.push({ kind: 'dev-key-prod-deployment', host: clerk.host });
    if (c.environment === 'development' && clerk.instance === 'live')
      c.notes.push({ kind: 'live-key-dev-deployment', host: clerk.host });
  }
  return listed;
}
