// The public functions of a Convex file and the arguments that name the user they act for.
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../../ast';
import { userRowArg, validatesUserRow } from '../identityArgShapes';
import { argsFields } from './argsValidator';
import { authorizingArgs } from './authorizes';
import { objectUserArgs } from './objectArgs';
import type { RuleContext } from '../shared';

const PUBLIC_KINDS = new Map([
  ['query', 'query'],
  ['mutation', 'mutation'],
  ['action', 'action'],
  ['queryGeneric', 'query'],
  ['mutationGeneric', 'mutation'],
  ['actionGeneric', 'action'],
]);
/**
 * Argument names that name the user a function acts for: the user, or the caller in a role (`authorId`,
 * `inviterUserId`, `requestingUserId`: public functions of real projects take the acting user so). A target the
 * caller acts on (`memberUserId`, `inviteeId`, `targetUserId`) is named otherwise and is not one.
 */
const USER_ARG =
  /^(user_?id|uid|clerk_?(user_?)?id|(owner|author|creator|sender|buyer|requester|requesting|inviter|acting|caller|viewer)_?(user_?)?id|created_?by|token_?identifier|current_?user_?id|external_?id)$/i;
/**
 * The JWT's word for the user id, and an everyday word (a course's subject, an email's): a user only where the
 * handler puts it in a field that holds one (slots.ts). It never stands in for `v.id("users")` (userRowArg).
 */
const AMBIGUOUS_USER_ARG = /^subject$/i;
/**
 * An email address: a user only where the handler looks the users table up by it (`q.eq(q.field("email"), a.email)`)
 * and writes that table (identityFromArgs.ts): a mutation that creates or upgrades the user a client names by email.
 */
const EMAIL_ARG = /^(e_?mail|email_?address|user_?email)$/i;
/**
 * A password beside it: the function checks credentials itself (a sign-up or sign-in of its own, the tenth fresh
 * check's `register({ email, password })`), so the email names the account being signed into, not a claim about
 * the caller that ctx.auth could replace.
 */
const PASSWORD_ARG = /^(pass_?word(_?hash)?|passwd|pwd)$/i;
/**
 * A role of the acting user named without `Id` (`owner`, `author`): a user only where the data says so, a
 * `v.id("users")` (`owner: v.string()` is as often a GitHub owner or a display name).
 */
const ROLE_WORD = /^(user|owner|author|creator|sender|buyer|requester|inviter|viewer|caller)$/i;
export interface PublicFunction {
  kind: string;
  exportName: string;
  config?: t.ObjectExpression;
  handler: t.Function;
  /** The fields its `args` declares, written in place or held in a const of the file (argsValidator.ts). */
  fields?: t.ObjectExpression;
}

export function isGeneratedServer(source: string): boolean {
  return /(^|\/)_generated\/server(\.[cm]?[jt]s)?$/.test(source) || source === 'convex/server';
}

export function publicFunctions(rc: RuleContext): PublicFunction[] {
  const { scan } = rc;
  const fieldsOf = (config: t.ObjectExpression): { fields?: t.ObjectExpression } => {
    const prop = config.properties.find(
      (p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p) === 'args',
    );
    const fields = prop && argsFields(scan, prop.value);
    return fields ? { fields } : {};
  };
  const found: PublicFunction[] = [];
  const kindOf = (init: t.Node | null | undefined): { kind: string; call: t.CallExpression } | undefined => {
    const e = init && unwrapTs(init);
    if (e?.type !== 'CallExpression' || e.callee.type !== 'Identifier') return undefined;
    const binding = scan.imports.get(e.callee.name);
    if (!binding || !isGeneratedServer(binding.source)) return undefined;
    const kind = PUBLIC_KINDS.get(binding.imported);
    return kind ? { kind, call: e } : undefined;
  };
  const add = (exportName: string, init: t.Node | null | undefined): void => {
    const k = kindOf(init);
    const arg = k?.call.arguments[0];
    if (!k || !arg) return;
    const a = unwrapTs(arg);
    if (a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') {
      found.push({ kind: k.kind, exportName, handler: a });
      return;
    }
    if (a.type !== 'ObjectExpression') return;
    for (const p of a.properties) {
      if (p.type === 'SpreadElement' || keyName(p) !== 'handler') continue;
      const value = p.type === 'ObjectMethod' ? p : unwrapTs(p.value);
      if (
        value.type === 'ObjectMethod' ||
        value.type === 'ArrowFunctionExpression' ||
        value.type === 'FunctionExpression'
      )
        found.push({ kind: k.kind, exportName, config: a, handler: value, ...fieldsOf(a) });
    }
  };
  for (const s of scan.program.body) {
    if (s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'VariableDeclaration') {
      for (const d of s.declaration.declarations) if (d.id.type === 'Identifier') add(d.id.name, d.init);
    } else if (s.type === 'ExportDefaultDeclaration') {
      add('default', s.declaration);
    }
  }
  return found;
}

