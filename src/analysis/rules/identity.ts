// Identity rules for Convex functions: await getUserIdentity(), check it for null, read fields that exist.
import type * as t from '@babel/types';
import { endOf, indentAt, keyName, startOf } from '../ast';
import { RULES } from '../ruleCatalog';
import type { NodeAt } from '../scan';
import { walk } from '../traverse';
import type { Fix, TextEdit } from '../types';
import { report, type RuleContext } from './shared';

/** Names people reach for that Convex's UserIdentity does not have, and the field they mean. */
const WRONG_FIELDS: Record<string, { field: string; exact: boolean }> = {
  id: { field: 'subject', exact: false },
  userId: { field: 'subject', exact: false },
  user_id: { field: 'subject', exact: false },
  uid: { field: 'subject', exact: false },
  clerkId: { field: 'subject', exact: false },
  sub: { field: 'subject', exact: true },
  iss: { field: 'issuer', exact: true },
  given_name: { field: 'givenName', exact: true },
  family_name: { field: 'familyName', exact: true },
  picture: { field: 'pictureUrl', exact: true },
  email_verified: { field: 'emailVerified', exact: true },
  phone_number: { field: 'phoneNumber', exact: true },
  phone_number_verified: { field: 'phoneNumberVerified', exact: true },
  preferred_username: { field: 'preferredUsername', exact: true },
  updated_at: { field: 'updatedAt', exact: true },
};

const isName = (n: t.Node, name: string): boolean => n.type === 'Identifier' && n.name === name;
const isNullish = (n: t.Node): boolean => n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');

function comparesToNull(test: t.Node, name: string, ops: string[]): boolean {
  return test.type === 'BinaryExpression' && ops.includes(test.operator)
    && ((isName(test.left, name) && isNullish(test.right)) || (isName(test.right, name) && isNullish(test.left as t.Node)));
}

/** The test is true only when the identity is present. */
function positive(test: t.Node, name: string): boolean {
  if (isName(test, name)) return true;
  if (comparesToNull(test, name, ['!==', '!='])) return true;
  if (test.type === 'LogicalExpression' && test.operator === '&&') return positive(test.left, name) || positive(test.right, name);
  if (test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'UnaryExpression' && test.argument.operator === '!') return isName(test.argument.argument, name);
  return test.type === 'CallExpression' && isName(test.callee, 'Boolean') && test.arguments[0] !== undefined && isName(test.arguments[0], name);
}

/** The test is true whenever the identity is missing. */
function negative(test: t.Node, name: string): boolean {
  if (test.type === 'UnaryExpression' && test.operator === '!') return isName(test.argument, name);
  if (comparesToNull(test, name, ['===', '=='])) return true;
  return test.type === 'LogicalExpression' && test.operator === '||' && (negative(test.left, name) || negative(test.right, name));
}

function exits(s: t.Node): boolean {
  if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement' || s.type === 'ContinueStatement' || s.type === 'BreakStatement') return true;
  if (s.type === 'BlockStatement') {
    const last = s.body[s.body.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

function guarded(use: t.Node, ancestors: readonly t.Node[], name: string): boolean {
  let child: t.Node = use;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as t.Node;
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression')
      && ((child === a.consequent && positive(a.test, name)) || (child === a.alternate && negative(a.test, name)))) return true;
    if (a.type === 'LogicalExpression' && child === a.right
      && ((a.operator === '&&' && positive(a.left, name)) || (a.operator === '||' && negative(a.left, name)))) return true;
    if (a.type === 'BlockStatement' || a.type === 'Program') {
      const body = a.body as t.Node[];
      const idx = body.indexOf(child);
      for (let j = 0; j < idx; j++) {
        const s = body[j] as t.Node;
        if (s.type === 'IfStatement' && negative(s.test, name) && exits(s.consequent)) return true;
      }
    }
    child = a;
  }
  return false;
}

interface BindingUses {
  members: { node: t.MemberExpression | t.OptionalMemberExpression; prop: string; guarded: boolean }[];
  patterns: { key: t.Node; prop: string }[];
  hasCheck: boolean;
}

function collectUses(scope: t.Node, name: string, after: number): BindingUses {
  const uses: BindingUses = { members: [], patterns: [], hasCheck: false };
  walk(scope, {
    enter(node, ancestors) {
      if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && (positive(node.test, name) || negative(node.test, name))) uses.hasCheck = true;
      if (node.type === 'LogicalExpression' && (positive(node.left, name) || negative(node.left, name))) uses.hasCheck = true;
      if (startOf(node) < after) return;
      if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && isName(node.object, name) && !node.computed && node.property.type === 'Identifier') {
        const optional = node.type === 'OptionalMemberExpression' && node.optional === true;
        uses.members.push({ node, prop: node.property.name, guarded: optional || guarded(node, ancestors, name) });
      } else if (node.type === 'VariableDeclarator' && node.init && isName(node.init, name) && node.id.type === 'ObjectPattern') {
        for (const p of node.id.properties) {
          const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
          if (p.type === 'ObjectProperty' && key) uses.patterns.push({ key: p.key, prop: key });
        }
      }
    },
  });
  return uses;
}

