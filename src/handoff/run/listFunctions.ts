// The project's Convex functions, read from source text without running anything (the list is shown before
// the learner chooses to run one, and in Restricted Mode). `export const name = query({…})` and its kin.
import { isFunctionModule } from '../../project/sourceFiles';
import type { FunctionKind } from './protocol';

export interface ListedFunction {
  /** Convex's path: "messages:list", "folder/file:name". */
  path: string;
  kind: FunctionKind;
  visibility: 'public' | 'internal';
  /** The function's own text mentions ctx.auth.getUserIdentity(). */
  readsIdentity: boolean;
  /** The lesson's mistakes seen in its text, to explain a wrong answer (empty when none). */
  hints?: string[];
}

const NOT_AWAITED = /(?:const|let|var)\s+(\w+)\s*=\s*(?!await\b)[\w.]*auth\s*\.\s*getUserIdentity\s*\(/;
const NOT_A_FIELD = /\b(userId|id|user_id|uid)\b/;

/** The lesson's mistakes in one function's text: getUserIdentity() not awaited, a field the identity lacks. */
export function identityHints(body: string): string[] {
  const hints: string[] = [];
  const pending = NOT_AWAITED.exec(body);
  if (pending)
    hints.push(
      `${pending[1]} = ctx.auth.getUserIdentity() is not awaited: ${pending[1]} is a Promise, always truthy, so the null check never stops an anonymous caller, and its fields are undefined.`,
    );
  const name =
    pending?.[1] ?? /(?:const|let|var)\s+(\w+)\s*=\s*await\s+[\w.]*auth\s*\.\s*getUserIdentity\s*\(/.exec(body)?.[1];
  const field = name ? new RegExp(`\\b${name}\\s*\\.\\s*(\\w+)`, 'g') : undefined;
  for (const m of field ? body.matchAll(field) : []) {
    if (NOT_A_FIELD.test(m[1])) {
      hints.push(
        `${name}.${m[1]} does not exist on Convex's UserIdentity (it is undefined): use ${name}.subject (Clerk's user id) or ${name}.tokenIdentifier.`,
      );
      break;
    }
  }
  return hints;
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

const EXPORT =
  /export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*(query|mutation|action|internalQuery|internalMutation|internalAction|httpAction)\s*\(/g;

// Which files are function modules is the workspace's one file policy (src/project/sourceFiles.ts).
export { isFunctionModule };

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
      const hints = identityHints(body);
      out.push({
        path: `${module}:${m[1]}`,
        ...registrar,
        readsIdentity: /\bauth\s*\.\s*getUserIdentity\s*\(/.test(body),
        ...(hints.length > 0 ? { hints } : {}),
      });
    });
  }
  return out;
}

/** What "Run it" runs unless the learner picks another: a public query reading identity, `messages:list` first. */
export function defaultFunction(fns: readonly ListedFunction[]): ListedFunction | undefined {
  const runnable = fns.filter((f) => f.visibility === 'public' && (f.kind === 'query' || f.kind === 'mutation'));
  return (
    runnable.find((f) => f.path === 'messages:list') ??
    runnable.find((f) => f.kind === 'query' && f.readsIdentity) ??
    runnable.find((f) => f.kind === 'query') ??
    runnable[0]
  );
}
