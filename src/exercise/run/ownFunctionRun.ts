// The exercise's second half: the learner's own function, called as an attacker would call it. Rows are first
// written as user A and user B through the project's own mutations (seed.ts). Then, for each set of arguments an
// attacker would try (built from the function's validator with A's data where it hurts most, or the learner's own
// edited ones), the function is called anonymously, as B and as A, through the real ConvexHttpClient to the
// Convex stand-in, which checks each token with Convex's rules and runs the function in the runner's child with
// the identity Convex would derive. Each answer is read for whose data it holds, and each write compared table by
// table with what was there before (verdict.ts). "Could not tell" is a verdict of its own, never a pass.
import { startConvexStandIn, type FunctionCallKind, type WireExchange } from '../convexStandIn';
import type { HandoffModel, SampleUser } from '../types';
import { attackTemplates, resolveTemplate } from './attackArgs';
import { defaultFunction, type ListedFunction } from './listFunctions';
import { sharedStrings, type Owner } from './ownerData';
import type { LoadedFunction, RunIdentity } from './protocol';
import type { CallOutcome, LoadOutcome } from './runner';
import { seedRows } from './seed';
import { judgeCall, overall, withOwnerControl, type CallerId, type Judged, type Verdict } from './verdict';

/** What the exercise needs of the runner (FunctionRunner in the extension). */
export interface Runner {
  load(projectDir: string, functionsDir: string, tables?: readonly string[]): Promise<LoadOutcome>;
  call(
    kind: FunctionCallKind,
    path: string,
    args: unknown,
    identity: RunIdentity | null,
    changes?: boolean,
  ): Promise<CallOutcome>;
  close(): void;
}

/** A client sending one call to a deployment URL, with setAuth(token) when there is one (ConvexHttpClient). */
export type WireClient = (
  url: string,
  token: string | undefined,
  kind: FunctionCallKind,
  path: string,
  args: Record<string, unknown>,
) => Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;

export type { CallerId, Verdict };

export interface OwnCall extends Judged {
  caller: CallerId;
  user?: SampleUser;
  /** Which argument set (index into `argSets`). */
  set: number;
  /** The arguments as sent. */
  args: Record<string, unknown>;
  /** The request and response as they crossed the wire. */
  exchange?: WireExchange;
  /** What the real client returned or threw. */
  client: { ok: true; value: unknown } | { ok: false; error: string };
}

export interface ArgSet {
  label: string;
  /** The arguments with placeholders, as the panel shows them for editing. */
  template: Record<string, unknown>;
  /** Why this set could not be filled (it was not run). */
  missing?: string;
}

export type OwnRunResult =
  | {
      status: 'ran';
      fn: { path: string; kind: FunctionCallKind };
      users: { A: SampleUser; B: SampleUser };
      identities: { A: RunIdentity; B: RunIdentity };
      seeded: { via: string[]; rows: { A: number; B: number }; note: string };
      argSets: ArgSet[];
      calls: OwnCall[];
      verdict: Verdict;
      /** The walkthrough's step: a clean verdict (pass, and none of the lesson's mistakes in the function). */
      passed: boolean;
      /** The lesson's mistakes seen in the function's text (the analyzer's), which explain the answers. */
      hints: string[];
      /** The same call against the learner's own deployment, to run in their terminal. */
      commands: { caller: 'A' | 'B'; command: string }[];
      functions: LoadedFunction[];
    }
  | { status: 'not-run'; reason: string; message: string; functions?: LoadedFunction[] };

