// What `ctx.auth.getUserIdentity()` returns for a token Convex accepts (an OIDC provider's), field by field as the
// backend builds it: convex-backend crates/keybroker/src/broker.rs:548-637 (`UserIdentity::from_token`) picks the
// fields, crates/convex/sync_types/src/types/json.rs:866-1003 turns them into the JSON the function receives. One
// implementation: the exercise's server hands this object to the learner's function, and the token panel shows it.
import {
  BOOLEAN_CLAIMS,
  ID_TOKEN_FIELDS,
  LOCALIZED_CLAIMS,
  PLAIN_STRING_CLAIMS,
  oidcTimestampMs,
  splitLanguageTag,
} from './oidcIdToken';
import type { DisplayBuilder } from './display';
import { MAX_SHOWN_CLAIMS } from './limits';
import { own } from './own';

/**
 * The profile fields in the order `UserIdentityAttributesJson` declares them (json.rs:866-912), each with the claim
 * it comes from (broker.rs:612-632) and how that claim is read.
 */
export const PROFILE_FIELDS: readonly (readonly [claim: string, field: string, kind: 'localized' | 'plain'])[] = [
  ['name', 'name', 'localized'],
  ['given_name', 'givenName', 'localized'],
  ['family_name', 'familyName', 'localized'],
  ['nickname', 'nickname', 'localized'],
  ['preferred_username', 'preferredUsername', 'plain'],
  ['profile', 'profileUrl', 'localized'],
  ['picture', 'pictureUrl', 'localized'],
  ['website', 'websiteUrl', 'localized'],
  ['email', 'email', 'plain'],
  ['email_verified', 'emailVerified', 'plain'],
  ['gender', 'gender', 'plain'],
  ['birthdate', 'birthday', 'plain'],
  ['zoneinfo', 'timezone', 'plain'],
  ['locale', 'language', 'plain'],
  ['phone_number', 'phoneNumber', 'plain'],
  ['phone_number_verified', 'phoneNumberVerified', 'plain'],
  ['address', 'address', 'plain'],
  ['updated_at', 'updatedAt', 'plain'],
];

/** Standard claims openidconnect takes for itself (any language tag for the localized ones), src/claims.rs:166-191. */
const LOCALIZED = new Set(LOCALIZED_CLAIMS);
const STANDARD = new Set(['sub', ...PLAIN_STRING_CLAIMS, ...BOOLEAN_CLAIMS, 'address', 'updated_at']);
/** IdTokenClaims' named fields (src/id_token/mod.rs:207-236), and what broker.rs:595 drops on purpose. */
const NOT_CUSTOM = new Set<string>([...ID_TOKEN_FIELDS, 'jti', 'nbf', 'fva']);

/** Whether a claim reaches the identity as a custom claim (broker.rs:561-601). */
export function isCustomClaim(name: string): boolean {
  if (NOT_CUSTOM.has(name)) return false;
  const [field, tag] = splitLanguageTag(name);
  if (LOCALIZED.has(field)) return false;
  return !(tag === undefined && STANDARD.has(field));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** chrono's `to_rfc3339()` of a UTC time: `+00:00`, and only the sub-second digits there are (3, 6 or 9). */
function rfc3339(ms: number, nanos: number): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const fraction =
    nanos === 0
      ? ''
      : nanos % 1_000_000 === 0
        ? `.${pad(nanos / 1_000_000, 3)}`
        : nanos % 1000 === 0
          ? `.${pad(nanos / 1000, 6)}`
          : `.${pad(nanos, 9)}`;
  return `${date}T${time}${fraction}+00:00`;
}

/** `updated_at` as the identity carries it: `claims.updated_at().map(|dt| dt.to_rfc3339())` (broker.rs:632). */
export function updatedAtText(v: unknown): string | undefined {
  if (typeof v === 'number') {
    const ms = oidcTimestampMs(v);
    if (ms === undefined) return undefined;
    const secs = Math.floor(v);
    return rfc3339(secs * 1000, Math.floor((v - secs) * 1e9));
  }
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/.exec(v);
  if (!m) return undefined;
  const zone = m[4].toUpperCase() === 'Z' ? 'Z' : m[4];
  const whole = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(whole)) return undefined;
  const nanos = Number((m[3] ?? '').slice(0, 9).padEnd(9, '0'));
  return rfc3339(whole, nanos);
}

/** One field of the identity, with the claim it was read from. */
export interface IdentityEntry {
  field: string;
  value: unknown;
  /** The payload claim the value is, unchanged (undefined when the backend derived it). */
  claim?: string;
}

/** Code point order, which is the byte order of the UTF-8 strings in the backend's BTreeMap. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The identity's fields in the order the backend writes them: tokenIdentifier, issuer, subject, the profile
 * fields that have a value, then every custom claim in key order (a custom claim named like an earlier field
 * replaces that field's value where it stands, json.rs:912 `#[serde(flatten)]` into an ordered map). `limit`
 * bounds the custom claims (the token panel shows no more than it shows claims).
 */
export function identityEntries(payload: Record<string, unknown>, limit = Infinity): IdentityEntry[] {
  const iss = String(own(payload, 'iss'));
  const sub = String(own(payload, 'sub'));
  const entries: IdentityEntry[] = [
    { field: 'tokenIdentifier', value: `${iss}|${sub}` },
    { field: 'issuer', value: iss, claim: 'iss' },
    { field: 'subject', value: sub, claim: 'sub' },
  ];
  for (const [claim, field] of PROFILE_FIELDS) {
    const v = own(payload, claim);
    if (v === undefined || v === null) continue; // a null claim is None: the field is left out
    if (claim === 'address') {
      const formatted = Array.isArray(v) ? (v as unknown[])[0] : own(v as Record<string, unknown>, 'formatted');
      if (typeof formatted === 'string') entries.push({ field, value: formatted });
    } else if (claim === 'updated_at') {
      const text = updatedAtText(v);
      if (text !== undefined) entries.push({ field, value: text });
    } else {
      entries.push({ field, value: v, claim });
    }
  }
  const custom = Object.keys(payload).filter(isCustomClaim).sort(byCodePoint).slice(0, limit);
  for (const name of custom) {
    const at = entries.findIndex((e) => e.field === name);
    const entry = { field: name, value: payload[name], claim: name };
    if (at >= 0) entries[at] = entry;
    else entries.push(entry);
  }
  return entries;
}

/** `ctx.auth.getUserIdentity()` for a payload Convex accepted. A `__proto__` claim stays an ordinary key. */
export function convexIdentity(payload: Record<string, unknown>): {
  tokenIdentifier: string;
  subject: string;
  issuer: string;
  [field: string]: unknown;
} {
  const identity = {} as { tokenIdentifier: string; subject: string; issuer: string; [field: string]: unknown };
  for (const e of identityEntries(payload))
    Object.defineProperty(identity, e.field, { value: e.value, enumerable: true, writable: true, configurable: true });
  return identity;
}

/**
 * The token panel's preview of the same identity, prepared for the webview: hidden characters marked, nesting
 * bounded, and the claims table's prepared value reused where the identity holds the claim unchanged.
 */
export function predictIdentity(
  payload: Record<string, unknown>,
  display: DisplayBuilder,
  shown?: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  const identity = Object.create(null) as Record<string, unknown>;
  for (const e of identityEntries(payload, MAX_SHOWN_CLAIMS)) {
    const key = display.text(e.field, 'identity (key)');
    identity[key] =
      e.claim !== undefined && shown?.has(e.claim) ? shown.get(e.claim) : display.value(e.value, `identity.${key}`);
  }
  return identity;
}