export interface UserArg {
  name: string;
  /** The `userId: v.string()` property of `args`, or the destructured parameter when there is no validator. */
  declared: t.Node;
  validator?: t.Node;
  /** Named only by its validator (`v.id("users")`): reported for writes alone. */
  writesOnly?: boolean;
  /** Named `subject`: reported only where the handler shows it holds a user. */
  ambiguous?: boolean;
  /** An email address: reported only where it keys a users table that the handler writes. */
  email?: true;
  /** The id's path when it is a field of the argument (`session.user_id`, objectArgs.ts). */
  label?: string;
}

export function argsObject(fn: PublicFunction): t.ObjectExpression | undefined {
  return fn.fields;
}

export function userArgs(fn: PublicFunction): UserArg[] {
  const args = argsObject(fn);
  const out: UserArg[] = [];
  const ambiguous: UserArg[] = [];
  if (args) {
    const credentials = args.properties.some((p) => p.type === 'ObjectProperty' && PASSWORD_ARG.test(keyName(p) ?? ''));
    for (const p of args.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const key = keyName(p);
      if (key && (USER_ARG.test(key) || (ROLE_WORD.test(key) && validatesUserRow(p.value))))
        out.push({ name: key, declared: p, validator: p.value });
      else if (key && AMBIGUOUS_USER_ARG.test(key))
        ambiguous.push({ name: key, declared: p, validator: p.value, ambiguous: true });
      else if (key && EMAIL_ARG.test(key) && !credentials)
        ambiguous.push({ name: key, declared: p, validator: p.value, ambiguous: true, email: true });
    }
    out.push(...objectUserArgs(fn.handler, args, out, USER_ARG));
    // Named otherwise, but the handler runs its access check on it: it stands for the caller.
    const others = args.properties.filter(
      (p): p is t.ObjectProperty =>
        p.type === 'ObjectProperty' && !out.some((u) => u.declared === p) && !ambiguous.some((u) => u.declared === p),
    );
    const authorizing = authorizingArgs(
      fn.handler,
      others.map((p) => keyName(p) ?? ''),
    );
    for (const p of others) {
      const key = keyName(p);
      if (key && authorizing.has(key)) out.push({ name: key, declared: p, validator: p.value });
    }
    const row = out.length === 0 ? userRowArg(args) : undefined;
    const rowKey = row && keyName(row);
    if (row && rowKey) out.push({ name: rowKey, declared: row, validator: row.value, writesOnly: true });
  } else {
    const param = fn.handler.params[1];
    if (param?.type === 'ObjectPattern') {
      for (const p of param.properties) {
        const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
        if (key && USER_ARG.test(key)) out.push({ name: key, declared: p });
        else if (key && AMBIGUOUS_USER_ARG.test(key)) ambiguous.push({ name: key, declared: p, ambiguous: true });
      }
    }
  }
  return [...out, ...ambiguous];
}
