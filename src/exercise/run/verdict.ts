// The verdict on one call of the learner's function, as an attacker reads it. Anonymous and B are the attackers,
// A the owner whose data they go after (and A, in turn, must not get B's). A call fails when the caller got or
// changed someone else's data; it passes when it did not and that says something; otherwise the exercise cannot
// tell, and says why: the runner stopped it, the arguments did not fit the validator, the rows after it could not
// be read, nothing was written as the other user to recognise, or the owner's own call threw too (so an
// attacker's refusal shows nothing). Returning no user data is not a failure.
import type { WireExchange } from '../convexStandIn';
import { claimsOwner, describeFound, findOwnerData, foundAny, type Found, type Owner, type OwnerId } from './ownerData';
import type { RowChanges } from './protocol';
import type { CallOutcome } from './runner';

export type Verdict = 'pass' | 'fail' | 'unknown';
export type CallerId = 'anonymous' | OwnerId;

export interface Judged {
  verdict: Verdict;
  message: string;
  /** A's and B's data found in the answer. */
  found: { A: Found; B: Found };
}

export interface CallFacts {
  caller: CallerId;
  kind: 'query' | 'mutation' | 'action';
  args: Record<string, unknown>;
  /** What the real client returned or threw. */
  client: { ok: true; value: unknown } | { ok: false; error: string };
  /** What the runner said (undefined when the request never reached the function). */
  outcome?: CallOutcome;
  exchange?: WireExchange;
}

const NONE: Found = { rows: [], identity: [] };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function stopped(o: CallOutcome | undefined): string | undefined {
  if (!o || o.ok) return undefined;
  switch (o.kind) {
    case 'limit':
    case 'memory':
      return `Stopped by the runner: ${o.message}`;
    case 'too-large':
      return o.message;
    case 'network':
      return `It tried to reach the network, which the exercise does not allow: ${o.message}`;
    case 'unsupported':
      return `It needs something the exercise's in-memory backend does not offer: ${o.message}`;
    case 'setup':
      return `The runner failed: ${o.message}`;
    default:
      return undefined;
  }
}

function whoName(caller: CallerId, owners: { A: Owner; B: Owner }): string {
  return caller === 'anonymous' ? 'an anonymous caller' : owners[caller].user.name;
}

/** What a write did to other users' data: rows of theirs changed or deleted, rows written in their name. */
function writesAgainst(
  changes: Extract<RowChanges, { inserted: unknown }>,
  victim: Owner,
  shared: ReadonlySet<string>,
): string[] {
  const theirs = new Set(victim.rows.map((r) => r.id));
  const out: string[] = [];
  const changed = changes.modified.filter((m) => theirs.has(m.before.id));
  const deleted = changes.deleted.filter((d) => theirs.has(d.id));
  const forged = [...changes.inserted, ...changes.modified.map((m) => m.after)].filter(
    (r) => !theirs.has(r.id) && claimsOwner(r, victim, shared),
  );
  if (changed.length > 0) out.push(`changed ${plural(changed.length, 'row')} written as ${victim.user.name}`);
  if (deleted.length > 0) out.push(`deleted ${plural(deleted.length, 'row')} written as ${victim.user.name}`);
  if (forged.length > 0) out.push(`wrote ${plural(forged.length, 'row')} in ${victim.user.name}'s name`);
  return out;
}

