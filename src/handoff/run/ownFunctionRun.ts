// The exercise's second half: the learner's own function, three times (anonymous, user A, user B), through a
// real client to the Convex stand-in, which checks each token with Convex's rules and runs the function in the
// runner's child process with the identity Convex would derive. Rows written by the learner's own mutations as
// A and as B come first, so each answer can be read for whose rows it holds.
import { startConvexStandIn, type FunctionCallKind, type WireExchange } from '../convexStandIn';
import type { HandoffModel, SampleUser } from '../types';
import { defaultFunction, type ListedFunction } from './listFunctions';
import type { LoadedFunction, RunIdentity } from './protocol';
import type { CallOutcome, LoadOutcome } from './runner';
import { argsFor, seedMarker } from './seedArgs';

/** What the exercise needs of the runner (FunctionRunner in the extension). */
export interface Runner {
  load(projectDir: string, functionsDir: string): Promise<LoadOutcome>;
  call(kind: FunctionCallKind, path: string, args: unknown, identity: RunIdentity | null): Promise<CallOutcome>;
  rows(): Promise<Record<string, unknown[]>>;
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

export type CallerId = 'anonymous' | 'A' | 'B';

export interface SeedRow {
  table: string;
  id: string;
  owner: 'A' | 'B';
  marker: string;
}

export interface OwnCall {
  caller: CallerId;
  user?: SampleUser;
  /** The request and response as they crossed the wire (the last exchange for this call). */
  exchange?: WireExchange;
  /** What the real client returned or threw. */
  client: { ok: true; value: unknown } | { ok: false; error: string };
  /** Seeded rows found in the answer, by owner. */
  returned: { A: number; B: number };
  verdict: 'pass' | 'fail';
  message: string;
}

export type OwnRunResult =
  | {
      status: 'ran';
      fn: { path: string; kind: FunctionCallKind };
      users: { A: SampleUser; B: SampleUser };
      identities: { A: RunIdentity; B: RunIdentity };
      seeded: { via?: string; rows: SeedRow[]; note: string };
      calls: OwnCall[];
      passed: boolean;
      /** When it did not pass: the lesson's mistakes seen in the function's text, which explain the answers. */
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
  /** Read from source; the run checks it against what loading found. */
  listed: readonly ListedFunction[];
  /** "module:name"; the default function when absent. */
  pick?: string;
}

const SEED_NAMES = /^(send|add|create|insert|post|new|save|write)/i;
const PER_USER = 2;

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function convexRunCommand(path: string, args: Record<string, unknown>, identity: RunIdentity): string {
  return `npx convex run ${path} ${shellQuote(JSON.stringify(args))} --identity ${shellQuote(JSON.stringify(identity))}`;
}

function docId(doc: unknown): string | undefined {
  const id = (doc as { _id?: unknown } | null)?._id;
  return typeof id === 'string' ? id : undefined;
}

function allIds(rows: Record<string, unknown[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [table, docs] of Object.entries(rows))
    for (const d of docs) {
      const id = docId(d);
      if (id) out.set(id, table);
    }
  return out;
}

/** Seeded rows present in a value: by `_id` anywhere in it, or by the owner's marker in any string. */
export function rowsIn(value: unknown, seeded: readonly SeedRow[]): { A: number; B: number } {
  const text = JSON.stringify(value ?? null);
  const count = { A: 0, B: 0 };
  for (const row of seeded) if (text.includes(JSON.stringify(row.id)) || text.includes(row.marker)) count[row.owner]++;
  return count;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 of Bob Okafor's messages": the table's name stands for its rows. */
function ofWhose(n: number, user: SampleUser, tables: string[]): string {
  return `${n} of ${user.name}'s ${tables.length === 1 ? tables[0] : 'rows'}`;
}

async function seed(
  opts: OwnRunOptions,
  functions: LoadedFunction[],
  fn: LoadedFunction,
  users: { A: SampleUser; B: SampleUser },
  identities: { A: RunIdentity; B: RunIdentity },
): Promise<{ via?: string; rows: SeedRow[]; note: string }> {
  const module = fn.path.split(':')[0];
  const candidates = functions
    .filter((f) => f.kind === 'mutation' && f.visibility === 'public' && f.path !== fn.path)
    .sort((a, b) => rank(a) - rank(b));
  function rank(f: LoadedFunction): number {
    return (f.path.startsWith(`${module}:`) ? 0 : 2) + (SEED_NAMES.test(f.path.split(':')[1] ?? '') ? 0 : 1);
  }
  const tried: string[] = [];
  for (const m of candidates) {
    const rows: SeedRow[] = [];
    let failed: string | undefined;
    for (const owner of ['A', 'B'] as const) {
      for (let n = 1; n <= PER_USER && !failed; n++) {
        const marker = seedMarker(users[owner].name, n);
        const args = argsFor(m.args, marker);
        if (!args) {
          failed = 'its arguments need values the exercise cannot make up (an id, bytes or int64)';
          break;
        }
        // A runner stopped by its limits answers nothing more: the seeding just ends without rows.
        const before = allIds(await opts.runner.rows().catch(() => ({})));
        const out = await opts.runner.call('mutation', m.path, args, identities[owner]);
        if (!out.ok) {
          failed = `it threw for ${users[owner].name}: ${out.message}`;
          break;
        }
        for (const [id, table] of allIds(await opts.runner.rows().catch(() => ({}))))
          if (!before.has(id)) rows.push({ table, id, owner, marker });
      }
    }
    if (!failed && rows.some((r) => r.owner === 'A') && rows.some((r) => r.owner === 'B')) {
      return {
        via: m.path,
        rows,
        note: `${m.path} ran ${PER_USER} times as ${users.A.name} and ${PER_USER} times as ${users.B.name} and wrote ${plural(rows.length, 'row')}.`,
      };
    }
    tried.push(`${m.path}: ${failed ?? 'it wrote no row the schema lists'}`);
  }
  return {
    rows: [],
    note:
      candidates.length === 0
        ? "No public mutation to write rows as A and B with (e.g. a send that inserts the caller's row), so there is nothing to tell their data apart."
        : `No mutation wrote rows as both users: ${tried.join('; ')}.`,
  };
}

function judge(
  caller: CallerId,
  fn: { kind: FunctionCallKind; path: string },
  client: OwnCall['client'],
  returned: { A: number; B: number },
  seeded: SeedRow[],
  users: { A: SampleUser; B: SampleUser },
  tables: string[],
  wrote: number,
): { verdict: 'pass' | 'fail'; message: string } {
  const own = { A: seeded.filter((r) => r.owner === 'A').length, B: seeded.filter((r) => r.owner === 'B').length };
  if (caller === 'anonymous') {
    if (!client.ok)
      return {
        verdict: 'pass',
        message: `Refused the anonymous caller (it threw: ${client.error}). Nothing was returned.`,
      };
    const leaked = returned.A + returned.B;
    if (leaked > 0) {
      const parts = (['A', 'B'] as const)
        .filter((o) => returned[o] > 0)
        .map((o) => ofWhose(returned[o], users[o], tables));
      return { verdict: 'fail', message: `Your function returned ${parts.join(' and ')} to an anonymous caller.` };
    }
    if (fn.kind === 'mutation' && wrote > 0)
      return { verdict: 'fail', message: `Your mutation wrote ${plural(wrote, 'row')} for an anonymous caller.` };
    return { verdict: 'pass', message: 'Nothing for the anonymous caller.' };
  }
  const me = users[caller];
  const other: 'A' | 'B' = caller === 'A' ? 'B' : 'A';
  if (!client.ok)
    return { verdict: 'fail', message: `Your function threw for ${me.name}, who is signed in: ${client.error}` };
  if (returned[other] > 0)
    return {
      verdict: 'fail',
      message: `Your function returned ${ofWhose(returned[other], users[other], tables)} to ${me.name}.`,
    };
  if (fn.kind === 'mutation')
    return {
      verdict: 'pass',
      message: `It ran for ${me.name}${wrote > 0 ? ` and wrote ${plural(wrote, 'row')}` : ''}.`,
    };
  if (seeded.length === 0)
    return {
      verdict: 'fail',
      message: 'No rows were written as A and B, so this answer cannot show whose data it holds.',
    };
  if (returned[caller] === 0)
    return {
      verdict: 'fail',
      message: `Your function returned none of ${me.name}'s ${plural(own[caller], 'row')} to ${me.name}.`,
    };
  return { verdict: 'pass', message: `Only ${me.name}'s rows: ${returned[caller]} of ${own[caller]}.` };
}

function stoppedMessage(o: Extract<CallOutcome, { ok: false }>): string {
  switch (o.kind) {
    case 'limit':
      return `Stopped by the runner: ${o.message}`;
    case 'network':
      return `Your function tried to reach the network, which the exercise does not allow: ${o.message}`;
    case 'unsupported':
      return `Your function needs something the exercise's in-memory backend does not offer: ${o.message}`;
    default:
      return o.message;
  }
}

export async function runOwnFunction(opts: OwnRunOptions): Promise<OwnRunResult> {
  const loaded = await opts.runner.load(opts.projectDir, opts.functionsDir);
  if (!loaded.ok) return { status: 'not-run', reason: loaded.kind, message: loaded.message };
  const functions = loaded.functions;
  const listed = opts.listed.filter((l) => functions.some((f) => f.path === l.path));
  const pickedPath =
    opts.pick ??
    defaultFunction(listed.length > 0 ? listed : functions.map((f) => ({ ...f, readsIdentity: false })))?.path;
  const fn = functions.find((f) => f.path === pickedPath);
  if (!fn)
    return {
      status: 'not-run',
      reason: 'no-function',
      message: pickedPath
        ? `${pickedPath} is not a function your convex/ folder exports.`
        : 'Your convex/ folder exports no public query or mutation to run.',
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
  const seeded = await seed(opts, functions, fn, users, identities);
  const tables = [...new Set(seeded.rows.map((r) => r.table))];
  const args = argsFor(fn.args, seedMarker('the exercise', 0)) ?? {};

  let last: CallOutcome | undefined;
  const standIn = await startConvexStandIn({
    authenticate: (h) => opts.model.authenticate(h),
    run: async (k, path, a, identity) => (last = await opts.runner.call(k, path, a, identity)),
  });
  const calls: OwnCall[] = [];
  try {
    for (const caller of ['anonymous', 'A', 'B'] as const) {
      last = undefined;
      const before = kind === 'mutation' ? allIds(await opts.runner.rows().catch(() => ({}))) : undefined;
      const client = await opts.client(
        standIn.url,
        caller === 'anonymous' ? undefined : tokens[caller],
        kind,
        fn.path,
        args,
      );
      const after = before ? allIds(await opts.runner.rows().catch(() => ({}))) : undefined;
      const wrote = before && after ? [...after.keys()].filter((id) => !before.has(id)).length : 0;
      const exchange = standIn.exchanges().at(-1);
      const returned = client.ok ? rowsIn(client.value, seeded.rows) : { A: 0, B: 0 };
      const outcome = last as CallOutcome | undefined;
      const stopped = outcome && !outcome.ok && outcome.kind !== 'function' ? outcome : undefined;
      calls.push({
        caller,
        ...(caller === 'anonymous' ? {} : { user: users[caller] }),
        ...(exchange ? { exchange } : {}),
        client,
        returned,
        ...(stopped
          ? { verdict: 'fail' as const, message: stoppedMessage(stopped) }
          : judge(caller, { kind, path: fn.path }, client, returned, seeded.rows, users, tables, wrote)),
      });
    }
  } finally {
    await standIn.close();
  }
  return {
    status: 'ran',
    fn: { path: fn.path, kind },
    users,
    identities,
    seeded,
    calls,
    functions,
    passed: calls.every((c) => c.verdict === 'pass'),
    hints: calls.every((c) => c.verdict === 'pass') ? [] : (opts.listed.find((l) => l.path === fn.path)?.hints ?? []),
    commands: (['A', 'B'] as const).map((c) => ({
      caller: c,
      command: convexRunCommand(fn.path, args, identities[c]),
    })),
  };
}
