// An argument that carries the user one level down, in a `v.object` of its own: `user: v.object({ id: v.string(),
// email: … })` (a Clerk user passed whole) or `session: v.object({ user_id: v.string(), … })`. The id is then as
// much the caller's to choose as a top-level `userId`.
import type * as t from '@babel/types';
import { callsGetUserIdentity, keyName, unwrapTs } from '../../ast';
import { walk } from '../../traverse';

/** An argument as publicFunctions.ts's UserArg has it (written out here: that file imports this one). */
interface ObjectUserArg {
  name: string;
  declared: t.Node;
  validator: t.Node;
  label: string;
}

/** An argument that is the user itself, so its `id` field is the user's id. */
const USER_OBJECT = /^(clerk_?)?user$/i;

/** The fields of `v.object({ … })` written in place. */
function objectFields(validator: t.Node): t.ObjectExpression | undefined {
  const v = unwrapTs(validator);
  if (v.type !== 'CallExpression' || v.callee.type !== 'MemberExpression' || v.callee.computed) return undefined;
  const { object, property } = v.callee;
  if (object.type !== 'Identifier' || object.name !== 'v' || property.type !== 'Identifier') return undefined;
  const fields = property.name === 'object' ? v.arguments[0] : undefined;
  return fields?.type === 'ObjectExpression' ? fields : undefined;
}

/** Whether the handler reads the identity anywhere (unlike caller.ts's readsIdentity, which asks of one value). */
function handlerReadsIdentity(handler: t.Function): boolean {
  let found = false;
  walk(handler.body, {
    enter(n) {
      found ||= n.type === 'CallExpression' && callsGetUserIdentity(n);
    },
  });
  return found;
}

/**
 * The arguments of `args` not already taken whose object validator has a field naming the user (`userArg`, the
 * names a top-level argument is read by), or an `id` when the argument is the user. `declared` is that field, so a
 * finding sits on the id, and `label` names the path (`session.user_id`). None when the handler reads the identity:
 * whether it binds a field one level down to the caller is not followed, so it could not be told.
 */
export function objectUserArgs(
  handler: t.Function,
  args: t.ObjectExpression,
  taken: readonly { name: string }[],
  userArg: RegExp,
): ObjectUserArg[] {
  const out: ObjectUserArg[] = [];
  let reads: boolean | undefined; // walked once, and only when a field names the user
  for (const p of args.properties) {
    const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
    if (p.type !== 'ObjectProperty' || !key || taken.some((u) => u.name === key)) continue;
    const fields = objectFields(p.value);
    const field = fields?.properties.find((f): f is t.ObjectProperty => {
      const name = f.type === 'ObjectProperty' ? keyName(f) : undefined;
      return name !== undefined && (userArg.test(name) || (USER_OBJECT.test(key) && name === 'id'));
    });
    const name = field && keyName(field);
    if (field && name && !(reads ??= handlerReadsIdentity(handler)))
      out.push({ name: key, declared: field, validator: field.value, label: `${key}.${name}` });
  }
  return out;
}
