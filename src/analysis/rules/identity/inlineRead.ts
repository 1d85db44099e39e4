// A field read on the awaited call itself, never stored as the identity: `(await ctx.auth.getUserIdentity())?.subject`
// or `(await ctx.auth.getUserIdentity())!.subject`. Real handlers write it when only one field is wanted.
import type * as t from '@babel/types';
import type { NodeAt } from '../../scanRecords';
import { walk } from '../../traverse';

export interface InlineFieldRead {
  member: t.MemberExpression | t.OptionalMemberExpression;
  prop: string;
  /** `?.`: the value is undefined without an identity; otherwise the read throws on null. */
  optional: boolean;
  /** `const userId = (await …)?.subject`: the read is the whole value of a plain name. */
  declarator?: t.VariableDeclarator;
  name?: string;
  /** The statement holding the read, when it sits directly in its function's body (it runs whenever the body does). */
  bodyStatement?: t.Statement;
}

/** The field read on `awaited` (the `await` of the call), or undefined when the value is used some other way. */
export function inlineFieldRead(call: NodeAt<t.CallExpression>, awaited: t.Node): InlineFieldRead | undefined {
  const up = call.ancestors;
  let i = up.lastIndexOf(awaited);
  if (i < 0) return undefined;
  let value: t.Node = awaited;
  let member = up[i - 1];
  while (member?.type === 'TSNonNullExpression' || member?.type === 'TSAsExpression') {
    value = member;
    member = up[--i - 1];
  }
  if (
    (member?.type !== 'MemberExpression' && member?.type !== 'OptionalMemberExpression') ||
    member.object !== value ||
    member.computed ||
    member.property.type !== 'Identifier'
  )
    return undefined;
  const optional = member.type === 'OptionalMemberExpression' && member.optional === true;
  const read: InlineFieldRead = { member, prop: member.property.name, optional };
  let j = i - 2;
  let held: t.Node = member;
  while (up[j]?.type === 'TSNonNullExpression' || up[j]?.type === 'TSAsExpression') held = up[j--];
  const holder = up[j];
  if (holder?.type === 'VariableDeclarator' && holder.init === held && holder.id.type === 'Identifier') {
    read.declarator = holder;
    read.name = holder.id.name;
  }
  const body = call.fn?.node.body;
  const statement = holder?.type === 'VariableDeclarator' ? up[j - 1] : holder;
  if (body?.type === 'BlockStatement' && statement && (body.body as t.Node[]).includes(statement))
    read.bodyStatement = statement as t.Statement;
  return read;
}

/**
 * Whether nothing before `statement` in the function's body could already have stopped without an identity: no other
 * getUserIdentity() read and no call handed the ctx (a helper such as requireUser(ctx) may check it). Only then is a
 * throwing read the function's first answer to "nobody is signed in".
 */
export function firstIdentityCheck(fn: t.Function, statement: t.Statement): boolean {
  const body = fn.body;
  const ctx = fn.params[0];
  if (body.type !== 'BlockStatement') return false;
  const ctxName = ctx?.type === 'Identifier' ? ctx.name : undefined;
  let seen = false;
  for (const s of body.body) {
    if (s === statement) return !seen;
    walk(s, {
      enter(node: t.Node): void {
        if (seen || node.type !== 'CallExpression') return;
        const callee = node.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier')
          if (callee.property.name === 'getUserIdentity') seen = true;
        if (node.arguments.some((a) => a.type === 'Identifier' && a.name === ctxName)) seen = true;
      },
    });
    if (seen) return false;
  }
  return false;
}

/**
 * Whether `node` (the awaited identity, or one field read on it) is what its function returns on every path: the
 * body's only statement is `return node`, or an arrow's body is `node`. Without an identity such a helper returns
 * null or undefined.
 */
export function returnedAsIs(call: NodeAt<t.CallExpression>, node: t.Node): boolean {
  const fn = call.fn?.node;
  if (!fn) return false;
  if (fn.body === node) return true;
  const only = fn.body.type === 'BlockStatement' && fn.body.body.length === 1 ? fn.body.body[0] : undefined;
  return only?.type === 'ReturnStatement' && only.argument === node;
}