export function judgeCall(f: CallFacts, owners: { A: Owner; B: Owner }, shared: ReadonlySet<string>): Judged {
  const found = f.client.ok
    ? {
        A: findOwnerData(f.client.value, owners.A, shared, f.args),
        B: findOwnerData(f.client.value, owners.B, shared, f.args),
      }
    : { A: NONE, B: NONE };
  const who = whoName(f.caller, owners);
  const victims: Owner[] = f.caller === 'anonymous' ? [owners.A, owners.B] : [owners[f.caller === 'A' ? 'B' : 'A']];
  const halt = stopped(f.outcome);
  if (halt) return { verdict: 'unknown', message: halt, found };
  if (f.outcome && !f.outcome.ok && f.outcome.kind === 'arguments')
    return {
      verdict: 'unknown',
      message: `The arguments do not fit the function's validator, so it never ran: ${f.outcome.message}. Edit the arguments and run it again.`,
      found,
    };
  if (!f.outcome && !f.client.ok && f.caller !== 'anonymous')
    return {
      verdict: 'unknown',
      message: `The request never reached your function (Convex refused it): ${f.client.error}`,
      found,
    };

  // What it did to the data (mutations and actions), whether or not it then threw (an action's writes stay).
  const changes = f.outcome?.changes;
  if (f.kind !== 'query') {
    if (!changes || 'unknown' in changes)
      return {
        verdict: 'unknown',
        message: `What it wrote could not be read${changes ? `: ${changes.unknown}` : ''}, so whether it touched someone else's data is unknown.`,
        found,
      };
    if (f.caller === 'anonymous') {
      const n = changes.inserted.length + changes.modified.length + changes.deleted.length;
      if (n > 0)
        return {
          verdict: 'fail',
          message: `Your ${f.kind} changed ${plural(n, 'row')} for an anonymous caller (${changes.inserted.length} written, ${changes.modified.length} changed, ${changes.deleted.length} deleted).`,
          found,
        };
    } else {
      const against = victims.flatMap((v) => writesAgainst(changes, v, shared));
      if (against.length > 0)
        return { verdict: 'fail', message: `Called by ${who}, your ${f.kind} ${against.join(' and ')}.`, found };
    }
  }

  if (!f.client.ok) {
    if (f.caller === 'A')
      return {
        verdict: 'unknown',
        message: `It threw for ${who}, the owner of the data, with their own data: ${f.client.error}. So what it does for others shows nothing either.`,
        found,
      };
    if (f.caller === 'B' && owners.B.rows.length === 0 && owners.A.rows.length > 0)
      return {
        verdict: 'unknown',
        message: `It threw for ${who} (${f.client.error}), but nothing was written as ${who}: an app that needs a row of theirs first (a users row) refuses them for that alone, so this shows nothing.`,
        found,
      };
    return { verdict: 'pass', message: `Refused ${who} (it threw: ${f.client.error}). Nothing was returned.`, found };
  }

  const leaks = victims
    .map((v) => ({ v, got: found[v.who] }))
    .filter((x) => foundAny(x.got))
    .map((x) => describeFound(x.got, x.v));
  if (leaks.length > 0)
    return { verdict: 'fail', message: `Your function returned ${leaks.join(' and ')} to ${who}.`, found };

  const recognisable = victims.every((v) => v.rows.length > 0);
  if (f.kind === 'query' && !recognisable)
    return {
      verdict: 'unknown',
      message: `Nothing was written as ${victims
        .filter((v) => v.rows.length === 0)
        .map((v) => v.user.name)
        .join(' or ')}, so an answer without their rows shows nothing.`,
      found,
    };
  if (f.caller === 'anonymous')
    return { verdict: 'pass', message: "Nothing of A's or B's data for the anonymous caller.", found };
  const me = owners[f.caller];
  const other = victims[0].user.name;
  if (f.kind !== 'query' && changes && !('unknown' in changes)) {
    const n = changes.inserted.length + changes.modified.length;
    return {
      verdict: 'pass',
      message: `It ran for ${me.user.name}${n > 0 ? ` and wrote ${plural(n, 'row')}` : ''}; nothing of ${other}'s was read or changed.`,
      found,
    };
  }
  const own = found[f.caller];
  const ownData =
    own.rows.length > 0
      ? `${own.rows.length} of the ${plural(me.rows.length, 'row')} written as them`
      : own.identity.length > 0
        ? 'who they are'
        : undefined;
  return {
    verdict: 'pass',
    message: ownData
      ? `Only ${me.user.name}'s own data (${ownData}), nothing of ${other}'s.`
      : `Nothing of ${other}'s data for ${me.user.name} (and none of their own: no user data).`,
    found,
  };
}

/**
 * An attacker's refusal counts only when the owner's call with the same arguments got through: when it threw for
 * A as well, it says nothing about who may call it.
 */
export function withOwnerControl<T extends { caller: CallerId; set: number; client: CallFacts['client'] } & Judged>(
  calls: T[],
): T[] {
  return calls.map((c) => {
    if (c.caller === 'A' || c.verdict !== 'pass' || c.client.ok) return c;
    // After an attacker's leak in the same set the owner's call meets changed data: it controls nothing then.
    if (calls.some((o) => o.set === c.set && o.caller !== 'A' && o.verdict === 'fail')) return c;
    const owner = calls.find((o) => o.caller === 'A' && o.set === c.set);
    if (!owner || owner.client.ok) return c;
    return {
      ...c,
      verdict: 'unknown' as const,
      message: `${c.message} But it threw for A too, with A's own data (${owner.client.error}), so this refusal shows nothing.`,
    };
  });
}

/** The function's verdict: any failure fails it; otherwise any unknown makes it unknown. */
export function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.length === 0 || verdicts.includes('unknown')) return 'unknown';
  return 'pass';
}
