// The project's Convex functions, read from source text without running anything (the list is shown before
// the learner chooses to run one, and in Restricted Mode). `export const name = query({…})` and its kin.
import type { FunctionKind } from './protocol';

export interface ListedFunction {
  /** Convex's path: "messages:list", "folder/file:name". */
  path: string;
  kind: FunctionKind;
  visibility: 'public' | 'internal';
  /** The function's own text mentions ctx.auth.getUserIdentity(). */
  readsIdentity: boolean;
}

const REGISTRARS: Record<string, { kind: FunctionKind; visibility: 'public' | 'internal' }> = {
  query: { kind: 'query', visibility: 'public' },
  mutation: { kind: 'mutation', visibility: 'public' },
  action: { kind: 'action', visibility: 'public' },
  internalQuery: { kind: 'query', visibility: 'internal' },
  internalMutation: { kind: 'mutation', visibility: 'internal' },
  internalAction: { kind: 'action', visibility: 'internal' },
  httpAction: { kind: 'httpAction', visibility: 'public' },
};

const EXPORT = /export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*(query|mutation|action|internalQuery|internalMutation|internalAction|httpAction)\s*\(/g;

/** Files under convex/ that Convex would treat as function modules. */
export function isFunctionModule(rel: string): boolean {
  return /\.(m?[jt]sx?|cjs)$/.test(rel) && !/\.d\.[mc]?ts$/.test(rel) && !/\.(test|spec)\.[^.]+$/.test(rel)
    && !rel.split('/').some((part) => part.startsWith('.') || part === '_generated' || part === 'node_modules')
    && !/(^|\/)(auth|convex)\.config\.[^.]+$/.test(rel) && !/(^|\/)schema\.[^.]+$/.test(rel);
}

export function listFunctions(files: readonly { rel: string; text: string }[]): ListedFunction[] {
  const out: ListedFunction[] = [];
  for (const { rel, text } of files) {
    if (!isFunctionModule(rel)) continue;
    const module = rel.replace(/\.[^.]+$/, '');
    const matches = [...text.matchAll(EXPORT)];
    matches.forEach((m, i) => {
      const end = matches[i + 1]?.index ?? text.length;
      const body = text.slice(m.index ?? 0, end);
      const registrar = REGISTRARS[m[2]];
      out.push({ path: `${module}:${m[1]}`, ...registrar, readsIdentity: /\bauth\s*\.\s*getUserIdentity\s*\(/.test(body) });
    });
  }
  return out;
}

/** What "Run it" runs unless the learner picks another: a public query reading identity, `messages:list` first. */
export function defaultFunction(fns: readonly ListedFunction[]): ListedFunction | undefined {
  const runnable = fns.filter((f) => f.visibility === 'public' && (f.kind === 'query' || f.kind === 'mutation'));
  return runnable.find((f) => f.path === 'messages:list')
    ?? runnable.find((f) => f.kind === 'query' && f.readsIdentity)
    ?? runnable.find((f) => f.kind === 'query')
    ?? runnable[0];
}
