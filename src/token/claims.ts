// Claims as the panel shows them: `sub`, `iss`, `aud` first, each with a short explanation, times as ISO dates
// with a relative phrase computed at decode time.
import { DisplayBuilder, jsonText, nestingDepth } from './display';
import { MAX_DEPTH, MAX_SHOWN_CLAIMS } from './limits';
import type { ClaimView } from './types';

const FIRST = ['sub', 'iss', 'aud'];
const STANDARD = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'nbf']);
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at']);

const EXPLANATIONS: Record<string, string> = {
  sub: 'Subject: who the token is about (the Clerk user ID). Becomes identity.subject.',
  iss: 'Issuer: who made the token (your Clerk Frontend API URL). Must match the provider domain in convex/auth.config.',
  aud: 'Audience: who the token is for. Must contain the provider applicationID ("convex").',
  exp: 'Expires at: Convex rejects the token from this second on, with no leeway.',
  iat: 'Issued at: when Clerk made the token.',
  nbf: 'Not before: the token is not valid before this time.',
  azp: 'Authorized party: the origin of the app that asked Clerk for the token.',
  sid: 'Session ID: the Clerk session this token belongs to.',
  sts: 'Session status (Clerk).',
  v: "Version of Clerk's session token format.",
  fva: 'Factor verification age (Clerk): minutes since the first and second factor were verified. Convex drops it.',
  jti: 'Token ID: unique per token.',
  auth_time: 'When the user signed in.',
  name: 'Full name: becomes identity.name.',
  given_name: 'Given name: becomes identity.givenName.',
  family_name: 'Family name: becomes identity.familyName.',
  nickname: 'Nickname: becomes identity.nickname.',
  preferred_username: 'Username: becomes identity.preferredUsername.',
  picture: 'Profile picture URL: becomes identity.pictureUrl.',
  email: 'Email address: becomes identity.email.',
  email_verified: 'Whether the email is verified: becomes identity.emailVerified.',
  phone_number: 'Phone number: becomes identity.phoneNumber.',
  phone_number_verified: 'Whether the phone number is verified: becomes identity.phoneNumberVerified.',
  updated_at: 'When the user profile last changed: becomes identity.updatedAt.',
  org_id: 'Active organization (Clerk): a custom claim, passed through to the identity.',
  org_role: 'Role in the active organization (Clerk): a custom claim, passed through to the identity.',
};

const UNITS: [number, string][] = [
  [86400, 'day'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** "42 s", "3 min", "2 h", "5 days": the largest whole unit. */
export function duration(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  for (const [size, unit] of UNITS) {
    if (s >= size || size === 1) {
      const n = Math.floor(s / size);
      return unit === 'day' ? `${n} day${n === 1 ? '' : 's'}` : `${n} ${unit}`;
    }
  }
  return `${s} s`;
}

function relative(name: string, seconds: number, nowSec: number): string {
  const delta = seconds - nowSec;
  const future = delta > 0;
  const span = duration(delta);
  switch (name) {
    case 'exp':
      return future ? `expires in ${span}` : `expired ${span} ago`;
    case 'iat':
      return future ? `issued ${span} in the future` : `issued ${span} ago`;
    case 'nbf':
      return future ? `valid in ${span}` : `valid since ${span} ago`;
    default:
      return future ? `in ${span}` : `${span} ago`;
  }
}

/** Dates beyond what `Date` can hold (±8.64e15 ms) get no time view rather than an exception. */
function timeView(name: string, value: unknown, nowMs: number): ClaimView['time'] {
  if (!TIME_CLAIMS.has(name) || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const ms = value * 1000;
  if (Math.abs(ms) > 8.64e15) return undefined;
  return { iso: new Date(ms).toISOString(), relative: relative(name, value, Math.floor(nowMs / 1000)) };
}

/** `shown` receives each prepared claim's displayed value by its original name, for the identity to reuse. */
export function claimViews(
  payload: Record<string, unknown>,
  display: DisplayBuilder,
  nowMs: number,
  shown?: Map<string, unknown>,
): ClaimView[] {
  const names = Object.keys(payload);
  const ordered = [...FIRST.filter((n) => names.includes(n)), ...names.filter((n) => !FIRST.includes(n))];
  return ordered.map((name, i) => {
    // Past what the panel draws, a claim is only counted: its name is kept, its value is not prepared.
    if (i >= MAX_SHOWN_CLAIMS) return { name: '', value: null };
    const shownName = display.text(name, 'claims (name)');
    const view: ClaimView = { name: shownName, value: display.value(payload[name], `claims.${shownName}`) };
    shown?.set(name, view.value);
    if (Object.hasOwn(EXPLANATIONS, name)) view.explanation = EXPLANATIONS[name];
    if (STANDARD.has(name)) view.standard = true;
    const time = timeView(name, payload[name], nowMs);
    if (time) view.time = time;
    const full = wholeValue(payload[name]);
    if (full !== undefined) view.full = full;
    return view;
  });
}

/** Past this many characters (or MAX_DEPTH levels) a value is shown cut, so the report carries it whole for copying. */
const SHOWN_IN_FULL = 1000;

function wholeValue(value: unknown): string | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'string')) return undefined;
  if (typeof value === 'string' && value.length <= SHOWN_IN_FULL) return undefined;
  const text = jsonText(value);
  return text.length > SHOWN_IN_FULL || nestingDepth(value) > MAX_DEPTH ? text : undefined;
}
