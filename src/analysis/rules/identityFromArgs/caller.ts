// Who the caller is: values that stand for the signed-in caller, and calls that check the caller's access.
import type * as t from '@babel/types';
import { callsGetUserIdentity, keyName, propertyOf, unwrapTs } from '../../ast';
import type { HelperVerdict } from './helperCalls';
import { SIGN_IN_NAME } from './signIn';

/** Names of functions that check access (the convention of @convex-dev/eslint-plugin's require-access-control). */
export const ACCESS_CHECK = /^(require|assert|check|ensure|verify|authori[sz]e|can|has|must)([A-Z_]|$)/;
/** Helpers that return the caller (given ctx): getCurrentUser(ctx), getAuthUserId(ctx), requireIdentity(ctx). */
const CALLER_HELPER = /user|identity|auth|viewer|caller|^me$|member|session/i;

/** What the file's own helpers do (helperCalls.ts); undefined for a helper whose body cannot be seen. */
export type HelperLookup = (name: string) => HelperVerdict | undefined;

/** `await ctx.auth.getUserIdentity()` (through TypeScript wrappers). */
export function readsIdentity(n: t.Node): boolean {
  const e = unwrapTs(n);
  return callsGetUserIdentity(e.type === 'AwaitExpression' ? unwrapTs(e.argument) : e);
}

/**
 * Whether a value stands for the caller: the identity, a local holding it (`callerLocals`, filled as the handler is
 * walked), or what a helper handed ctx returns when it returns the caller.
 */
export function callerTest(
  ctx: string | undefined,
  argsName: string | undefined,
  helper: HelperLookup,
  callerLocals: ReadonlySet<string>,
): (n: t.Node) => boolean {
  /** `ctx`, or `{ ctx }` (helpers that take their context in an object). */
  const isCtx = (a: t.Node): boolean =>
    (a.type === 'Identifier' && a.name === ctx) ||
    (a.type === 'ObjectExpression' &&
      a.properties.some(
        (p) =>
          p.type === 'ObjectProperty' && p.value.type === 'Identifier' && p.value.name === ctx && keyName(p) === 'ctx',
      ));
  const callerValue = (n: t.Node, depth = 0): boolean => {
    const e = unwrapTs(n);
    if (depth > 6) return false;
    if (e.type === 'Identifier') return callerLocals.has(e.name);
    if (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') return callerValue(e.object, depth + 1);
    if (e.type === 'AwaitExpression') return callerValue(e.argument, depth + 1);
    if (e.type === 'CallExpression') {
      if (callsGetUserIdentity(e)) return true;
      const c = e.callee;
      const first = e.arguments[0];
      if (c.type !== 'Identifier' || !first || !isCtx(first)) return false;
      const seen = helper(c.name);
      // Handed ctx alone (or with the handler's args) and seen to read the identity: it returns the caller.
      if (
        seen?.reads === 'yes' &&
        e.arguments.every((a) => isCtx(a) || (a.type === 'Identifier' && a.name === argsName))
      )
        return true;
      return CALLER_HELPER.test(c.name) && seen?.reads !== 'no'; // a helper that never reads ctx.auth returns no caller
    }
    return false;
  };
  return (n) => callerValue(n);
}

/** Whether a call to a named function checks the caller's access (`requireOwner(ctx, id)`, `assertMember(user)`). */
export function checksAccess(
  call: t.CallExpression,
  ctx: string | undefined,
  helper: HelperLookup,
  callerValue: (n: t.Node) => boolean,
): boolean {
  if (call.callee.type !== 'Identifier') return false;
  const passesCtx = call.arguments.some((a) => a.type === 'Identifier' && a.name === ctx);
  const named = ACCESS_CHECK.test(call.callee.name);
  // Judged by what the helper does where its body can be seen (it reads ctx.auth and stops on it), by its name
  // only where it cannot; a helper handed the caller's identity binds whatever it is called.
  // A helper that only requires sign-in (`requireUser(ctx)`) checks no access: it binds nothing by itself.
  const seen = passesCtx ? helper(call.callee.name) : undefined;
  let check = false;
  if (seen && seen.reads !== 'unknown') check = seen.reads === 'yes' && (seen.check || named) && !seen.signInOnly;
  else check = named && passesCtx && !SIGN_IN_NAME.test(call.callee.name);
  return check || (named && call.arguments.some((a) => callerValue(a)));
}

/**
 * Whether a value is the caller read from ctx.auth: `ctx.auth.getUserIdentity()`, or a helper handed `ctx` or
 * `ctx.auth` (`getUserContext(ctx.auth, ctx.db)`) whose body this file or the index has seen read it. Judged by what
 * the helper does, never by its name: `getUser(ctx, args.userId)` may read only the row it is told to.
 */
export function readsCallerIn(value: t.Node, ctx: string | undefined, helper: HelperLookup): boolean {
  const e = unwrapTs(value);
  const call = e.type === 'AwaitExpression' ? unwrapTs(e.argument) : e;
  if (call.type !== 'CallExpression') return false;
  if (callsGetUserIdentity(call)) return true;
  if (call.callee.type !== 'Identifier' || !ctx) return false;
  const handed = call.arguments.some((a) => {
    const e = unwrapTs(a);
    return e.type === 'Identifier' ? e.name === ctx : propertyOf(e, ctx) === 'auth';
  });
  return handed && helper(call.callee.name)?.reads === 'yes';
}
