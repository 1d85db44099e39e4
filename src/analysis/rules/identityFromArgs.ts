// identity-from-args: a public query, mutation or action that takes the user it acts for from its arguments
// (`userId`, `clerkId`, `ownerId`, `tokenIdentifier`, …) and uses it to read, look up or write rows. Any client can
// send any id, so the function serves whoever it is told to be. Convex vouches only for the caller in ctx.auth.
// Left alone: internal functions (no client can call them), functions that bind the argument to the caller (compare
// it with the identity, or hand both to an access check), that call an access check at all (`requireAdmin(ctx)`: a
// helper whose body reads ctx.auth and stops, judged by its name only when its body is nowhere to be seen),
// that act as the caller and treat the argument as another user (the identity is used in the database too, or a
// mutation or action keeps the caller in a local: the argument then names the user it acts on), that
// check a shared secret argument first (only the app's server holds it),
// reads that return only another user's public profile (name, picture), and reads that only leave the argument's
// user out (`q.neq`). `subject` (the JWT's word, and a course's) counts only where it fills a field that holds a user.
import type * as t from '@babel/types';
import { endOf, startOf } from '../ast';
import { RULES } from '../ruleCatalog';
import { fixFor } from './identityFromArgs/fix';
import { messageFor } from './identityFromArgs/message';
import { readHandler } from './identityFromArgs/handler';
import { helperJudge, identityFreeExports } from './identityFromArgs/helperCalls';
import { apart, type Placed } from './identityFromArgs/paths';
import { secretChecks } from './identityFromArgs/secret';
import { holdsUser, rootCall, tableOf, USERS_TABLE } from './identityFromArgs/slots';
import { argsObject, isGeneratedServer, publicFunctions, userArgs } from './identityFromArgs/publicFunctions';
import { report, type RuleContext } from './shared';

/** A short name for where the argument goes: `ctx.db.query("notes")`, `ctx.db.insert("users", …)`, `getProfile(ctx, …)`. */
function describeSink(rc: RuleContext, sink: t.Node): string {
  const text = rc.scan.text;
  const call = rootCall(sink);
  if (call.type === 'CallExpression') {
    const callee = text.slice(startOf(call.callee), endOf(call.callee)).replace(/\s+/g, '');
    const first = call.arguments[0];
    const firstText = first?.type === 'StringLiteral' ? text.slice(startOf(first), endOf(first)) : first ? '…' : '';
    return `${callee}(${firstText}${call.arguments.length > 1 ? ', …' : ''})`;
  }
  const written = text.slice(startOf(sink), endOf(sink)).replace(/\s+/g, ' ');
  return written.length > 60 ? `${written.slice(0, 57)}…` : written;
}

/**
 * The handler writes the users table: `ctx.db.insert("users", …)`, or a patch/replace of a row it read from that
 * table (`const user = await ctx.db.query("users")…; await ctx.db.patch(user._id, …)`).
 */
