// Whose data an answer holds. A user's data is what the exercise wrote as them (their rows: ids, the marked text
// and distinctive numbers it put in them, and whatever else the app stored there, such as a name copied from the
// identity) and who they are (subject, tokenIdentifier, email, name). An answer holds a user's data when any of it
// appears anywhere in the answer, whatever shape the function gave it: whole rows, mapped rows, a list of ids,
// one field. Values the caller itself passed as arguments do not count (a function may echo its arguments).
import type { SampleUser } from '../types';
import type { RowDoc, RunIdentity } from './protocol';

export type OwnerId = 'A' | 'B';

export interface Owner {
  who: OwnerId;
  user: SampleUser;
  identity: RunIdentity;
  /** Rows written while running as this user. */
  rows: RowDoc[];
  /** Numbers the exercise chose for this user's rows (unlikely to occur by chance). */
  numbers: number[];
}

export interface Found {
  /** This user's rows the answer holds (by id, marked text or a distinctive value). */
  rows: RowDoc[];
  /** Which of who they are the answer holds: "subject", "tokenIdentifier", "email", "name". */
  identity: string[];
}

/** Strings shorter than this are too common to say whose they are ("done", "public"). */
const MIN_DISTINCTIVE = 6;
const IDENTITY_FIELDS = ['subject', 'tokenIdentifier', 'email', 'name'] as const;

function stringsIn(v: unknown, out: Set<string>, depth = 0): Set<string> {
  if (depth > 64) return out;
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) stringsIn(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsIn(x, out, depth + 1);
  return out;
}

function numbersIn(v: unknown, out: Set<number>, depth = 0): Set<number> {
  if (depth > 64) return out;
  if (typeof v === 'number') out.add(v);
  else if (Array.isArray(v)) for (const x of v) numbersIn(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbersIn(x, out, depth + 1);
  return out;
}

function identityValues(o: Owner): Record<(typeof IDENTITY_FIELDS)[number], string | undefined> {
  return {
    subject: o.identity.subject,
    tokenIdentifier: o.identity.tokenIdentifier,
    email: typeof o.identity.email === 'string' ? o.identity.email : o.user.email,
    name: typeof o.identity.name === 'string' ? o.identity.name : o.user.name,
  };
}

/**
 * The distinctive strings of a row: its id and its text fields that no other user's data shares. Who the owner is
 * (their subject or token identifier stored in the row) is left to the identity check: an answer holding only
 * that holds the identity, not the row.
 */
function rowStrings(row: RowDoc, shared: ReadonlySet<string>, identity: ReadonlySet<string>): string[] {
  const out = [row.id];
  for (const s of stringsIn(row.doc, new Set()))
    if (s.length >= MIN_DISTINCTIVE && !shared.has(s) && !identity.has(s)) out.push(s);
  return out;
}

/** Every string some other user's data holds too (shared values, such as the issuer, say nothing about whose). */
export function sharedStrings(owners: readonly Owner[]): Set<string> {
  const seen = new Map<string, Set<OwnerId>>();
  for (const o of owners) {
    const mine = new Set<string>([
      ...stringsIn(
        o.rows.map((r) => r.doc),
        new Set(),
      ),
      ...Object.values(identityValues(o)).filter((s): s is string => typeof s === 'string'),
      o.identity.issuer,
    ]);
    for (const s of mine) {
      const who = seen.get(s) ?? new Set<OwnerId>();
      who.add(o.who);
      seen.set(s, who);
    }
  }
  const out = new Set<string>();
  for (const [s, who] of seen) if (who.size > 1) out.add(s);
  for (const o of owners) out.add(o.identity.issuer);
  return out;
}

function holds(answer: ReadonlySet<string>, value: string): boolean {
  if (answer.has(value)) return true;
  // Text built from the value ("Alice Martin: seed 1 of Alice Martin") still holds it; short values must match whole.
  if (value.length < 10) return false;
  for (const s of answer) if (s.length > value.length && s.includes(value)) return true;
  return false;
}

/** What of `owner`'s data `value` holds, leaving out anything the caller passed in `args`. */
export function findOwnerData(value: unknown, owner: Owner, shared: ReadonlySet<string>, args: unknown): Found {
  const passed = stringsIn(args, new Set());
  const passedNumbers = numbersIn(args, new Set());
  const answer = stringsIn(value, new Set());
  for (const s of passed) answer.delete(s);
  const numbers = numbersIn(value, new Set());
  for (const n of passedNumbers) numbers.delete(n);
  const ids = identityValues(owner);
  const who = new Set(Object.values(ids).filter((s): s is string => typeof s === 'string'));
  const rows = owner.rows.filter(
    (row) =>
      rowStrings(row, shared, who).some((s) => !passed.has(s) && holds(answer, s)) ||
      [...numbersIn(row.doc, new Set())].some((n) => owner.numbers.includes(n) && numbers.has(n)),
  );
  const identity = IDENTITY_FIELDS.filter((f) => {
    const v = ids[f];
    return v !== undefined && v.length >= MIN_DISTINCTIVE && !shared.has(v) && !passed.has(v) && holds(answer, v);
  });
  // The exercise's marked text names its owner: with their rows found, their name adds nothing.
  return { rows, identity: rows.length > 0 ? identity.filter((f) => f !== 'name') : [...identity] };
}

export function foundAny(f: Found): boolean {
  return f.rows.length > 0 || f.identity.length > 0;
}

/** Does a row written or changed by someone else claim to be `owner`'s (it holds their subject, token id or row ids)? */
export function claimsOwner(row: RowDoc, owner: Owner, shared: ReadonlySet<string>): boolean {
  const ids = identityValues(owner);
  const marks = [ids.subject, ids.tokenIdentifier, ...owner.rows.filter((r) => r.table === 'users').map((r) => r.id)];
  const inRow = stringsIn(row.doc, new Set());
  inRow.delete(row.id);
  return marks.some((m) => m !== undefined && !shared.has(m) && holds(inRow, m));
}

/** "2 of Alice Martin's notes", "Alice Martin's email": what was found, in words. */
export function describeFound(f: Found, owner: Owner): string {
  const parts: string[] = [];
  if (f.rows.length > 0) {
    const tables = [...new Set(f.rows.map((r) => r.table))];
    const total = owner.rows.filter((r) => tables.includes(r.table)).length;
    parts.push(`${f.rows.length} of the ${total} ${tables.join('/')} rows written as ${owner.user.name}`);
  }
  const words: Record<string, string> = {
    subject: 'user id (subject)',
    tokenIdentifier: 'tokenIdentifier',
    email: 'email address',
    name: 'name',
  };
  if (f.identity.length > 0) parts.push(`${owner.user.name}'s ${f.identity.map((i) => words[i] ?? i).join(', ')}`);
  return parts.join(' and ');
}
