// An argument that plays the caller whatever it is called: the handler stops unless it is a row's owner or one of
// its members (`if (team.ownerId !== inviterId && !team.members.includes(inviterId)) throw …`). That is an access
// check run on the client's claim, so the argument is the acting user's id.
import type * as t from '@babel/types';
import { keyName, propertyOf, unwrapTs } from '../../ast';
import { walkNodes } from '../../traverse';

/** Fields that name who owns or may act on a row. */
const OWNER_FIELD = /owner|author|creator|createdBy|^user_?id$|admin/i;
/** Lists of the users who may act on a row. */
const MEMBER_LIST = /member|admin|owner|editor|collaborator|participant|users/i;
/** Names of a target the caller acts on (the member added, the user invited): never the caller. */
const TARGET =
  /^(member|invitee|target|recipient|receiver|other|friend|new|assignee|participant|follow|blocked|invited|to)/i;
/** Names of an id (`inviterId`, `approver_id`). */
const ID_NAME = /(Id|_id)$/;

function fieldOf(n: t.Node): string | undefined {
  const e = unwrapTs(n);
  return (e.type === 'MemberExpression' || e.type === 'OptionalMemberExpression') &&
    !e.computed &&
    e.property.type === 'Identifier'
    ? e.property.name
    : undefined;
}

/** Whether a statement stops the handler: `throw`, or a block that throws. */
function stops(n: t.Node): boolean {
  if (n.type === 'ThrowStatement') return true;
  return n.type === 'BlockStatement' && n.body.some((s) => s.type === 'ThrowStatement');
}

/**
 * The arguments of a handler, among `candidates` (id-named, not already taken as users), that an access check is run on:
 * an `if` whose branch throws when the argument is not the row's owner (`!==`) or not in its members
 * (`!row.members.includes(arg)`).
 */
export function authorizingArgs(handler: t.Function, candidates: readonly string[]): Set<string> {
  const names = candidates.filter((c) => ID_NAME.test(c) && !TARGET.test(c));
  const found = new Set<string>();
  if (names.length === 0) return found;
  const argsParam = handler.params[1];
  const argsName = argsParam?.type === 'Identifier' ? argsParam.name : undefined;
  const locals = new Map<string, string>();
  if (argsParam?.type === 'ObjectPattern')
    for (const p of argsParam.properties) {
      const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
      if (p.type === 'ObjectProperty' && key && names.includes(key) && p.value.type === 'Identifier')
        locals.set(p.value.name, key);
    }
  const argOf = (n: t.Node): string | undefined => {
    const e = unwrapTs(n);
    if (e.type === 'Identifier') return locals.get(e.name);
    const property = propertyOf(e, argsName);
    if (property && names.includes(property)) return property;
    return undefined;
  };
  /** Access tests inside an `if` test that throws on failure: `row.ownerId !== arg`, `!row.members.includes(arg)`. */
  const inTest = (test: t.Node): void =>
    walkNodes(test, (n) => {
      if (n.type === 'BinaryExpression' && (n.operator === '!==' || n.operator === '!=')) {
        const l = argOf(n.left);
        const r = argOf(n.right);
        const arg = l ?? r;
        const other = l ? n.right : n.left;
        if (arg && OWNER_FIELD.test(fieldOf(other) ?? '')) found.add(arg);
      }
      if (n.type === 'UnaryExpression' && n.operator === '!') {
        const call = unwrapTs(n.argument);
        if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return;
        const arg = call.arguments[0] && argOf(call.arguments[0]);
        const method = fieldOf(call.callee);
        if (arg && method === 'includes' && MEMBER_LIST.test(fieldOf(call.callee.object) ?? '')) found.add(arg);
      }
    });
  walkNodes(handler.body, (n) => {
    if (n.type === 'IfStatement' && stops(n.consequent)) inTest(n.test);
  });
  return found;
}
