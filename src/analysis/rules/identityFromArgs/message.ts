// What identity-from-args says, by what the handler does with the argument: a write acts as the user named, an
// access check lets the claim through, a query that only reads hands that user's rows to whoever asks (which is a
// public profile page's whole point, so the advice names both ways out), and an argument taken in preference to
// ctx.auth lets the client pick the user whenever it sends one.
import type { PublicFunction } from './publicFunctions';

export interface Said {
  /** The argument as written (`userId`, `user.id`). */
  name: string;
  kind: PublicFunction['kind'];
  /** `writes rows for it (…)`, `reads rows by it (…)`, … */
  does: string;
  /** The comparison, for an access check (`fair.judgeId !== args.userId`). */
  compared: string;
  write: boolean;
  check: boolean;
  prefers: boolean;
  /** The argument is an email address that keys the users table. */
  email?: boolean;
}

const IDENTITY = '`(await ctx.auth.getUserIdentity())` (its `subject` is the Clerk user id)';
const FROM_AUTH = `take the user from ${IDENTITY} instead of an argument`;
const LESSON = "Lesson 7 builds on this: each user's own rows only.";

export function messageFor(s: Said): string {
  const arg = `\`${s.name}\` comes from the caller`;
  if (s.email)
    return `${arg}, so any client can send another user's email address, and this ${s.kind} ${s.does}${s.write ? '' : ' and writes the users table'}: it acts for whichever user the client names. Convex vouches only for the user in ctx.auth: take the user from \`(await ctx.auth.getUserIdentity())\` instead of an argument (its \`subject\` is the Clerk user id; its \`email\` is there when Clerk's token carries it). ${LESSON}`;
  if (s.prefers)
    return `${arg}, and whenever a client sends it, this ${s.kind} uses it instead of the signed-in user in ctx.auth, so any client can pick another user, and it ${s.does}. Convex vouches only for the user in ctx.auth: drop the argument and take the user from ${IDENTITY}. ${LESSON}`;
  if (s.check)
    return `${arg}, so any client can send another user's id, and this ${s.kind} checks access by it (${s.compared}): a client that sends the id of a user the check accepts gets through. Convex vouches only for the user in ctx.auth: compare the row with the user from ${IDENTITY} instead. ${LESSON}`;
  if (!s.write && s.kind === 'query')
    return `${arg}, so any client can name any user, and this query ${s.does}: what it returns about that user reaches whoever called. If those rows are that user's alone, ${FROM_AUTH}; if anyone may see them, return only public fields (name, picture). ${LESSON}`;
  return `${arg}, so any client can send another user's id, and this ${s.kind} ${s.does}. Convex vouches only for the user in ctx.auth: ${FROM_AUTH}. ${LESSON}`;
}
