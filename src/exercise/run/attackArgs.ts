// Arguments built from a function's args validator (Convex's exportArgs JSON). Two uses:
// - seeding: concrete arguments to write rows as a user through the app's own mutations. Text carries a marker
//   naming its owner ("seed 2 of Alice Martin"), numbers are distinctive, a user-id argument is the user's own id,
//   an id argument is one of the user's own rows, and `v.any()` data of an internal mutation is a Clerk user
//   payload (how apps fill their users table from Clerk's webhook).
// - attacking: templates the panel shows and the learner may edit, with placeholders ("$A.subject",
//   "$A.row:notes", "$A.field:userId") for A's data where an attacker would put it; resolved after seeding.
import type { Owner } from './ownerData';

export interface ValidatorJson {
  type: string;
  value?: unknown;
  tableName?: string;
  keys?: unknown;
  values?: unknown;
}
type Fields = Record<string, { fieldType: ValidatorJson; optional: boolean }>;

/** Argument names where an app takes a user's id, email or token identifier. */
export const USERISH =
  /user|owner|author|creator|member|subject|clerk|account|uid|identity|token|sender|recipient|profile|email/i;
/** Mutations the exercise never seeds with: they delete or reset rather than write. */
export const DESTRUCTIVE = /delete|remove|clear|reset|destroy|purge|wipe|drop|ban|revoke|unsubscribe/i;
const PAYLOAD_NAMES = /^(data|user|payload|event|body|clerkUser)$/;
const PLACEHOLDER = /^\$(A|B)\.(subject|tokenIdentifier|email|name|row:[\w-]+|field:[\w$-]+)$/;

export type Built = { args: Record<string, unknown> } | { missing: string };

function isPagination(fields: Fields): boolean {
  return 'numItems' in fields && 'cursor' in fields;
}

/** A Clerk `user.created` payload's `data` for this user (the fields apps read from it). */
function clerkUserPayload(o: Owner): Record<string, unknown> {
  const [first, ...rest] = o.user.name.split(' ');
  const emailId = `idn_${o.user.id.slice(-12)}`;
  return {
    id: o.user.id,
    object: 'user',
    first_name: first,
    last_name: rest.join(' '),
    username: null,
    image_url: `https://img.clerk.com/${o.user.id}`,
    email_addresses: [{ id: emailId, email_address: o.user.email, object: 'email_address' }],
    primary_email_address_id: emailId,
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
  };
}

export interface SeedContext {
  owner: Owner;
  /** 1, 2: which call of this mutation for this owner (markers and numbers differ). */
  n: number;
  internal: boolean;
  /** A number no other call used, for this owner's rows. */
  nextNumber(): number;
}

/** Concrete arguments for writing a row as `ctx.owner`, or what could not be made. */
export function seedArgs(validator: unknown, ctx: SeedContext): Built {
  if (validator === undefined || validator === null) return { args: {} };
  const v = validator as ValidatorJson;
  if (v.type === 'any') return { args: {} };
  if (v.type !== 'object') return { missing: 'its args validator is not an object' };
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries((v.value ?? {}) as Fields)) {
    if (field.optional) continue;
    const value = seedValue(name, field.fieldType, ctx, 0);
    if ('missing' in value) return value;
    out[name] = value.value;
  }
  return { args: out };
}

function seedValue(
  name: string,
  v: ValidatorJson,
  ctx: SeedContext,
  depth: number,
): { value: unknown } | { missing: string } {
  if (depth > 16) return { missing: `${name} is nested too deeply` };
  const o = ctx.owner;
  switch (v.type) {
    case 'string':
      if (/email/i.test(name)) return { value: o.user.email };
      if (USERISH.test(name)) return { value: o.user.id };
      return { value: `seed ${ctx.n} of ${o.user.name}` };
    case 'any':
      if (ctx.internal && PAYLOAD_NAMES.test(name)) return { value: clerkUserPayload(o) };
      return { value: `seed ${ctx.n} of ${o.user.name}` };
    case 'number':
    case 'float64':
      return { value: ctx.nextNumber() };
    case 'boolean':
      return { value: true };
    case 'null':
      return { value: null };
    case 'literal':
      return { value: v.value };
    case 'array':
      return { value: [] };
    case 'record':
      return { value: {} };
    case 'id': {
      const row = o.rows.find((r) => r.table === v.tableName);
      return row
        ? { value: row.id }
        : { missing: `${name} needs an id of a ${v.tableName ?? ''} row written as ${o.user.name}` };
    }
    case 'object': {
      const fields = (v.value ?? {}) as Fields;
      if (isPagination(fields)) return { value: { numItems: 100, cursor: null } };
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(fields)) {
        if (f.optional) continue;
        const inner = seedValue(k, f.fieldType, ctx, depth + 1);
        if ('missing' in inner) return inner;
        out[k] = inner.value;
      }
      return { value: out };
    }
    case 'union': {
      const members = (v.value ?? []) as ValidatorJson[];
      let missing: { missing: string } | undefined;
      for (const m of [...members.filter((x) => x.type !== 'null'), ...members.filter((x) => x.type === 'null')]) {
        const inner = seedValue(name, m, ctx, depth + 1);
        if (!('missing' in inner)) return inner;
        missing ??= inner;
      }
      return missing ?? { missing: `${name} is an empty union` };
    }
    default:
      return { missing: `${name} needs a value of type ${v.type} (the exercise makes no ${v.type} values)` };
  }
}

