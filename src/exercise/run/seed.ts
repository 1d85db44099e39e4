// Rows written as user A and user B through the project's own mutations, public and internal (an app often fills
// its users table from Clerk's webhook through an internal mutation), so that answers can be read for whose data
// they hold. A mutation that needs a row of another table (a users row, a post to comment on) succeeds on a later
// pass, once another mutation wrote one. Mutations named for deleting or resetting are left out. Every table is
// compared before and after each call (the runner does it), and a row counts as the user's when it appeared
// during a call made as them.
import { DESTRUCTIVE, seedArgs } from './attackArgs';
import type { Owner } from './ownerData';
import type { LoadedFunction, RunIdentity } from './protocol';
import type { CallOutcome } from './runner';

export interface SeedRunner {
  call(
    kind: 'query' | 'mutation' | 'action',
    path: string,
    args: unknown,
    identity: RunIdentity | null,
    changes?: boolean,
  ): Promise<CallOutcome>;
}

export interface Seeded {
  /** The mutations that wrote rows, in the order they first did. */
  via: string[];
  /** What was tried and why it wrote nothing, one line each. */
  tried: string[];
  /** Set when the runner stopped (a limit): the seeding ended there. */
  stopped?: string;
}

const PASSES = 3;
const PER_OWNER = 2;
const MAX_CANDIDATES = 16;
const USERS_FIRST = /user|account|profile|member|store|upsert|sync|ensure|onboard/i;
const WRITERS = /^(send|add|create|insert|post|new|save|write|store|upsert|submit|make|start)/i;

function rank(f: LoadedFunction, preferModule: string): number {
  const [module, name = ''] = f.path.split(':');
  return (
    (USERS_FIRST.test(f.path) ? 0 : 4) +
    (module === preferModule ? 0 : 2) +
    (WRITERS.test(name) ? 0 : 1) +
    (f.visibility === 'public' ? 0 : 0.5)
  );
}

/** Writes rows as `owners` (A first) through the project's mutations; fills each owner's `rows`. */
export async function seedRows(
  runner: SeedRunner,
  functions: readonly LoadedFunction[],
  owners: readonly Owner[],
  preferModule: string,
): Promise<Seeded> {
  const candidates = functions
    .filter((f) => f.kind === 'mutation' && !DESTRUCTIVE.test(f.path.split(':')[1] ?? ''))
    .sort((a, b) => rank(a, preferModule) - rank(b, preferModule) || (a.path < b.path ? -1 : 1))
    .slice(0, MAX_CANDIDATES);
  const out: Seeded = { via: [], tried: [] };
  const done = new Set<string>();
  const why = new Map<string, string>();
  const counters = new Map<Owner, number>();
  for (let pass = 0; pass < PASSES; pass++) {
    let progress = false;
    for (const fn of candidates) {
      if (done.has(fn.path)) continue;
      let wrote = 0;
      for (const owner of owners) {
        for (let n = 1; n <= PER_OWNER; n++) {
          const built = seedArgs(fn.args, {
            owner,
            n,
            internal: fn.visibility === 'internal',
            nextNumber: () => {
              const k = (counters.get(owner) ?? 0) + 1;
              counters.set(owner, k);
              const value = (owner.who === 'A' ? 7301.25 : 8402.75) + k * 10;
              owner.numbers.push(value);
              return value;
            },
          });
          if ('missing' in built) {
            why.set(fn.path, built.missing);
            break;
          }
          const result = await runner.call('mutation', fn.path, built.args, owner.identity, true);
          if (!result.ok && (result.kind === 'limit' || result.kind === 'memory')) {
            out.stopped = `${fn.path}: ${result.message}`;
            return finish(out, candidates, done, why);
          }
          if (!result.ok) {
            why.set(fn.path, `it threw for ${owner.user.name}: ${result.message}`);
            break;
          }
          const changes = result.changes;
          if (!changes || 'unknown' in changes) {
            why.set(
              fn.path,
              changes ? `what it wrote could not be read: ${changes.unknown}` : 'what it wrote could not be read',
            );
            break;
          }
          owner.rows.push(...changes.inserted);
          wrote += changes.inserted.length;
          // A mutation that only updates (an upsert on its second call) wrote once: no need to call it again.
          if (changes.inserted.length === 0) break;
        }
      }
      if (wrote > 0) {
        done.add(fn.path);
        out.via.push(fn.path);
        progress = true;
      } else if (!why.has(fn.path)) why.set(fn.path, 'it wrote no row of a table the exercise can read');
    }
    if (!progress) break;
  }
  return finish(out, candidates, done, why);
}

function finish(
  out: Seeded,
  candidates: readonly LoadedFunction[],
  done: ReadonlySet<string>,
  why: ReadonlyMap<string, string>,
): Seeded {
  for (const fn of candidates)
    if (!done.has(fn.path) && why.has(fn.path)) out.tried.push(`${fn.path}: ${why.get(fn.path)}`);
  return out;
}
