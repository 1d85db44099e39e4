// Shapes identity-from-args reads beside argument names: a validator that names the users table, and what a
// function returns (only another user's public profile, or more).
import type * as t from '@babel/types';
import { keyName, unwrapTs } from '../ast';

/**
 * `v.id("users")`: the argument is a row of the users table whatever it is called (`likerId`, `swiperId`). Only the
 * plain form counts; `v.optional(…)` and unions say the function also works without one.
 */
export function validatesUserRow(validator: t.Node | undefined): boolean {
  const v = validator && unwrapTs(validator);
  if (v?.type !== 'CallExpression' || v.callee.type !== 'MemberExpression' || v.callee.computed) return false;
  const { object, property } = v.callee;
  const table = v.arguments[0];
  return (
    object.type === 'Identifier' &&
    object.name === 'v' &&
    property.type === 'Identifier' &&
    property.name === 'id' &&
    table?.type === 'StringLiteral' &&
    table.value === 'users'
  );
}

/** Fields of a user row that any signed-in user may see of another (a public profile). */
export const PUBLIC_FIELDS = new Set([
  'name',
  'image',
  'imageUrl',
  'avatar',
  'avatarUrl',
  'pictureUrl',
  'picture',
  'photo',
  'photoUrl',
  'profileImage',
  'profileImageUrl',
  'username',
  'displayName',
  'firstName',
  'lastName',
  'bio',
]);

const isNothing = (n: t.Node): boolean =>
  n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');

/**
 * What a returned value is: 'public' when every branch that returns something is an object of only public fields
 * (`u ? { name: u.name, avatar: u.avatar } : null`, `u && { name }`), 'nothing' for null/undefined, else 'other'.
 */
export function returnShape(ret: t.Node, publicFields: ReadonlySet<string>, depth = 0): 'public' | 'nothing' | 'other' {
  const e = unwrapTs(ret);
  if (isNothing(e)) return 'nothing';
  if (e.type === 'ObjectExpression')
    return e.properties.length > 0 &&
      e.properties.every((p) => p.type === 'ObjectProperty' && publicFields.has(keyName(p) ?? ''))
      ? 'public'
      : 'other';
  if (depth > 4) return 'other';
  const branches =
    e.type === 'ConditionalExpression'
      ? [e.consequent, e.alternate]
      : e.type === 'LogicalExpression' && e.operator === '&&'
        ? [e.right]
        : undefined;
  if (!branches) return 'other';
  const shapes = branches.map((b) => returnShape(b, publicFields, depth + 1));
  if (shapes.includes('other')) return 'other';
  return shapes.includes('public') ? 'public' : 'nothing';
}

/**
 * The argument that names the acting user by its table when none is named like one: the first `v.id("users")` of
 * `args` (`likerId` before `likedId`; the others are the users acted on). Only its writes are reported: reading
 * another user's row by id is what a profile page does.
 */
export function userRowArg(args: t.ObjectExpression): t.ObjectProperty | undefined {
  return args.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && validatesUserRow(p.value));
}