function writesUsers(rc: RuleContext, handler: t.Node): boolean {
  const text = rc.scan.text.slice(startOf(handler), endOf(handler));
  for (const m of text.matchAll(/\bdb\s*\.\s*insert\s*\(\s*["'`](\w+)["'`]/g))
    if (USERS_TABLE.test(m[1] ?? '')) return true;
  for (const m of text.matchAll(
    /\b(?:const|let)\s+([\w$]+)\s*=\s*await\s+[\w$.]*db\s*\.\s*query\s*\(\s*["'`](\w+)["'`]/g,
  )) {
    if (!USERS_TABLE.test(m[2] ?? '')) continue;
    const row = (m[1] ?? '').replace(/\$/g, '\\$');
    if (new RegExp(`\\bdb\\s*\\.\\s*(?:patch|replace)\\s*\\(\\s*${row}\\s*(?:\\?|!)?\\.\\s*_id\\b`).test(text))
      return true;
  }
  return false;
}

/**
 * The handler reads who is calling (ctx.auth, an access check, a helper that does): an email it takes then names
 * another user it acts on, and whether it may is the handler's authorisation, not this rule's to judge.
 */
function readsCaller(rc: RuleContext, handler: t.Node, facts: ReturnType<typeof readHandler>): boolean {
  if (facts.accessCheck || facts.clears.length > 0 || facts.identities.size > 0) return true;
  return /\bauth\b/.test(rc.scan.text.slice(startOf(handler), endOf(handler)));
}

/** Reports, and returns the file's exported helpers seen never to read the identity (for the index). */
export function identityFromArgsRules(rc: RuleContext): string[] {
  if (!rc.scan.importDecls.some((d) => isGeneratedServer(d.source.value))) return [];
  const helper = helperJudge(rc);
  for (const fn of publicFunctions(rc)) {
    const args = userArgs(fn);
    if (args.length === 0) continue;
    const facts = readHandler(
      fn,
      args.map((a) => a.name),
      helper,
    );
    // A check of a shared secret argument authorises the caller as an access check does (secret.ts).
    facts.clears.push(...secretChecks(fn.handler, rc.scan.text));
    for (const arg of args) {
      // A mutation or action that keeps the caller read from ctx.auth and also takes a user id acts as that caller on the
      // user named (kick a member, change a member's role): the argument is a target, not a claim to be the caller,
      // and whether the handler's authorisation of the caller is right is beyond this rule. Only an argument taken
      // in preference to the caller (prefers.ts) still replaces the caller.
      if (fn.kind !== 'query' && facts.readsCaller && !facts.prefers.has(arg.name)) continue;
      // A use is open when every check that the handler acts as the caller sits on another path (paths.ts).
      const checks = [...facts.clears, ...(facts.boundAt.get(arg.name) ?? [])];
      const open = (use: Placed): boolean => checks.every((c) => apart(c, use));
      // `subject` is a user only where the handler stores or matches it as one (a course subject is not).
      const wholeAsUser = facts.wholeArgsCall !== undefined && holdsUser(arg.name, tableOf(facts.wholeArgsCall));
      if (arg.ambiguous && !facts.heldAsUser.has(arg.name) && !wholeAsUser) continue;
      // An email names the user only in a function that writes the users table it keys (creates or upgrades them).
      if (arg.email && (fn.kind === 'query' || !writesUsers(rc, fn.handler) || readsCaller(rc, fn.handler, facts)))
        continue;
      const refs = [...(facts.refs.get(arg.name) ?? []), ...(facts.carried.get(arg.name) ?? [])];
      const sinks = refs.filter((r) => r.sink && open(r));
      const write = sinks.find((r) => r.sink?.write);
      const whole = facts.wholeArgsWrite;
      const wholeWrite =
        whole && argsObject(fn) && open({ node: whole, path: facts.wholeArgsPath ?? [] }) ? whole : undefined;
      if (sinks.length === 0 && !wholeWrite) continue;
      if (arg.writesOnly && !write && !wholeWrite) continue;
      if (!write && !wholeWrite && facts.returnsPublicOnly && !facts.returnsOther) continue;
      const check = sinks.find((r) => r.sink?.check);
      const sink = write?.sink ?? (wholeWrite ? { node: wholeWrite, write: true } : (check ?? sinks[0])?.sink);
      if (!sink) continue;
      // `ctx.db.insert("requests", …)` rather than the `args` handed to it.
      const described = describeSink(rc, sink.node === wholeWrite ? (facts.wholeArgsCall ?? sink.node) : sink.node);
      const does = sink.write
        ? `writes rows for it (${described})`
        : sink.inJs
          ? `picks rows by it from those it read (${describeSink(rc, sink.inJs)} compares ${describeSink(rc, sink.node)})`
          : `reads rows by it (${described})`;
      const prefers = facts.prefers.has(arg.name);
      // The fix takes one argument's uses to ctx.auth: where the handler also reads the caller, the author picks.
      const fix = prefers || arg.email ? undefined : fixFor(rc, fn, arg, facts);
      const said = { name: arg.label ?? arg.name, kind: fn.kind, does, write: sink.write, prefers, email: arg.email };
      report(
        rc,
        RULES.identityFromArgs,
        startOf(arg.declared),
        endOf(arg.declared),
        messageFor({ ...said, check: !sink.write && sink.check === true, compared: describeSink(rc, sink.node) }),
        fix ? [fix] : [],
        [{ start: startOf(sink.node), end: endOf(sink.node), message: `${arg.name} is used here` }],
      );
    }
  }
  return identityFreeExports(rc, helper);
}