function reportField(rc: RuleContext, node: t.Node, prop: string): void {
  const wrong = WRONG_FIELDS[prop];
  if (!wrong) return;
  const fix: Fix = { title: `Use ${wrong.field}`, mechanical: wrong.exact, edits: [{ start: startOf(node), end: endOf(node), newText: wrong.field }] };
  const hint = wrong.field === 'subject'
    ? 'Use `subject` (the Clerk user ID, the token\'s `sub`) or `tokenIdentifier` (unique across providers).'
    : `Convex renames it: use \`${wrong.field}\`.`;
  report(rc, RULES.identityField, startOf(node), endOf(node), `\`${prop}\` does not exist on a Convex UserIdentity, so it is always undefined. ${hint}`, [fix]);
}

/** How a getUserIdentity() call is consumed: the node holding its value, and whether that value is awaited. */
function consumption(call: NodeAt<t.CallExpression>): { value: t.Node; parent: t.Node | undefined; awaited: boolean; passedOn: boolean } {
  let value: t.Node = call.node;
  let i = call.ancestors.length - 1;
  let parent = call.ancestors[i];
  while (parent && (parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) {
    value = parent;
    parent = call.ancestors[--i];
  }
  if (parent?.type === 'AwaitExpression') return { value: parent, parent: call.ancestors[i - 1], awaited: true, passedOn: false };
  const passedOn = parent === undefined || parent.type === 'ReturnStatement' || parent.type === 'ArrowFunctionExpression'
    || parent.type === 'YieldExpression' || parent.type === 'ArrayExpression'
    || (parent.type === 'CallExpression' && parent.arguments.includes(value as t.Expression))
    || (parent.type === 'MemberExpression' && parent.object === value && parent.property.type === 'Identifier' && ['then', 'catch', 'finally'].includes(parent.property.name));
  return { value, parent, awaited: false, passedOn };
}

function awaitFix(call: NodeAt<t.CallExpression>, parent: t.Node | undefined): Fix {
  const needsParens = parent?.type === 'MemberExpression' || parent?.type === 'OptionalMemberExpression' || parent?.type === 'CallExpression';
  const edits: TextEdit[] = needsParens
    ? [{ start: startOf(call.node), end: startOf(call.node), newText: '(await ' }, { start: endOf(call.node), end: endOf(call.node), newText: ')' }]
    : [{ start: startOf(call.node), end: startOf(call.node), newText: 'await ' }];
  const fn = call.fn?.node;
  const isAsync = !fn || fn.async === true;
  if (fn && !fn.async) edits.push({ start: startOf(fn), end: startOf(fn), newText: 'async ' });
  return { title: isAsync ? 'Add await' : 'Add await (and make the function async)', mechanical: isAsync, edits };
}

function nullCheckFix(rc: RuleContext, decl: t.Node, name: string): Fix {
  const text = rc.scan.text;
  const indent = indentAt(text, startOf(decl));
  const end = endOf(decl);
  return {
    title: `Stop when ${name} is null (not signed in)`,
    mechanical: false,
    edits: [{ start: end, end, newText: `\n${indent}if (${name} === null) {\n${indent}  throw new Error("Not authenticated");\n${indent}}` }],
  };
}

/** Returns how many bindings read the identity correctly (awaited, checked, right fields). */
export function identityRules(rc: RuleContext): number {
  let correct = 0;
  for (const call of rc.scan.identityCalls) {
    const { value, parent, awaited, passedOn } = consumption(call);
    if (!awaited && !passedOn) {
      report(rc, RULES.identityNotAwaited, startOf(call.node), endOf(call.node),
        'getUserIdentity() returns a Promise, which is always truthy: without await every identity check passes. Write `await ctx.auth.getUserIdentity()`.',
        [awaitFix(call, parent)]);
    }
    if (parent?.type !== 'VariableDeclarator' || parent.init !== value) continue;
    const statement = call.ancestors.find((a, i) => a.type === 'VariableDeclaration' && call.ancestors[i + 1] === parent);
    const scope = call.fn?.node.body ?? rc.scan.program;
    if (parent.id.type === 'ObjectPattern') {
      for (const p of parent.id.properties) {
        const key = p.type === 'ObjectProperty' ? keyName(p) : undefined;
        if (p.type === 'ObjectProperty' && key) reportField(rc, p.key, key);
      }
      if (awaited) {
        report(rc, RULES.identityNullCheck, startOf(parent.id), endOf(parent.id),
          'getUserIdentity() returns null when nobody is signed in, and destructuring null throws. Store the identity, check it for null, then read its fields.');
      }
      continue;
    }
    if (parent.id.type !== 'Identifier') continue;
    const name = parent.id.name;
    const uses = collectUses(scope, name, endOf(parent));
    let fieldsOk = true;
    for (const m of uses.members) if (WRONG_FIELDS[m.prop]) { fieldsOk = false; reportField(rc, m.node.property, m.prop); }
    for (const p of uses.patterns) if (WRONG_FIELDS[p.prop]) { fieldsOk = false; reportField(rc, p.key, p.prop); }
    if (!awaited) continue;
    const unguarded = uses.members.find((m) => !m.guarded);
    if (unguarded) {
      report(rc, RULES.identityNullCheck, startOf(unguarded.node), endOf(unguarded.node),
        `\`${name}\` is null when nobody is signed in; reading \`${name}.${unguarded.prop}\` without a check throws. Check it first: if (${name} === null) throw … (or return an empty result).`,
        statement ? [nullCheckFix(rc, statement, name)] : [],
        [{ start: startOf(parent), end: endOf(parent), message: `${name} is read here` }]);
    } else if (uses.hasCheck && fieldsOk) {
      correct++;
    }
  }
  return correct;
}