// ------------------------------------------------------------------------------------------------------------
// Attack templates

export interface Template {
  /** What this set of arguments tries, in words. */
  label: string;
  args: Record<string, unknown>;
}

interface TemplateOptions {
  optionals: boolean;
  userField: 'field' | 'tokenIdentifier';
}

function templateValue(name: string, v: ValidatorJson, opts: TemplateOptions, depth: number): unknown {
  if (depth > 16) return undefined;
  switch (v.type) {
    case 'string':
      if (USERISH.test(name)) return opts.userField === 'tokenIdentifier' ? '$A.tokenIdentifier' : `$A.field:${name}`;
      return `$A.field:${name}`;
    case 'any':
      return USERISH.test(name) ? '$A.subject' : `$A.field:${name}`;
    case 'number':
    case 'float64':
      return 10;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'literal':
      return v.value;
    case 'array':
      return [];
    case 'record':
      return {};
    case 'id':
      return `$A.row:${v.tableName ?? ''}`;
    case 'object': {
      const fields = (v.value ?? {}) as Fields;
      if (isPagination(fields)) return { numItems: 10, cursor: null };
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(fields)) {
        if (f.optional && !opts.optionals) continue;
        const inner = templateValue(k, f.fieldType, opts, depth + 1);
        if (inner !== undefined) out[k] = inner;
      }
      return out;
    }
    case 'union': {
      const members = (v.value ?? []) as ValidatorJson[];
      const first = members.find((m) => m.type !== 'null') ?? members[0];
      return first ? templateValue(name, first, opts, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function hasUserish(fields: Fields, optionals: boolean): boolean {
  return Object.entries(fields).some(
    ([k, f]) => (optionals || !f.optional) && USERISH.test(k) && ['string', 'union', 'any'].includes(f.fieldType.type),
  );
}

/** The argument sets an attacker would try, most likely first (at most three). */
export function attackTemplates(validator: unknown): Template[] {
  const v = validator as ValidatorJson | undefined;
  if (!v || v.type !== 'object') return [{ label: 'no arguments', args: {} }];
  const fields = (v.value ?? {}) as Fields;
  const make = (opts: TemplateOptions): Record<string, unknown> =>
    (templateValue('', v, opts, 0) ?? {}) as Record<string, unknown>;
  const out: Template[] = [
    { label: "the required arguments, with A's data in them", args: make({ optionals: false, userField: 'field' }) },
  ];
  if (hasUserish(fields, false))
    out.push({
      label: "A's tokenIdentifier as the user argument",
      args: make({ optionals: false, userField: 'tokenIdentifier' }),
    });
  if (Object.values(fields).some((f) => f.optional))
    out.push({
      label: "every optional argument too, with A's data",
      args: make({ optionals: true, userField: 'field' }),
    });
  const seen = new Set<string>();
  return out.filter((t) => {
    const key = JSON.stringify(t.args);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Replaces the placeholders of a template with `owners`' data; says which one could not be filled. */
export function resolveTemplate(template: unknown, owners: { A: Owner; B: Owner }): Built {
  let missing: string | undefined;
  const fill = (v: unknown, depth: number): unknown => {
    if (depth > 32) return v;
    if (typeof v === 'string') {
      const m = PLACEHOLDER.exec(v);
      if (!m) return v;
      const o = owners[m[1] as 'A' | 'B'];
      const what = m[2];
      if (what === 'subject') return o.identity.subject;
      if (what === 'tokenIdentifier') return o.identity.tokenIdentifier;
      if (what === 'email') return o.user.email;
      if (what === 'name') return o.user.name;
      if (what.startsWith('row:')) {
        const table = what.slice(4);
        const row = o.rows.find((r) => r.table === table);
        if (!row) missing ??= `no ${table} row was written as ${o.user.name}, so ${v} has no value`;
        return row?.id ?? v;
      }
      // From the last row that has the field (a row id placeholder takes the first): an update aimed at A's first
      // row with A's other text changes it, where its own text would change nothing.
      const field = what.slice(6);
      for (const r of [...o.rows].reverse()) {
        const value = r.doc[field];
        if (typeof value === 'string' || typeof value === 'number') return value;
      }
      if (USERISH.test(field)) return o.identity.subject;
      // No row has a field of that name: A's own text, as an attacker searching or copying A's data would type it.
      return longestText(o) ?? 'exercise';
    }
    if (Array.isArray(v)) return v.map((x) => fill(x, depth + 1));
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, depth + 1)]));
    return v;
  };
  const args = fill(template, 0);
  if (missing) return { missing };
  if (!args || typeof args !== 'object' || Array.isArray(args)) return { missing: 'the arguments must be an object' };
  return { args: args as Record<string, unknown> };
}

/** The longest text field of the user's last rows that is not an id or who they are (their marked text). */
function longestText(o: Owner): string | undefined {
  const who = new Set([o.identity.subject, o.identity.tokenIdentifier, o.user.email, o.user.name]);
  let best: string | undefined;
  for (const r of [...o.rows].reverse())
    for (const [k, v] of Object.entries(r.doc))
      if (typeof v === 'string' && !k.startsWith('_') && !who.has(v) && v.length > (best?.length ?? 0)) best = v;
  return best;
}