export interface OwnRunOptions {
  model: HandoffModel;
  runner: Runner;
  client: WireClient;
  projectDir: string;
  functionsDir: string;
  /** Read from source by the analyzer; the run checks it against what loading found. */
  listed: readonly ListedFunction[];
  /** Tables the source names besides the schema's (the analyzer's). */
  tables?: readonly string[];
  /** "module:name"; the default function when absent. */
  pick?: string;
  /** The learner's own arguments (JSON, placeholders allowed): one set instead of the attacker's. */
  args?: string;
  /** Environment variables the code reads at import that no local env file sets (named when loading fails). */
  missingEnv?: readonly string[];
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function convexRunCommand(path: string, args: Record<string, unknown>, identity: RunIdentity): string {
  return `npx convex run ${path} ${shellQuote(JSON.stringify(args))} --identity ${shellQuote(JSON.stringify(identity))}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function loadFailure(loaded: Extract<LoadOutcome, { ok: false }>, missingEnv: readonly string[]): string {
  if (loaded.kind === 'build' && missingEnv.length > 0 && /importing it threw/.test(loaded.message))
    return `${loaded.message}. Your code reads ${missingEnv.join(', ')} when it is imported, and no local env file (.env.local, .env) sets ${missingEnv.length === 1 ? 'it' : 'them'}: the exercise gives your code the variables of those files (their values are never shown), so set ${missingEnv.length === 1 ? 'it' : 'them'} there to run it here.`;
  return loaded.message;
}

function parseArgsText(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `Your arguments are not JSON: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'Your arguments must be a JSON object, e.g. {"id": "$A.row:notes"}.';
  return value as Record<string, unknown>;
}

export async function runOwnFunction(opts: OwnRunOptions): Promise<OwnRunResult> {
  const loaded = await opts.runner.load(opts.projectDir, opts.functionsDir, opts.tables ?? []);
  if (!loaded.ok)
    return { status: 'not-run', reason: loaded.kind, message: loadFailure(loaded, opts.missingEnv ?? []) };
  const functions = loaded.functions;
  const listed = opts.listed.filter((l) => functions.some((f) => f.path === l.path));
  const pickedPath =
    opts.pick ??
    defaultFunction(
      listed.length > 0
        ? listed
        : functions.map((f) => ({ path: f.path, kind: f.kind, visibility: f.visibility, readsIdentity: false })),
    )?.path;
  const fn = functions.find((f) => f.path === pickedPath);
  if (!fn)
    return {
      status: 'not-run',
      reason: 'no-function',
      message: pickedPath
        ? `${pickedPath} is not a function your convex/ folder exports.`
        : 'Your convex/ folder exports no public query, mutation or action to run.',
      functions,
    };
  if (fn.visibility === 'internal')
    return {
      status: 'not-run',
      reason: 'internal',
      message: `${fn.path} is internal: a client cannot call it, so there is no request to check.`,
      functions,
    };
  if (fn.kind === 'httpAction')
    return {
      status: 'not-run',
      reason: 'unsupported',
      message: `${fn.path} is an HTTP action: the exercise runs queries, mutations and actions, not HTTP routes.`,
      functions,
    };
  const kind: FunctionCallKind = fn.kind;
  let ownArgs: Record<string, unknown> | undefined;
  if (opts.args !== undefined) {
    const parsed = parseArgsText(opts.args);
    if (typeof parsed === 'string') return { status: 'not-run', reason: 'arguments', message: parsed, functions };
    ownArgs = parsed;
  }

  const users = { A: opts.model.users[0], B: opts.model.users[1] };
  const tokens = { A: await opts.model.mintValid(users.A.id), B: await opts.model.mintValid(users.B.id) };
  const identities = {} as { A: RunIdentity; B: RunIdentity };
  for (const who of ['A', 'B'] as const) {
    const auth = await opts.model.authenticate(`Bearer ${tokens[who]}`);
    if ('rejected' in auth || !auth.identity)
      return {
        status: 'not-run',
        reason: 'auth',
        message: `The exercise's own token for ${users[who].name} was refused: ${'rejected' in auth ? auth.rejected.message : 'no identity'}`,
        functions,
      };
    identities[who] = auth.identity;
  }
  const owners: { A: Owner; B: Owner } = {
    A: { who: 'A', user: users.A, identity: identities.A, rows: [], numbers: [] },
    B: { who: 'B', user: users.B, identity: identities.B, rows: [], numbers: [] },
  };
  const seeded = await seedRows(opts.runner, functions, [owners.A, owners.B], fn.path.split(':')[0]);
  const shared = sharedStrings([owners.A, owners.B]);
  const seedNote = seedingNote(seeded, owners);

  const templates = ownArgs ? [{ label: 'your arguments', args: ownArgs }] : attackTemplates(fn.args);
  const argSets: ArgSet[] = [];
  const resolved: (Record<string, unknown> | undefined)[] = [];
  for (const t of templates) {
    const r = resolveTemplate(t.args, owners);
    argSets.push({ label: t.label, template: t.args, ...('missing' in r ? { missing: r.missing } : {}) });
    resolved.push('args' in r ? r.args : undefined);
  }

  let last: CallOutcome | undefined;
  const standIn = await startConvexStandIn({
    authenticate: (h) => opts.model.authenticate(h),
    run: async (k, path, a, identity) => {
      last = await opts.runner.call(k, path, a, identity, k !== 'query');
      return last;
    },
  });
  const calls: OwnCall[] = [];
  try {
    // The attackers first, on every set; the owner last, so a mutation of theirs cannot remove what others target.
    const order: { caller: CallerId; set: number }[] = [];
    for (const caller of ['anonymous', 'B', 'A'] as const)
      resolved.forEach((args, set) => {
        if (args) order.push({ caller, set });
      });
    for (const { caller, set } of order) {
      const args = resolved[set] as Record<string, unknown>;
      last = undefined;
      const before = standIn.exchanges().at(-1);
      const client = await opts.client(
        standIn.url,
        caller === 'anonymous' ? undefined : tokens[caller],
        kind,
        fn.path,
        args,
      );
      const latest = standIn.exchanges().at(-1);
      const exchange = latest && latest.request !== before?.request ? latest : undefined;
      const outcome = last as CallOutcome | undefined;
      const judged = judgeCall(
        { caller, kind, args, client, ...(outcome ? { outcome } : {}), ...(exchange ? { exchange } : {}) },
        owners,
        shared,
      );
      calls.push({
        caller,
        ...(caller === 'anonymous' ? {} : { user: users[caller] }),
        set,
        args,
        ...(exchange ? { exchange } : {}),
        client,
        ...judged,
      });
    }
  } finally {
    await standIn.close();
  }
  const judged = withOwnerControl(calls).sort((x, y) => x.set - y.set || rankCaller(x.caller) - rankCaller(y.caller));
  const missing = argSets.filter((s) => s.missing).map((s) => s.missing as string);
  const verdict = overall([...judged.map((c) => c.verdict), ...missing.map(() => 'unknown' as const)]);
  const hints = opts.listed.find((l) => l.path === fn.path)?.hints ?? [];
  const firstArgs = resolved.find((a) => a !== undefined) ?? {};
  return {
    status: 'ran',
    fn: { path: fn.path, kind },
    users,
    identities,
    seeded: { via: seeded.via, rows: { A: owners.A.rows.length, B: owners.B.rows.length }, note: seedNote },
    argSets,
    calls: judged,
    verdict,
    passed: verdict === 'pass' && hints.length === 0,
    hints,
    commands: (['A', 'B'] as const).map((c) => ({
      caller: c,
      command: convexRunCommand(fn.path, firstArgs, identities[c]),
    })),
    functions,
  };
}

function rankCaller(c: CallerId): number {
  return c === 'anonymous' ? 0 : c === 'B' ? 1 : 2;
}

function seedingNote(s: Awaited<ReturnType<typeof seedRows>>, owners: { A: Owner; B: Owner }): string {
  const wrote = `${plural(owners.A.rows.length, 'row')} as ${owners.A.user.name} and ${plural(owners.B.rows.length, 'row')} as ${owners.B.user.name}`;
  if (s.stopped) return `Writing rows stopped: ${s.stopped}. Written before that: ${wrote}.`;
  if (s.via.length === 0)
    return s.tried.length === 0
      ? "No mutation to write rows as A and B with (e.g. a send that inserts the caller's row), so nobody's data can be recognised in the answers."
      : `No mutation wrote rows as A or B: ${s.tried.join('; ')}.`;
  return `${s.via.join(', ')} wrote ${wrote}.${s.tried.length > 0 ? ` Not used: ${s.tried.join('; ')}.` : ''}`;
}
